/**
 * The org, the roster and comp-time credits in (and the roster out) as CSV. An import reads the file, checks it whole against the policy
 * and the database, and writes it in one transaction; a file with any problem writes nothing and comes
 * back as its problems.
 */
import { formatCsv, parseCsvTable } from '../csv.js';
import type { LineProblem } from '../policy/table.js';
import type { Db, DbOrTx } from '../db/client.js';
import { lockImports } from '../db/queries/import-lock.js';
import { upsertCompTimeCredits } from '../db/queries/leave.js';
import { deactivatePeopleExcept, listPeople, upsertPeople, type PersonValues } from '../db/queries/people.js';
import { deleteRosterEntries, insertRosterEntries, listRoster, type RosterRow } from '../db/queries/roster.js';
import type { Person } from '../db/schema.js';
import { checkCompTimeRows } from '../policy/comp-time-rows.js';
import { checkOrgRows, type ValidOrgRow } from '../policy/org-rows.js';
import type { Policy } from '../policy/policy-file.js';
import type { ExistingShift } from '../policy/roster-replace.js';
import { checkRosterRows, rosterColumns, rosterFileScope } from '../policy/roster-rows.js';
import { addDays, type LocalDate } from '../policy/time.js';

export type ImportResult<Summary> =
  | { readonly ok: true; readonly summary: Summary }
  | { readonly ok: false; readonly problems: readonly LineProblem[] };

export interface OrgImportSummary {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly deactivated: number;
}

export interface RosterImportSummary {
  readonly added: number;
  readonly removed: number;
  readonly unchanged: number;
}

export interface OrgImportOptions {
  /** Mark inactive everyone already imported who is not in the file. */
  readonly deactivateMissing?: boolean;
}

export async function importOrg(
  db: Db,
  policy: Policy,
  csvText: string,
  options: OrgImportOptions = {},
): Promise<ImportResult<OrgImportSummary>> {
  const parsed = parseCsvTable(csvText);
  if ('problems' in parsed) return { ok: false, problems: parsed.problems };
  const deactivateMissing = options.deactivateMissing ?? false;
  return db.transaction(async (tx): Promise<ImportResult<OrgImportSummary>> => {
    await lockImports(tx);
    const existing = new Map((await listPeople(tx)).map((person) => [person.slackId, person]));
    const checked = checkOrgRows(parsed.table, { policy, existing, deactivateMissing });
    if ('problems' in checked) return { ok: false, problems: checked.problems };

    const { rows } = checked;
    const written = await upsertPeople(
      tx,
      rows.map((row) => personValues(row, existing.get(row.slackId))),
    );
    const deactivated = deactivateMissing
      ? await deactivatePeopleExcept(
          tx,
          rows.map((row) => row.slackId),
        )
      : [];
    const added = rows.filter((row) => !existing.has(row.slackId)).length;
    return {
      ok: true,
      summary: { added, updated: written.length - added, unchanged: rows.length - written.length, deactivated: deactivated.length },
    };
  });
}

/** A column the file does not have keeps the person's current value. */
function personValues(row: ValidOrgRow, current: Person | undefined): PersonValues {
  return {
    slackId: row.slackId,
    name: row.name,
    teamId: row.teamId,
    role: row.role,
    reportsTo: row.reportsTo,
    locale: row.locale === undefined ? (current?.locale ?? null) : row.locale,
    timezone: row.timezone === undefined ? (current?.timezone ?? null) : row.timezone,
    annualLeaveDays: row.annualLeaveDays === undefined ? (current?.annualLeaveDays ?? null) : row.annualLeaveDays,
    active: true,
  };
}

/** The file replaces the roster of the people it names from its first to its last date (see policy/roster-replace.ts). */
export async function importRoster(db: Db, policy: Policy, csvText: string): Promise<ImportResult<RosterImportSummary>> {
  const parsed = parseCsvTable(csvText);
  if ('problems' in parsed) return { ok: false, problems: parsed.problems };
  return db.transaction(async (tx): Promise<ImportResult<RosterImportSummary>> => {
    await lockImports(tx);
    const people = new Map((await listPeople(tx)).map((person) => [person.slackId, { teamId: person.teamId, active: person.active }]));
    const scope = rosterFileScope(parsed.table);
    // One day either side: a night shift the evening before may run into the file's first day, and so on.
    const existing =
      scope === undefined ? [] : (await listRoster(tx, { from: addDays(scope.from, -1), to: addDays(scope.to, 1) })).map(toExistingShift);
    const checked = checkRosterRows(parsed.table, { policy, people, existing });
    if ('problems' in checked) return { ok: false, problems: checked.problems };

    const { plan } = checked;
    await deleteRosterEntries(
      tx,
      plan.remove.map((shift) => shift.id),
    );
    await insertRosterEntries(
      tx,
      plan.add.map(({ personId, teamId, date, shiftCode }) => ({ personId, teamId, date, shiftCode })),
    );
    return { ok: true, summary: { added: plan.add.length, removed: plan.remove.length, unchanged: plan.unchanged } };
  });
}

export interface CompTimeImportSummary {
  readonly written: number;
  readonly unchanged: number;
}

/** Comp-time hours earned, per person and day (the overtime sheet); a day in the file sets that day's hours. */
export async function importCompTime(db: Db, csvText: string): Promise<ImportResult<CompTimeImportSummary>> {
  const parsed = parseCsvTable(csvText);
  if ('problems' in parsed) return { ok: false, problems: parsed.problems };
  return db.transaction(async (tx): Promise<ImportResult<CompTimeImportSummary>> => {
    await lockImports(tx);
    const people = new Map((await listPeople(tx)).map((person) => [person.slackId, { active: person.active }]));
    const checked = checkCompTimeRows(parsed.table, people);
    if ('problems' in checked) return { ok: false, problems: checked.problems };
    const written = await upsertCompTimeCredits(tx, checked.rows);
    return { ok: true, summary: { written, unchanged: checked.rows.length - written } };
  });
}

function toExistingShift(row: RosterRow): ExistingShift {
  return { ...row, date: row.date as LocalDate };
}

/**
 * Every roster row starting in [from, to] (on leave and swapped ones too, each with its status, so
 * the file imports back unchanged), in the roster file's format, by date, shift start time and Slack id.
 */
export async function exportRoster(db: DbOrTx, policy: Pick<Policy, 'shifts'>, range: { from: LocalDate; to: LocalDate }): Promise<string> {
  const rows = await listRoster(db, range);
  // Codes no longer in the policy sort after the known ones.
  const startOf = (code: string) => policy.shifts[code]?.start ?? '~';
  rows.sort(
    (a, b) =>
      compare(a.date, b.date) ||
      compare(startOf(a.shiftCode), startOf(b.shiftCode)) ||
      compare(a.shiftCode, b.shiftCode) ||
      compare(a.personId, b.personId),
  );
  return formatCsv(
    [...rosterColumns.required, 'status'],
    rows.map((row) => [row.date, row.shiftCode, row.personId, row.status]),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
