import { bullets, section, type Block } from '../blocks.js';
import type { HelpInput } from '../commands/command.js';
import { rulesHeading } from '../commands/rules-heading.js';
import { humanDuration, joinList, labelIn } from '../format.js';

/** `/handover help`: POLICY §4 timings and the refusal reasons (四不接). */
export function handoverHelp(input: HelpInput): Block[] {
  const { t, locale } = input;
  const handover = input.rules.handover;
  const lines = [
    t('help.handover.outgoing', { before: humanDuration(handover.outgoing_starts_before_end, t) }),
    t('help.handover.incoming', { before: humanDuration(handover.incoming_arrives_before_start, t) }),
    t('help.handover.escalate', { after: humanDuration(handover.escalate_unacknowledged_after, t) }),
    t('help.handover.missed', { after: humanDuration(handover.missed_after_shift_end, t) }),
    t('help.handover.refusals', {
      reasons: joinList(
        Object.values(handover.refusal_reasons).map((l) => labelIn(l, locale)),
        t,
      ),
    }),
  ];
  return [rulesHeading(input), section(bullets(lines))];
}
