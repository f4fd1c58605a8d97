import { context, type Block } from '../blocks.js';
import { labelIn } from '../format.js';
import type { HelpInput } from './command.js';

/** Says whose rules a help text shows: the asker's team's, or the department's for someone not in the org. */
export function rulesHeading({ t, locale, team }: HelpInput): Block {
  return context(team ? t('help.team_rules', { team: labelIn(team.label, locale) }) : t('help.department_rules'));
}
