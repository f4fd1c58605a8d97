/**
 * The org, the roster and comp-time credits in (and the roster out) as CSV. An import reads the file, checks it whole against the policy
 * and the database, and writes it in one transaction; a file with any problem writes nothing and comes
 * back as its problems.
 */
import { Readable } from 'node:stream';
import { formatCsv, parseCsvTable, streamCsvTable } from '../csv.js';
import { checkHeader, type LineProblem } from '../policy/table.js';
import type { Db, DbOrTx, Tx } from '../db/client.js';
import { lockImports } from '../db/queries/import-lock.js';
import { upsertCompTimeCredits } from '../db/queries/leave.js';
import { deactivatePeopleExcept, listPeople, upsertPeople, type PersonValues } from '../db/queries/people.js';
import { listRoster } from '../db/queries/roster.js';
import {
  createRosterStaging,
  deleteUnlistedShifts,
  insertListedShifts,
  markDuplicateRows,
  overlappingShifts,
  scheduledJustOutside,
  shiftsTheFileWouldDrop,
  stagedStatuses,
  stageKeptShifts,
  stageRosterPeople,
  stageRosterRows,
  type RosterScopeDates,
  type StagedRosterRow,
} from '../db/queries/roster-import.js';
import type { Person } from '../db/schema.js';
import { checkCompTimeRows } from '../policy/comp-time-rows.js';
import { checkOrgRows, type ValidOrgRow } from '../policy/org-rows.js';
import type { Policy } from '../policy/policy-file.js';
import {
  dropProblem,
  overlapPairProblem,
  rosterColumns,
  rosterRowChecker,
  rosterShiftInterval,
  statusDiffersProblem,
  type RosterContext,
} from '../policy/roster-rows.js';
import type { LocalDate } from '../policy/time.js';

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
  return importRosterStream(db, policy, Readable.from([csvText]));
}

/**
 * The same, read as a stream: rows are checked a part at a time and staged in the transaction, the
 * checks across rows and the write run in the database, so memory stays the same however long the
 * file. Nothing is written unless the whole file passes.
 */
export async function importRosterStream(db: Db, policy: Policy, input: Readable): Promise<ImportResult<RosterImportSummary>> {
  return db.transaction(async (tx): Promise<ImportResult<RosterImportSummary>> => {
    await lockImports(tx);
    const people = new Map((await listPeople(tx)).map((person) => [person.slackId, { teamId: person.teamId, active: person.active }]));
    await createRosterStaging(tx);
    const staged = await stageRosterFile(tx, policy, people, input);
    if ('refused' in staged) return { ok: false, problems: staged.refused };
    const { problems, scope } = staged;

    for (const { line, first } of await markDuplicateRows(tx))
      problems.push({ line, code: 'roster_import.duplicate_row', params: { first } });
    for (const { line, status, roster } of await stagedStatuses(tx)) {
      const differs = statusDiffersProblem(line, status, roster ?? 'scheduled');
      if (differs) problems.push(differs);
    }
    if (scope !== undefined) {
      problems.push(...(await shiftsTheFileWouldDrop(tx, scope)).map(dropProblem));
      await stageKeptShifts(
        tx,
        (await scheduledJustOutside(tx, scope)).flatMap((row) => {
          const interval = rosterShiftInterval(policy, row);
          return interval ? [{ ...row, startsAt: interval.start, endsAt: interval.end }] : [];
        }),
      );
      for (const { a, b } of await overlappingShifts(tx)) {
        const side = (o: typeof a) => ({
          line: o.line ?? undefined,
          shift: { personId: o.personId, shiftCode: o.shiftCode, date: o.date as LocalDate },
        });
        const problem = overlapPairProblem(side(a), side(b));
        if (problem) problems.push(problem);
      }
    }
    // the staging tables go with the transaction: a refused file leaves the roster as it was
    if (problems.length > 0 || scope === undefined) return { ok: false, problems: problems.sort((x, y) => x.line - y.line) };

    const removed = await deleteUnlistedShifts(tx, scope);
    const { added, listed } = await insertListedShifts(tx);
    return { ok: true, summary: { added, removed, unchanged: listed - added } };
  });
}

/** Rows staged by one COPY: few statements, and a part of the file in memory at a time. */
const stagedRowsPerCopy = 50_000;

/**
 * Reads the file into the staging table, each row checked on its own as it comes. Refused at once
 * for a header that is wrong or a file with no rows; otherwise the problems found so far and the
 * dates the file covers (undefined: no readable date).
 */
async function stageRosterFile(
  tx: Tx,
  policy: Policy,
  people: RosterContext['people'],
  input: Readable,
): Promise<{ refused: LineProblem[] } | { problems: LineProblem[]; scope: RosterScopeDates | undefined }> {
  const checkRow = rosterRowChecker({ policy, people });
  const problems: LineProblem[] = [];
  const named = new Set<string>();
  const times = new Map<string, { startsAt: string; endsAt: string } | undefined>();
  const timesOf = (shift: { teamId: string; date: LocalDate; shiftCode: string }) => {
    const key = `${shift.teamId}|${shift.date}|${shift.shiftCode}`;
    if (!times.has(key)) {
      if (times.size >= 65_536) times.clear();
      const interval = rosterShiftInterval(policy, shift);
      times.set(key, interval && { startsAt: interval.start.toISOString(), endsAt: interval.end.toISOString() });
    }
    return times.get(key);
  };
  let headerLine: number | undefined;
  let rowCount = 0;
  let pending: StagedRosterRow[] = [];
  let from: LocalDate | undefined;
  let to: LocalDate | undefined;
  for await (const part of streamCsvTable(input)) {
    if (part.kind === 'header') {
      headerLine = part.line;
      const headerProblems = checkHeader({ header: part.header, headerLine, rows: [] }, rosterColumns);
      if (headerProblems.length > 0) return { refused: headerProblems };
      continue;
    }
    problems.push(...part.problems);
    const rows: StagedRosterRow[] = part.rows.map((row) => {
      const { fields, line } = row;
      const checked = checkRow(row);
      problems.push(...checked.problems);
      const slackId = fields.slack_id ?? '';
      named.add(slackId);
      if (checked.date !== undefined) {
        if (from === undefined || checked.date < from) from = checked.date;
        if (to === undefined || checked.date > to) to = checked.date;
      }
      const { shift } = checked;
      const base = { line, slackId, dateText: fields.date ?? '', shiftText: fields.shift ?? '', status: fields.status ?? '' };
      if (shift === undefined) return base;
      return { ...base, shift: { teamId: shift.teamId, date: shift.date, valid: checked.valid, ...timesOf(shift) } };
    });
    rowCount += rows.length;
    pending.push(...rows);
    if (pending.length >= stagedRowsPerCopy) {
      await stageRosterRows(tx, pending);
      pending = [];
    }
  }
  await stageRosterRows(tx, pending);
  if (headerLine === undefined) return { refused: problems };
  if (rowCount === 0 && problems.length === 0) return { refused: [{ line: headerLine, code: 'import.no_rows', params: {} }] };
  await stageRosterPeople(tx, [...named]);
  return { problems, scope: from === undefined || to === undefined ? undefined : { from, to } };
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
