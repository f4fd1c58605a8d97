/** The copies of a leave's proof files shared into each approver's DM: claimed before uploading, so nothing is uploaded twice. */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { leaveProofShares, type LeaveProofShare } from '../schema.js';

export async function proofSharesOf(db: DbOrTx, requestId: number): Promise<LeaveProofShare[]> {
  return db.select().from(leaveProofShares).where(eq(leaveProofShares.requestId, requestId));
}

/** Takes on sharing one file with one approver; false when another delivery, redraw or copy of the app already has. */
export async function claimProofShare(db: DbOrTx, key: { requestId: number; fileId: string; approverId: string }): Promise<boolean> {
  const claimed = await db
    .insert(leaveProofShares)
    .values({ ...key, status: 'sharing' })
    .onConflictDoNothing()
    .returning({ id: leaveProofShares.id });
  return claimed.length > 0;
}

export type ProofShareOutcome =
  | { readonly status: 'shared'; readonly sharedFileId: string; readonly permalink: string | null }
  | { readonly status: 'failed'; readonly failure: string };

export async function finishProofShare(
  db: DbOrTx,
  key: { requestId: number; fileId: string; approverId: string },
  outcome: ProofShareOutcome,
): Promise<void> {
  await db
    .update(leaveProofShares)
    .set({ ...outcome, updatedAt: sql`now()` })
    .where(
      and(
        eq(leaveProofShares.requestId, key.requestId),
        eq(leaveProofShares.fileId, key.fileId),
        eq(leaveProofShares.approverId, key.approverId),
      ),
    );
}
