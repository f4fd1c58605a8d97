/** Who acts for each team on its items, and for someone who is gone: the rule in src/policy/pending.ts, read from the org. */
import { activeLeadsOf, loadReportingLines, reportsToOf } from '../db/queries/reporting-line.js';
import { actingFor, teamActors } from '../policy/pending.js';
import type { UseCaseDeps } from './deps.js';

type Reads = Pick<UseCaseDeps, 'db'>;

/** Each team's actors: its active leads, or for a team with none, whom its agents' approval chain escalates to. */
export async function actorsOfTeams(deps: Reads, teamIds: readonly string[]): Promise<Map<string, string[]>> {
  const leads = await activeLeadsOf(deps.db, teamIds);
  const leadless = teamIds.filter((id) => !leads.has(id));
  const actors = new Map(teamIds.map((id) => [id, leads.get(id) ?? []]));
  if (leadless.length === 0) return actors;
  const reportsTo = await reportsToOf(deps.db, leadless);
  const org = await loadReportingLines(deps.db, [...new Set([...reportsTo.values()].flat())]);
  for (const id of leadless) actors.set(id, teamActors(org, { leads: [], reportsTo: reportsTo.get(id) ?? [] }));
  return actors;
}

export const actorsOfTeam = async (deps: Reads, teamId: string): Promise<string[]> =>
  (await actorsOfTeams(deps, [teamId])).get(teamId) ?? [];

/** Who acts in place of each of these people (missing: nobody can). */
export async function actingForEach(deps: Reads, slackIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(slackIds)];
  if (ids.length === 0) return new Map();
  const org = await loadReportingLines(deps.db, ids);
  return new Map(ids.flatMap((id) => ((acting) => (acting ? [[id, acting] as const] : []))(actingFor(org, id))));
}
