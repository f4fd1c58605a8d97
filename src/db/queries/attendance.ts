/** What the monthly attendance sheet reads, for everyone at once, in a handful of statements. */
import { and, between, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { SheetLeave } from '../../policy/attendance/month-sheet.js';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import { approvedLeaveTouching } from './leave.js';
import {
  compTimeCredits,
  handoverMisses,
  leaveCoveredShifts,
  leaveRequests,
  reportMisses,
  rosterEntries,
  swapRequests,
} from '../schema.js';

type Range = { readonly from: LocalDate; readonly to: LocalDate };

/** Requests per statement: well under PostgreSQL's 65,535 parameters. */
const batchSize = 1000;

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Roster rows still scheduled (not on leave, not swapped away), by person. */
export async function scheduledShiftsBetween(db: DbOrTx, range: Range): Promise<Map<string, { date: LocalDate; shiftCode: string }[]>> {
  const rows = await db
    .select({ personId: rosterEntries.personId, date: rosterEntries.date, shiftCode: rosterEntries.shiftCode })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.status, 'scheduled'), between(rosterEntries.date, range.from, range.to)));
  const byPerson = new Map<string, { date: LocalDate; shiftCode: string }[]>();
  for (const row of rows) push(byPerson, row.personId, { date: row.date, shiftCode: row.shiftCode });
  return byPerson;
}

/** Approved leave overlapping the range, with the shifts each takes off, by person. */
export async function approvedLeaveBetween(db: DbOrTx, range: Range): Promise<Map<string, SheetLeave[]>> {
  const requests = await db
    .select({
      id: leaveRequests.id,
      personId: leaveRequests.personId,
      type: leaveRequests.type,
      firstDay: leaveRequests.firstDay,
      lastDay: leaveRequests.lastDay,
      proof: leaveRequests.proof,
      proofOverdueAt: leaveRequests.proofOverdueAt,
      proofFiles: leaveRequests.proofFiles,
    })
    .from(leaveRequests)
    .where(approvedLeaveTouching(range.from, range.to))
    .orderBy(leaveRequests.firstDay, leaveRequests.id);
  const covered = new Map<number, { date: LocalDate; shiftCode: string }[]>();
  const ids = requests.map((r) => r.id);
  for (let i = 0; i < ids.length; i += batchSize) {
    const rows = await db
      .select({ requestId: leaveCoveredShifts.requestId, date: leaveCoveredShifts.date, shiftCode: leaveCoveredShifts.shiftCode })
      .from(leaveCoveredShifts)
      .where(inArray(leaveCoveredShifts.requestId, ids.slice(i, i + batchSize)))
      .orderBy(leaveCoveredShifts.date, leaveCoveredShifts.shiftCode);
    for (const row of rows) {
      const list = covered.get(row.requestId) ?? [];
      list.push({ date: row.date, shiftCode: row.shiftCode });
      covered.set(row.requestId, list);
    }
  }
  const byPerson = new Map<string, SheetLeave[]>();
  for (const r of requests) {
    push(byPerson, r.personId, {
      id: r.id,
      type: r.type,
      firstDay: r.firstDay,
      lastDay: r.lastDay,
      proof: r.proof,
      proofOverdue: r.proofOverdueAt !== null,
      proofFiles: r.proofFiles.map((file) => ({ name: file.name, ...(file.permalink ? { permalink: file.permalink } : {}) })),
      covered: covered.get(r.id) ?? [],
    });
  }
  return byPerson;
}

/** Approved voluntary swaps each person asked for whose earlier shift lies in the range (a cover a lead called for is none). */
export async function approvedSwapCounts(db: DbOrTx, range: Range): Promise<Map<string, number>> {
  const rows = await db
    .select({ personId: swapRequests.requesterId, count: sql<number>`count(*)::int` })
    .from(swapRequests)
    .where(and(eq(swapRequests.status, 'approved'), isNull(swapRequests.coverCallId), between(swapRequests.giveDate, range.from, range.to)))
    .groupBy(swapRequests.requesterId);
  return new Map(rows.map((r) => [r.personId, Number(r.count)]));
}

/** Missed handovers per person, on shifts starting in the range. */
export async function handoverMissCounts(db: DbOrTx, range: Range): Promise<Map<string, number>> {
  const rows = await db
    .select({ personId: handoverMisses.personId, count: sql<number>`count(*)::int` })
    .from(handoverMisses)
    .where(between(handoverMisses.shiftDate, range.from, range.to))
    .groupBy(handoverMisses.personId);
  return new Map(rows.map((r) => [r.personId, Number(r.count)]));
}

/** Weekly summaries missed per person, for weeks starting in the range. */
export async function reportMissCounts(db: DbOrTx, range: Range): Promise<Map<string, number>> {
  const rows = await db
    .select({ personId: reportMisses.personId, count: sql<number>`count(*)::int` })
    .from(reportMisses)
    .where(between(reportMisses.weekStart, range.from, range.to))
    .groupBy(reportMisses.personId);
  return new Map(rows.map((r) => [r.personId, Number(r.count)]));
}

/** Comp-time hours in the ledger per person, earned in the range. */
export async function compTimeEarned(db: DbOrTx, range: Range): Promise<Map<string, number>> {
  const rows = await db
    .select({ personId: compTimeCredits.personId, hours: sql<string>`sum(${compTimeCredits.hours})` })
    .from(compTimeCredits)
    .where(between(compTimeCredits.earnedOn, range.from, range.to))
    .groupBy(compTimeCredits.personId);
  return new Map(rows.map((r) => [r.personId, Number(r.hours)]));
}
