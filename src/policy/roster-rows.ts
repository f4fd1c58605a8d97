/**
 * The roster file (`date,shift,slack_id[,status]`, one row per shift), checked whole: against the policy's shifts
 * and teams, the people already imported, itself (duplicates, a person on two overlapping shifts) and
 * the roster rows around it that the import keeps.
 */
import { z } from 'zod';
import { checkHeader, type ColumnSpec, type CsvTable, type LineProblem } from './table.js';
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

  const { policy, people } = context;
  const schema = rowSchema(context);
  const problems: LineProblem[] = [];
  const rows: ValidRosterRow[] = [];
  const firstLine = new Map<string, number>();
  const statusOf = new Map(context.existing.map((shift) => [shiftKey(shift), shift.status]));
  for (const { line, fields } of table.rows) {
    const key = [fields.slack_id, fields.date, fields.shift].join('|');
    const first = firstLine.get(key);
    if (first !== undefined) problems.push({ line, code: 'roster_import.duplicate_row', params: { first } });
    else firstLine.set(key, line);

    const parsed = schema.safeParse(fields, { reportInput: true });
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((issue) => problemFromIssue(line, issue)));
      continue;
    }
    const { date, shift, slack_id: personId } = parsed.data;
    const person = people.get(personId);
    if (person === undefined) continue; // the schema has reported it
    const team = policy.teams[person.teamId];
    const before = problems.length;
    if (!person.active) problems.push({ line, code: 'roster_import.inactive_person', params: { value: personId } });
    if (team !== undefined && !team.shifts.includes(shift)) {
      problems.push({
        line,
        code: 'roster_import.shift_not_for_team',
        params: { value: shift, team: team.id, known: team.shifts.join(', ') },
      });
    }
    if (problems.length === before && first === undefined) rows.push({ line, date, shiftCode: shift, personId, teamId: person.teamId });
    // checked apart: a row with a wrong status still stands for its shift, so it is not also reported as left out
    problems.push(...statusProblems(line, fields.status, statusOf.get(shiftKey({ personId, date, shiftCode: shift })) ?? 'scheduled'));
  }

  const scope = rosterFileScope(table);
  if (scope === undefined) return { problems }; // no readable date at all, each one reported
  const plan = planRosterReplace(rows, context.existing, scope);
  problems.push(...plan.wouldDrop.map(dropProblem), ...overlapProblems(rows, context.existing, scope, policy));
  if (problems.length > 0) return { problems: problems.sort((a, b) => a.line - b.line) };
  return { rows, plan };
}

function rowSchema({ policy, people }: RosterContext) {
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

function statusProblems(line: number, status: string | undefined, roster: RosterStatus): LineProblem[] {
  if (status === undefined || status === '' || status === roster) return [];
  if (!(rosterStatuses as readonly string[]).includes(status))
    return [{ line, code: 'roster_import.unknown_status', params: { value: status, known: rosterStatuses.join(', ') } }];
  return [{ line, code: 'roster_import.status_differs', params: { value: status, roster } }];
}

function dropProblem(shift: ExistingShift): LineProblem {
  const code = shift.status === 'on_leave' ? 'roster_import.drops_on_leave' : 'roster_import.drops_swapped';
  return { line: 0, code, params: { person: shift.personId, shift: shift.shiftCode, date: shift.date } };
}

interface Occupied {
  readonly shift: RosterShift;
  /** Undefined for a row already in the database. */
  readonly line: number | undefined;
  readonly interval: Interval;
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
    const definition = policy.shifts[row.shiftCode];
    if (definition === undefined) return [];
    const timeZone = policy.teams[row.teamId]?.timezone ?? policy.default_timezone;
    return [{ shift: row, line, interval: shiftInterval(row.date, definition, timeZone) }];
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
        const problem = overlapProblem(earlier, current);
        if (problem !== undefined) problems.push(problem);
      }
      running.push(current);
    }
  }
  return problems;
}

/** Reported on the later file line, naming the other shift. */
function overlapProblem(a: Occupied, b: Occupied): LineProblem | undefined {
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
