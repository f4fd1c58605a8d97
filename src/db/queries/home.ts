import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { homeOpeners } from '../schema.js';

/** Records that the person opened their Home tab, which shows the most urgent items first again. */
export async function recordHomeOpened(db: DbOrTx, personId: string, at: Date): Promise<void> {
  await db
    .insert(homeOpeners)
    .values({ personId, openedAt: at, inboxOffset: 0 })
    .onConflictDoUpdate({ target: homeOpeners.personId, set: { openedAt: at, inboxOffset: 0 } });
}

/** Which page of the inbox the person looks at (0: the most urgent); undefined when they never opened Home. */
export async function homeOffsetOf(db: DbOrTx, personId: string): Promise<number | undefined> {
  const [row] = await db.select({ offset: homeOpeners.inboxOffset }).from(homeOpeners).where(eq(homeOpeners.personId, personId));
  return row?.offset;
}

export async function setHomeOffset(db: DbOrTx, personId: string, offset: number, at: Date): Promise<void> {
  await db
    .insert(homeOpeners)
    .values({ personId, openedAt: at, inboxOffset: offset })
    .onConflictDoUpdate({ target: homeOpeners.personId, set: { inboxOffset: sql`excluded.inbox_offset` } });
}

/** Of these people, those who have opened Home. */
export async function homeOpenersAmong(db: DbOrTx, personIds: readonly string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .select({ personId: homeOpeners.personId })
    .from(homeOpeners)
    .where(inArray(homeOpeners.personId, [...personIds]));
  return new Set(rows.map((r) => r.personId));
}

/**
 * Claims the person's request for the weekly meeting pack at `at`: true unless they had one claimed
 * after `since` (a double click, or the same click delivered twice), in every app copy at once.
 */
export async function claimMeetingPack(db: DbOrTx, p: { personId: string; at: Date; since: Date }): Promise<boolean> {
  const rows = await db
    .insert(homeOpeners)
    .values({ personId: p.personId, openedAt: p.at, meetingPackAt: p.at })
    .onConflictDoUpdate({
      target: homeOpeners.personId,
      set: { meetingPackAt: p.at },
      setWhere: or(isNull(homeOpeners.meetingPackAt), lte(homeOpeners.meetingPackAt, p.since)),
    })
    .returning({ personId: homeOpeners.personId });
  return rows.length === 1;
}

/** Gives back a claim whose pack could not be sent, so that asking again works at once. */
export async function releaseMeetingPack(db: DbOrTx, p: { personId: string; at: Date }): Promise<void> {
  await db
    .update(homeOpeners)
    .set({ meetingPackAt: null })
    .where(and(eq(homeOpeners.personId, p.personId), eq(homeOpeners.meetingPackAt, p.at)));
}
