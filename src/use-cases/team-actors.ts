/** Who acts for each team on its items, and for someone who is gone: the rule in src/policy/pending.ts, read from the org. */
import { activeLeadsOf, loadReportingLines, reportsToOf } from '../db/queries/reporting-line.js';
import { actingFor, teamActors } from '../policy/pending.js';
import type { Person } from '../db/schema.js';
import type { Org } from '../policy/approval.js';
import type { UseCaseDeps } from './deps.js';

type Reads = Pick<UseCaseDeps, 'db'> & Partial<Pick<UseCaseDeps, 'readModel'>>;

/** Each team's actors: its active leads, or for a team with none, whom its agents' approval chain escalates to. */
export async function actorsOfTeams(deps: Reads, teamIds: readonly string[]): Promise<Map<string, string[]>> {
  const everyone = deps.readModel?.everyone();
  if (everyone) return heldActorsOfTeams([...everyone], teamIds);
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
  const everyone = deps.readModel?.everyone();
  const org = everyone ? orgOf([...everyone]) : await loadReportingLines(deps.db, ids);
  return new Map(ids.flatMap((id) => ((acting) => (acting ? [[id, acting] as const] : []))(actingFor(org, id))));
}

/** The whole org as the read model holds it: a superset of every reporting line the database would read. */
function orgOf(everyone: readonly Person[]): Org {
  return new Map(everyone.map((p) => [p.slackId, { slackId: p.slackId, role: p.role, reportsTo: p.reportsTo, active: p.active }]));
}

const bySlackId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What `actorsOfTeams` reads from the database, from everyone the read model holds. */
function heldActorsOfTeams(everyone: readonly Person[], teamIds: readonly string[]): Map<string, string[]> {
  const wanted = new Set(teamIds);
  const leads = new Map<string, string[]>();
  const reportsTo = new Map<string, Set<string>>();
  for (const p of everyone) {
    if (!p.active || !wanted.has(p.teamId)) continue;
    if (p.role === 'lead') leads.set(p.teamId, [...(leads.get(p.teamId) ?? []), p.slackId]);
    else if (p.role === 'agent' && p.reportsTo !== null) reportsTo.set(p.teamId, (reportsTo.get(p.teamId) ?? new Set()).add(p.reportsTo));
  }
  const org = orgOf(everyone);
  return new Map(
    teamIds.map((id) => {
      const teamLeads = leads.get(id)?.sort(bySlackId) ?? [];
      if (teamLeads.length > 0) return [id, teamLeads];
      return [id, teamActors(org, { leads: [], reportsTo: [...(reportsTo.get(id) ?? [])].sort(bySlackId) })];
    }),
  );
}
