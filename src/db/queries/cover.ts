import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import {
  coverCalls,
  coverOffers,
  people,
  rosterEntries,
  swapEvents,
  swapRequests,
  type CoverCall,
  type Person,
  type SwapRequest,
} from '../schema.js';

type NewCall = typeof coverCalls.$inferInsert;
type NewSwap = typeof swapRequests.$inferInsert;

/** The call for the shift, new; undefined when the request already has one for it (a second click). */
export async function insertCoverCall(tx: DbOrTx, call: NewCall): Promise<CoverCall | undefined> {
  const [row] = await tx.insert(coverCalls).values(call).onConflictDoNothing().returning();
  return row;
}

export async function insertCoverOffers(tx: DbOrTx, callId: number, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  await tx.insert(coverOffers).values(personIds.map((personId) => ({ callId, personId })));
}

export async function findCoverCall(db: DbOrTx, id: number): Promise<CoverCall | undefined> {
  const [row] = await db.select().from(coverCalls).where(eq(coverCalls.id, id)).limit(1);
  return row;
}

/** The call row, locked until the transaction ends, so two accepts take turns. */
export async function lockCoverCall(tx: DbOrTx, id: number): Promise<CoverCall | undefined> {
  const [row] = await tx.select().from(coverCalls).where(eq(coverCalls.id, id)).for('update');
  return row;
}

export async function coverCallsOf(db: DbOrTx, requestId: number): Promise<CoverCall[]> {
  return db.select().from(coverCalls).where(eq(coverCalls.requestId, requestId)).orderBy(asc(coverCalls.date), asc(coverCalls.shiftCode));
}

export async function coverOffersOf(db: DbOrTx, callId: number) {
  return db.select().from(coverOffers).where(eq(coverOffers.callId, callId)).orderBy(asc(coverOffers.personId));
}

export async function saveCoverOfferMessage(
  db: DbOrTx,
  p: { callId: number; personId: string; channel: string; ts: string },
): Promise<void> {
  await db
    .update(coverOffers)
    .set({ messageChannel: p.channel, messageTs: p.ts })
    .where(and(eq(coverOffers.callId, p.callId), eq(coverOffers.personId, p.personId)));
}

/** Active people of a team who could be asked to cover: agents and leads, never the absent person. */
export async function coverCandidates(db: DbOrTx, p: { teamId: string; except: string }): Promise<Person[]> {
  const rows = await db
    .select()
    .from(people)
    .where(and(eq(people.teamId, p.teamId), eq(people.active, true), inArray(people.role, ['agent', 'lead'])))
    .orderBy(asc(people.slackId));
  return rows.filter((r) => r.slackId !== p.except);
}

/**
 * The cover taken: the call records who, a swap row (approved, outside the notice) records it like a
 * cover, and the taker gets the shift on the roster. The absent person's row stays theirs, to be marked
 * as leave when the leave is approved. False when the taker's row was not as checked.
 */
export async function takeCover(
  tx: DbOrTx,
  call: CoverCall,
  p: { takerId: string; at: Date; swap: Omit<NewSwap, 'coverCallId'> },
): Promise<SwapRequest | undefined> {
  const received = await tx
    .insert(rosterEntries)
    .values({ personId: p.takerId, teamId: call.teamId, date: call.date, shiftCode: call.shiftCode, status: 'scheduled' })
    .onConflictDoUpdate({
      target: [rosterEntries.personId, rosterEntries.date, rosterEntries.shiftCode],
      set: { status: 'scheduled', teamId: call.teamId, updatedAt: sql`now()` },
      setWhere: eq(rosterEntries.status, 'swapped'),
    })
    .returning({ id: rosterEntries.id });
  if (received.length !== 1) return undefined;
  const [swap] = await tx
    .insert(swapRequests)
    .values({ ...p.swap, coverCallId: call.id })
    .returning();
  if (!swap) return undefined;
  await tx.insert(swapEvents).values({
    swapId: swap.id,
    at: p.at,
    actorId: p.takerId,
    fromStatus: null,
    toStatus: 'approved',
    note: `cover for leave ${call.requestId}, called by ${call.calledBy}`,
  });
  await tx.update(coverCalls).set({ takenBy: p.takerId, takenAt: p.at }).where(eq(coverCalls.id, call.id));
  return swap;
}
