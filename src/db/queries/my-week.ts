/** What one person's Home reads of their own leave and swaps. */
import { and, asc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import type { HeldDay } from '../../policy/balances.js';
import type { MovedShift } from '../../policy/my-shifts.js';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import {
  leaveApprovalSteps,
  leaveCoveredShifts,
  leaveRequests,
  swapRequests,
  type LeaveApprovalStep,
  type LeaveRequest,
  type SwapRequest,
} from '../schema.js';
import { approvedSwapsTouching, pendingSwapStatuses } from './swap.js';

/** The shifts approved swaps and covers moved to or from the person, whose day lies in [from, to]. */
export async function shiftsMovedFor(db: DbOrTx, p: { personId: string; from: LocalDate; to: LocalDate }): Promise<MovedShift[]> {
  const rows = await approvedSwapsTouching(db, p);
  return rows.flatMap((r) => [
    { date: r.giveDate, shiftCode: r.giveShift, fromId: r.requesterId, toId: r.colleagueId, order: r.id },
    ...(r.takeDate && r.takeShift
      ? [{ date: r.takeDate, shiftCode: r.takeShift, fromId: r.colleagueId, toId: r.requesterId, order: r.id }]
      : []),
  ]);
}

/** The roster days the person's approved and pending leave takes off within [from, to], apart. */
export async function leaveDaysByStatus(
  db: DbOrTx,
  p: { personId: string; from: LocalDate; to: LocalDate },
): Promise<{ approved: HeldDay[]; pending: HeldDay[] }> {
  const rows = await db
    .select({ status: leaveRequests.status, type: leaveRequests.type, date: leaveCoveredShifts.date })
    .from(leaveRequests)
    .innerJoin(leaveCoveredShifts, eq(leaveCoveredShifts.requestId, leaveRequests.id))
    .where(
      and(
        eq(leaveRequests.personId, p.personId),
        inArray(leaveRequests.status, ['pending', 'approved']),
        gte(leaveCoveredShifts.date, p.from),
        lte(leaveCoveredShifts.date, p.to),
      ),
    );
  const days = (status: string) => rows.filter((r) => r.status === status).map((r) => ({ date: r.date, type: r.type }));
  return { approved: days('approved'), pending: days('pending') };
}

/**
 * The person's leave still waiting for a decision, each with the step it waits at, and their approved
 * leave whose last day is on or after `from`; each first day first, in one statement.
 */
export async function leaveInFlightOf(
  db: DbOrTx,
  p: { personId: string; from: LocalDate },
): Promise<{ pending: { request: LeaveRequest; step: LeaveApprovalStep | undefined }[]; approved: LeaveRequest[] }> {
  const rows = await db
    .select({ request: leaveRequests, step: leaveApprovalSteps })
    .from(leaveRequests)
    .leftJoin(leaveApprovalSteps, and(eq(leaveApprovalSteps.requestId, leaveRequests.id), eq(leaveApprovalSteps.status, 'pending')))
    .where(
      and(
        eq(leaveRequests.personId, p.personId),
        or(eq(leaveRequests.status, 'pending'), and(eq(leaveRequests.status, 'approved'), gte(leaveRequests.lastDay, p.from))),
      ),
    )
    .orderBy(asc(leaveRequests.firstDay), asc(leaveRequests.id));
  return {
    pending: rows.filter((r) => r.request.status === 'pending').map((r) => ({ request: r.request, step: r.step ?? undefined })),
    approved: [...new Map(rows.filter((r) => r.request.status === 'approved').map((r) => [r.request.id, r.request])).values()],
  };
}

/** Swaps the person asked for that still wait, and those they accepted that wait for the lead, earlier shift first. */
export async function pendingSwapsOf(db: DbOrTx, personId: string): Promise<SwapRequest[]> {
  return db
    .select()
    .from(swapRequests)
    .where(
      and(
        inArray(swapRequests.status, [...pendingSwapStatuses]),
        or(eq(swapRequests.requesterId, personId), and(eq(swapRequests.colleagueId, personId), eq(swapRequests.status, 'pending_lead'))),
      ),
    )
    .orderBy(asc(swapRequests.giveDate), asc(swapRequests.id));
}

/**
 * Whether the person has any swap (asked for or asked of them, approved or waiting) and any leave in
 * flight from `from` on, in one statement: the swap and leave reads above find nothing without them,
 * and most people have neither.
 */
export async function myWeekKindsOf(db: DbOrTx, p: { personId: string; from: LocalDate }): Promise<{ swaps: boolean; leave: boolean }> {
  const swaps = db
    .select({ id: swapRequests.id })
    .from(swapRequests)
    .where(
      and(
        inArray(swapRequests.status, ['approved', ...pendingSwapStatuses]),
        or(eq(swapRequests.requesterId, p.personId), eq(swapRequests.colleagueId, p.personId)),
      ),
    );
  const leave = db
    .select({ id: leaveRequests.id })
    .from(leaveRequests)
    .where(
      and(
        eq(leaveRequests.personId, p.personId),
        or(eq(leaveRequests.status, 'pending'), and(eq(leaveRequests.status, 'approved'), gte(leaveRequests.lastDay, p.from))),
      ),
    );
  const result = await db.execute(sql`select exists(${swaps}) as swaps, exists(${leave}) as leave`);
  // postgres.js answers with the rows, PGlite with { rows }
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as Record<string, boolean>[];
  return { swaps: rows[0]?.swaps === true, leave: rows[0]?.leave === true };
}
