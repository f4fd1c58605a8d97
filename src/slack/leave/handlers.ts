/** /leave's Slack side: open the modal, preview the shifts, submit, approve and reject. */
import type { ActionArgs } from '../route-table.js';
import type { ProofFile } from '../../db/schema.js';
import { personById } from '../../use-cases/people.js';
import { todayIn } from '../../policy/time.js';
import {
  attachProof,
  cancelLeave,
  decideLeave,
  listMyLeave,
  previewLeave,
  type CoveredShiftRef,
  type DecideResult,
} from '../../use-cases/leave.js';
import { openLeaveRejection, rejectLeave, submitLeaveForm } from '../../use-cases/leave-form.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { blockKitLimits } from '../blockkit-limits.js';
import { ephemeral, escapeMrkdwn, packLines } from '../blocks.js';
import type { Subcommand } from '../commands/command.js';
import { activePerson, userView, type ActiveUser, type UserContext } from '../context.js';
import { blockIdsOf, type Clicked, type ModalForm, type Submitted } from '../listener.js';
import { updateModal } from '../update-modal.js';
import { dayText, instantText, joinList, shiftText } from '../format.js';
import { leaveIds } from '../ids.js';
import { fieldErrors, leaveTypeName, type ModalFields } from '../refusals.js';
import type { SlackLocales } from '../locale-cache.js';
import type { SlackServices } from '../services.js';
import { answerFiled, filingFor } from '../submissions.js';
import { leaveNotifier, type LeaveNotifier } from './notify.js';
import type { LeaveForm } from './parse.js';
import { datesText, leaveListBlocks, leaveRequestModal, proofUploadModal, rejectReasonModal, type LeaveViewContext } from './views.js';

const fieldBlocks: Record<string, string> = {
  type: leaveIds.blocks.type,
  first_day: leaveIds.blocks.firstDay,
  last_day: leaveIds.blocks.lastDay,
  reason: leaveIds.blocks.reason,
  proof: leaveIds.blocks.proof,
};

const viewContext = (deps: UseCaseDeps, user: ActiveUser): LeaveViewContext => userView(deps, user);

/** `/leave` with no sub-command: the request modal, opened at once so the trigger_id is fresh. */
export const openLeaveModal: Subcommand = {
  summaryKey: 'help.leave.request',
  async run({ ack, client, body, user, deps }) {
    await ack();
    await openLeaveForm(client, body.trigger_id, deps, user);
  },
};

/** The request modal, for the command and the Home tab's button alike. */
export async function openLeaveForm(client: ActionArgs['client'], triggerId: string, deps: UseCaseDeps, user: ActiveUser): Promise<void> {
  const view = viewContext(deps, user);
  const today = todayIn(deps.clock.now(), view.team.timezone);
  const preview = await previewLeave(deps, user.person, { firstDay: today, lastDay: today });
  await client.views.open({ trigger_id: triggerId, view: leaveRequestModal(view, { today, ...(preview ? { preview } : {}) }) });
}

/** A date was picked: redraw the preview of the shifts the range covers. */
export function leaveDatePicked(deps: UseCaseDeps) {
  return async ({ user, input: { view: open, form }, client }: Clicked<ModalForm<LeaveForm>, ActiveUser>): Promise<void> => {
    const view = viewContext(deps, user);
    const today = todayIn(deps.clock.now(), view.team.timezone);
    const preview =
      form.firstDay && form.lastDay ? await previewLeave(deps, user.person, { firstDay: form.firstDay, lastDay: form.lastDay }) : undefined;
    const modal = leaveRequestModal(view, {
      today,
      ...(preview ? { preview } : {}),
      ...(form.firstDay ? { firstDay: form.firstDay } : {}),
      ...(form.lastDay ? { lastDay: form.lastDay } : {}),
    });
    await updateModal(client, open, modal);
  };
}

export function leaveSubmitted(deps: UseCaseDeps, services: SlackServices) {
  return async (submitted: Submitted<{ form: LeaveForm; submissionKey: string }, ActiveUser>): Promise<void> => {
    const { user, input, view, context } = submitted;
    const filing = filingFor(services, context);
    const filed = await submitLeaveForm(deps, filing, user.person, input.form, input.submissionKey).finally(filing.checked);
    await answerFiled(services, submitted, filed, {
      errorBlock: leaveIds.blocks.type,
      refusals: (refusals) => fieldErrors(refusals, viewContext(deps, user), leaveFields(blockIdsOf(view))),
    });
  };
}

/** The modal's block for a refusal's field; one without a field, or for a field the modal lacks, goes on the type. */
const leaveFields = (present: readonly string[]): ModalFields => ({
  present,
  wanted: (field) => fieldBlocks[field ?? 'type'] ?? leaveIds.blocks.type,
  fallback: leaveIds.blocks.type,
});

export function leaveApproveClicked(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ user, input: stepId, client, reply }: Clicked<number>): Promise<void> => {
    const result = await decideLeave(deps, { stepId, actorId: user.userId, approve: true });
    await answerDecision(result, user, deps, leaveNotifier(client, deps, locales), reply);
  };
}

export function leaveRejectClicked(deps: UseCaseDeps) {
  return async ({ user, input: stepId, body, client, reply }: Clicked<number>): Promise<void> => {
    const rejection = await openLeaveRejection(deps, { stepId, actorId: user.userId });
    switch (rejection.kind) {
      case 'unknown':
        return;
      case 'not_yours':
        return reply(await notYoursText(deps, user, rejection.approverId));
      case 'already':
        return reply(user.t('leave.decide.already', { outcome: user.t(`leave.status.${rejection.status}`) }));
      case 'open':
        await client.views.open({
          trigger_id: body.trigger_id,
          view: rejectReasonModal(user, rejection.stepId, rejection.requesterName, rejection.reasonMaxChars),
        });
    }
  };
}

export function leaveRejectReasonSubmitted(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ user, input, client, close, showErrors }: Submitted<{ stepId: number; reason: string }>): Promise<void> => {
    const notifier = leaveNotifier(client, deps, locales);
    const onReason = (text: string) => showErrors({ [leaveIds.blocks.rejectReason]: text });
    const result = await rejectLeave(deps, { stepId: input.stepId, actorId: user.userId, reason: input.reason });
    switch (result.kind) {
      case 'refused':
        return onReason(result.refusals.map((r) => user.t(r.code, r.params)).join(' '));
      case 'unknown':
        return close();
      case 'rejected':
        await close();
        return notifier.decided(result.request.id);
      default: {
        let message = '';
        await answerDecision(result, user, deps, notifier, async (text) => {
          message = text;
        });
        await onReason(message);
      }
    }
  };
}

async function notYoursText(deps: UseCaseDeps, user: UserContext, approverId: string): Promise<string> {
  const approver = await personById(deps, approverId);
  return user.t('leave.decide.not_yours', { approver: escapeMrkdwn(approver?.name ?? approverId) });
}

async function answerDecision(
  result: DecideResult,
  user: UserContext,
  deps: UseCaseDeps,
  notifier: LeaveNotifier,
  tell: (text: string) => Promise<unknown>,
): Promise<void> {
  switch (result.kind) {
    case 'unknown':
      return;
    case 'not_yours':
      return void (await tell(await notYoursText(deps, user, result.approverId)));
    case 'already_decided': {
      const decider = result.step.decidedBy ? await personById(deps, result.step.decidedBy) : undefined;
      const status = user.t(
        `leave.status.${result.request.status === 'pending' ? (result.step.status === 'approved' ? 'approved' : 'pending') : result.request.status}`,
      );
      const by = { status, name: escapeMrkdwn(decider?.name ?? '') };
      const at = result.step.decidedAt ?? result.request.decidedAt;
      const team = deps.policy.teams[result.request.teamId];
      const outcome = !decider
        ? status
        : at && team
          ? user.t('leave.decide.by_at', { ...by, time: instantText(at, team.timezone, user.locale) })
          : user.t('leave.decide.by', by);
      return void (await tell(user.t('leave.decide.already', { outcome })));
    }
    case 'understaffed': {
      const shifts = result.shortfalls.map((s) =>
        user.t('leave.decide.short_line', { date: dayText(s.date, user.locale), shift: s.shiftCode, left: s.left, minimum: s.minimum }),
      );
      return void (await tell(
        user.t('leave.decide.understaffed', {
          shifts: packLines(shifts, blockKitLimits.sectionText / 2, ', ', (count) => user.t('leave.more', { count })),
        }),
      ));
    }
    case 'not_rostered': {
      const person = await personById(deps, result.request.personId);
      return void (await tell(
        user.t('leave.decide.not_rostered', {
          name: escapeMrkdwn(person?.name ?? result.request.personId),
          shifts: shiftsText(result.shifts, user, deps),
        }),
      ));
    }
    default:
      await notifier.decided(result.request.id);
      if (result.kind === 'approved' && result.leftOut && result.leftOut.length > 0) {
        await tell(user.t('leave.decide.left_out', { shifts: shiftsText(result.leftOut, user, deps) }));
        await notifier.leftOut(result.request.id, result.leftOut);
      }
  }
}

const shiftsText = (shifts: readonly CoveredShiftRef[], user: UserContext, deps: UseCaseDeps) =>
  joinList(
    shifts.map((s) => shiftText(s, user.locale, deps.policy)),
    user.t,
  );

/** `/leave list`: my requests, answered in the ack. */
export const listMyLeaveRequests: Subcommand = {
  summaryKey: 'help.leave.list',
  async run({ ack, user, deps }) {
    const view = viewContext(deps, user);
    const requests = await listMyLeave(deps, user.person);
    await ack(ephemeral(user.t('leave.list.title'), leaveListBlocks(view, requests, todayIn(deps.clock.now(), view.team.timezone))));
  },
};

export function leaveWithdrawClicked(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ user, input: requestId, client, reply }: Clicked<number>): Promise<void> => {
    const result = await cancelLeave(deps, { requestId, actorId: user.userId });
    switch (result.kind) {
      case 'unknown':
        return;
      case 'not_yours':
        return reply(user.t('leave.cancel.not_yours'));
      case 'started':
        return reply(user.t('leave.cancel.started'));
      case 'closed':
        return reply(user.t('leave.cancel.closed', { status: user.t(`leave.status.${result.request.status}`) }));
      case 'cancelled': {
        const person = activePerson(user);
        const view = person ? viewContext(deps, person) : undefined;
        const what = view
          ? { type: leaveTypeName(result.request.type, view.team, user.locale), dates: datesText(result.request, view) }
          : { type: result.request.type, dates: '' };
        await reply([user.t('leave.cancel.done', what), ...(result.wasApproved ? [user.t('leave.cancel.restored')] : [])].join(' '));
        await leaveNotifier(client, deps, locales).withdrawn(result.request.id, result.wasApproved);
      }
    }
  };
}

/** Attach proof (from the reminder DM): the upload modal, for the requester only. */
export function leaveAttachProofClicked() {
  return async ({ user, input: requestId, body, client }: Clicked<number>): Promise<void> => {
    await client.views.open({ trigger_id: body.trigger_id, view: proofUploadModal(user, requestId) });
  };
}

export function leaveProofSubmitted(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ user, input, client, close, showErrors }: Submitted<{ requestId: number; files: ProofFile[] }>): Promise<void> => {
    const result = await attachProof(deps, { requestId: input.requestId, actorId: user.userId, files: input.files });
    if (result.kind === 'no_files') return showErrors({ [leaveIds.blocks.proofFiles]: user.t('leave.proof.required') });
    if (result.kind === 'not_yours') return showErrors({ [leaveIds.blocks.proofFiles]: user.t('leave.cancel.not_yours') });
    await close();
    if (result.kind !== 'attached') return;
    const person = activePerson(user);
    if (person) {
      const view = viewContext(deps, person);
      await client.chat.postMessage({
        channel: user.userId,
        text: user.t('leave.proof.thanks', {
          type: leaveTypeName(result.request.type, view.team, user.locale),
          dates: datesText(result.request, view),
        }),
      });
    }
    await leaveNotifier(client, deps, locales).redraw(result.request.id);
  };
}
