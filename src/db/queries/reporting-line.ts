import { sql } from 'drizzle-orm';
import type { Org, OrgMember } from '../../policy/approval.js';
import { roles, type Role } from '../../policy/policy-file.js';
import type { DbOrTx } from '../client.js';

/** Org lines are a handful of levels deep; this bound only guards against a cycle in the data. */
const maxDepth = 20;

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
        where line.depth < ${maxDepth}
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
