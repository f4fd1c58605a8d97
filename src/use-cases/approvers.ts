/**
 * Who approves a request, today: from the read model when it can say (the check before an ack, where
 * every statement is one more the person waits for), else from the database, as the write's own
 * transaction always reads it.
 */
import { peopleAwayOn } from '../db/queries/leave.js';
import { loadReportingLines, reportingLineMaxDepth } from '../db/queries/reporting-line.js';
import type { DbOrTx } from '../db/client.js';
import type { Person } from '../db/schema.js';
import type { ReadModel } from '../db/read-model/read-model.js';
import { approversFor, type Approvers, type Org, type OrgMember } from '../policy/approval.js';
import type { ApproverRole, TeamDefinition } from '../policy/policy-file.js';
import { todayIn, type LocalDate } from '../policy/time.js';
import type { UseCaseDeps } from './deps.js';

/** The requester, and the deputy the policy names for the top of the org. */
function linesAsked(person: Person, team: TeamDefinition): string[] {
  const topOfOrg = team.rules.leave.top_of_org;
  return topOfOrg === 'self_recorded' || topOfOrg === 'refused' ? [person.slackId] : [person.slackId, topOfOrg];
}

/** Who approves a request of `person` whose rule names `roles`, as the database has it now. */
export async function approversOf(
  db: DbOrTx,
  person: Person,
  team: TeamDefinition,
  roles: readonly ApproverRole[],
  now: Date,
): Promise<Approvers> {
  const [org, away] = await Promise.all([loadReportingLines(db, linesAsked(person, team)), peopleAwayOn(db, todayIn(now, team.timezone))]);
  return approversFor(org, person.slackId, roles, away, team.rules.leave.top_of_org);
}

/** The same, read from the read model where it holds everyone in the lines and their leave of today. */
export async function approversHeld(
  deps: Pick<UseCaseDeps, 'db' | 'readModel'>,
  person: Person,
  team: TeamDefinition,
  roles: readonly ApproverRole[],
  now: Date,
): Promise<Approvers> {
  const model = deps.readModel;
  const org = model && heldLines(model, linesAsked(person, team));
  const away = model && org && heldAway(model, [...org.keys()], todayIn(now, team.timezone));
  if (!org || !away) return approversOf(deps.db, person, team, roles, now);
  return approversFor(org, person.slackId, roles, away, team.rules.leave.top_of_org);
}

/** What `loadReportingLines` reads (the people and everyone above them), or undefined when the model cannot say for one of them. */
function heldLines(model: ReadModel, slackIds: readonly string[]): Org | undefined {
  const org = new Map<string, OrgMember>();
  const reached = new Set<string>();
  let level = [...new Set(slackIds)];
  for (let depth = 0; level.length > 0 && depth <= reportingLineMaxDepth; depth += 1) {
    const above: string[] = [];
    for (const id of level) {
      reached.add(id);
      const held = model.personOf(id);
      if (!held) return undefined;
      if (!held.person) continue;
      const { slackId, role, reportsTo, active } = held.person;
      org.set(slackId, { slackId, role, reportsTo, active });
      if (reportsTo !== null && !reached.has(reportsTo)) above.push(reportsTo);
    }
    level = [...new Set(above)];
  }
  return org;
}

/** Those of `slackIds` on approved leave on `day`, or undefined when the model cannot say for one of them. */
function heldAway(model: ReadModel, slackIds: readonly string[], day: LocalDate): Set<string> | undefined {
  const held = model.heldLeave({ personIds: slackIds, from: day, to: day });
  if (!held) return undefined;
  return new Set([...held].filter(([, rows]) => rows.some((row) => row.status === 'approved')).map(([id]) => id));
}
