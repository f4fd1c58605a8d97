import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { HeldDay } from '../../policy/balances.js';
import type { LeavePeriod } from '../../policy/leave.js';
import type { RosterStatus } from '../../policy/roster-status.js';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import {
  compTimeCredits,
  leaveApprovalSteps,
  leaveCoveredShifts,
  leaveEvents,
  leaveRequests,
  rosterEntries,
  type LeaveApprovalStep,
  type LeaveRequest,
  type ProofFile,
} from '../schema.js';
import { AppError } from '../../errors.js';

type NewRequest = typeof leaveRequests.$inferInsert;
type NewStep = typeof leaveApprovalSteps.$inferInsert;
type NewEvent = typeof leaveEvents.$inferInsert;

/** Pending and approved leave: what still holds days. */
const holding = ['pending', 'approved'] as const;

export async function findLeaveBySubmission(db: DbOrTx, submissionKey: string): Promise<LeaveRequest | undefined> {
  const [row] = await db.select().from(leaveRequests).where(eq(leaveRequests.submissionKey, submissionKey)).limit(1);
  return row;
}

export async function findLeave(db: DbOrTx, id: number): Promise<LeaveRequest | undefined> {
  const [row] = await db.select().from(leaveRequests).where(eq(leaveRequests.id, id)).limit(1);
  return row;
}

/** The request row, locked until the transaction ends, so two deciders take turns. */
export async function lockLeave(tx: DbOrTx, id: number): Promise<LeaveRequest | undefined> {
  const [row] = await tx.select().from(leaveRequests).where(eq(leaveRequests.id, id)).for('update');
  return row;
}

/**
 * A person's pending and approved leave that touches [from, to], and the roster days each takes off,
 * in one round trip: what overlap, the monthly cap and the annual balance are counted from.
 */
export async function heldLeaveOf(
  db: DbOrTx,
  p: { personId: string; from: LocalDate; to: LocalDate },
): Promise<{ periods: HeldLeave[]; days: HeldDay[] }> {
  const rows = await db
    .select({
      id: leaveRequests.id,
      firstDay: leaveRequests.firstDay,
      lastDay: leaveRequests.lastDay,
      type: leaveRequests.type,
      leaveDays: leaveRequests.leaveDays,
      date: leaveCoveredShifts.date,
    })
    .from(leaveRequests)
    .leftJoin(leaveCoveredShifts, eq(leaveCoveredShifts.requestId, leaveRequests.id))
    .where(
      and(
        eq(leaveRequests.personId, p.personId),
        inArray(leaveRequests.status, holding),
        lte(leaveRequests.firstDay, p.to),
        gte(leaveRequests.lastDay, p.from),
      ),
    );
  const periods = new Map<number, HeldLeave>();
  const days: HeldDay[] = [];
  for (const r of rows) {
    if (!periods.has(r.id)) periods.set(r.id, { firstDay: r.firstDay, lastDay: r.lastDay, type: r.type, leaveDays: r.leaveDays });
    if (r.date !== null) days.push({ date: r.date, type: r.type });
  }
  return { periods: [...periods.values()], days };
}

export type HeldLeave = LeavePeriod & { readonly type: string; readonly leaveDays: number };

/** Approved leave with at least one day in [from, to]. */
export const approvedLeaveTouching = (from: LocalDate, to: LocalDate) =>
  and(eq(leaveRequests.status, 'approved'), lte(leaveRequests.firstDay, to), gte(leaveRequests.lastDay, from));

/** People with approved leave covering `day`: approvers away that day. */
export async function peopleAwayOn(db: DbOrTx, day: LocalDate): Promise<Set<string>> {
  const rows = await db.select({ personId: leaveRequests.personId }).from(leaveRequests).where(approvedLeaveTouching(day, day));
  return new Set(rows.map((r) => r.personId));
}

export async function insertLeave(
  tx: DbOrTx,
  request: NewRequest,
  steps: Omit<NewStep, 'requestId'>[],
  covered: readonly { date: LocalDate; shiftCode: string }[],
  event: Omit<NewEvent, 'requestId'>,
): Promise<LeaveRequest> {
  const [row] = await tx.insert(leaveRequests).values(request).returning();
  if (!row) throw new AppError('db.no_row', 'insert returned no row');
  await tx.insert(leaveApprovalSteps).values(steps.map((s) => ({ ...s, requestId: row.id })));
  if (covered.length > 0)
    await tx.insert(leaveCoveredShifts).values(covered.map((s) => ({ requestId: row.id, date: s.date, shiftCode: s.shiftCode })));
  await tx.insert(leaveEvents).values({ ...event, requestId: row.id });
  return row;
}

export async function listSteps(db: DbOrTx, requestId: number): Promise<LeaveApprovalStep[]> {
  return db.select().from(leaveApprovalSteps).where(eq(leaveApprovalSteps.requestId, requestId)).orderBy(asc(leaveApprovalSteps.position));
}

export async function findStep(db: DbOrTx, stepId: number): Promise<LeaveApprovalStep | undefined> {
  const [row] = await db.select().from(leaveApprovalSteps).where(eq(leaveApprovalSteps.id, stepId)).limit(1);
  return row;
}

type StepChange = Partial<
  Pick<
    LeaveApprovalStep,
    | 'status'
    | 'approverId'
    | 'skipped'
    | 'decidedBy'
    | 'decidedAt'
    | 'note'
    | 'messageChannel'
    | 'messageTs'
    | 'pendingSince'
    | 'remindedAt'
    | 'escalatedAt'
  >
>;

export async function updateStep(tx: DbOrTx, stepId: number, set: StepChange): Promise<void> {
  await tx
    .update(leaveApprovalSteps)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(leaveApprovalSteps.id, stepId));
}

/** Moves a request from one status to another and records who did it; the caller holds its lock. */
export async function changeLeaveStatus(
  tx: DbOrTx,
  request: LeaveRequest,
  to: LeaveRequest['status'],
  event: { at: Date; actorId: string | null; note?: string },
): Promise<void> {
  await tx
    .update(leaveRequests)
    .set({ status: to, updatedAt: sql`now()`, ...(to === 'pending' ? {} : { decidedAt: event.at }) })
    .where(eq(leaveRequests.id, request.id));
  await tx.insert(leaveEvents).values({
    requestId: request.id,
    at: event.at,
    actorId: event.actorId,
    fromStatus: request.status,
    toStatus: to,
    note: event.note ?? null,
  });
}

export async function recordLeaveEvent(tx: DbOrTx, event: NewEvent): Promise<void> {
  await tx.insert(leaveEvents).values(event);
}

/** The requester's roster rows that the leave covers. */
function coveredRowsOf(request: Pick<LeaveRequest, 'id' | 'personId'>) {
  return and(
    eq(rosterEntries.personId, request.personId),
    sql`(${rosterEntries.date}, ${rosterEntries.shiftCode}) in (select ${leaveCoveredShifts.date}, ${leaveCoveredShifts.shiftCode} from ${leaveCoveredShifts} where ${leaveCoveredShifts.requestId} = ${request.id})`,
  );
}

/** Moves the leave's roster rows from one status to the other (on leave at approval, back when withdrawn). */
export async function moveCoveredShifts(
  tx: DbOrTx,
  request: Pick<LeaveRequest, 'id' | 'personId'>,
  move: { from: RosterStatus; to: RosterStatus },
): Promise<number> {
  const rows = await tx
    .update(rosterEntries)
    .set({ status: move.to, updatedAt: sql`now()` })
    .where(and(coveredRowsOf(request), eq(rosterEntries.status, move.from)))
    .returning({ id: rosterEntries.id });
  return rows.length;
}

/** The shifts a leave covers that are no longer the person's on the roster (swapped away, or removed by an import). */
export async function coveredShiftsNotRostered(
  tx: DbOrTx,
  request: Pick<LeaveRequest, 'id' | 'personId'>,
): Promise<{ date: LocalDate; shiftCode: string }[]> {
  return tx
    .select({ date: leaveCoveredShifts.date, shiftCode: leaveCoveredShifts.shiftCode })
    .from(leaveCoveredShifts)
    .leftJoin(
      rosterEntries,
      and(
        eq(rosterEntries.personId, request.personId),
        eq(rosterEntries.date, leaveCoveredShifts.date),
        eq(rosterEntries.shiftCode, leaveCoveredShifts.shiftCode),
        eq(rosterEntries.status, 'scheduled'),
      ),
    )
    .where(and(eq(leaveCoveredShifts.requestId, request.id), isNull(rosterEntries.id)))
    .orderBy(asc(leaveCoveredShifts.date), asc(leaveCoveredShifts.shiftCode));
}

/** Takes shifts out of a leave, with the days and hours they counted for: they are neither marked nor charged. */
export async function dropCoveredShifts(
  tx: DbOrTx,
  request: Pick<LeaveRequest, 'id'>,
  shifts: readonly { date: LocalDate; shiftCode: string }[],
  left: { leaveDays: number; hours: number },
): Promise<void> {
  if (shifts.length === 0) return;
  await tx
    .delete(leaveCoveredShifts)
    .where(
      and(
        eq(leaveCoveredShifts.requestId, request.id),
        or(...shifts.map((s) => and(eq(leaveCoveredShifts.date, s.date), eq(leaveCoveredShifts.shiftCode, s.shiftCode)))),
      ),
    );
  await tx
    .update(leaveRequests)
    .set({ leaveDays: left.leaveDays, hours: left.hours, updatedAt: sql`now()` })
    .where(eq(leaveRequests.id, request.id));
}

/** The days and shifts a leave covers, in order. */
export async function listCoveredShifts(db: DbOrTx, requestId: number): Promise<{ date: LocalDate; shiftCode: string }[]> {
  return db
    .select({ date: leaveCoveredShifts.date, shiftCode: leaveCoveredShifts.shiftCode })
    .from(leaveCoveredShifts)
    .where(eq(leaveCoveredShifts.requestId, requestId))
    .orderBy(asc(leaveCoveredShifts.date), asc(leaveCoveredShifts.shiftCode));
}

/** How many people are still scheduled on each (date, shift) of a team, for the given days. */
export async function scheduledCounts(db: DbOrTx, p: { teamId: string; dates: readonly LocalDate[] }): Promise<Map<string, number>> {
  if (p.dates.length === 0) return new Map();
  const rows = await db
    .select({ date: rosterEntries.date, shiftCode: rosterEntries.shiftCode, count: sql<number>`count(*)::int` })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.teamId, p.teamId), eq(rosterEntries.status, 'scheduled'), inArray(rosterEntries.date, [...p.dates])))
    .groupBy(rosterEntries.date, rosterEntries.shiftCode);
  return new Map(rows.map((r) => [`${r.date}|${r.shiftCode}`, Number(r.count)]));
}

export async function listCompTimeCredits(db: DbOrTx, personId: string) {
  const rows = await db
    .select({ earnedOn: compTimeCredits.earnedOn, hours: compTimeCredits.hours })
    .from(compTimeCredits)
    .where(eq(compTimeCredits.personId, personId));
  return rows.map((r) => ({ earnedOn: r.earnedOn, hours: Number(r.hours) }));
}

/** Held comp-time leave, as spends of hours on its first day. */
export async function listCompTimeSpends(db: DbOrTx, personId: string, types: readonly string[]) {
  if (types.length === 0) return [];
  const rows = await db
    .select({ on: leaveRequests.firstDay, hours: leaveRequests.hours })
    .from(leaveRequests)
    .where(and(eq(leaveRequests.personId, personId), inArray(leaveRequests.type, [...types]), inArray(leaveRequests.status, holding)));
  return rows.map((r) => ({ on: r.on, hours: Number(r.hours) }));
}

/** A person's requests whose last day is on or after `from`, newest first. */
export async function listLeaveOf(db: DbOrTx, p: { personId: string; from: LocalDate; limit: number }): Promise<LeaveRequest[]> {
  return db
    .select()
    .from(leaveRequests)
    .where(and(eq(leaveRequests.personId, p.personId), gte(leaveRequests.lastDay, p.from)))
    .orderBy(desc(leaveRequests.firstDay), desc(leaveRequests.id))
    .limit(p.limit);
}

/** Pending steps of pending requests that have waited since `before` or longer, with their request's team. */
export async function listStepsPendingSince(db: DbOrTx, before: Date) {
  return db
    .select({ step: leaveApprovalSteps, teamId: leaveRequests.teamId })
    .from(leaveApprovalSteps)
    .innerJoin(leaveRequests, eq(leaveRequests.id, leaveApprovalSteps.requestId))
    .where(and(eq(leaveApprovalSteps.status, 'pending'), eq(leaveRequests.status, 'pending'), lte(leaveApprovalSteps.pendingSince, before)))
    .orderBy(asc(leaveApprovalSteps.id));
}

/** Pending steps whose card was never posted although they have waited since before `before`, and that no card job holds. */
export async function listStepsMissingCard(db: DbOrTx, before: Date): Promise<LeaveApprovalStep[]> {
  return db
    .select()
    .from(leaveApprovalSteps)
    .where(
      and(
        eq(leaveApprovalSteps.status, 'pending'),
        isNull(leaveApprovalSteps.messageTs),
        lte(leaveApprovalSteps.pendingSince, before),
        or(isNull(leaveApprovalSteps.cardClaimedAt), lte(leaveApprovalSteps.cardClaimedAt, before)),
      ),
    )
    .orderBy(asc(leaveApprovalSteps.id));
}

/** Takes on posting a step's missing card, unless it was decided or passed on, the card arrived, or another poster holds it. */
export async function claimStepCard(
  db: DbOrTx,
  p: { step: Pick<LeaveApprovalStep, 'id' | 'approverId'>; at: Date; staleBefore: Date },
): Promise<boolean> {
  const rows = await db
    .update(leaveApprovalSteps)
    .set({ cardClaimedAt: p.at })
    .where(
      and(
        eq(leaveApprovalSteps.id, p.step.id),
        eq(leaveApprovalSteps.status, 'pending'),
        eq(leaveApprovalSteps.approverId, p.step.approverId),
        isNull(leaveApprovalSteps.messageTs),
        or(isNull(leaveApprovalSteps.cardClaimedAt), lte(leaveApprovalSteps.cardClaimedAt, p.staleBefore)),
      ),
    )
    .returning({ id: leaveApprovalSteps.id });
  return rows.length === 1;
}

/** Sets the reminder time of a still-pending step that has none; false when someone else got there first. */
export async function markReminded(tx: DbOrTx, stepId: number, at: Date): Promise<boolean> {
  const rows = await tx
    .update(leaveApprovalSteps)
    .set({ remindedAt: at, updatedAt: sql`now()` })
    .where(and(eq(leaveApprovalSteps.id, stepId), eq(leaveApprovalSteps.status, 'pending'), isNull(leaveApprovalSteps.remindedAt)))
    .returning({ id: leaveApprovalSteps.id });
  return rows.length === 1;
}

/** Pending requests whose first day is on or before `day`: candidates for expiry. */
export async function listPendingLeaveStartingBy(db: DbOrTx, day: LocalDate): Promise<LeaveRequest[]> {
  return db
    .select()
    .from(leaveRequests)
    .where(and(eq(leaveRequests.status, 'pending'), lte(leaveRequests.firstDay, day)));
}

/** Approved leave whose proof is still owed and that has a reminder or an overdue notice to come. */
export async function listApprovedOwingProof(db: DbOrTx): Promise<LeaveRequest[]> {
  return db
    .select()
    .from(leaveRequests)
    .where(
      and(
        eq(leaveRequests.status, 'approved'),
        eq(leaveRequests.proof, 'owed'),
        or(isNull(leaveRequests.proofRemindedAt), isNull(leaveRequests.proofOverdueAt)),
      ),
    );
}

/** The person's scheduled shifts on the first day after `day` that has any. */
export async function firstShiftsAfter(db: DbOrTx, personId: string, day: LocalDate): Promise<{ date: LocalDate; shiftCode: string }[]> {
  const [next] = await db
    .select({ date: rosterEntries.date })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.personId, personId), eq(rosterEntries.status, 'scheduled'), gt(rosterEntries.date, day)))
    .orderBy(asc(rosterEntries.date))
    .limit(1);
  if (!next) return [];
  return db
    .select({ date: rosterEntries.date, shiftCode: rosterEntries.shiftCode })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.personId, personId), eq(rosterEntries.status, 'scheduled'), eq(rosterEntries.date, next.date)));
}

/** Sets one of the proof timestamps if it is still empty; false when it was set already. */
export async function markProof(tx: DbOrTx, requestId: number, field: 'proofRemindedAt' | 'proofOverdueAt', at: Date): Promise<boolean> {
  const column = field === 'proofRemindedAt' ? leaveRequests.proofRemindedAt : leaveRequests.proofOverdueAt;
  const rows = await tx
    .update(leaveRequests)
    .set({ [field]: at, updatedAt: sql`now()` })
    .where(and(eq(leaveRequests.id, requestId), eq(leaveRequests.proof, 'owed'), isNull(column)))
    .returning({ id: leaveRequests.id });
  return rows.length === 1;
}

export async function attachProofFiles(tx: DbOrTx, request: LeaveRequest, files: readonly ProofFile[]): Promise<void> {
  await tx
    .update(leaveRequests)
    .set({ proof: 'attached', proofFiles: [...request.proofFiles, ...files], updatedAt: sql`now()` })
    .where(eq(leaveRequests.id, request.id));
}

/** Adds or changes comp-time credits by (person, day); rows whose values are the same are left alone. Returns how many were written. */
export async function upsertCompTimeCredits(
  tx: DbOrTx,
  rows: readonly { personId: string; earnedOn: LocalDate; hours: number; note: string | null }[],
): Promise<number> {
  let count = 0;
  for (let i = 0; i < rows.length; i += creditBatch) count += await upsertCreditBatch(tx, rows.slice(i, i + creditBatch));
  return count;
}

/** Credits per statement: four values each, well under PostgreSQL's 65,535 parameters. */
const creditBatch = 1000;

async function upsertCreditBatch(
  tx: DbOrTx,
  rows: readonly { personId: string; earnedOn: LocalDate; hours: number; note: string | null }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const written = await tx
    .insert(compTimeCredits)
    .values(rows.map((r) => ({ personId: r.personId, earnedOn: r.earnedOn, hours: r.hours, note: r.note })))
    .onConflictDoUpdate({
      target: [compTimeCredits.personId, compTimeCredits.earnedOn],
      set: { hours: sql`excluded.hours`, note: sql`excluded.note`, updatedAt: sql`now()` },
      setWhere: sql`(${compTimeCredits.hours}, ${compTimeCredits.note}) is distinct from (excluded.hours, excluded.note)`,
    })
    .returning({ id: compTimeCredits.id });
  return written.length;
}

/** People per statement: well under PostgreSQL's 65,535 parameters. */
const peopleBatch = 1000;

/** Each person's approved leave overlapping [from, to], as it stands now. */
export async function approvedLeaveOf(
  db: DbOrTx,
  personIds: readonly string[],
  range: { readonly start: LocalDate; readonly end: LocalDate },
): Promise<Map<string, LeavePeriod[]>> {
  return leaveInStatusOf(db, personIds, range, 'approved');
}

/** Each person's leave overlapping [from, to] that still waits for a decision. */
export async function pendingLeaveOf(
  db: DbOrTx,
  personIds: readonly string[],
  range: { readonly start: LocalDate; readonly end: LocalDate },
): Promise<Map<string, LeavePeriod[]>> {
  return leaveInStatusOf(db, personIds, range, 'pending');
}

async function leaveInStatusOf(
  db: DbOrTx,
  personIds: readonly string[],
  range: { readonly start: LocalDate; readonly end: LocalDate },
  status: LeaveRequest['status'],
): Promise<Map<string, LeavePeriod[]>> {
  const periods = new Map<string, LeavePeriod[]>();
  for (let i = 0; i < personIds.length; i += peopleBatch) {
    const rows = await db
      .select({ personId: leaveRequests.personId, firstDay: leaveRequests.firstDay, lastDay: leaveRequests.lastDay })
      .from(leaveRequests)
      .where(
        and(
          inArray(leaveRequests.personId, personIds.slice(i, i + peopleBatch)),
          eq(leaveRequests.status, status),
          lte(leaveRequests.firstDay, range.end),
          gte(leaveRequests.lastDay, range.start),
        ),
      );
    for (const r of rows) periods.set(r.personId, [...(periods.get(r.personId) ?? []), { firstDay: r.firstDay, lastDay: r.lastDay }]);
  }
  return periods;
}

/** Where the team channel's absence notice of a request was posted. */
export async function setLeaveNotice(db: DbOrTx, requestId: number, notice: { channel: string; ts: string }): Promise<void> {
  await db
    .update(leaveRequests)
    .set({ noticeChannel: notice.channel, noticeTs: notice.ts, updatedAt: sql`now()` })
    .where(eq(leaveRequests.id, requestId));
}
