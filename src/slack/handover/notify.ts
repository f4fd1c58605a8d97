/** Tells people about a handover once its change is committed: the channel message, the incoming shift's DMs, the author and the lead. */
import type { webApi } from '@slack/bolt';
import { handoverRecipients, leadsOfTeam, recordHandoverPost, recordRecipientCard } from '../../use-cases/handover.js';
import { personById } from '../../use-cases/people.js';
import type { Handover, HandoverCase } from '../../db/schema.js';
import type { MessageKey, MessageParams } from '../../i18n/t.js';
import { missedEscalation } from '../../policy/handover.js';
import type { Locale, TeamDefinition } from '../../policy/policy-file.js';
import type { HandoverReminder, MissedHandover } from '../../use-cases/handover-deadlines.js';
import { occurrenceKey } from '../../policy/handover.js';
import { handoverCardData, type HandoverCardData } from '../../use-cases/handover.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { escapeMrkdwn, section } from '../blocks.js';
import { humanDuration, instantText, joinList, labelIn } from '../format.js';
import { handoverIds } from '../ids.js';
import type { SlackLocales } from '../locale-cache.js';
import { caseLine, handoverMessage, shiftName, type HandoverViewContext } from './views.js';
import { recipientLocale } from '../recipient-locale.js';
import { channelView, viewIn } from '../view-context.js';
import { announcer, thenAnnounce } from '../home/refresh-hooks.js';

export interface HandoverNotifier {
  /** Posts the handover to the team's channel and to each person of the incoming shift. */
  written(handoverId: number): Promise<void>;
  /** Redraws every copy; the incoming shift hears that there is a new version (the taker, of an addendum). */
  amended(handoverId: number): Promise<void>;
  /** Redraws every copy, telling nobody: someone clicked on a message showing an older version. */
  redrawn(handoverId: number): Promise<void>;
  /** Redraws every copy and tells the author who took over. */
  takenOver(handoverId: number): Promise<void>;
  /** Redraws every copy, sends the handover back to its author with an Amend button, and alerts the lead. */
  refused(handoverId: number): Promise<void>;
  /** Tells the lead that nobody has taken the handover over in time. */
  unanswered(handover: Handover): Promise<void>;
  /** Tells the lead that a shift ended without a handover, with each person's count this month. */
  missed(missed: MissedHandover): Promise<void>;
  /** Reminds a case's owner that a promise to a customer is due. */
  caseDue(handoverCase: HandoverCase): Promise<void>;
  /** Reminds the outgoing shift to write the handover (with a button that opens the form), or the incoming one to arrive early and take it over. */
  reminded(reminder: HandoverReminder): Promise<void>;
}

export function handoverNotifier(client: webApi.WebClient, deps: UseCaseDeps, locales: SlackLocales): HandoverNotifier {
  const localeOf = async (id: string): Promise<Locale> => recipientLocale(locales, deps.policy, await personById(deps, id), id);
  const viewFor = async (team: TeamDefinition, id: string | undefined): Promise<HandoverViewContext> => {
    if (id === undefined) return channelView(deps.policy, team);
    return viewIn(await localeOf(id), deps.policy, team);
  };
  const warn = (context: Record<string, unknown>, what: string) => (error: unknown) => deps.logger.warn({ err: error, ...context }, what);
  const nameIn = (data: HandoverCardData, id: string | null | undefined) => escapeMrkdwn((id && data.people.get(id)?.name) || id || '');

  async function dm(
    personId: string,
    text: string,
    blocks?: ReturnType<typeof handoverMessage>['blocks'],
  ): Promise<{ channel?: string; ts?: string }> {
    return client.chat.postMessage({ channel: personId, text, ...(blocks ? { blocks } : {}) }).catch((error: unknown) => {
      deps.logger.warn({ err: error, personId }, 'could not send a handover message');
      return {};
    });
  }

  /**
   * Who hears of a handover on the lead's side: the team's active leads (but not `except`), else the
   * active people whom those concerned report to. Nobody to tell is logged, never dropped silently.
   */
  async function leadsOf(teamId: string, concerned: readonly string[], except?: string): Promise<string[]> {
    const leads = (await leadsOfTeam(deps, teamId)).filter((id) => id !== except);
    if (leads.length > 0) return leads;
    const above = new Set<string>();
    for (const id of concerned) {
      const reportsTo = (await personById(deps, id))?.reportsTo;
      const manager = reportsTo && !concerned.includes(reportsTo) ? await personById(deps, reportsTo) : undefined;
      if (manager?.active) above.add(manager.slackId);
    }
    if (above.size === 0)
      deps.logger.warn(
        { teamId, concerned },
        'nobody to tell on the lead’s side: the team has no active lead and its people report to nobody active',
      );
    return [...above];
  }

  /** Sends each person their message; one that fails is logged and the others still go. */
  async function tell(
    personIds: readonly string[],
    team: TeamDefinition,
    key: MessageKey,
    params: (view: HandoverViewContext) => MessageParams,
    extra?: (view: HandoverViewContext) => ReturnType<typeof handoverMessage>['blocks'],
  ): Promise<void> {
    for (const id of personIds) {
      try {
        const view = await viewFor(team, id);
        const text = view.t(key, params(view));
        await dm(id, text, extra ? [section(text), ...extra(view)] : undefined);
      } catch (error) {
        deps.logger.warn({ err: error, personId: id, key }, 'could not tell someone of a handover');
      }
    }
  }

  /** The channel message and every DM that has one, redrawn; recipients without a DM yet get one. */
  async function redraw(data: HandoverCardData, introFor?: (view: HandoverViewContext) => string): Promise<void> {
    const { handover, team } = data;
    if (handover.channelId && handover.messageTs) {
      const message = handoverMessage(await viewFor(team, undefined), data);
      await client.chat
        .update({ channel: handover.channelId, ts: handover.messageTs, text: message.text, blocks: message.blocks })
        .catch(warn({ handoverId: handover.id }, 'could not update a handover message'));
    }
    for (const recipient of await handoverRecipients(deps, handover.id)) {
      const view = await viewFor(team, recipient.personId);
      const message = handoverMessage(view, data);
      if (recipient.channelId && recipient.messageTs) {
        await client.chat
          .update({ channel: recipient.channelId, ts: recipient.messageTs, text: message.text, blocks: message.blocks })
          .catch(warn({ handoverId: handover.id }, 'could not update a handover DM'));
        if (introFor) await dm(recipient.personId, introFor(view));
      } else {
        const intro = introFor
          ? introFor(view)
          : view.t('handover.dm.incoming', {
              name: nameIn(data, handover.authorId),
              shift: shiftName({ date: handover.shiftDate, shiftCode: handover.shiftCode }, view),
            });
        const posted = await dm(recipient.personId, message.text, [section(intro), ...message.blocks]);
        if (posted.channel && posted.ts)
          await recordRecipientCard(deps, {
            handoverId: handover.id,
            personId: recipient.personId,
            channelId: posted.channel,
            messageTs: posted.ts,
          });
      }
    }
  }

  /** Posts the handover to the team's channel; false when the team has none or Slack refused it. */
  async function postToChannel(data: HandoverCardData): Promise<boolean> {
    const channel = data.team.handover_channel;
    if (!channel) return false;
    const message = handoverMessage(await viewFor(data.team, undefined), data);
    const posted = await client.chat
      .postMessage({ channel, text: message.text, blocks: message.blocks })
      .catch(warn({ handoverId: data.handover.id }, 'could not post a handover to its channel'));
    if (!posted?.channel || !posted.ts) return false;
    await recordHandoverPost(deps, data.handover.id, { channelId: posted.channel, messageTs: posted.ts });
    return true;
  }

  const shiftOf = (view: HandoverViewContext, h: Handover) => shiftName({ date: h.shiftDate, shiftCode: h.shiftCode }, view);

  return handoverHomeRefresh(
    {
      async written(handoverId) {
        const data = await handoverCardData(deps, handoverId);
        const posted = await postToChannel(data);
        await redraw(await handoverCardData(deps, handoverId));
        const recipients = await handoverRecipients(deps, handoverId);
        const author = await viewFor(data.team, data.handover.authorId);
        const incoming = await Promise.all(
          recipients.map(async (r) => escapeMrkdwn((await personById(deps, r.personId))?.name ?? r.personId)),
        );
        const shift = shiftOf(author, data.handover);
        const text =
          incoming.length > 0
            ? author.t(posted ? 'handover.dm.written' : 'handover.dm.written_unposted', { shift, people: joinList(incoming, author.t) })
            : author.t(posted ? 'handover.dm.written_nobody' : 'handover.dm.written_unposted_nobody', { shift });
        await dm(data.handover.authorId, text);
      },

      async amended(handoverId) {
        const data = await handoverCardData(deps, handoverId);
        const addendum = data.handover.status === 'taken_over';
        await redraw(
          data,
          addendum
            ? undefined
            : (view) =>
                view.t('handover.dm.amended', {
                  name: nameIn(data, data.versions.at(-1)?.authorId),
                  shift: shiftOf(view, data.handover),
                  version: data.handover.version,
                }),
        );
        if (addendum && data.handover.takenOverBy) {
          await tell([data.handover.takenOverBy], data.team, 'handover.dm.addendum', (view) => ({
            name: nameIn(data, data.versions.at(-1)?.authorId),
            shift: shiftOf(view, data.handover),
            version: data.handover.version,
          }));
        }
      },

      async redrawn(handoverId) {
        await redraw(await handoverCardData(deps, handoverId));
      },

      async takenOver(handoverId) {
        const data = await handoverCardData(deps, handoverId);
        await redraw(data);
        const { handover } = data;
        await tell([handover.authorId], data.team, 'handover.dm.taken_over', (view) => ({
          name: nameIn(data, handover.takenOverBy),
          shift: shiftOf(view, handover),
          at: handover.takenOverAt ? instantText(handover.takenOverAt, data.team.timezone, view.locale) : '',
        }));
      },

      async refused(handoverId) {
        const data = await handoverCardData(deps, handoverId);
        await redraw(data);
        const { handover, team } = data;
        const reason = (view: HandoverViewContext) => {
          const label = handover.lastRefusalReason ? team.rules.handover.refusal_reasons[handover.lastRefusalReason] : undefined;
          return label ? labelIn(label, view.locale) : (handover.lastRefusalReason ?? '');
        };
        const params = (view: HandoverViewContext) => ({
          name: nameIn(data, handover.lastRefusedBy),
          shift: shiftOf(view, handover),
          reason: reason(view),
          note: escapeMrkdwn(handover.lastRefusalNote ?? ''),
        });
        await tell([handover.authorId], team, 'handover.dm.refused_author', params, (view) => [
          {
            type: 'actions',
            block_id: handoverIds.blocks.decision,
            elements: [
              {
                type: 'button',
                action_id: handoverIds.amend,
                style: 'primary',
                text: { type: 'plain_text', text: view.t('handover.card.amend') },
                value: String(handover.id),
              },
            ],
          },
        ]);
        const leads = (await leadsOf(team.id, [handover.authorId], handover.authorId)).filter((id) => id !== handover.lastRefusedBy); // a lead standing in for an empty shift refused it
        await tell(leads, team, 'handover.dm.refused_lead', (view) => ({ ...params(view), author: nameIn(data, handover.authorId) }));
      },

      async unanswered(handover) {
        const data = await handoverCardData(deps, handover.id);
        const { team } = data;
        await tell(await leadsOf(team.id, [handover.authorId], handover.authorId), team, 'handover.dm.unanswered', (view) => ({
          shift: shiftOf(view, handover),
          name: nameIn(data, handover.authorId),
          waited: humanDuration(team.rules.handover.escalate_unacknowledged_after, view.t),
          status: view.t(`handover.status.${data.handover.status}`),
        }));
      },

      async missed({ team, shift, people }) {
        const names = new Map(
          await Promise.all(people.map(async (p) => [p.personId, (await personById(deps, p.personId))?.name ?? p.personId] as const)),
        );
        await tell(
          await leadsOf(
            team.id,
            people.map((p) => p.personId),
          ),
          team,
          'handover.dm.missed',
          (view) => ({
            shift: shiftName(shift, view),
            after: humanDuration(team.rules.handover.missed_after_shift_end, view.t),
            people: joinList(
              people.map((p) => {
                const step = missedEscalation(p.countThisMonth, team.rules.handover.missed_escalation);
                return view.t(step ? 'handover.dm.missed_person_step' : 'handover.dm.missed_person', {
                  name: escapeMrkdwn(names.get(p.personId) ?? p.personId),
                  count: p.countThisMonth,
                  step: step ? labelIn(step, view.locale) : '',
                });
              }),
              view.t,
            ),
          }),
        );
      },

      async reminded({ kind, team, shift, next, people }) {
        const params = (view: HandoverViewContext) => ({
          shift: shiftName(shift, view),
          next: shiftName(next, view),
          end: instantText(shift.end, team.timezone, view.locale),
          start: instantText(next.start, team.timezone, view.locale),
          before: humanDuration(team.rules.handover.incoming_arrives_before_start, view.t),
        });
        if (kind === 'incoming') return tell(people, team, 'handover.dm.remind_incoming', params);
        await tell(people, team, 'handover.dm.remind_outgoing', params, (view) => [
          {
            type: 'actions',
            block_id: handoverIds.blocks.decision,
            elements: [
              {
                type: 'button',
                action_id: handoverIds.open,
                style: 'primary',
                text: { type: 'plain_text', text: view.t('handover.dm.remind_button') },
                value: occurrenceKey(shift),
              },
            ],
          },
        ]);
      },

      async caseDue(handoverCase) {
        const team = deps.policy.teams[handoverCase.teamId];
        if (!team) return;
        const owner = await personById(deps, handoverCase.ownerId);
        const people = new Map(owner ? [[owner.slackId, owner]] : []);
        await tell([handoverCase.ownerId], team, 'handover.dm.case_due', (view) => ({ line: caseLine(view, handoverCase, people, true) }));
      },
    },
    deps,
  );
}

/** Every change this notifier tells people about is also announced to the Homes that show the item. */
function handoverHomeRefresh(n: HandoverNotifier, deps: UseCaseDeps): HandoverNotifier {
  const announce = announcer(deps);
  if (!announce) return n;
  const handover = (id: number) => () => announce({ kind: 'handover', id });
  return {
    ...n,
    written: (id) => thenAnnounce(n.written(id), handover(id)),
    amended: (id) => thenAnnounce(n.amended(id), handover(id)),
    redrawn: (id) => thenAnnounce(n.redrawn(id), handover(id)),
    takenOver: (id) => thenAnnounce(n.takenOver(id), handover(id)),
    refused: (id) => thenAnnounce(n.refused(id), handover(id)),
    unanswered: (h) => thenAnnounce(n.unanswered(h), handover(h.id)),
    missed: (m) => thenAnnounce(n.missed(m), () => announce({ kind: 'team', teamId: m.team.id })),
  };
}
