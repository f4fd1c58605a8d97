import { and, asc, eq, isNull } from 'drizzle-orm';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import { approvedLeaveTouching } from './leave.js';
import { calendarTokens, leaveRequests, people } from '../schema.js';

export async function insertCalendarToken(db: DbOrTx, p: { teamId: string; tokenHash: string; at: Date }): Promise<void> {
  await db.insert(calendarTokens).values({ teamId: p.teamId, tokenHash: p.tokenHash, createdAt: p.at });
}

/** Ends every link of the team still working; returns how many there were. */
export async function revokeCalendarTokens(db: DbOrTx, p: { teamId: string; at: Date }): Promise<number> {
  const revoked = await db
    .update(calendarTokens)
    .set({ revokedAt: p.at })
    .where(and(eq(calendarTokens.teamId, p.teamId), isNull(calendarTokens.revokedAt)))
    .returning({ id: calendarTokens.id });
  return revoked.length;
}

/** The hashes of the team's links that still work. */
export async function liveCalendarTokenHashes(db: DbOrTx, teamId: string): Promise<string[]> {
  const rows = await db
    .select({ tokenHash: calendarTokens.tokenHash })
    .from(calendarTokens)
    .where(and(eq(calendarTokens.teamId, teamId), isNull(calendarTokens.revokedAt)));
  return rows.map((r) => r.tokenHash);
}

export interface ApprovedLeaveDays {
  readonly requestId: number;
  readonly name: string;
  readonly firstDay: LocalDate;
  readonly lastDay: LocalDate;
  /** When it was approved (by the app's clock), for the event's stamp. */
  readonly approvedAt: Date;
}

/** The team's approved leave with at least one day in [from, to]: who and which days, nothing of its type or reason. */
export async function approvedLeaveOfTeam(db: DbOrTx, p: { teamId: string; from: LocalDate; to: LocalDate }): Promise<ApprovedLeaveDays[]> {
  const rows = await db
    .select({
      requestId: leaveRequests.id,
      name: people.name,
      firstDay: leaveRequests.firstDay,
      lastDay: leaveRequests.lastDay,
      decidedAt: leaveRequests.decidedAt,
      createdAt: leaveRequests.createdAt,
    })
    .from(leaveRequests)
    .innerJoin(people, eq(people.slackId, leaveRequests.personId))
    .where(and(eq(leaveRequests.teamId, p.teamId), approvedLeaveTouching(p.from, p.to)))
    .orderBy(asc(leaveRequests.firstDay), asc(leaveRequests.id));
  return rows.map((r) => ({
    requestId: r.requestId,
    name: r.name,
    firstDay: r.firstDay,
    lastDay: r.lastDay,
    approvedAt: r.decidedAt ?? r.createdAt,
  }));
}
