import { bullets, section, type Block } from '../blocks.js';
import type { HelpInput } from '../commands/command.js';
import { rulesHeading } from '../commands/rules-heading.js';
import { humanDuration } from '../format.js';

/** `/swap help`: POLICY §3 as the asker's team applies it. */
export function swapHelp(input: HelpInput): Block[] {
  const { t } = input;
  const swap = input.rules.swap;
  const lines = [
    t('help.swap.consent'),
    t('help.swap.notice', { notice: humanDuration(swap.notice, t) }),
    t('help.swap.rest', { rest: humanDuration(swap.min_rest, t) }),
    t('help.swap.consecutive', { days: swap.max_consecutive_days }),
    ...(swap.same_team_only ? [t('help.swap.same_team')] : []),
    t('help.swap.award', { limit: swap.full_attendance_max_swaps + 1 }),
  ];
  return [rulesHeading(input), section(bullets(lines))];
}
