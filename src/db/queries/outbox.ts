/** The submissions outbox: accepted before the ack, claimed by one app copy at a time, finished once. */
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { submissions, type Submission } from '../schema.js';

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

export interface NewSubmission {
  readonly kind: string;
  readonly userId: string;
  readonly submissionKey: string;
  readonly payload: unknown;
}

/**
 * Stores submissions (many at once: a burst's are one statement), each claimed by `claimedBy` until
 * `claimedUntil` so no other copy starts on it while this one answers Slack; a second delivery of a
 * submission finds the first row. Ids by submission key, with whether this insert made the row.
 */
export async function insertSubmissions(
  db: DbOrTx,
  items: readonly NewSubmission[],
  claim: { at: Date; claimedBy: string; claimedUntil: Date },
): Promise<Map<string, { id: number; fresh: boolean }>> {
  const unique = [...new Map(items.map((item) => [item.submissionKey, item])).values()];
  const inserted = await db
    .insert(submissions)
    .values(
      unique.map((item) => ({
        kind: item.kind,
        userId: item.userId,
        submissionKey: item.submissionKey,
        payload: item.payload,
        nextAttemptAt: claim.at,
        claimedBy: claim.claimedBy,
        claimedUntil: claim.claimedUntil,
        createdAt: claim.at,
      })),
    )
    .onConflictDoNothing({ target: submissions.submissionKey })
    .returning({ id: submissions.id, key: submissions.submissionKey });
  const ids = new Map(inserted.map((row) => [row.key, { id: row.id, fresh: true }]));
  const missing = unique.map((item) => item.submissionKey).filter((key) => !ids.has(key));
  if (missing.length > 0) {
    for (const row of await db
      .select({ id: submissions.id, key: submissions.submissionKey })
      .from(submissions)
      .where(inArray(submissions.submissionKey, missing)))
      ids.set(row.key, { id: row.id, fresh: false });
  }
  return ids;
}

/** Rows whose insert went in after their authors were told they had not: nobody has started on them, so they go. */
export async function dropUnstartedSubmissions(db: DbOrTx, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .delete(submissions)
    .where(and(inArray(submissions.submissionKey, [...keys]), eq(submissions.status, 'pending'), eq(submissions.attempts, 0)));
}

/** A pending submission `by` holds the claim of, dropped. */
export async function dropClaimedSubmission(db: DbOrTx, id: number, by: string): Promise<void> {
  await db.delete(submissions).where(and(eq(submissions.id, id), eq(submissions.status, 'pending'), eq(submissions.claimedBy, by)));
}

/** Takes a pending submission for one attempt: unclaimed, claimed by `by` already, or left by a copy whose claim ran out. */
export async function claimSubmission(db: DbOrTx, p: { id: number; by: string; at: Date; until: Date }): Promise<Submission | undefined> {
  const [row] = await db
    .update(submissions)
    .set({ claimedBy: p.by, claimedUntil: p.until, attempts: sql`${submissions.attempts} + 1` })
    .where(
      and(
        eq(submissions.id, p.id),
        eq(submissions.status, 'pending'),
        or(isNull(submissions.claimedUntil), eq(submissions.claimedBy, p.by), lt(submissions.claimedUntil, at(p.at))),
      ),
    )
    .returning();
  return row;
}

/** Pending submissions due for another attempt whose claim (if any) has run out, oldest first. */
export async function dueSubmissionIds(db: DbOrTx, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(
      and(
        eq(submissions.status, 'pending'),
        lte(submissions.nextAttemptAt, at(now)),
        or(isNull(submissions.claimedUntil), lt(submissions.claimedUntil, at(now))),
      ),
    )
    .orderBy(asc(submissions.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Marks it written; in the transaction of the write, so the two go in together or not at all. */
export async function finishSubmission(db: DbOrTx, id: number, now: Date): Promise<void> {
  await db.update(submissions).set({ status: 'done', finishedAt: now, claimedUntil: null }).where(eq(submissions.id, id));
}

export async function failSubmission(db: DbOrTx, id: number, failure: unknown, now: Date): Promise<void> {
  await db.update(submissions).set({ status: 'failed', failure, finishedAt: now, claimedUntil: null }).where(eq(submissions.id, id));
}

/** Lets go of a failed attempt: it is tried again from `nextAttemptAt`, by whichever copy comes first. */
export async function releaseSubmission(db: DbOrTx, p: { id: number; by: string; nextAttemptAt: Date; error: string }): Promise<void> {
  await db
    .update(submissions)
    .set({ claimedBy: null, claimedUntil: null, nextAttemptAt: p.nextAttemptAt, lastError: p.error.slice(0, 2000) })
    .where(and(eq(submissions.id, p.id), eq(submissions.claimedBy, p.by), eq(submissions.status, 'pending')));
}

/** Failed submissions whose author has not been told yet (the message failed, or the copy died first). */
export async function untoldFailures(db: DbOrTx, limit: number): Promise<Submission[]> {
  return db
    .select()
    .from(submissions)
    .where(and(eq(submissions.status, 'failed'), isNull(submissions.toldAt)))
    .orderBy(asc(submissions.id))
    .limit(limit);
}

/** True for the one caller that marks the author told (two copies never both tell). */
export async function markTold(db: DbOrTx, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(submissions)
    .set({ toldAt: now })
    .where(and(eq(submissions.id, id), isNull(submissions.toldAt)))
    .returning({ id: submissions.id });
  return rows.length === 1;
}

export async function findSubmission(db: DbOrTx, id: number): Promise<Submission | undefined> {
  const [row] = await db.select().from(submissions).where(eq(submissions.id, id));
  return row;
}

/** The message could not be sent: a later run tells them. */
export async function unmarkTold(db: DbOrTx, id: number): Promise<void> {
  await db.update(submissions).set({ toldAt: null }).where(eq(submissions.id, id));
}
