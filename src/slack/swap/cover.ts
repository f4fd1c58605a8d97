/** Emergency cover's Slack side: Find cover on a leave card, the offers with Accept, and who took it. */
import type { webApi } from '@slack/bolt';
import { peopleById } from '../../use-cases/people.js';
import type { CoverCall, Person } from '../../db/schema.js';
import {
  acceptCover,
  callForCover,
  coverCallById,
  coverOffersOfCall,
  recordCoverOfferCard,
  type CalledShift,
} from '../../use-cases/cover.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { teamOf } from '../../use-cases/team.js';
import type { Clicked } from '../listener.js';
import { bullets, escapeMrkdwn, plain, section, type Block } from '../blocks.js';
import type { UserContext } from '../context.js';
import { joinList, shiftText, shiftTimes } from '../format.js';
import { swapIds } from '../ids.js';
import type { SlackLocales } from '../locale-cache.js';
import { leaveNotifier } from '../leave/notify.js';
import { recipientLocale } from '../recipient-locale.js';
import { refusalText } from '../refusals.js';
import { viewIn, type ViewContext } from '../view-context.js';

/** What an offer message says: the ask with Accept while the call is open, who took it once someone did. */
function offerMessage(
  view: ViewContext,
  call: CoverCall,
  to: string,
  names: ReadonlyMap<string, string>,
): { text: string; blocks: Block[] } {
  const { t, locale, policy } = view;
  const shift = shiftText(call, locale, policy);
  const name = names.get(call.personId) ?? call.personId;
  if (call.takenBy) {
    const text =
      call.takenBy === to
        ? t('cover.taken_by_you', { shift, name })
        : t('cover.taken_by', { taker: names.get(call.takenBy) ?? call.takenBy });
    return { text, blocks: [section(text)] };
  }
  const definition = policy.shifts[call.shiftCode];
  const text = t('cover.offer', {
    lead: names.get(call.calledBy) ?? call.calledBy,
    shift,
    times: definition ? shiftTimes(definition, t) : '',
    name,
  });
  return {
    text,
    blocks: [
      section(text),
      {
        type: 'actions',
        block_id: swapIds.blocks.answer,
        elements: [
          { type: 'button', action_id: swapIds.coverAccept, style: 'primary', text: plain(t('cover.accept')), value: String(call.id) },
        ],
      },
    ],
  };
}

export function coverNotifier(client: webApi.WebClient, deps: UseCaseDeps, locales: SlackLocales) {
  const viewFor = async (people: ReadonlyMap<string, Person>, call: CoverCall, id: string): Promise<ViewContext> =>
    viewIn(await recipientLocale(locales, deps.policy, people.get(id), id), deps.policy, teamOf(deps, call));
  const namesOf = (people: ReadonlyMap<string, Person>) => new Map([...people].map(([id, p]) => [id, escapeMrkdwn(p.name)]));
  const send = (channel: string, text: string, callId: number) =>
    client.chat
      .postMessage({ channel, text })
      .catch((error: unknown) => deps.logger.warn({ err: error, callId, to: channel }, 'could not send a cover message'));

  return {
    /** Each colleague a call was offered to gets the offer with Accept; one failed message keeps nobody else from theirs. */
    async offered(calls: readonly CalledShift[]): Promise<void> {
      for (const { call, offeredTo } of calls) {
        const people = await peopleById(deps, [call.personId, call.calledBy, ...offeredTo]);
        for (const to of offeredTo) {
          const message = offerMessage(await viewFor(people, call, to), call, to, namesOf(people));
          const posted = await client.chat
            .postMessage({ channel: to, text: message.text, blocks: message.blocks })
            .catch((error: unknown) => {
              deps.logger.warn({ err: error, callId: call.id, to }, 'could not offer a cover');
              return undefined;
            });
          if (posted?.channel && posted.ts)
            await recordCoverOfferCard(deps, { callId: call.id, personId: to, channel: posted.channel, ts: posted.ts });
        }
      }
    },

    /** Someone took it: every offer says who, the lead and the absent person are told, the leave card shows the staffing. */
    async taken(callId: number): Promise<void> {
      const call = await coverCallById(deps, callId);
      if (!call?.takenBy) return;
      const offers = await coverOffersOfCall(deps, call.id);
      const people = await peopleById(deps, [call.personId, call.calledBy, call.takenBy, ...offers.map((o) => o.personId)]);
      const names = namesOf(people);
      for (const offer of offers.filter((o) => o.messageChannel && o.messageTs)) {
        const message = offerMessage(await viewFor(people, call, offer.personId), call, offer.personId, names);
        await client.chat
          .update({ channel: offer.messageChannel as string, ts: offer.messageTs as string, text: message.text, blocks: message.blocks })
          .catch((error: unknown) => deps.logger.warn({ err: error, callId }, 'could not update a cover offer'));
      }
      const tell = async (to: string, key: 'cover.lead_taken' | 'cover.absent_taken') => {
        const view = await viewFor(people, call, to);
        await send(
          to,
          view.t(key, {
            shift: shiftText(call, view.locale, deps.policy),
            taker: names.get(call.takenBy as string) ?? '',
            name: names.get(call.personId) ?? '',
          }),
          callId,
        );
      };
      await tell(call.calledBy, 'cover.lead_taken');
      await tell(call.personId, 'cover.absent_taken');
      await leaveNotifier(client, deps, locales).redraw(call.requestId);
    },
  };
}

/** Find cover on a pending emergency leave's card. */
export function leaveFindCoverClicked(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ user, input: stepId, client, reply: tell }: Clicked<number>): Promise<void> => {
    const result = await callForCover(deps, { stepId, actorId: user.userId });
    switch (result.kind) {
      case 'unknown':
        return;
      case 'not_yours': {
        const approver = (await peopleById(deps, [result.approverId])).get(result.approverId);
        return void (await tell(user.t('leave.decide.not_yours', { approver: escapeMrkdwn(approver?.name ?? result.approverId) })));
      }
      case 'closed':
        return void (await tell(user.t('cover.closed')));
      case 'staffed':
        return void (await tell(user.t('cover.staffed')));
      case 'already_called':
        return void (await tell(user.t('cover.already_called')));
      case 'called': {
        const people = await peopleById(
          deps,
          result.calls.flatMap((c) => c.offeredTo),
        );
        const lines = result.calls.map(({ call, offeredTo }) => {
          const shift = shiftText(call, user.locale, deps.policy);
          if (offeredTo.length === 0) return user.t('cover.nobody', { shift });
          return user.t('cover.called', {
            shift,
            names: joinList(
              offeredTo.map((id) => escapeMrkdwn(people.get(id)?.name ?? id)),
              user.t,
            ),
          });
        });
        await tell(lines.join('\n'));
        await coverNotifier(client, deps, locales).offered(result.calls);
      }
    }
  };
}

/** Accept on an offer: the first one takes the shift; anyone later is told who did. */
export function coverAcceptClicked(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ user, input: callId, client, reply: tell }: Clicked<number>): Promise<void> => {
    const result = await acceptCover(deps, { callId, actorId: user.userId });
    switch (result.kind) {
      case 'unknown':
        return;
      case 'not_offered':
        return void (await tell(user.t('cover.not_offered')));
      case 'closed':
        return void (await tell(user.t('cover.closed')));
      case 'taken':
        return void (await tell(await takenText(deps, user, result.call)));
      case 'refused': {
        const people = await peopleById(deps, [result.call.personId, user.userId]);
        const names = new Map([...people].map(([id, p]) => [id, escapeMrkdwn(p.name)]));
        const view = { t: user.t, locale: user.locale, team: teamOf(deps, result.call), names, policy: deps.policy };
        return void (await tell([user.t('cover.refused'), bullets(result.refusals.map((r) => refusalText(r, view)))].join('\n')));
      }
      case 'accepted':
        return coverNotifier(client, deps, locales).taken(result.call.id);
    }
  };
}

async function takenText(deps: UseCaseDeps, user: UserContext, call: CoverCall): Promise<string> {
  const people = await peopleById(deps, [call.personId, call.takenBy as string]);
  const name = escapeMrkdwn(people.get(call.personId)?.name ?? call.personId);
  if (call.takenBy === user.userId) return user.t('cover.taken_by_you', { shift: shiftText(call, user.locale, deps.policy), name });
  return user.t('cover.taken_by', { taker: escapeMrkdwn(people.get(call.takenBy as string)?.name ?? '') });
}
