import type { Db } from '../src/db/client.js';
import { insertRosterEntries } from '../src/db/queries/roster.js';
import { people } from '../src/db/schema.js';
import { addDays, type LocalDate } from '../src/policy/time.js';

const pad = (n: number) => String(n).padStart(5, '0');

const agentIdsFor = (agents: number) => Array.from({ length: agents }, (_, i) => `U0BAGENT${pad(i)}`);
const leadIdsFor = (agents: number) => Array.from({ length: agents / 20 }, (_, i) => `U0BLEAD${pad(i)}`);

/** Every Slack id `seedDepartment` gives its people, known before it runs (to tell a Slack stand-in). */
export function departmentSlackIds(agents: number): string[] {
  return ['U0BGM', 'U0BMGR', ...leadIdsFor(agents), ...agentIdsFor(agents)];
}

/** A GM, a manager, a lead per 20 agents, and every agent on a 4-on-2-off day-shift rotation. */
export async function seedDepartment(
  db: Db,
  { agents, days, firstDay }: { agents: number; days: number; firstDay: LocalDate },
): Promise<string[]> {
  const leads = leadIdsFor(agents);
  const agentIds = agentIdsFor(agents);
  await db.insert(people).values([
    { slackId: 'U0BGM', name: 'GM', teamId: 'phone', role: 'gm' },
    { slackId: 'U0BMGR', name: 'Manager', teamId: 'phone', role: 'manager', reportsTo: 'U0BGM' },
  ]);
  await db
    .insert(people)
    .values(leads.map((slackId) => ({ slackId, name: slackId, teamId: 'phone', role: 'lead' as const, reportsTo: 'U0BMGR' })));
  for (let i = 0; i < agentIds.length; i += 500) {
    await db.insert(people).values(
      agentIds.slice(i, i + 500).map((slackId, j) => ({
        slackId,
        name: slackId,
        teamId: 'phone',
        role: 'agent' as const,
        reportsTo: leads[Math.floor((i + j) / 20)] as string,
      })),
    );
  }
  const roster = agentIds.flatMap((personId, a) =>
    Array.from({ length: days }, (_, d) => d)
      .filter((d) => (d + a) % 6 < 4)
      .map((d) => ({ personId, teamId: 'phone', date: addDays(firstDay, d), shiftCode: 'R' })),
  );
  await insertRosterEntries(db, roster);
  return agentIds;
}
