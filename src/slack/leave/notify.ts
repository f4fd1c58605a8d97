/** Tells people about a leave request once its change is committed: cards to approvers, DMs to the agent. */
import type { webApi } from '@slack/bolt';
import type { LeaveApprovalStep, Person } from '../../db/schema.js';
import type { MessageKey } from '../../i18n/t.js';
import type { Locale } from '../../policy/policy-file.js';
import type { Escalation, OwedProof } from '../../use-cases/leave-deadlines.js';
import { leaveCardData, recordLeaveNotice, recordStepCard } from '../../use-cases/leave.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { escapeMrkdwn } from '../blocks.js';
import { humanDuration, instantText, joinList, shiftText } from '../format.js';
import type { SlackLocales } from '../locale-cache.js';
import { recipientLocale } from '../recipient-locale.js';
import { leaveTypeName } from '../refusals.js';
import { loadProofShares, shareProofFiles, type CardPlace, type ProofSharesByApprover } from './proof-shares.js';
import { approverCard, datesText, escalatedCard, proofReminderMessage, type LeaveViewContext } from './views.js';
import { channelView, viewIn } from '../view-context.js';
import { announcer, thenAnnounce } from '../home/refresh-hooks.js';

type CardData = Awaited<ReturnType<typeof leaveCardData>>;

/** Redrawing stops after this many rounds, however often the request changes meanwhile. */
const maxRedraws = 3;

/** What an approval card shows of the request: its status and each step's. */
const cardState = (data: CardData, shares: ProofSharesByApprover) =>
  JSON.stringify([
    data.request.status,
    data.request.proof,
    data.request.proofFiles.length,
    data.steps.map((s) => [s.id, s.status, s.approverId, s.messageTs]),
    [...shares.values()].flatMap((m) => [...m.values()].map((x) => [x.id, x.status])),
  ]);

export interface LeaveNotifier {
  /** Posts the card of the request's pending step to its approver; DMs the agent where they stand. */
  submitted(requestId: number): Promise<void>;
  /** Redraws every posted card and tells the agent and the next approver what changed. */
  decided(requestId: number): Promise<void>;
  /** Redraws the cards of a withdrawn request; approvers who had approved it are told. */
  withdrawn(requestId: number, wasApproved: boolean): Promise<void>;
  /** Nudges a slow approver. */
  reminded(step: LeaveApprovalStep): Promise<void>;
  /** The slow approver's card says where the step went; the new approver gets a card of their own. */
  escalated(escalation: Escalation): Promise<void>;
  /** Redraws the cards of an expired request and tells the agent. */
  expired(requestId: number): Promise<void>;
  /** Redraws every posted card (after proof was attached, say). */
  redraw(requestId: number): Promise<void>;
  /** Posts the card of a pending step that never reached its approver. */
  repost(step: LeaveApprovalStep): Promise<void>;
  /** Reminds the agent, back at work, of the proof they owe. */
  proofReminder(owed: OwedProof): Promise<void>;
  /** Tells the first approver that the proof is overdue. */
  proofOverdue(owed: OwedProof): Promise<void>;
  /** Tells the agent which shifts their approved leave left out, being no longer theirs on the roster. */
  leftOut(requestId: number, shifts: readonly { date: string; shiftCode: string }[]): Promise<void>;
}

export function leaveNotifier(client: webApi.WebClient, deps: UseCaseDeps, locales: SlackLocales): LeaveNotifier {
  const localeOf = (person: Person | undefined, id: string): Promise<Locale> => recipientLocale(locales, deps.policy, person, id);
  const viewFor = async (data: CardData, id: string): Promise<LeaveViewContext> => {
    const locale = await localeOf(data.people.get(id), id);
    return viewIn(locale, deps.policy, data.team);
  };

  async function drawCard(data: CardData, step: LeaveApprovalStep) {
    const shares = (await loadProofShares(deps, data.request.id)).get(step.approverId);
    return approverCard(await viewFor(data, step.approverId), { ...data, step, ...(shares ? { proofShares: shares } : {}) });
  }

  /**
   * Copies the proof files this approver has no copy of into the thread of their card; true when the
   * card must be drawn again. Withdrawn and expired requests need no more copies.
   */
  async function shareProof(data: CardData, step: LeaveApprovalStep, place: CardPlace): Promise<boolean> {
    if (data.request.proofFiles.length === 0 || data.request.status === 'cancelled' || data.request.status === 'expired') return false;
    const view = await viewFor(data, step.approverId);
    const comment = view.t('leave.proof.shared_comment', { name: nameOf(data, data.request.personId) });
    return shareProofFiles(client, deps, { request: data.request, approverId: step.approverId, place, comment }).catch((error: unknown) => {
      deps.logger.warn({ err: error, requestId: data.request.id, stepId: step.id }, 'could not share proof files with an approver');
      return false;
    });
  }

  /** A card Slack refuses is left for the card job, which posts it again a few minutes later. */
  async function postCard(data: CardData, step: LeaveApprovalStep): Promise<void> {
    const card = await drawCard(data, step);
    const posted = await client.chat
      .postMessage({ channel: step.approverId, text: card.text, blocks: card.blocks })
      .catch((error: unknown) => {
        deps.logger.warn({ err: error, stepId: step.id }, 'could not post an approval card; the card job tries again');
        return undefined;
      });
    if (!posted?.channel || !posted.ts) return;
    await recordStepCard(deps, step.id, { messageChannel: posted.channel, messageTs: posted.ts });
    if (!(await shareProof(data, step, { channel: posted.channel, ts: posted.ts }))) return;
    const shared = await drawCard(data, step);
    await client.chat
      .update({ channel: posted.channel, ts: posted.ts, text: shared.text, blocks: shared.blocks })
      .catch((error: unknown) => deps.logger.warn({ err: error, stepId: step.id }, 'could not update an approval card'));
  }

  async function tellAgent(
    data: CardData,
    key: MessageKey,
    extra: (view: LeaveViewContext) => Record<string, string>,
    notes: MessageKey[] = [],
  ): Promise<void> {
    const view = await viewFor(data, data.request.personId);
    const params = { type: leaveTypeName(data.request.type, data.team, view.locale), dates: datesText(data.request, view), ...extra(view) };
    const text = [view.t(key, params), ...notes.map((note) => view.t(note))].join('\n');
    await client.chat.postMessage({ channel: data.request.personId, text });
  }

  const nameOf = (data: CardData, id: string | null | undefined) => escapeMrkdwn((id && data.people.get(id)?.name) || id || '');

  const notifier: LeaveNotifier = {
    async submitted(requestId) {
      const data = await leaveCardData(deps, requestId);
      if (data.request.status === 'approved') {
        // the top of the org, recorded as filed (leave.top_of_org: self_recorded)
        await tellAgent(data, 'leave.dm.self_recorded', () => ({}));
        return announceAbsence(data);
      }
      const pending = data.steps.find((s) => s.status === 'pending');
      if (!pending) return;
      await postCard(data, pending);
      const notes: MessageKey[] = [
        ...(data.request.lateNotice ? (['leave.dm.late_notice'] as const) : []),
        ...(data.overMonthlyCap.length > 0 ? (['leave.dm.over_cap'] as const) : []),
        ...(data.request.proof === 'owed' ? (['leave.dm.proof_owed'] as const) : []),
      ];
      await tellAgent(data, 'leave.dm.submitted', () => ({ approver: nameOf(data, pending.approverId) }), notes);
    },

    async reminded(step) {
      const data = await leaveCardData(deps, step.requestId);
      const view = await viewFor(data, step.approverId);
      const waited = humanDuration(data.team.rules.leave.approval_reminder_after, view.t);
      const params = {
        name: nameOf(data, data.request.personId),
        type: leaveTypeName(data.request.type, data.team, view.locale),
        dates: datesText(data.request, view),
        waited,
      };
      await client.chat.postMessage({
        channel: step.approverId,
        text: view.t('leave.dm.reminder', params),
        ...(step.messageTs ? { thread_ts: step.messageTs } : {}),
      });
    },

    async escalated({ step, from, decided }) {
      const data = await leaveCardData(deps, step.requestId);
      if (from.messageChannel && from.messageTs) {
        const view = await viewFor(data, from.approverId);
        const summary = view.t('leave.card.fallback', {
          name: nameOf(data, data.request.personId),
          type: leaveTypeName(data.request.type, data.team, view.locale),
          dates: datesText(data.request, view),
        });
        const card = escalatedCard(view, { summary, to: nameOf(data, step.approverId), at: step.escalatedAt ?? deps.clock.now() });
        await client.chat
          .update({ channel: from.messageChannel, ts: from.messageTs, ...card })
          .catch((error: unknown) => deps.logger.warn({ err: error, stepId: step.id }, 'could not update an approval card'));
      }
      if (decided) return notifier.decided(step.requestId);
      const current = data.steps.find((s) => s.id === step.id);
      if (current) await postCard(data, current);
    },

    async redraw(requestId) {
      await redrawCards(await leaveCardData(deps, requestId));
    },

    async repost(step) {
      const data = await leaveCardData(deps, step.requestId);
      const current = data.steps.find((s) => s.id === step.id);
      // decided or passed on since it was claimed: its new approver has a card of their own
      if (current?.status === 'pending' && current.approverId === step.approverId && !current.messageTs) await postCard(data, current);
    },

    async proofReminder({ request, dueAt }) {
      const data = await leaveCardData(deps, request.id);
      const message = proofReminderMessage(await viewFor(data, request.personId), data.request, dueAt);
      await client.chat.postMessage({ channel: request.personId, text: message.text, blocks: message.blocks });
    },

    async proofOverdue({ request, dueAt }) {
      const data = await leaveCardData(deps, request.id);
      const first = data.steps.find((s) => s.position === 0);
      if (!first) return;
      const view = await viewFor(data, first.approverId);
      const params = {
        name: nameOf(data, request.personId),
        type: leaveTypeName(request.type, data.team, view.locale),
        dates: datesText(request, view),
        due: instantText(dueAt, data.team.timezone, view.locale),
      };
      await client.chat.postMessage({ channel: first.approverId, text: view.t('leave.dm.proof_overdue', params) });
    },

    async leftOut(requestId, shifts) {
      const data = await leaveCardData(deps, requestId);
      const view = await viewFor(data, data.request.personId);
      const text = view.t('leave.dm.left_out', {
        shifts: joinList(
          shifts.map((s) => shiftText(s, view.locale, deps.policy)),
          view.t,
        ),
      });
      await client.chat.postMessage({ channel: data.request.personId, text });
    },

    async expired(requestId) {
      const data = await leaveCardData(deps, requestId);
      await redrawCards(data);
      await tellAgent(data, 'leave.dm.expired', () => ({}));
    },

    async withdrawn(requestId, wasApproved) {
      const data = await leaveCardData(deps, requestId);
      await redrawCards(data);
      if (!wasApproved) return;
      await correctAbsence(data);
      for (const step of data.steps.filter((s) => s.status === 'approved')) {
        const view = await viewFor(data, step.approverId);
        const params = {
          name: nameOf(data, data.request.personId),
          type: leaveTypeName(data.request.type, data.team, view.locale),
          dates: datesText(data.request, view),
        };
        await client.chat.postMessage({ channel: step.approverId, text: view.t('leave.dm.withdrawn', params) });
      }
    },

    async decided(requestId) {
      const data = await leaveCardData(deps, requestId);
      await redrawCards(data);
      const last = [...data.steps].reverse().find((s) => s.status === 'approved' || s.status === 'rejected');
      const by = nameOf(data, last?.decidedBy);
      if (data.request.status === 'rejected') {
        await tellAgent(data, 'leave.dm.rejected', () => ({ by, reason: escapeMrkdwn(last?.note ?? '') }));
      } else if (data.request.status === 'approved') {
        await tellAgent(data, 'leave.dm.approved', () => ({ by }));
        await announceAbsence(data);
      } else {
        const next = data.steps.find((s) => s.status === 'pending');
        if (next && !next.messageTs) await postCard(data, next);
        await tellAgent(data, 'leave.dm.passed_on', () => ({ by, approver: nameOf(data, next?.approverId) }));
      }
    },
  };

  return leaveHomeRefresh(notifier, deps);

  /**
   * A card that cannot be updated (deleted in Slack, say) must not keep the others from being told.
   * Two changes close together (the last approval, a withdrawal) each redraw the cards, and the older
   * drawing may reach Slack last: after drawing, the request is read again and drawn again if it moved on.
   */
  async function redrawCards(first: CardData): Promise<void> {
    let data = first;
    let drawnShares = await loadProofShares(deps, first.request.id);
    for (let round = 0; round < maxRedraws; round += 1) {
      for (const step of data.steps.filter((s) => s.messageChannel && s.messageTs)) {
        // proof attached after the card was sent reaches the approver here
        await shareProof(data, step, { channel: step.messageChannel as string, ts: step.messageTs as string });
        const card = await drawCard(data, step);
        await client.chat
          .update({ channel: step.messageChannel as string, ts: step.messageTs as string, text: card.text, blocks: card.blocks })
          .catch((error: unknown) =>
            deps.logger.warn({ err: error, requestId: data.request.id, stepId: step.id }, 'could not update an approval card'),
          );
      }
      const now = await leaveCardData(deps, data.request.id);
      const shares = await loadProofShares(deps, data.request.id);
      if (cardState(now, shares) === cardState(data, drawnShares)) return;
      data = now;
      drawnShares = shares;
    }
  }

  /** The team channel learns only that someone is absent, unless the policy allows showing the type. */
  async function announceAbsence(data: CardData): Promise<void> {
    const channel = data.team.announce_channel;
    if (!channel) return;
    const view = channelView(deps.policy, data.team);
    const params = {
      name: nameOf(data, data.request.personId),
      dates: datesText(data.request, view),
      type: leaveTypeName(data.request.type, data.team, view.locale),
    };
    const text = data.team.rules.leave.show_type_in_channel
      ? view.t('leave.channel.absent_type', params)
      : view.t('leave.channel.absent', params);
    const posted = await client.chat.postMessage({ channel, text });
    if (posted.channel && posted.ts) await recordLeaveNotice(deps, data.request.id, { channel: posted.channel, ts: posted.ts });
  }

  /** Withdrawn approved leave: the channel's notice says so (a new post when the notice cannot be changed); never the type. */
  async function correctAbsence(data: CardData): Promise<void> {
    const channel = data.team.announce_channel;
    if (!channel) return;
    const view = channelView(deps.policy, data.team);
    const text = view.t('leave.channel.withdrawn', { name: nameOf(data, data.request.personId), dates: datesText(data.request, view) });
    const { noticeChannel, noticeTs } = data.request;
    const updated =
      noticeChannel && noticeTs
        ? await client.chat.update({ channel: noticeChannel, ts: noticeTs, text }).then(
            () => true,
            (error: unknown) => {
              deps.logger.warn({ err: error, requestId: data.request.id }, 'could not update an absence notice; posting the correction');
              return false;
            },
          )
        : false;
    if (!updated) await client.chat.postMessage({ channel, text });
  }
}

/** Every change this notifier tells people about is also announced to the Homes that show the item. */
function leaveHomeRefresh(n: LeaveNotifier, deps: UseCaseDeps): LeaveNotifier {
  const announce = announcer(deps);
  if (!announce) return n;
  const leave = (id: number, also?: readonly string[]) => () => announce({ kind: 'leave', id }, also);
  return {
    ...n,
    submitted: (id) => thenAnnounce(n.submitted(id), leave(id)),
    decided: (id) => thenAnnounce(n.decided(id), leave(id)),
    withdrawn: (id, wasApproved) => thenAnnounce(n.withdrawn(id, wasApproved), leave(id)),
    escalated: (e) => thenAnnounce(n.escalated(e), leave(e.step.requestId, [e.from.approverId])),
    expired: (id) => thenAnnounce(n.expired(id), leave(id)),
    redraw: (id) => thenAnnounce(n.redraw(id), leave(id)),
    proofReminder: (owed) => thenAnnounce(n.proofReminder(owed), leave(owed.request.id)),
    proofOverdue: (owed) => thenAnnounce(n.proofOverdue(owed), leave(owed.request.id)),
  };
}
