/** The comp-time proposal card a manager gets (Approve / Adjust, then the outcome), and the Adjust modal. */
import type { types } from '@slack/bolt';
import type { CompTimeProposal } from '../../db/schema.js';
import type { Translate } from '../../i18n/t.js';
import type { Locale } from '../../policy/policy-file.js';
import type { CompTimeRefused } from '../../use-cases/comp-time-form.js';
import { context, escapeMrkdwn, plain, section, textInput, type Block } from '../blocks.js';
import { dayText, instantText, monthText } from '../format.js';
import { compTimeIds } from '../ids.js';

export interface ProposalCardFacts {
  readonly proposal: CompTimeProposal;
  readonly personName: string;
  readonly teamLabel: string;
  readonly deciderName: string;
  readonly expiresOn: string;
  readonly timeZone: string;
}

export function proposalCard(t: Translate, locale: Locale, facts: ProposalCardFacts): { text: string; blocks: Block[] } {
  const { proposal } = facts;
  const name = escapeMrkdwn(facts.personName);
  const month = monthText(proposal.month, locale);
  const what = { name, team: escapeMrkdwn(facts.teamLabel), month, hours: proposal.hours };
  const blocks: Block[] = [
    section(`*${t('comp_time.card.title', what)}*`),
    section(t('comp_time.card.body', { ...what, expires: dayText(facts.expiresOn, locale) })),
    outcome(t, locale, facts),
  ];
  return { text: t('comp_time.card.fallback', what), blocks };
}

function outcome(t: Translate, locale: Locale, facts: ProposalCardFacts): Block {
  const { proposal } = facts;
  if (proposal.status === 'proposed')
    return {
      type: 'actions',
      block_id: compTimeIds.blocks.decision,
      elements: [
        {
          type: 'button',
          action_id: compTimeIds.approve,
          style: 'primary',
          text: plain(t('comp_time.card.approve')),
          value: String(proposal.id),
        },
        { type: 'button', action_id: compTimeIds.adjust, text: plain(t('comp_time.card.adjust')), value: String(proposal.id) },
      ],
    };
  return context(decidedText(t, locale, facts));
}

/** "Approved by Li Na on …: 46 h credited" / "Adjusted by …: 40 h credited instead of 46 h". */
export function decidedText(t: Translate, locale: Locale, facts: Pick<ProposalCardFacts, 'proposal' | 'deciderName' | 'timeZone'>): string {
  const { proposal } = facts;
  return t(`comp_time.card.${proposal.status === 'adjusted' ? 'adjusted' : 'approved'}`, {
    name: escapeMrkdwn(facts.deciderName),
    time: proposal.decidedAt ? instantText(proposal.decidedAt, facts.timeZone, locale) : '',
    hours: proposal.decidedHours ?? proposal.hours,
    proposed: proposal.hours,
  });
}

/** Why a click or form changed nothing: somebody else's proposal, or one decided already (and how). */
export function refusedText(t: Translate, locale: Locale, refused: CompTimeRefused): string {
  if (refused.kind === 'not_yours') return t('comp_time.decide.not_yours', { name: escapeMrkdwn(refused.managerName) });
  return t('comp_time.decide.already', { outcome: decidedText(t, locale, refused) });
}

/** The hours field starts at the hours proposed; bad input is refused on submit, in the manager's language. */
export function adjustModal(
  t: Translate,
  p: { proposalId: number; personName: string; month: string; proposed: number; locale: Locale },
): types.ModalView {
  return {
    type: 'modal',
    callback_id: compTimeIds.adjustView,
    private_metadata: JSON.stringify({ proposalId: p.proposalId }),
    title: plain(t('comp_time.adjust.title')),
    submit: plain(t('comp_time.adjust.submit')),
    close: plain(t('leave.modal.close')),
    blocks: [
      textInput({
        blockId: compTimeIds.blocks.hours,
        label: t('comp_time.adjust.label', { name: p.personName, month: monthText(p.month, p.locale) }),
        hint: t('comp_time.adjust.hint', { max: p.proposed }),
        maxChars: 10,
        singleLine: true,
        initial: String(p.proposed),
      }),
    ],
  };
}
