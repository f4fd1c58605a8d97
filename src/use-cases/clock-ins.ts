/**
 * Clock-in data in and out as CSV (`slack_id,date,shift,in,out`). An import checks the file whole and
 * writes it in one transaction, replacing every stored row of each (person, date) the file names; a
 * file with any problem writes nothing. The same file twice changes nothing the second time.
 */
import { formatCsv, parseCsvTable } from '../csv.js';
import { oweAttendanceCheck } from '../db/queries/attendance-checks.js';
import { absenceCheckOwed } from './absence-notices.js';
import type { Db, DbOrTx } from '../db/client.js';
import { clockInsOf, deleteClockIns, listClockIns, upsertClockIns } from '../db/queries/clock-ins.js';
import { lockImports } from '../db/queries/import-lock.js';
import { listPeople } from '../db/queries/people.js';
import { checkClockRows, clockColumns, clockFileScope } from '../policy/attendance/clock-rows.js';
import { clockTimeOf } from '../policy/attendance/clock-times.js';
import type { Policy } from '../policy/policy-file.js';
import type { LocalDate } from '../policy/time.js';
import type { ImportResult } from './org.js';

export interface ClockImportSummary {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  readonly unchanged: number;
}

export async function importClockIns(db: Db, policy: Policy, csvText: string): Promise<ImportResult<ClockImportSummary>> {
  const parsed = parseCsvTable(csvText);
  if ('problems' in parsed) return { ok: false, problems: parsed.problems };
  return db.transaction(async (tx): Promise<ImportResult<ClockImportSummary>> => {
    await lockImports(tx);
    const people = new Map((await listPeople(tx)).map((person) => [person.slackId, { teamId: person.teamId }]));
    const scope = clockFileScope(parsed.table);
    const existing =
      scope === undefined
        ? []
        : await clockInsOf(tx, { personIds: [...scope.people].filter((id) => people.has(id)), from: scope.from, to: scope.to });
    const checked = checkClockRows(parsed.table, { policy, people, existing });
    if ('problems' in checked) return { ok: false, problems: checked.problems };
    const { plan } = checked;
    await deleteClockIns(tx, plan.remove);
    await upsertClockIns(tx, plan.write);
    // new clock-in data: the absence thresholds are checked again at the scheduler's next minute
    if (plan.write.length > 0 || plan.remove.length > 0) await oweAttendanceCheck(tx, absenceCheckOwed);
    return { ok: true, summary: { added: plan.added, changed: plan.changed, removed: plan.remove.length, unchanged: plan.unchanged } };
  });
}

/** Every clock-in row of shifts starting in [from, to], in the import's format (times in each person's team zone), by date, person and shift. */
export async function exportClockIns(db: DbOrTx, policy: Policy, range: { from: LocalDate; to: LocalDate }): Promise<string> {
  const [rows, people] = await Promise.all([listClockIns(db, range), listPeople(db)]);
  const zoneOf = new Map(people.map((person) => [person.slackId, policy.teams[person.teamId]?.timezone ?? policy.default_timezone]));
  return formatCsv(
    clockColumns.required,
    rows.map((row) => {
      const zone = zoneOf.get(row.personId) ?? policy.default_timezone;
      return [
        row.personId,
        row.date,
        row.shiftCode,
        row.clockedIn === null ? '' : clockTimeOf(row.clockedIn, zone),
        row.clockedOut === null ? '' : clockTimeOf(row.clockedOut, zone),
      ];
    }),
  );
}
