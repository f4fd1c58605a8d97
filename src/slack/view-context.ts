import { translator, type Translate } from '../i18n/t.js';
import type { Locale, Policy, TeamDefinition } from '../policy/policy-file.js';

/** What every view builder needs: the reader's language, and the policy as their team applies it. */
export interface ViewContext {
  readonly t: Translate;
  readonly locale: Locale;
  readonly policy: Policy;
  readonly team: TeamDefinition;
}

/** The view context of one reader's language and one team. */
export function viewIn(locale: Locale, policy: Policy, team: TeamDefinition): ViewContext {
  return { t: translator(locale), locale, policy, team };
}

/** The view context of a team channel's posts: the team's language, whoever reads them. */
export function channelView(policy: Policy, team: TeamDefinition): ViewContext {
  return viewIn(team.locale, policy, team);
}
