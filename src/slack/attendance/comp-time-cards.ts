/** Posts a comp-time proposal's card to the manager, and redraws it once decided. */
import { AppError } from '../../errors.js';
import type { webApi } from '@slack/bolt';
import type { CompTimeProposal } from '../../db/schema.js';
import { translator } from '../../i18n/t.js';
import { creditDates } from '../../use-cases/comp-time-proposals.js';
import { peopleById } from '../../use-cases/people.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { labelIn } from '../format.js';
import type { SlackLocales } from '../locale-cache.js';
import { recipientLocale } from '../recipient-locale.js';
import type { Locale } from '../../policy/policy-file.js';
import type { Block } from '../blocks.js';
import { announcer, thenAnnounce } from '../home/refresh-hooks.js';
import { proposalCard } from './comp-time-views.js';

export interface CompTimeCards {
  /** Throws when Slack did not take it, so the claim is let go and a later minute tries again. */
  send(proposal: CompTimeProposal): Promise<{ channel: string; ts: string }>;
  /** The posted card with the outcome instead of its buttons. */
  redraw(proposal: CompTimeProposal): Promise<void>;
}

/** The card in `locale`, or in the manager's language. */
export async function drawProposalCard(
  deps: UseCaseDeps,
  proposal: CompTimeProposal,
  language: Locale | { locales: SlackLocales },
): Promise<{ text: string; blocks: Block[] }> {
  const ids = [proposal.personId, proposal.managerId, ...(proposal.decidedBy ? [proposal.decidedBy] : [])];
  const found = await peopleById(deps, ids);
  const person = found.get(proposal.personId);
  const locale =
    typeof language === 'string'
      ? language
      : await recipientLocale(language.locales, deps.policy, found.get(proposal.managerId), proposal.managerId);
  const team = person ? deps.policy.teams[person.teamId] : undefined;
  return proposalCard(translator(locale), locale, {
    proposal,
    personName: person?.name ?? proposal.personId,
    teamLabel: team ? labelIn(team.label, locale) : (person?.teamId ?? ''),
    deciderName: (proposal.decidedBy && found.get(proposal.decidedBy)?.name) ?? '',
    expiresOn: creditDates(deps, proposal.month).expiresOn,
    timeZone: team?.timezone ?? deps.policy.default_timezone,
  });
}

export function compTimeCards(client: webApi.WebClient, deps: UseCaseDeps, locales: SlackLocales): CompTimeCards {
  const draw = (proposal: CompTimeProposal) => drawProposalCard(deps, proposal, { locales });
  const announce = announcer(deps);
  const shown = (proposal: CompTimeProposal) => () => announce?.({ kind: 'comp_time', id: proposal.id });
  return {
    send: (proposal) =>
      thenAnnounce(
        (async () => {
          const posted = await client.chat.postMessage({ channel: proposal.managerId, ...(await draw(proposal)) });
          if (!posted.channel || !posted.ts) throw new AppError('slack.unexpected_answer', 'chat.postMessage answered no channel or ts');
          return { channel: posted.channel, ts: posted.ts };
        })(),
        shown(proposal),
      ),
    redraw: (proposal) =>
      thenAnnounce(
        (async () => {
          if (!proposal.cardChannel || !proposal.cardTs) return;
          await client.chat.update({ channel: proposal.cardChannel, ts: proposal.cardTs, ...(await draw(proposal)) });
        })(),
        shown(proposal),
      ),
  };
}
