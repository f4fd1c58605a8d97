import { and, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { jobRuns } from '../schema.js';

/** True for the one app copy whose row for (job, slot) went in; every other copy gets false. */
export async function claimJobRun(db: DbOrTx, run: { job: string; slot: string; claimedBy: string; at: Date }): Promise<boolean> {
  const rows = await db
    .insert(jobRuns)
    .values({ job: run.job, slot: run.slot, claimedBy: run.claimedBy, claimedAt: run.at })
    .onConflictDoNothing()
    .returning({ job: jobRuns.job });
  return rows.length === 1;
}

export async function finishJobRun(db: DbOrTx, run: { job: string; slot: string; at: Date }): Promise<void> {
  await db
    .update(jobRuns)
    .set({ finishedAt: run.at })
    .where(and(eq(jobRuns.job, run.job), eq(jobRuns.slot, run.slot)));
}

/** Claims older than `before` only say that a minute was handled; they are dropped after a while. */
export async function pruneJobRuns(db: DbOrTx, before: Date): Promise<void> {
  await db.delete(jobRuns).where(lt(jobRuns.claimedAt, sql`${before.toISOString()}::timestamptz`));
}
