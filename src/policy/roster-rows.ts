/**
 * The roster file (`date,shift,slack_id[,status]`, one row per shift), checked whole: against the policy's shifts
 * and teams, the people already imported, itself (duplicates, a person on two overlapping shifts) and
 * the roster rows around it that the import keeps.
 */
import { z } from 'zod';
import { checkHeader, type ColumnSpec, type CsvRow, type CsvTable, type LineProblem } from './table.js';
import type { Policy } from './policy-file.js';
import { problemFor, problemFromIssue } from './row-problems.js';
import { rosterStatuses, type RosterStatus } from './roster-status.js';
import {
  inScope,
  planRosterReplace,
  shiftKey,
  type ExistingShift,
  type RosterPlan,
  type RosterScope,
  type RosterShift,
} from './roster-replace.js';
import { overlaps, shiftInterval, toLocalDate, type Interval, type LocalDate } from './time.js';

export const rosterColumns: ColumnSpec = { required: ['date', 'shift', 'slack_id'], optional: ['status'] };

/**
 * `status` is what the export writes so that a reader sees a shift on leave or swapped away. The
 * import never changes a status (leave and swaps do): a cell left empty is fine, any other must be
 * the status the roster has (`scheduled` for a shift the file adds), so an exported file imports
 * back unchanged and a file that means to change a status is refused rather than silently ignored.
 */

export interface ValidRosterRow extends RosterShift {
  readonly line: number;
  /** The person's team: its time zone places the shift, and the roster row is filed under it. */
  readonly teamId: string;
}

export interface RosterContext {
  readonly policy: Pick<Policy, 'shifts' | 'teams' | 'default_timezone'>;
  readonly people: ReadonlyMap<string, { readonly teamId: string; readonly active: boolean }>;
  /** Roster rows in the database from the day before the file's first date to the day after its last. */
  readonly existing: readonly ExistingShift[];
}

export type RosterCheck =
  | { readonly rows: ValidRosterRow[]; readonly plan: RosterPlan<ValidRosterRow> }
  | { readonly problems: LineProblem[] };

/** The people a file names and the dates it covers, which its import replaces; undefined when no date is readable. */
export function rosterFileScope(table: CsvTable): RosterScope | undefined {
  const dates = table.rows.flatMap(({ fields }) => toLocalDate(fields.date ?? '') ?? []).sort();
  const [from, to] = [dates[0], dates.at(-1)];
  if (from === undefined || to === undefined) return undefined;
  return { people: new Set(table.rows.map(({ fields }) => fields.slack_id ?? '')), from, to };
}

export function checkRosterRows(table: CsvTable, context: RosterContext): RosterCheck {
  const headerProblems = checkHeader(table, rosterColumns);
  if (headerProblems.length > 0) return { problems: headerProblems };
  if (table.rows.length === 0) return { problems: [{ line: table.headerLine, code: 'import.no_rows', params: {} }] };

  const checkRow = rosterRowChecker(context);
  const problems: LineProblem[] = [];
  const rows: ValidRosterRow[] = [];
  const firstLine = new Map<string, number>();
  const statusOf = new Map(context.existing.map((shift) => [shiftKey(shift), shift.status]));
  for (const row of table.rows) {
    const { line, fields } = row;
    const key = [fields.slack_id, fields.date, fields.shift].join('|');
    const first = firstLine.get(key);
    if (first !== undefined) problems.push({ line, code: 'roster_import.duplicate_row', params: { first } });
    else firstLine.set(key, line);

    const checked = checkRow(row);
    problems.push(...checked.problems);
    if (checked.shift === undefined) continue;
    if (checked.valid && first === undefined) rows.push({ line, ...checked.shift });
    // checked apart: a row with a wrong status still stands for its shift, so it is not also reported as left out
    problems.push(...statusProblems(line, fields.status, statusOf.get(shiftKey(checked.shift)) ?? 'scheduled'));
  }

  const scope = rosterFileScope(table);
  if (scope === undefined) return { problems }; // no readable date at all, each one reported
  const plan = planRosterReplace(rows, context.existing, scope);
  problems.push(...plan.wouldDrop.map(dropProblem), ...overlapProblems(rows, context.existing, scope, context.policy));
  if (problems.length > 0) return { problems: problems.sort((a, b) => a.line - b.line) };
  return { rows, plan };
}

/** One row checked on its own: what it needs of no other row nor of the roster. */
export interface RosterRowCheck {
  readonly problems: readonly LineProblem[];
  /** The row's date when it is one (it counts towards the dates the file replaces). */
  readonly date?: LocalDate;
  /** The shift the row names, once its date, shift code and person are readable. */
  readonly shift?: Omit<ValidRosterRow, 'line'>;
  /** Whether that shift may be imported: its person is active and their team works it. */
  readonly valid: boolean;
}

/**
 * Checks a row against the policy and the people (not its status, which the roster decides, nor
 * duplicates and overlaps, which other rows decide). Most rows are fine: those skip the schema, which
 * only words the problems.
 */
export function rosterRowChecker(context: Pick<RosterContext, 'policy' | 'people'>): (row: CsvRow) => RosterRowCheck {
  const { policy, people } = context;
  const schema = rowSchema(context);
  const shifts = new Set(Object.keys(policy.shifts));
  const dates = new Map<string, LocalDate | undefined>();
  const dateOf = (text: string) => {
    if (!dates.has(text)) {
      if (dates.size >= 4096) dates.clear();
      dates.set(text, toLocalDate(text));
    }
    return dates.get(text);
  };
  return ({ line, fields }) => {
    const [dateText, shift, personId] = [fields.date ?? '', fields.shift ?? '', fields.slack_id ?? ''];
    const date = dateOf(dateText);
    const person = people.get(personId);
    if (date === undefined || !shifts.has(shift) || person === undefined) {
      const parsed = schema.safeParse(fields, { reportInput: true });
      if (!parsed.success) return { problems: parsed.error.issues.map((issue) => problemFromIssue(line, issue)), date, valid: false };
    }
    if (date === undefined || person === undefined) return { problems: [], date, valid: false }; // the schema has reported it
    const team = policy.teams[person.teamId];
    const problems: LineProblem[] = [];
    if (!person.active) problems.push({ line, code: 'roster_import.inactive_person', params: { value: personId } });
    if (team !== undefined && !team.shifts.includes(shift)) {
      problems.push({
        line,
        code: 'roster_import.shift_not_for_team',
        params: { value: shift, team: team.id, known: team.shifts.join(', ') },
      });
    }
    const statusProblem = unknownStatusProblem(line, fields.status);
    return {
      problems: statusProblem ? [...problems, statusProblem] : problems,
      date,
      shift: { date, shiftCode: shift, personId, teamId: person.teamId },
      valid: problems.length === 0,
    };
  };
}

function rowSchema({ policy, people }: Pick<RosterContext, 'policy' | 'people'>) {
  const shifts = Object.keys(policy.shifts);
  return z.object({
    date: z
      .string()
      .refine((text) => toLocalDate(text) !== undefined, problemFor('roster_import.bad_date'))
      .transform((text) => text as LocalDate),
    shift: z.string().refine((text) => shifts.includes(text), problemFor('roster_import.unknown_shift', { known: shifts.join(', ') })),
    slack_id: z.string().refine((text) => people.has(text), problemFor('roster_import.unknown_person')),
  });
}

/** A status cell that names no status at all (checked with the row; one that differs from the roster, with the roster). */
function unknownStatusProblem(line: number, status: string | undefined): LineProblem | undefined {
  if (status === undefined || status === '' || (rosterStatuses as readonly string[]).includes(status)) return undefined;
  return { line, code: 'roster_import.unknown_status', params: { value: status, known: rosterStatuses.join(', ') } };
}

/** A known status cell that says otherwise than the roster (`scheduled` for a shift the file adds). */
export function statusDiffersProblem(line: number, status: string | undefined, roster: RosterStatus): LineProblem | undefined {
  if (status === undefined || status === '' || status === roster || !(rosterStatuses as readonly string[]).includes(status))
    return undefined;
  return { line, code: 'roster_import.status_differs', params: { value: status, roster } };
}

function statusProblems(line: number, status: string | undefined, roster: RosterStatus): LineProblem[] {
  const differs = statusDiffersProblem(line, status, roster);
  return differs ? [differs] : [];
}

export function dropProblem(shift: ExistingShift): LineProblem {
  const code = shift.status === 'on_leave' ? 'roster_import.drops_on_leave' : 'roster_import.drops_swapped';
  return { line: 0, code, params: { person: shift.personId, shift: shift.shiftCode, date: shift.date } };
}

/** A shift someone is on: a file's row, or (line undefined) a row already in the database. */
export interface OverlapSide {
  readonly shift: RosterShift;
  /** Undefined for a row already in the database. */
  readonly line: number | undefined;
}

interface Occupied extends OverlapSide {
  readonly interval: Interval;
}

/** When the shift runs, in its team's time zone; undefined for a code the policy does not define. */
export function rosterShiftInterval(
  policy: RosterContext['policy'],
  row: { readonly teamId: string; readonly date: LocalDate; readonly shiftCode: string },
): Interval | undefined {
  const definition = policy.shifts[row.shiftCode];
  if (definition === undefined) return undefined;
  return shiftInterval(row.date, definition, policy.teams[row.teamId]?.timezone ?? policy.default_timezone);
}

/**
 * A person may not be on two shifts at once. Counted are the file's rows (unless their database row is
 * on leave or swapped away) and the scheduled rows just outside the file's dates, which the import keeps:
 * a night shift the evening before the file's first day can overlap that day's early shift.
 */
function overlapProblems(
  rows: readonly ValidRosterRow[],
  existing: readonly ExistingShift[],
  scope: RosterScope,
  policy: RosterContext['policy'],
): LineProblem[] {
  const statusOf = new Map(existing.map((shift) => [shiftKey(shift), shift.status]));
  const occupied = [
    ...rows
      .filter((row) => (statusOf.get(shiftKey(row)) ?? 'scheduled') === 'scheduled')
      .map((row) => ({ row, line: row.line as number | undefined })),
    ...existing
      .filter((shift) => scope.people.has(shift.personId) && !inScope(shift, scope) && shift.status === 'scheduled')
      .map((row) => ({ row, line: undefined })),
  ].flatMap(({ row, line }): Occupied[] => {
    const interval = rosterShiftInterval(policy, row);
    return interval ? [{ shift: row, line, interval }] : [];
  });

  const byPerson = new Map<string, Occupied[]>();
  for (const o of occupied) {
    const list = byPerson.get(o.shift.personId);
    if (list === undefined) byPerson.set(o.shift.personId, [o]);
    else list.push(o);
  }
  const problems: LineProblem[] = [];
  for (const shifts of byPerson.values()) {
    shifts.sort((a, b) => a.interval.start.getTime() - b.interval.start.getTime() || (a.line ?? 0) - (b.line ?? 0));
    let running: Occupied[] = [];
    for (const current of shifts) {
      running = running.filter((earlier) => overlaps(earlier.interval, current.interval));
      for (const earlier of running) {
        const problem = overlapPairProblem(earlier, current);
        if (problem !== undefined) problems.push(problem);
      }
      running.push(current);
    }
  }
  return problems;
}

/** Two shifts of one person that overlap, reported on the later file line, naming the other shift; two database rows are nobody's line. */
export function overlapPairProblem(a: OverlapSide, b: OverlapSide): LineProblem | undefined {
  const [reported, other] = a.line === undefined || (b.line !== undefined && b.line > a.line) ? [b, a] : [a, b];
  if (reported.line === undefined) return undefined;
  const params = {
    person: reported.shift.personId,
    shift: reported.shift.shiftCode,
    date: reported.shift.date,
    other_shift: other.shift.shiftCode,
    other_date: other.shift.date,
  };
  if (other.line === undefined) return { line: reported.line, code: 'roster_import.overlap_existing', params };
  return { line: reported.line, code: 'roster_import.overlap', params: { ...params, other: other.line } };
}
