/** Who acts for each team on its items, and for someone who is gone: the rule in src/policy/pending.ts, read from the org. */
import { activeLeadsOf, loadReportingLines, reportsToOf } from '../db/queries/reporting-line.js';
import { actingFor, teamActors } from '../policy/pending.js';
import type { ReadModel } from '../db/read-model/read-model.js';
import type { Org, OrgMember } from '../policy/approval.js';
import type { UseCaseDeps } from './deps.js';

type Reads = Pick<UseCaseDeps, 'db'> & Partial<Pick<UseCaseDeps, 'readModel'>>;

/** Each team's actors: its active leads, or for a team with none, whom its agents' approval chain escalates to. */
export async function actorsOfTeams(deps: Reads, teamIds: readonly string[]): Promise<Map<string, string[]>> {
  const held = heldActorsOfTeams(deps.readModel, teamIds);
  if (held) return held;
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
  const org = heldReportingLines(deps.readModel, ids) ?? (await loadReportingLines(deps.db, ids));
  return new Map(ids.flatMap((id) => ((acting) => (acting ? [[id, acting] as const] : []))(actingFor(org, id))));
}

/** Org lines are a handful of levels deep; this bound only guards against a cycle in the data. */
const maxDepth = 20;

/** What `loadReportingLines` reads (the people and everyone above them), as the read model holds them, or undefined when it cannot say. */
function heldReportingLines(model: ReadModel | undefined, slackIds: readonly string[]): Org | undefined {
  if (!model) return undefined;
  const org = new Map<string, OrgMember>();
  let level = [...new Set(slackIds)];
  for (let depth = 0; level.length > 0 && depth <= maxDepth; depth++) {
    const next: string[] = [];
    for (const id of level) {
      if (org.has(id)) continue;
      const held = model.personOf(id);
      if (!held) return undefined;
      const p = held.person;
      if (!p) continue;
      org.set(id, { slackId: p.slackId, role: p.role, reportsTo: p.reportsTo, active: p.active });
      if (p.reportsTo !== null && !org.has(p.reportsTo)) next.push(p.reportsTo);
    }
    level = next;
  }
  return org;
}

const bySlackId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What `actorsOfTeams` reads from the database, from everyone the read model holds (undefined: it cannot say). */
function heldActorsOfTeams(model: ReadModel | undefined, teamIds: readonly string[]): Map<string, string[]> | undefined {
  const everyone = model?.everyone();
  if (!everyone) return undefined;
  const wanted = new Set(teamIds);
  const leads = new Map<string, string[]>();
  const reportsTo = new Map<string, Set<string>>();
  for (const p of everyone) {
    if (!p.active || !wanted.has(p.teamId)) continue;
    if (p.role === 'lead') {
      const list = leads.get(p.teamId);
      if (list) list.push(p.slackId);
      else leads.set(p.teamId, [p.slackId]);
    } else if (p.role === 'agent' && p.reportsTo !== null) {
      const set = reportsTo.get(p.teamId);
      if (set) set.add(p.reportsTo);
      else reportsTo.set(p.teamId, new Set([p.reportsTo]));
    }
  }
  const leadless = teamIds.filter((id) => !leads.has(id));
  const org = heldReportingLines(
    model,
    leadless.flatMap((id) => [...(reportsTo.get(id) ?? [])]),
  );
  if (!org) return undefined;
  return new Map(
    teamIds.map((id) => [
      id,
      leads.get(id)?.sort(bySlackId) ?? teamActors(org, { leads: [], reportsTo: [...(reportsTo.get(id) ?? [])].sort(bySlackId) }),
    ]),
  );
}
