import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { RosterStatus } from '../../policy/roster-status.js';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import { leaveApprovalSteps, leaveCoveredShifts, leaveRequests, people, rosterEntries } from '../schema.js';

export interface TeamRosterRow {
  readonly personId: string;
  readonly name: string;
  readonly date: LocalDate;
  readonly shiftCode: string;
  readonly status: RosterStatus;
}

/** A team's roster rows whose start day lies in [from, to], with each person's name. */
export async function teamRosterBetween(db: DbOrTx, p: { teamId: string; from: LocalDate; to: LocalDate }): Promise<TeamRosterRow[]> {
  const rows = await db
    .select({
      personId: rosterEntries.personId,
      name: people.name,
      date: rosterEntries.date,
      shiftCode: rosterEntries.shiftCode,
      status: rosterEntries.status,
    })
    .from(rosterEntries)
    .innerJoin(people, eq(people.slackId, rosterEntries.personId))
    .where(and(eq(rosterEntries.teamId, p.teamId), gte(rosterEntries.date, p.from), lte(rosterEntries.date, p.to)))
    .orderBy(asc(rosterEntries.date), asc(rosterEntries.shiftCode), asc(people.name));
  return rows;
}

export interface LeaveOnShift {
  readonly requestId: number;
  readonly personId: string;
  readonly name: string;
  readonly status: 'pending' | 'approved';
  readonly type: string;
  readonly date: LocalDate;
  readonly shiftCode: string;
}

/** The shifts of [from, to] that a team's pending or approved leave takes off, one row per request and shift. */
export async function leaveOnShiftsOf(db: DbOrTx, p: { teamId: string; from: LocalDate; to: LocalDate }): Promise<LeaveOnShift[]> {
  const rows = await db
    .select({
      requestId: leaveRequests.id,
      personId: leaveRequests.personId,
      name: people.name,
      status: leaveRequests.status,
      type: leaveRequests.type,
      date: leaveCoveredShifts.date,
      shiftCode: leaveCoveredShifts.shiftCode,
    })
    .from(leaveCoveredShifts)
    .innerJoin(leaveRequests, eq(leaveRequests.id, leaveCoveredShifts.requestId))
    .innerJoin(people, eq(people.slackId, leaveRequests.personId))
    .where(
      and(
        eq(leaveRequests.teamId, p.teamId),
        inArray(leaveRequests.status, ['pending', 'approved']),
        gte(leaveCoveredShifts.date, p.from),
        lte(leaveCoveredShifts.date, p.to),
      ),
    )
    .orderBy(asc(leaveCoveredShifts.date), asc(leaveCoveredShifts.shiftCode), asc(leaveRequests.id));
  return rows.map((r) => ({ ...r, status: r.status as LeaveOnShift['status'] }));
}

/** Which of the requests have `approverId` on their approval chain. */
export async function requestsApprovedBy(db: DbOrTx, p: { requestIds: readonly number[]; approverId: string }): Promise<Set<number>> {
  if (p.requestIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ requestId: leaveApprovalSteps.requestId })
    .from(leaveApprovalSteps)
    .where(and(inArray(leaveApprovalSteps.requestId, [...new Set(p.requestIds)]), eq(leaveApprovalSteps.approverId, p.approverId)));
  return new Set(rows.map((r) => r.requestId));
}

/** Org lines are a handful of levels deep; this bound only guards against a cycle in the data. */
const maxDepth = 20;

/** The teams of the active people anywhere below `slackId` in the reporting line. */
export async function teamsBelow(db: DbOrTx, slackId: string): Promise<Set<string>> {
  const result = await db.execute(sql`
    with recursive below as (
      select slack_id, team_id, active, 0 as depth from people where reports_to = ${slackId}
      union
      select p.slack_id, p.team_id, p.active, below.depth + 1 from people p
        join below on p.reports_to = below.slack_id
        where below.depth < ${maxDepth}
    )
    select distinct team_id from below where active`);
  // postgres.js answers with the rows, PGlite with { rows }
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: { team_id: string }[] }).rows) as { team_id: string }[];
  return new Set(rows.map((r) => r.team_id));
}
