/**
 * Shift handover (交接班, POLICY §4), pure: which shift is ending and which takes over, when a
 * handover is late or missed, what a miss means, and how open cases carry from one handover to the next.
 */
import type { Refusal } from './decision.js';
import { refusal } from './decision.js';
import type { Label, Policy, Rules, TeamDefinition } from './policy-file.js';
import { addDays, shiftInterval, todayIn, type LocalDate } from './time.js';
import { minutesInMs } from './duration.js';

/** One shift on one day: `date` is the day it starts in the team's time zone. */
export interface ShiftOccurrence {
  readonly date: LocalDate;
  readonly shiftCode: string;
  readonly start: Date;
  readonly end: Date;
}

export const occurrenceKey = (o: { readonly date: string; readonly shiftCode: string }): string => `${o.date}|${o.shiftCode}`;

/** Every shift the team works that starts on a day in [from, to], ordered by start, then by the policy's order. */
export function teamOccurrences(policy: Policy, team: TeamDefinition, from: LocalDate, to: LocalDate): ShiftOccurrence[] {
  const occurrences: ShiftOccurrence[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    for (const shiftCode of team.shifts) {
      const shift = policy.shifts[shiftCode];
      if (!shift) continue;
      occurrences.push({ date, shiftCode, ...shiftInterval(date, shift, team.timezone) });
    }
  }
  return occurrences.sort(
    (a, b) => a.start.getTime() - b.start.getTime() || team.shifts.indexOf(a.shiftCode) - team.shifts.indexOf(b.shiftCode),
  );
}

/** The team's shifts from the day before yesterday to tomorrow (team time zone): enough to find the ending and the next shift. */
export function occurrencesAround(policy: Policy, team: TeamDefinition, now: Date): ShiftOccurrence[] {
  const today = todayIn(now, team.timezone);
  return teamOccurrences(policy, team, addDays(today, -2), addDays(today, 1));
}

/**
 * The shift that is ending at `now`: among shifts that have started, the one whose end is closest to
 * now (about to end, or just ended). Shifts for which `mine` holds (the person is rostered on them)
 * win over the rest, so someone on the office shift is not handed the night shift's paperwork.
 */
export function endingShift(
  occurrences: readonly ShiftOccurrence[],
  now: Date,
  mine: (o: ShiftOccurrence) => boolean = () => false,
): ShiftOccurrence | undefined {
  const started = occurrences.filter((o) => o.start.getTime() <= now.getTime());
  const closest = (list: readonly ShiftOccurrence[]) =>
    list.reduce<ShiftOccurrence | undefined>(
      (best, o) =>
        best === undefined || Math.abs(o.end.getTime() - now.getTime()) < Math.abs(best.end.getTime() - now.getTime()) ? o : best,
      undefined,
    );
  return closest(started.filter(mine)) ?? closest(started);
}

/** Whether a shift hands over to anyone (policy `teams.<id>.hands_over_to`): only those are written, reminded or missed. */
export const handsOver = (team: Pick<TeamDefinition, 'hands_over_to'>, o: { readonly shiftCode: string }): boolean =>
  (team.hands_over_to[o.shiftCode] ?? null) !== null;

/**
 * The shift that takes over from `ending`: of the shift the team's policy names for it, the occurrence
 * at work the moment `ending` ends (the latest to have started by then), or else the next to start.
 * Undefined when `ending` hands over to nobody.
 */
export function nextShift(
  team: Pick<TeamDefinition, 'hands_over_to'>,
  occurrences: readonly ShiftOccurrence[],
  ending: ShiftOccurrence,
): ShiftOccurrence | undefined {
  const to = team.hands_over_to[ending.shiftCode];
  if (to === undefined || to === null) return undefined;
  const at = ending.end.getTime();
  const others = occurrences.filter((o) => o.shiftCode === to && occurrenceKey(o) !== occurrenceKey(ending));
  const atWork = others.filter((o) => o.start.getTime() <= at && o.end.getTime() > at);
  if (atWork.length > 0) return atWork.reduce((latest, o) => (o.start.getTime() > latest.start.getTime() ? o : latest));
  return others.filter((o) => o.start.getTime() >= at).sort((a, b) => a.start.getTime() - b.start.getTime())[0];
}

/**
 * Today's shifts for the modal's picker: those that started today, and a night shift from yesterday
 * that ends today. A shift still to come has nothing to hand over yet.
 */
export function todaysShifts(occurrences: readonly ShiftOccurrence[], now: Date, timeZone: string): ShiftOccurrence[] {
  const today = todayIn(now, timeZone);
  return occurrences.filter(
    (o) =>
      o.start.getTime() <= now.getTime() && (o.date === today || (o.date === addDays(today, -1) && todayIn(o.end, timeZone) === today)),
  );
}

/**
 * When the lead hears that nobody has taken over: the policy's delay after the shift change, which is
 * the later of the ending shift's end and the next shift's start — across a gap between shifts (a late
 * shift ending at 01:00, the early one starting at 08:00) nobody can take over before the next one starts.
 */
export function takeOverDueAt(
  shifts: { readonly ending: Pick<ShiftOccurrence, 'end'>; readonly next: Pick<ShiftOccurrence, 'start'> },
  handover: { readonly escalate_unacknowledged_after: number },
): Date {
  const change = Math.max(shifts.ending.end.getTime(), shifts.next.start.getTime());
  return new Date(change + minutesInMs(handover.escalate_unacknowledged_after));
}

/**
 * The moments in (from, to] at which something about the team's handovers falls due: the outgoing
 * shift's reminder, the incoming shift's, the take-over alert and the missed deadline, for every
 * shift that hands over to someone. The scheduler ticks every minute; a clock moved forward in leaps
 * ticks at these.
 */
export function handoverMoments(policy: Policy, team: TeamDefinition, from: Date, to: Date): Date[] {
  const rules = team.rules.handover;
  const all = teamOccurrences(policy, team, addDays(todayIn(from, team.timezone), -2), addDays(todayIn(to, team.timezone), 2));
  const moments: number[] = [];
  for (const shift of all) {
    const next = handsOver(team, shift) ? nextShift(team, all, shift) : undefined;
    if (!next) continue;
    moments.push(
      shift.end.getTime() - minutesInMs(rules.outgoing_starts_before_end),
      next.start.getTime() - minutesInMs(rules.incoming_arrives_before_start),
      takeOverDueAt({ ending: shift, next }, rules).getTime(),
      missedAt(shift, rules).getTime(),
    );
  }
  return [...new Set(moments)]
    .filter((at) => at > from.getTime() && at <= to.getTime())
    .sort((a, b) => a - b)
    .map((at) => new Date(at));
}

/** When a shift without a handover counts as missed. */
export function missedAt(ending: Pick<ShiftOccurrence, 'end'>, handover: { readonly missed_after_shift_end: number }): Date {
  return new Date(ending.end.getTime() + minutesInMs(handover.missed_after_shift_end));
}

/**
 * What the n-th missed handover of a month means (1-based), from the policy's escalation list; past its
 * end the last step applies. Undefined when the policy lists none. The bot counts; it never fines.
 */
export function missedEscalation(nth: number, levels: readonly Label[]): Label | undefined {
  if (nth < 1 || levels.length === 0) return undefined;
  return levels[Math.min(nth, levels.length) - 1];
}

/** An open case as the carry-forward sees it. */
export interface OpenCase {
  readonly id: number;
}

export interface CarryForward<C extends OpenCase> {
  /** Cases closed by this handover, with the line that says how. */
  readonly resolved: readonly { readonly case: C; readonly resolution: string }[];
  /** Cases still open afterwards: those carried on, and any the form did not show. */
  readonly carried: readonly C[];
}

/**
 * Open cases after a handover: a case is resolved only by a line written against it; every other
 * case, including one the form left out, stays open. Lines for cases that are not open are ignored.
 */
export function carryForward<C extends OpenCase>(open: readonly C[], resolutions: ReadonlyMap<number, string>): CarryForward<C> {
  const resolved: { case: C; resolution: string }[] = [];
  const carried: C[] = [];
  for (const c of open) {
    const line = resolutions.get(c.id)?.trim() ?? '';
    if (line === '') carried.push(c);
    else resolved.push({ case: c, resolution: line });
  }
  return { resolved, carried };
}

/** A case as written in the form, before it is checked. */
export interface NewCaseDraft {
  readonly what: string;
  readonly promise: string;
  readonly dueAt: Date | undefined;
  readonly ownerId: string | undefined;
}

/**
 * What is wrong with a new case: it needs a description and an owner, and a promise made to a customer
 * needs a due time that has not passed. An entirely empty slot is no case and no problem.
 */
export function newCaseRefusals(
  draft: NewCaseDraft,
  now: Date,
  slot: number,
  rules: Pick<Rules['handover'], 'case_due_max_days_ahead' | 'case_line_max_chars'>,
): Refusal[] {
  const maxLine = rules.case_line_max_chars;
  const what = draft.what.trim();
  const promise = draft.promise.trim();
  if (what === '' && promise === '' && draft.dueAt === undefined) return [];
  const refusals: Refusal[] = [];
  if (what === '') refusals.push(refusal('handover.refusal.case_what', {}, `case_what.${slot}`));
  if ([...what].length > maxLine) refusals.push(refusal('handover.refusal.too_long', { max: maxLine }, `case_what.${slot}`));
  if ([...promise].length > maxLine) refusals.push(refusal('handover.refusal.too_long', { max: maxLine }, `case_promise.${slot}`));
  if (draft.ownerId === undefined) refusals.push(refusal('handover.refusal.case_owner', {}, `case_owner.${slot}`));
  if (promise !== '' && draft.dueAt === undefined) refusals.push(refusal('handover.refusal.case_due', {}, `case_due.${slot}`));
  const dueAt = draft.dueAt?.getTime();
  // further ahead is a slip of the picker (or a forged value), not a promise
  const maxDays = rules.case_due_max_days_ahead;
  if (dueAt !== undefined && !(dueAt <= now.getTime() + maxDays * 86_400_000))
    refusals.push(refusal('handover.refusal.case_due_far', { days: maxDays }, `case_due.${slot}`));
  else if (dueAt !== undefined && dueAt <= now.getTime()) refusals.push(refusal('handover.refusal.case_due_past', {}, `case_due.${slot}`));
  return refusals;
}

export const isEmptyCase = (draft: NewCaseDraft): boolean =>
  draft.what.trim() === '' && draft.promise.trim() === '' && draft.dueAt === undefined;
