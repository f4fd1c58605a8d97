import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import {
  absenceNotices,
  attendanceSheetSends,
  compTimeProposals,
  dailyDigestNotices,
  jobRuns,
  reportRuns,
  submissions,
} from '../schema.js';

/** How many claims of each kind were let go. */
export interface ReleasedClaims {
  readonly jobRuns: number;
  readonly reportRuns: number;
  readonly dailyDigests: number;
  readonly sheetSends: number;
  readonly absenceNotices: number;
  readonly compTimeCards: number;
  readonly submissions: number;
}

/** Before any claim: a weekly run given back counts as one whose copy died long ago, and is taken over at once. */
const longAgo = new Date(0);

/**
 * Lets go of every claim `claimedBy` (an app copy) holds on work it has not finished, so the next
 * start or another copy takes the work over at once instead of after the claim's lease: its
 * unfinished job minutes, weekly runs, unsent daily digests, attendance sends, absence notices and
 * comp-time cards, and the submissions it was writing. Finished work keeps its rows.
 */
export async function releaseClaimsOf(db: DbOrTx, claimedBy: string): Promise<ReleasedClaims> {
  const runs = await db
    .delete(jobRuns)
    .where(and(eq(jobRuns.claimedBy, claimedBy), isNull(jobRuns.finishedAt)))
    .returning({ job: jobRuns.job });
  // the row stays: it says the copy was running that week
  const weekly = await db
    .update(reportRuns)
    .set({ claimedAt: longAgo })
    .where(and(eq(reportRuns.claimedBy, claimedBy), isNull(reportRuns.finishedAt)))
    .returning({ kind: reportRuns.kind });
  const digests = await db
    .delete(dailyDigestNotices)
    .where(and(eq(dailyDigestNotices.claimedBy, claimedBy), isNull(dailyDigestNotices.sentAt)))
    .returning({ personId: dailyDigestNotices.personId });
  const sheets = await db
    .delete(attendanceSheetSends)
    .where(and(eq(attendanceSheetSends.claimedBy, claimedBy), isNull(attendanceSheetSends.sentAt)))
    .returning({ recipientId: attendanceSheetSends.recipientId });
  const absences = await db
    .update(absenceNotices)
    .set({ claimedBy: null, claimedAt: null })
    .where(and(eq(absenceNotices.claimedBy, claimedBy), isNull(absenceNotices.sentAt)))
    .returning({ personId: absenceNotices.personId });
  const cards = await db
    .update(compTimeProposals)
    .set({ cardClaimedBy: null, cardClaimedAt: null })
    .where(and(eq(compTimeProposals.cardClaimedBy, claimedBy), isNull(compTimeProposals.cardTs)))
    .returning({ id: compTimeProposals.id });
  const written = await db
    .update(submissions)
    .set({ claimedBy: null, claimedUntil: null })
    .where(and(eq(submissions.claimedBy, claimedBy), eq(submissions.status, 'pending')))
    .returning({ id: submissions.id });
  return {
    jobRuns: runs.length,
    reportRuns: weekly.length,
    dailyDigests: digests.length,
    sheetSends: sheets.length,
    absenceNotices: absences.length,
    compTimeCards: cards.length,
    submissions: written.length,
  };
}
