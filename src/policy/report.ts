/** The weekly report's rules (POLICY §5): length as a person counts it, who owes one, and what misses mean. */
import type { Label, Role, ShiftDefinition } from './policy-file.js';
import type { ReportRules } from './report-week.js';
import { addDays, shiftInterval, type LocalDate } from './time.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Characters as a person counts them: one per Chinese character, letter, digit or emoji (however many
 * code points it is built from); a run of spaces or line breaks counts once, leading and trailing ones not at all.
 */
export function humanLength(text: string): number {
  return graphemeCount(text.trim().replace(/\s+/gu, ' '));
}

/** How much text is segmented at once: walking the segments of one long string takes time growing with its square. */
const segmentWindow = 256;

/**
 * Graphemes in linear time: the text is segmented a window at a time. The window's end may cut its last
 * grapheme, or the pair of code units before it, so its last two segments are segmented again at the
 * start of the next window. A grapheme wider than a window (hundreds of combining marks) may count twice.
 */
function graphemeCount(text: string): number {
  let count = 0;
  let from = 0;
  while (from < text.length) {
    const window = text.slice(from, from + segmentWindow);
    const starts: number[] = [];
    for (const segment of graphemes.segment(window)) starts.push(segment.index);
    if (from + window.length >= text.length) return count + starts.length;
    const keep = Math.max(1, starts.length - 2);
    count += keep;
    from += starts[keep] ?? window.length;
  }
  return count;
}

/**
 * The length a summary counts for: what the person wrote in both fields, leaving out the lines the
 * bot pre-filled (the week's facts) when they are left as they were.
 */
export function writtenLength(fields: readonly string[], prefilled: readonly string[]): number {
  const given = new Set(prefilled.map((line) => line.trim()).filter((line) => line !== ''));
  const own = (text: string) =>
    text
      .split('\n')
      .filter((line) => !given.has(line.trim()))
      .join('\n');
  return fields.reduce((sum, text) => sum + humanLength(own(text)), 0);
}

/** How many more characters a summary needs, 0 when it is long enough. */
export function charactersMissing(length: number, rules: Pick<ReportRules, 'min_chars'>): number {
  return Math.max(0, rules.min_chars - length);
}

/**
 * The roster rows of a week that are facts at `at`: those whose shift has started (one in progress
 * counts, as the deadline falls inside a day shift). A code the policy no longer knows is kept.
 */
export function shiftsStartedBy<Row extends { readonly date: LocalDate; readonly shiftCode: string }>(
  rows: readonly Row[],
  at: Date,
  shifts: Readonly<Record<string, Pick<ShiftDefinition, 'start' | 'end'>>>,
  timeZone: string,
): Row[] {
  return rows.filter((row) => {
    const shift = shifts[row.shiftCode];
    return shift === undefined || shiftInterval(row.date, shift, timeZone).start.getTime() <= at.getTime();
  });
}

export interface WeekDuty {
  readonly role: Role;
  readonly active: boolean;
  /** Shifts in the week still theirs: not taken off by leave, not given away by a swap. */
  readonly shiftsWorked: number;
  /** Days of the week covered by approved leave. */
  readonly leaveDays: ReadonlySet<string>;
}

/** Whether every day from `start` to `end` is in `days`. */
export function coversWeek(days: ReadonlySet<string>, week: { readonly start: LocalDate; readonly end: LocalDate }): boolean {
  for (let day = week.start; day <= week.end; day = addDays(day, 1)) if (!days.has(day)) return false;
  return true;
}

/** The days of the week covered by the leave periods. */
export function leaveDaysIn(
  periods: readonly { readonly firstDay: LocalDate; readonly lastDay: LocalDate }[],
  week: { readonly start: LocalDate; readonly end: LocalDate },
): Set<string> {
  const days = new Set<string>();
  for (const period of periods) {
    for (let d = period.firstDay < week.start ? week.start : period.firstDay; d <= period.lastDay && d <= week.end; d = addDays(d, 1))
      days.add(d);
  }
  return days;
}

/**
 * The recorded misses that still count. A miss is recorded when nothing is in at the deadline, but a
 * week is missed only if nothing came before it ended: a report sent late (a week in `reported`) is
 * late, not missing. A week the person turns out to have been on approved leave from start to end
 * (leave approved after the deadline) owed no report, so its miss does not count either.
 */
export function countedMisses(
  missedWeeks: ReadonlySet<LocalDate>,
  leave: readonly { readonly firstDay: LocalDate; readonly lastDay: LocalDate }[],
  reported: ReadonlySet<LocalDate>,
): Set<LocalDate> {
  const counted = new Set<LocalDate>();
  for (const start of missedWeeks) {
    const week = { start, end: addDays(start, 6) };
    if (!reported.has(start) && !coversWeek(leaveDaysIn(leave, week), week)) counted.add(start);
  }
  return counted;
}

/** Active agents owe a report, unless on approved leave the whole week or (by policy) not rostered in it. */
export function owesReport(
  duty: WeekDuty,
  week: { readonly start: LocalDate; readonly end: LocalDate },
  rules: Pick<ReportRules, 'owed_by'>,
): boolean {
  if (!duty.active || duty.role !== 'agent') return false;
  if (coversWeek(duty.leaveDays, week)) return false;
  return rules.owed_by === 'all_agents' || duty.shiftsWorked > 0;
}

/** What the policy says the `count`-th miss means; past the end of the list, its last entry; nothing for 0. */
export function escalationFor(count: number, rules: Pick<ReportRules, 'missed_escalation'>): Label | undefined {
  if (count <= 0) return undefined;
  const ladder = rules.missed_escalation;
  return ladder[Math.min(count, ladder.length) - 1];
}

/** Misses in a row up to and including `latest` (a week start), counting back week by week. */
export function consecutiveMisses(missedWeeks: ReadonlySet<string>, latest: LocalDate): number {
  let count = 0;
  for (let week = latest; missedWeeks.has(week); week = addDays(week, -7)) count += 1;
  return count;
}

/** The manager is told once an agent's misses in a row reach the policy's threshold. */
export function reachesManagerAlert(consecutive: number, rules: Pick<ReportRules, 'manager_alert_consecutive_misses'>): boolean {
  return consecutive >= rules.manager_alert_consecutive_misses;
}
