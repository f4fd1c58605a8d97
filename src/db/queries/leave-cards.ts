/** What leave cards show, read for many requests at once (a page of the Home inbox, or one DM card). */
import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { HeldDay } from '../../policy/balances.js';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import { leaveApprovalSteps, leaveCoveredShifts, leaveRequests, type LeaveApprovalStep, type LeaveRequest } from '../schema.js';

export async function leavesByIds(db: DbOrTx, ids: readonly number[]): Promise<LeaveRequest[]> {
  return ids.length === 0
    ? []
    : db
        .select()
        .from(leaveRequests)
        .where(inArray(leaveRequests.id, [...ids]));
}

/** The requests and each one's approval steps in chain order, in one statement. */
export async function leavesWithSteps(
  db: DbOrTx,
  ids: readonly number[],
): Promise<{ requests: LeaveRequest[]; steps: Map<number, LeaveApprovalStep[]> }> {
  if (ids.length === 0) return { requests: [], steps: new Map() };
  const rows = await db
    .select({ request: leaveRequests, step: leaveApprovalSteps })
    .from(leaveRequests)
    .leftJoin(leaveApprovalSteps, eq(leaveApprovalSteps.requestId, leaveRequests.id))
    .where(inArray(leaveRequests.id, [...ids]))
    .orderBy(asc(leaveRequests.id), asc(leaveApprovalSteps.position));
  const requests = new Map<number, LeaveRequest>();
  const steps: LeaveApprovalStep[] = [];
  for (const { request, step } of rows) {
    requests.set(request.id, request);
    if (step) steps.push(step);
  }
  return { requests: [...requests.values()], steps: groupBy(steps, (s) => s.requestId) };
}

/** Each request's approval steps, in chain order. */
export async function stepsOfRequests(db: DbOrTx, ids: readonly number[]): Promise<Map<number, LeaveApprovalStep[]>> {
  const rows =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(leaveApprovalSteps)
          .where(inArray(leaveApprovalSteps.requestId, [...ids]))
          .orderBy(asc(leaveApprovalSteps.requestId), asc(leaveApprovalSteps.position));
  return groupBy(rows, (r) => r.requestId);
}

/** Each request's covered shifts, in day and shift order. */
export async function coveredShiftsOfRequests(
  db: DbOrTx,
  ids: readonly number[],
): Promise<Map<number, { date: LocalDate; shiftCode: string }[]>> {
  const rows =
    ids.length === 0
      ? []
      : await db
          .select({ requestId: leaveCoveredShifts.requestId, date: leaveCoveredShifts.date, shiftCode: leaveCoveredShifts.shiftCode })
          .from(leaveCoveredShifts)
          .where(inArray(leaveCoveredShifts.requestId, [...ids]))
          .orderBy(asc(leaveCoveredShifts.requestId), asc(leaveCoveredShifts.date), asc(leaveCoveredShifts.shiftCode));
  const byRequest = new Map<number, { date: LocalDate; shiftCode: string }[]>();
  for (const { requestId, ...shift } of rows) {
    const list = byRequest.get(requestId);
    if (list) list.push(shift);
    else byRequest.set(requestId, [shift]);
  }
  return byRequest;
}

export interface HeldPeriodDays {
  readonly firstDay: LocalDate;
  readonly lastDay: LocalDate;
  readonly days: readonly HeldDay[];
}

/** The people's pending and approved leave that touches [from, to], with the roster days each takes off (as `heldLeaveOf`, for many people). */
export async function heldLeaveOfPeople(
  db: DbOrTx,
  p: { personIds: readonly string[]; from: LocalDate; to: LocalDate },
): Promise<Map<string, HeldPeriodDays[]>> {
  if (p.personIds.length === 0) return new Map();
  const rows = await db
    .select({
      personId: leaveRequests.personId,
      id: leaveRequests.id,
      firstDay: leaveRequests.firstDay,
      lastDay: leaveRequests.lastDay,
      type: leaveRequests.type,
      date: leaveCoveredShifts.date,
    })
    .from(leaveRequests)
    .leftJoin(leaveCoveredShifts, eq(leaveCoveredShifts.requestId, leaveRequests.id))
    .where(
      and(
        inArray(leaveRequests.personId, [...p.personIds]),
        inArray(leaveRequests.status, ['pending', 'approved']),
        lte(leaveRequests.firstDay, p.to),
        gte(leaveRequests.lastDay, p.from),
      ),
    );
  const periods = new Map<number, { personId: string; firstDay: LocalDate; lastDay: LocalDate; days: HeldDay[] }>();
  for (const r of rows) {
    const period =
      periods.get(r.id) ?? periods.set(r.id, { personId: r.personId, firstDay: r.firstDay, lastDay: r.lastDay, days: [] }).get(r.id);
    if (period && r.date !== null) period.days.push({ date: r.date, type: r.type });
  }
  return groupBy([...periods.values()], (period) => period.personId);
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
