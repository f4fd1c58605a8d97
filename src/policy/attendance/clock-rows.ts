/**
 * The clock-in file (`slack_id,date,shift,in,out`, one row per person and shift worked), checked
 * whole. `date` is the day the shift starts; `in` and `out` are `HH:MM` in the team's time zone,
 * either may be empty (not both). An import replaces, for each (person, date) the file names, every
 * clock-in row of that person and day: a corrected file for a day replaces that day.
 */
import { z } from 'zod';
import { formatDuration, minutesInMs } from '../duration.js';
import type { Policy } from '../policy-file.js';
import { problemFor, problemFromIssue } from '../row-problems.js';
import { checkHeader, type ColumnSpec, type CsvTable, type LineProblem } from '../table.js';
import { shiftInterval, toLocalDate, type LocalDate } from '../time.js';
import { placeClockTime } from './clock-times.js';

export const clockColumns: ColumnSpec = { required: ['slack_id', 'date', 'shift', 'in', 'out'], optional: [] };

export interface ClockRow {
  readonly personId: string;
  readonly date: LocalDate;
  readonly shiftCode: string;
  readonly clockedIn: Date | null;
  readonly clockedOut: Date | null;
}

export interface ValidClockRow extends ClockRow {
  readonly line: number;
}

export interface ClockContext {
  readonly policy: Pick<Policy, 'shifts' | 'teams' | 'default_timezone' | 'rules'>;
  readonly people: ReadonlyMap<string, { readonly teamId: string }>;
  /** The clock-in rows already stored for the (person, date) pairs the file names. */
  readonly existing: readonly ClockRow[];
}

export interface ClockPlan {
  readonly write: readonly ClockRow[];
  readonly remove: readonly ClockRow[];
  readonly added: number;
  readonly changed: number;
  readonly unchanged: number;
}

/** The (person, date) pairs a file names, which its import replaces. */
export function clockFileScope(table: CsvTable): { people: Set<string>; from: LocalDate; to: LocalDate } | undefined {
  const dates = table.rows.flatMap(({ fields }) => toLocalDate(fields.date ?? '') ?? []).sort();
  const [from, to] = [dates[0], dates.at(-1)];
  if (from === undefined || to === undefined) return undefined;
  return { people: new Set(table.rows.map(({ fields }) => fields.slack_id ?? '')), from, to };
}

export const personDayKey = (row: { personId: string; date: string }) => `${row.personId}|${row.date}`;
const rowKey = (row: { personId: string; date: string; shiftCode: string }) => `${row.personId}|${row.date}|${row.shiftCode}`;

export function checkClockRows(
  table: CsvTable,
  context: ClockContext,
): { rows: ValidClockRow[]; plan: ClockPlan } | { problems: LineProblem[] } {
  const headerProblems = checkHeader(table, clockColumns);
  if (headerProblems.length > 0) return { problems: headerProblems };
  if (table.rows.length === 0) return { problems: [{ line: table.headerLine, code: 'import.no_rows', params: {} }] };

  const { policy, people } = context;
  const window = policy.rules.attendance.clock_window;
  const shifts = Object.keys(policy.shifts);
  const time = (column: 'in' | 'out') =>
    z.string().refine((text) => text === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(text), problemFor(`clock_import.bad_${column}`));
  const schema = z.object({
    slack_id: z.string().refine((id) => people.has(id), problemFor('roster_import.unknown_person')),
    date: z
      .string()
      .refine((text) => toLocalDate(text) !== undefined, problemFor('roster_import.bad_date'))
      .transform((text) => text as LocalDate),
    shift: z.string().refine((text) => shifts.includes(text), problemFor('roster_import.unknown_shift', { known: shifts.join(', ') })),
    in: time('in'),
    out: time('out'),
  });

  const problems: LineProblem[] = [];
  const rows: ValidClockRow[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, fields } of table.rows) {
    const key = [fields.slack_id, fields.date, fields.shift].join('|');
    const first = firstLine.get(key);
    if (first !== undefined) problems.push({ line, code: 'clock_import.duplicate_row', params: { first } });
    else firstLine.set(key, line);

    const parsed = schema.safeParse(fields, { reportInput: true });
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((issue) => problemFromIssue(line, issue)));
      continue;
    }
    const { slack_id: personId, date, shift: shiftCode } = parsed.data;
    const person = people.get(personId);
    const definition = policy.shifts[shiftCode];
    if (person === undefined || definition === undefined) continue; // the schema has reported it
    const team = policy.teams[person.teamId];
    if (team !== undefined && !team.shifts.includes(shiftCode)) {
      problems.push({
        line,
        code: 'roster_import.shift_not_for_team',
        params: { value: shiftCode, team: team.id, known: team.shifts.join(', ') },
      });
      continue;
    }
    if (parsed.data.in === '' && parsed.data.out === '') {
      problems.push({ line, code: 'clock_import.no_times', params: {} });
      continue;
    }
    const timeZone = team?.timezone ?? policy.default_timezone;
    const scheduled = shiftInterval(date, definition, timeZone);
    const place = (column: 'in' | 'out', text: string, target: Date): Date | null | undefined => {
      if (text === '') return null;
      const at = placeClockTime(date, text, target, timeZone) as Date;
      if (Math.abs(at.getTime() - target.getTime()) <= minutesInMs(window)) return at;
      problems.push({
        line,
        code: `clock_import.${column}_far`,
        params: {
          value: text,
          shift: shiftCode,
          scheduled: column === 'in' ? definition.start : definition.end,
          window: formatDuration(window),
        },
      });
      return undefined;
    };
    const clockedIn = place('in', parsed.data.in, scheduled.start);
    const clockedOut = place('out', parsed.data.out, scheduled.end);
    if (clockedIn === undefined || clockedOut === undefined) continue;
    if (clockedIn !== null && clockedOut !== null && clockedOut <= clockedIn) {
      problems.push({ line, code: 'clock_import.out_before_in', params: { in: parsed.data.in, out: parsed.data.out } });
      continue;
    }
    if (first === undefined) rows.push({ line, personId, date, shiftCode, clockedIn, clockedOut });
  }
  if (problems.length > 0) return { problems: problems.sort((a, b) => a.line - b.line) };
  return { rows, plan: planClockReplace(rows, context.existing) };
}

/** What writing the file changes: every stored row of a (person, date) the file names that it no longer has goes. */
function planClockReplace(rows: readonly ClockRow[], existing: readonly ClockRow[]): ClockPlan {
  const days = new Set(rows.map(personDayKey));
  const stored = new Map(existing.filter((row) => days.has(personDayKey(row))).map((row) => [rowKey(row), row]));
  const inFile = new Set(rows.map(rowKey));
  const sameTime = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());
  const write: ClockRow[] = [];
  let added = 0;
  let changed = 0;
  for (const row of rows) {
    const before = stored.get(rowKey(row));
    if (before === undefined) added += 1;
    else if (sameTime(before.clockedIn, row.clockedIn) && sameTime(before.clockedOut, row.clockedOut)) continue;
    else changed += 1;
    write.push(row);
  }
  const remove = [...stored.values()].filter((row) => !inFile.has(rowKey(row)));
  return { write, remove, added, changed, unchanged: rows.length - write.length };
}
