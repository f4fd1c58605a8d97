import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import { people, rosterEntries, swapEvents, swapHolds, swapRequests, type SwapRequest, type SwapStatus } from '../schema.js';
import { AppError } from '../../errors.js';

type NewSwap = typeof swapRequests.$inferInsert;
type NewSwapEvent = typeof swapEvents.$inferInsert;

export interface ShiftRef {
  readonly personId: string;
  readonly date: LocalDate;
  readonly shiftCode: string;
}

export const pendingSwapStatuses = ['pending_colleague', 'pending_lead'] as const satisfies readonly SwapStatus[];

export async function findSwap(db: DbOrTx, id: number): Promise<SwapRequest | undefined> {
  const [row] = await db.select().from(swapRequests).where(eq(swapRequests.id, id)).limit(1);
  return row;
}

export async function findSwapBySubmission(db: DbOrTx, submissionKey: string): Promise<SwapRequest | undefined> {
  const [row] = await db.select().from(swapRequests).where(eq(swapRequests.submissionKey, submissionKey)).limit(1);
  return row;
}

/** The swap row, locked until the transaction ends, so two clicks take turns. */
export async function lockSwap(tx: DbOrTx, id: number): Promise<SwapRequest | undefined> {
  const [row] = await tx.select().from(swapRequests).where(eq(swapRequests.id, id)).for('update');
  return row;
}

/** The swap, its holds on the shifts it moves, and its first event, in one go. */
export async function insertSwap(
  tx: DbOrTx,
  swap: NewSwap,
  holds: readonly ShiftRef[],
  event: Omit<NewSwapEvent, 'swapId'>,
): Promise<SwapRequest> {
  const [row] = await tx.insert(swapRequests).values(swap).returning();
  if (!row) throw new AppError('db.no_row', 'insert returned no row');
  await tx.insert(swapHolds).values(holds.map((h) => ({ ...h, swapId: row.id })));
  await tx.insert(swapEvents).values({ ...event, swapId: row.id });
  return row;
}

/** Which of `shifts` a pending swap other than `exceptSwapId` holds, as `person|date|code` keys. */
export async function heldShifts(db: DbOrTx, shifts: readonly ShiftRef[], exceptSwapId?: number): Promise<Set<string>> {
  if (shifts.length === 0) return new Set();
  const rows = await db
    .select({ personId: swapHolds.personId, date: swapHolds.date, shiftCode: swapHolds.shiftCode, swapId: swapHolds.swapId })
    .from(swapHolds)
    .where(
      or(...shifts.map((s) => and(eq(swapHolds.personId, s.personId), eq(swapHolds.date, s.date), eq(swapHolds.shiftCode, s.shiftCode)))),
    );
  return new Set(rows.filter((r) => r.swapId !== exceptSwapId).map((r) => `${r.personId}|${r.date}|${r.shiftCode}`));
}

export async function releaseHolds(tx: DbOrTx, swapId: number): Promise<void> {
  await tx.delete(swapHolds).where(eq(swapHolds.swapId, swapId));
}

export type SwapChange = Partial<Pick<SwapRequest, 'leadId' | 'acceptedAt' | 'decidedBy' | 'decidedAt' | 'endReason' | 'rejectReason'>>;

/** Moves the swap to `to`, with the columns that go with it, and records the event. */
export async function changeSwapStatus(
  tx: DbOrTx,
  swap: SwapRequest,
  to: SwapStatus,
  set: SwapChange,
  event: { at: Date; actorId: string | null; note?: string },
): Promise<SwapRequest> {
  const [row] = await tx
    .update(swapRequests)
    .set({ ...set, status: to, updatedAt: sql`now()` })
    .where(eq(swapRequests.id, swap.id))
    .returning();
  await tx
    .insert(swapEvents)
    .values({ swapId: swap.id, at: event.at, actorId: event.actorId, fromStatus: swap.status, toStatus: to, note: event.note ?? null });
  return row as SwapRequest;
}

export async function saveSwapMessage(
  db: DbOrTx,
  swapId: number,
  who: 'colleague' | 'lead',
  message: { channel: string; ts: string },
): Promise<void> {
  const set =
    who === 'colleague'
      ? { colleagueMessageChannel: message.channel, colleagueMessageTs: message.ts }
      : { leadMessageChannel: message.channel, leadMessageTs: message.ts };
  await db.update(swapRequests).set(set).where(eq(swapRequests.id, swapId));
}

/** The scheduled shifts of some people whose start day lies in [from, to]. */
export async function scheduledShiftsOf(
  db: DbOrTx,
  p: { personIds: readonly string[]; from: LocalDate; to: LocalDate },
): Promise<ShiftRef[]> {
  const rows = await db
    .select({ personId: rosterEntries.personId, date: rosterEntries.date, shiftCode: rosterEntries.shiftCode })
    .from(rosterEntries)
    .where(
      and(
        inArray(rosterEntries.personId, [...p.personIds]),
        eq(rosterEntries.status, 'scheduled'),
        gte(rosterEntries.date, p.from),
        lte(rosterEntries.date, p.to),
      ),
    )
    .orderBy(asc(rosterEntries.date), asc(rosterEntries.shiftCode));
  return rows;
}

/** Swaps each person asked for whose earlier shift lies in [from, to], by person: approved and still pending. */
export async function requestedSwapCounts(
  db: DbOrTx,
  p: { personIds: readonly string[]; from: LocalDate; to: LocalDate; exceptSwapId?: number },
) {
  const rows = await db
    .select({ personId: swapRequests.requesterId, status: swapRequests.status, id: swapRequests.id })
    .from(swapRequests)
    .where(
      and(
        inArray(swapRequests.requesterId, [...p.personIds]),
        inArray(swapRequests.status, ['approved', ...pendingSwapStatuses]),
        // a cover called for by a lead is no voluntary swap of the absent person
        isNull(swapRequests.coverCallId),
        gte(swapRequests.giveDate, p.from),
        lte(swapRequests.giveDate, p.to),
      ),
    );
  const counts = new Map(p.personIds.map((id) => [id, { approved: 0, pending: 0 }]));
  for (const row of rows) {
    if (row.id === p.exceptSwapId) continue;
    const count = counts.get(row.personId);
    if (count) count[row.status === 'approved' ? 'approved' : 'pending'] += 1;
  }
  return counts;
}

/**
 * The swap's roster change: the giver's row is marked swapped and the receiver gets a scheduled row
 * (their own earlier swapped row for that shift comes back, if there is one). False when a row was not
 * as expected, so the caller can roll the whole swap back.
 */
export async function moveShift(
  tx: DbOrTx,
  p: { from: string; to: string; teamId: string; date: LocalDate; shiftCode: string },
): Promise<boolean> {
  const given = await tx
    .update(rosterEntries)
    .set({ status: 'swapped', updatedAt: sql`now()` })
    .where(
      and(
        eq(rosterEntries.personId, p.from),
        eq(rosterEntries.date, p.date),
        eq(rosterEntries.shiftCode, p.shiftCode),
        eq(rosterEntries.status, 'scheduled'),
      ),
    )
    .returning({ id: rosterEntries.id });
  if (given.length !== 1) return false;
  const received = await tx
    .insert(rosterEntries)
    .values({ personId: p.to, teamId: p.teamId, date: p.date, shiftCode: p.shiftCode, status: 'scheduled' })
    .onConflictDoUpdate({
      target: [rosterEntries.personId, rosterEntries.date, rosterEntries.shiftCode],
      set: { status: 'scheduled', teamId: p.teamId, updatedAt: sql`now()` },
      setWhere: eq(rosterEntries.status, 'swapped'),
    })
    .returning({ id: rosterEntries.id });
  return received.length === 1;
}

/** A person's swaps, asked or asked of, whose earlier shift is on or after `from`, newest first. */
export async function listSwapsOf(db: DbOrTx, p: { personId: string; from: LocalDate; limit: number }): Promise<SwapRequest[]> {
  return db
    .select()
    .from(swapRequests)
    .where(and(or(eq(swapRequests.requesterId, p.personId), eq(swapRequests.colleagueId, p.personId)), gte(swapRequests.giveDate, p.from)))
    .orderBy(desc(swapRequests.createdAt), desc(swapRequests.id))
    .limit(p.limit);
}

/** Pending swaps whose deadline is at or before `now`. */
export async function listOverdueSwaps(db: DbOrTx, now: Date): Promise<SwapRequest[]> {
  return db
    .select()
    .from(swapRequests)
    .where(and(inArray(swapRequests.status, [...pendingSwapStatuses]), lte(swapRequests.deadline, now)))
    .orderBy(asc(swapRequests.deadline));
}

/** Approved swaps of a team moving a shift that starts on one of `dates` (for handovers and reports). */
export async function approvedSwapsOn(db: DbOrTx, p: { teamId: string; dates: readonly LocalDate[] }): Promise<SwapRequest[]> {
  if (p.dates.length === 0) return [];
  return db
    .select()
    .from(swapRequests)
    .where(
      and(
        eq(swapRequests.teamId, p.teamId),
        eq(swapRequests.status, 'approved'),
        or(inArray(swapRequests.giveDate, [...p.dates]), inArray(swapRequests.takeDate, [...p.dates])),
      ),
    );
}

/** A person's approved swaps (either side) with a shift whose day lies in [from, to]. */
export function approvedSwapsTouching(db: DbOrTx, p: { personId: string; from: LocalDate; to: LocalDate }) {
  return db
    .select()
    .from(swapRequests)
    .where(
      and(
        eq(swapRequests.status, 'approved'),
        or(eq(swapRequests.requesterId, p.personId), eq(swapRequests.colleagueId, p.personId)),
        or(
          and(gte(swapRequests.giveDate, p.from), lte(swapRequests.giveDate, p.to)),
          and(gte(swapRequests.takeDate, p.from), lte(swapRequests.takeDate, p.to)),
        ),
      ),
    );
}

/** The shifts a person's approved swaps moved within [from, to], each with the other person's name. */
export async function swappedShiftsOf(db: DbOrTx, p: { personId: string; from: LocalDate; to: LocalDate }) {
  const rows = await approvedSwapsTouching(db, p);
  const otherIds = [...new Set(rows.map((r) => (r.requesterId === p.personId ? r.colleagueId : r.requesterId)))];
  const names = new Map(
    otherIds.length === 0
      ? []
      : (await db.select({ id: people.slackId, name: people.name }).from(people).where(inArray(people.slackId, otherIds))).map((r) => [
          r.id,
          r.name,
        ]),
  );
  const inRange = (date: LocalDate | null): date is LocalDate => date !== null && date >= p.from && date <= p.to;
  return rows
    .flatMap((r) => {
      const other = r.requesterId === p.personId ? r.colleagueId : r.requesterId;
      const withName = names.get(other) ?? other;
      return [
        ...(inRange(r.giveDate) ? [{ date: r.giveDate, shiftCode: r.giveShift, withName }] : []),
        ...(inRange(r.takeDate) && r.takeShift ? [{ date: r.takeDate, shiftCode: r.takeShift, withName }] : []),
      ];
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Pending swaps whose current card (the colleague's, or the lead's) has not been posted although its
 * step began before `before`, and that no card job holds since then.
 */
export async function listSwapsMissingCard(db: DbOrTx, before: Date): Promise<{ swap: SwapRequest; who: 'colleague' | 'lead' }[]> {
  const unclaimed = or(isNull(swapRequests.cardClaimedAt), lte(swapRequests.cardClaimedAt, before));
  const rows = await db
    .select()
    .from(swapRequests)
    .where(
      and(
        unclaimed,
        or(
          and(eq(swapRequests.status, 'pending_colleague'), isNull(swapRequests.colleagueMessageTs), lte(swapRequests.createdAt, before)),
          and(eq(swapRequests.status, 'pending_lead'), isNull(swapRequests.leadMessageTs), lte(swapRequests.acceptedAt, before)),
        ),
      ),
    )
    .orderBy(asc(swapRequests.id));
  return rows.map((swap) => ({ swap, who: swap.status === 'pending_colleague' ? ('colleague' as const) : ('lead' as const) }));
}

/** Takes on posting a swap's missing card, unless its step moved on, the card arrived, or another poster holds it. */
export async function claimSwapCard(
  db: DbOrTx,
  p: { swapId: number; who: 'colleague' | 'lead'; at: Date; staleBefore: Date },
): Promise<boolean> {
  const step =
    p.who === 'colleague'
      ? and(eq(swapRequests.status, 'pending_colleague'), isNull(swapRequests.colleagueMessageTs))
      : and(eq(swapRequests.status, 'pending_lead'), isNull(swapRequests.leadMessageTs));
  const rows = await db
    .update(swapRequests)
    .set({ cardClaimedAt: p.at })
    .where(and(eq(swapRequests.id, p.swapId), step, or(isNull(swapRequests.cardClaimedAt), lte(swapRequests.cardClaimedAt, p.staleBefore))))
    .returning({ id: swapRequests.id });
  return rows.length === 1;
}
