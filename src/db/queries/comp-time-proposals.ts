import type { LocalDate } from '../../policy/time.js';
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { compTimeCredits, compTimeProposals, type CompTimeProposal } from '../schema.js';

/** Proposals per statement: four values each, well under PostgreSQL's 65,535 parameters. */
const batchSize = 1000;

/** Adds the month's proposals not made yet (one per person and month); how many went in. */
export async function addCompTimeProposals(
  db: DbOrTx,
  rows: readonly { personId: string; month: string; hours: number; managerId: string }[],
): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += batchSize) {
    const written = await db
      .insert(compTimeProposals)
      .values(rows.slice(i, i + batchSize))
      .onConflictDoNothing()
      .returning({ id: compTimeProposals.id });
    added += written.length;
  }
  return added;
}

export async function compTimeProposalById(db: DbOrTx, id: number): Promise<CompTimeProposal | undefined> {
  const [row] = await db.select().from(compTimeProposals).where(eq(compTimeProposals.id, id));
  return row;
}

/** The month's proposals by person. */
export async function compTimeProposalsOf(db: DbOrTx, month: string): Promise<Map<string, CompTimeProposal>> {
  const rows = await db.select().from(compTimeProposals).where(eq(compTimeProposals.month, month));
  return new Map(rows.map((row) => [row.personId, row]));
}

/** Proposals still waiting for these managers, oldest first. */
export async function proposalsAwaiting(db: DbOrTx, managerIds: readonly string[]): Promise<CompTimeProposal[]> {
  if (managerIds.length === 0) return [];
  return proposalsAwaitingQuery(db, managerIds).orderBy(asc(compTimeProposals.id));
}

/** The statement of `proposalsAwaiting`, unordered and not run (for a caller who asks only whether it has rows). */
export const proposalsAwaitingQuery = (db: DbOrTx, managerIds: readonly string[]) =>
  db
    .select()
    .from(compTimeProposals)
    .where(and(inArray(compTimeProposals.managerId, [...managerIds]), eq(compTimeProposals.status, 'proposed')));

/** The proposals whose card this copy now sends: not sent, and never claimed or claimed before `staleBefore`. */
export async function claimUnsentProposalCards(
  db: DbOrTx,
  p: { claimedBy: string; at: Date; staleBefore: Date },
): Promise<CompTimeProposal[]> {
  const rows = await db
    .update(compTimeProposals)
    .set({ cardClaimedBy: p.claimedBy, cardClaimedAt: p.at })
    .where(
      and(
        isNull(compTimeProposals.cardTs),
        eq(compTimeProposals.status, 'proposed'),
        or(isNull(compTimeProposals.cardClaimedAt), lt(compTimeProposals.cardClaimedAt, sql`${p.staleBefore.toISOString()}::timestamptz`)),
      ),
    )
    .returning();
  return rows.sort((a, b) => a.id - b.id);
}

export async function markProposalCardSent(db: DbOrTx, p: { id: number; channel: string; ts: string }): Promise<void> {
  await db.update(compTimeProposals).set({ cardChannel: p.channel, cardTs: p.ts }).where(eq(compTimeProposals.id, p.id));
}

/** A card Slack refused is let go (only by the copy holding it), so a later minute tries again. */
export async function releaseProposalCard(db: DbOrTx, p: { id: number; claimedBy: string }): Promise<void> {
  await db
    .update(compTimeProposals)
    .set({ cardClaimedBy: null, cardClaimedAt: null })
    .where(and(eq(compTimeProposals.id, p.id), eq(compTimeProposals.cardClaimedBy, p.claimedBy), isNull(compTimeProposals.cardTs)));
}

/** Moves a proposal from proposed to approved or adjusted, only if it is still proposed and the actor is its manager. */
export async function decideProposal(
  db: DbOrTx,
  p: { id: number; actorId: string; status: 'approved' | 'adjusted'; hours: number; at: Date },
): Promise<CompTimeProposal | undefined> {
  const [row] = await db
    .update(compTimeProposals)
    .set({ status: p.status, decidedHours: p.hours, decidedBy: p.actorId, decidedAt: p.at, updatedAt: p.at })
    .where(and(eq(compTimeProposals.id, p.id), eq(compTimeProposals.status, 'proposed'), eq(compTimeProposals.managerId, p.actorId)))
    .returning();
  return row;
}

/**
 * Adds hours to the person's comp-time ledger on `earnedOn`. The ledger keeps one row per person and
 * day: hours already there for that day (from the overtime sheet) are added to, not replaced.
 */
export async function addCompTimeCredit(
  db: DbOrTx,
  p: { personId: string; earnedOn: LocalDate; hours: number; note: string },
): Promise<void> {
  await db
    .insert(compTimeCredits)
    .values(p)
    .onConflictDoUpdate({
      target: [compTimeCredits.personId, compTimeCredits.earnedOn],
      set: {
        hours: sql`${compTimeCredits.hours} + excluded.hours`,
        note: sql`concat_ws('; ', ${compTimeCredits.note}, excluded.note)`,
        updatedAt: sql`now()`,
      },
    });
}
