import type { TeamDefinition } from '../policy/policy-file.js';
import { AppError } from '../errors.js';
import type { UseCaseDeps } from './deps.js';

/** A team's policy (its rules with the team's overrides), for a person or a record of that team. */
export function teamOf(deps: Pick<UseCaseDeps, 'policy'>, of: string | { readonly teamId: string }): TeamDefinition {
  const teamId = typeof of === 'string' ? of : of.teamId;
  const team = deps.policy.teams[teamId];
  if (!team) throw new AppError('org.unknown_team', `team ${teamId} is not in the policy file`);
  return team;
}
