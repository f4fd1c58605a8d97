import { and, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import { dailyDigestNotices } from '../schema.js';

export interface DigestNoticeKey {
  readonly personId: string;
  readonly day: LocalDate;
}

/** Of `personIds`, those whose digest of `day` has gone already. */
export async function digestsSentOn(db: DbOrTx, p: { day: LocalDate; personIds: readonly string[] }): Promise<Set<string>> {
  if (p.personIds.length === 0) return new Set();
  const rows = await db
    .select({ personId: dailyDigestNotices.personId })
    .from(dailyDigestNotices)
    .where(
      and(eq(dailyDigestNotices.day, p.day), inArray(dailyDigestNotices.personId, [...p.personIds]), isNotNull(dailyDigestNotices.sentAt)),
    );
  return new Set(rows.map((r) => r.personId));
}

/**
 * Claims the person's digest of the day for this copy: true when its row went in, or when it took over
 * a claim never marked sent and older than `staleBefore` (its copy died). False when it has gone, or
 * another copy may still be sending it.
 */
export async function claimDigest(
  db: DbOrTx,
  p: DigestNoticeKey & { teamId: string; claimedBy: string; at: Date; staleBefore: Date },
): Promise<boolean> {
  const rows = await db
    .insert(dailyDigestNotices)
    .values({ personId: p.personId, day: p.day, teamId: p.teamId, claimedBy: p.claimedBy, claimedAt: p.at })
    .onConflictDoUpdate({
      target: [dailyDigestNotices.personId, dailyDigestNotices.day],
      set: { claimedBy: p.claimedBy, claimedAt: p.at, teamId: p.teamId },
      setWhere: and(isNull(dailyDigestNotices.sentAt), lt(dailyDigestNotices.claimedAt, sql`${p.staleBefore.toISOString()}::timestamptz`)),
    })
    .returning({ personId: dailyDigestNotices.personId });
  return rows.length === 1;
}

export async function markDigestSent(db: DbOrTx, p: DigestNoticeKey & { at: Date }): Promise<void> {
  await db
    .update(dailyDigestNotices)
    .set({ sentAt: p.at })
    .where(and(eq(dailyDigestNotices.personId, p.personId), eq(dailyDigestNotices.day, p.day)));
}

/** A digest that could not be sent is let go (only by the copy that holds it), so a later minute may try again. */
export async function releaseDigest(db: DbOrTx, p: DigestNoticeKey & { claimedBy: string }): Promise<void> {
  await db
    .delete(dailyDigestNotices)
    .where(
      and(
        eq(dailyDigestNotices.personId, p.personId),
        eq(dailyDigestNotices.day, p.day),
        eq(dailyDigestNotices.claimedBy, p.claimedBy),
        isNull(dailyDigestNotices.sentAt),
      ),
    );
}
