import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Org, OrgMember } from '../../policy/approval.js';
import { roles, type Role } from '../../policy/policy-file.js';
import type { DbOrTx } from '../client.js';
import { people } from '../schema.js';

/** Org lines are a handful of levels deep; this bound only guards against a cycle in the data. */
export const reportingLineMaxDepth = 20;

interface LineRow {
  slack_id: string;
  role: string;
  reports_to: string | null;
  active: boolean;
}

/** The people and everyone above them in the reporting line, in one round trip. */
export async function loadReportingLines(db: DbOrTx, slackIds: readonly string[]): Promise<Org> {
  if (slackIds.length === 0) return new Map();
  const result = await db.execute(sql`
    with recursive line as (
      select slack_id, role, reports_to, active, 0 as depth from people
        where slack_id in (${sql.join(
          slackIds.map((id) => sql`${id}`),
          sql`, `,
        )})
      union
      select p.slack_id, p.role, p.reports_to, p.active, line.depth + 1 from people p
        join line on p.slack_id = line.reports_to
        where line.depth < ${reportingLineMaxDepth}
    )
    select distinct slack_id, role::text as role, reports_to, active from line`);
  // postgres.js answers with the rows, PGlite with { rows }
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: LineRow[] }).rows) as LineRow[];
  const org = new Map<string, OrgMember>();
  for (const row of rows) {
    if (!roles.includes(row.role as Role)) continue;
    org.set(row.slack_id, { slackId: row.slack_id, role: row.role as Role, reportsTo: row.reports_to, active: row.active });
  }
  return org;
}

/** The active leads of each of these teams (a team with none is missing), in Slack id order. */
export async function activeLeadsOf(db: DbOrTx, teamIds: readonly string[]): Promise<Map<string, string[]>> {
  const leads = new Map<string, string[]>();
  if (teamIds.length === 0) return leads;
  const rows = await db
    .select({ teamId: people.teamId, slackId: people.slackId })
    .from(people)
    .where(and(inArray(people.teamId, [...teamIds]), eq(people.role, 'lead'), eq(people.active, true)))
    .orderBy(asc(people.slackId));
  for (const row of rows) leads.set(row.teamId, [...(leads.get(row.teamId) ?? []), row.slackId]);
  return leads;
}

/** Whom the active agents of each team report to, each once, in Slack id order. */
export async function reportsToOf(db: DbOrTx, teamIds: readonly string[]): Promise<Map<string, string[]>> {
  const managers = new Map<string, string[]>();
  if (teamIds.length === 0) return managers;
  const rows = await db
    .selectDistinct({ teamId: people.teamId, reportsTo: people.reportsTo })
    .from(people)
    .where(and(inArray(people.teamId, [...teamIds]), eq(people.role, 'agent'), eq(people.active, true), isNotNull(people.reportsTo)))
    .orderBy(asc(people.reportsTo));
  for (const row of rows) if (row.reportsTo !== null) managers.set(row.teamId, [...(managers.get(row.teamId) ?? []), row.reportsTo]);
  return managers;
}
