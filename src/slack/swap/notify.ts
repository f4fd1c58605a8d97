/** Tells people about a swap once its change is committed: cards to the colleague and the lead, DMs, the team channel. */
import type { webApi } from '@slack/bolt';
import { recordSwapCard } from '../../use-cases/swap.js';
import type { Person } from '../../db/schema.js';
import type { MessageKey } from '../../i18n/t.js';
import type { Refusal } from '../../policy/decision.js';
import { swapCardData } from '../../use-cases/swap.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { escapeMrkdwn } from '../blocks.js';
import type { SlackLocales } from '../locale-cache.js';
import { recipientLocale } from '../recipient-locale.js';
import { colleagueCard, leadCard, refusalBullets, swapShiftsText, type SwapViewContext } from './views.js';
import { channelView, viewIn } from '../view-context.js';
import { announcer, thenAnnounce } from '../home/refresh-hooks.js';

type CardData = Awaited<ReturnType<typeof swapCardData>>;

export interface SwapNotifier {
  /** The colleague's card with Accept / Decline; the requester learns it was sent and that the shift stays theirs until approved. */
  submitted(swapId: number): Promise<void>;
  /** The colleague accepted: their card is redrawn, the lead gets a card, the requester is told. */
  accepted(swapId: number): Promise<void>;
  /** Declined, rejected, approved, withdrawn or expired: cards redrawn, both sides (and the lead where it had a say) told. */
  ended(swapId: number): Promise<void>;
  /** The checks failed again (the roster changed): cards redrawn and both sides told why. */
  cancelled(swapId: number, refusals: readonly Refusal[]): Promise<void>;
  /** Posts a card that never reached its reader. */
  repost(swapId: number, who: 'colleague' | 'lead'): Promise<void>;
}

export function swapNotifier(client: webApi.WebClient, deps: UseCaseDeps, locales: SlackLocales): SwapNotifier {
  const viewFor = async (data: CardData, id: string): Promise<SwapViewContext> => {
    const locale = await recipientLocale(locales, deps.policy, data.people.get(id), id);
    return viewIn(locale, deps.policy, data.team);
  };
  const nameOf = (data: CardData, id: string | null) => escapeMrkdwn((id && data.people.get(id)?.name) || id || '');
  const namesOf = (data: CardData) => new Map([...data.people].map(([id, p]: [string, Person]) => [id, escapeMrkdwn(p.name)]));

  async function dm(
    data: CardData,
    to: string,
    key: MessageKey,
    extra: (view: SwapViewContext) => Record<string, string | number> = () => ({}),
    more: (view: SwapViewContext) => string[] = () => [],
  ): Promise<void> {
    const view = await viewFor(data, to);
    const params = {
      shifts: swapShiftsText(data.swap, view),
      requester: nameOf(data, data.swap.requesterId),
      colleague: nameOf(data, data.swap.colleagueId),
      lead: nameOf(data, data.swap.leadId),
      by: nameOf(data, data.swap.decidedBy),
      ...extra(view),
    };
    // one person's DM failing must not keep the other side from being told
    await client.chat
      .postMessage({ channel: to, text: [view.t(key, params), ...more(view)].join('\n') })
      .catch((error: unknown) => deps.logger.warn({ err: error, swapId: data.swap.id, to }, 'could not send a swap message'));
  }

  /** A card Slack refuses is left for the card job, which posts it again a few minutes later. */
  async function postCard(data: CardData, who: 'colleague' | 'lead'): Promise<void> {
    const to = who === 'colleague' ? data.swap.colleagueId : data.swap.leadId;
    if (!to) return;
    const view = await viewFor(data, to);
    const card = who === 'colleague' ? colleagueCard(view, data) : leadCard(view, data);
    const posted = await client.chat.postMessage({ channel: to, text: card.text, blocks: card.blocks }).catch((error: unknown) => {
      deps.logger.warn({ err: error, swapId: data.swap.id, to }, 'could not post a swap card; the card job tries again');
      return undefined;
    });
    if (posted?.channel && posted.ts) await recordSwapCard(deps, data.swap.id, who, { channel: posted.channel, ts: posted.ts });
  }

  /** A card that cannot be updated (deleted in Slack, say) must not keep the others from being told. */
  async function redrawCards(data: CardData): Promise<void> {
    const { swap } = data;
    const cards = [
      { to: swap.colleagueId, channel: swap.colleagueMessageChannel, ts: swap.colleagueMessageTs, build: colleagueCard },
      { to: swap.leadId, channel: swap.leadMessageChannel, ts: swap.leadMessageTs, build: leadCard },
    ];
    for (const card of cards) {
      if (!card.to || !card.channel || !card.ts) continue;
      const built = card.build(await viewFor(data, card.to), data);
      await client.chat
        .update({ channel: card.channel, ts: card.ts, text: built.text, blocks: built.blocks })
        .catch((error: unknown) => deps.logger.warn({ err: error, swapId: swap.id }, 'could not update a swap card'));
    }
  }

  /** The team channel learns of an approved swap, in the team's language. */
  async function announce(data: CardData): Promise<void> {
    const channel = data.team.announce_channel;
    if (!channel) return;
    const view = channelView(deps.policy, data.team);
    const text = view.t('swap.channel.approved', {
      requester: nameOf(data, data.swap.requesterId),
      colleague: nameOf(data, data.swap.colleagueId),
      shifts: swapShiftsText(data.swap, view),
      by: nameOf(data, data.swap.decidedBy),
    });
    await client.chat.postMessage({ channel, text });
  }

  return swapHomeRefresh(
    {
      async submitted(swapId) {
        const data = await swapCardData(deps, swapId);
        await postCard(data, 'colleague');
        await dm(
          data,
          data.swap.requesterId,
          'swap.dm.submitted',
          () => ({}),
          (view) => [
            view.t('swap.dm.still_yours'),
            ...(data.costsAward ? [view.t('swap.award_warning', { limit: data.team.rules.swap.full_attendance_max_swaps + 1 })] : []),
          ],
        );
      },

      async accepted(swapId) {
        const data = await swapCardData(deps, swapId);
        await redrawCards(data);
        await postCard(data, 'lead');
        await dm(data, data.swap.requesterId, 'swap.dm.accepted');
      },

      async ended(swapId) {
        const data = await swapCardData(deps, swapId);
        await redrawCards(data);
        const { swap } = data;
        switch (swap.status) {
          case 'declined':
            return dm(data, swap.requesterId, 'swap.dm.declined');
          case 'rejected': {
            const reason = (view: SwapViewContext) =>
              swap.rejectReason ? [view.t('swap.dm.reject_reason', { reason: escapeMrkdwn(swap.rejectReason) })] : [];
            await dm(data, swap.requesterId, 'swap.dm.rejected', () => ({}), reason);
            return dm(data, swap.colleagueId, 'swap.dm.rejected', () => ({}), reason);
          }
          case 'approved':
            await dm(data, swap.requesterId, 'swap.dm.approved');
            await dm(data, swap.colleagueId, 'swap.dm.approved');
            return announce(data);
          case 'expired':
            await dm(data, swap.requesterId, 'swap.dm.expired');
            return dm(data, swap.colleagueId, 'swap.dm.expired');
          case 'cancelled':
            // withdrawn by the requester: those who were asked learn it is off
            await dm(data, swap.colleagueId, 'swap.dm.withdrawn');
            if (swap.leadId) await dm(data, swap.leadId, 'swap.dm.withdrawn');
            return;
          default:
            return;
        }
      },

      async repost(swapId, who) {
        const data = await swapCardData(deps, swapId);
        const stillMissing =
          who === 'colleague'
            ? data.swap.status === 'pending_colleague' && !data.swap.colleagueMessageTs
            : data.swap.status === 'pending_lead' && !data.swap.leadMessageTs;
        if (stillMissing) await postCard(data, who);
      },

      async cancelled(swapId, refusals) {
        const data = await swapCardData(deps, swapId);
        await redrawCards(data);
        const why = (view: SwapViewContext) => [refusalBullets(view, refusals, namesOf(data))];
        await dm(data, data.swap.requesterId, 'swap.dm.cancelled', () => ({}), why);
        await dm(data, data.swap.colleagueId, 'swap.dm.cancelled', () => ({}), why);
      },
    },
    deps,
  );
}

/** Every change this notifier tells people about is also announced to the Homes that show the item. */
function swapHomeRefresh(n: SwapNotifier, deps: UseCaseDeps): SwapNotifier {
  const announce = announcer(deps);
  if (!announce) return n;
  const swap = (id: number) => () => announce({ kind: 'swap', id });
  return {
    ...n,
    submitted: (id) => thenAnnounce(n.submitted(id), swap(id)),
    accepted: (id) => thenAnnounce(n.accepted(id), swap(id)),
    ended: (id) => thenAnnounce(n.ended(id), swap(id)),
    cancelled: (id, refusals) => thenAnnounce(n.cancelled(id, refusals), swap(id)),
  };
}
