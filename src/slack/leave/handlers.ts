/** /leave's Slack side: open the modal, preview the shifts, submit, approve and reject. */
import type { ActionArgs, ViewArgs } from '../route-table.js';
import { personById } from '../../use-cases/people.js';
import { mayDecide } from '../../policy/approval.js';
import { leaveDateRefusals } from '../../policy/leave.js';
import type { Refusal } from '../../policy/decision.js';
import { refusal } from '../../policy/decision.js';
import { todayIn } from '../../policy/time.js';
import {
  approvalStepById,
  attachProof,
  cancelLeave,
  checkLeaveRequest,
  decideLeave,
  isLeaveSubmitted,
  leaveById,
  listMyLeave,
  previewLeave,
  reasonRefusals,
  reportingLinesOf,
  type CoveredShiftRef,
  type DecideResult,
} from '../../use-cases/leave.js';
import { teamOf } from '../../use-cases/team.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { blockKitLimits } from '../blockkit-limits.js';
import { ephemeral, ephemeralReply, escapeMrkdwn, packLines } from '../blocks.js';
import type { Subcommand } from '../commands/command.js';
import { activePerson, userContext, userView, type ActiveUser, type UserContext } from '../context.js';
import { updateModal } from '../update-modal.js';
import { dayText, instantText, joinList, shiftText } from '../format.js';
import { leaveIds } from '../ids.js';
import { fieldErrors, leaveTypeName } from '../refusals.js';
import type { SlackLocales } from '../locale-cache.js';
import type { SlackServices } from '../services.js';
import { fileSubmission } from '../submissions.js';
import { leaveNotifier, type LeaveNotifier } from './notify.js';
import { readLeaveForm, readMetadataId, readProofFiles, readRejectReason } from './parse.js';
import { clickedRowId } from '../row-id.js';
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
  return async ({ ack, body, client, context }: ActionArgs): Promise<void> => {
    await ack();
    const user = activePerson(userContext(context));
    if (!user || !body.view) return;
    const form = readLeaveForm(body.view.state.values as never);
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
    await updateModal(client, body.view, modal);
  };
}

export function leaveSubmitted(deps: UseCaseDeps, services: SlackServices) {
  return async ({ ack, body, view, context }: ViewArgs): Promise<void> => {
    const user = activePerson(userContext(context));
    if (!user) {
      await ack({ response_action: 'errors', errors: { [leaveIds.blocks.type]: userContext(context).t('common.not_in_roster') } });
      return;
    }
    const submissionKey = `${body.user.id}:${view.id}`;
    const form = readLeaveForm(view.state.values as never);
    const team = teamOf(deps, user.person);
    const knownType = form.type !== undefined && team.rules.leave.types[form.type] !== undefined;
    const missing: Refusal[] = [
      ...(knownType ? [] : [refusal('leave.refusal.unknown_type', {}, 'type')]),
      ...(form.firstDay ? [] : [refusal('leave.refusal.bad_date', {}, 'first_day')]),
      ...(form.lastDay ? [] : [refusal('leave.refusal.bad_date', {}, 'last_day')]),
      ...leaveDateRefusals(team.rules.leave, form, todayIn(deps.clock.now(), team.timezone)),
      ...reasonRefusals(form.reason, team.rules.leave),
    ];
    const hasProofField = (view.blocks ?? []).some((b) => b.block_id === leaveIds.blocks.proof);
    const draft =
      form.type && form.firstDay && form.lastDay ? { ...form, type: form.type, firstDay: form.firstDay, lastDay: form.lastDay } : undefined;
    const checked =
      missing.length > 0 || !draft ? { ok: false as const, refusals: missing } : await checkLeaveRequest(deps, user.person, draft);
    if (!checked.ok || !draft) {
      // a second delivery of a filed request would be refused as overlapping itself: it just closes
      if (await isLeaveSubmitted(deps, user.person, submissionKey)) return void (await ack());
      await ack({
        response_action: 'errors',
        errors: fieldErrors(checked.ok ? [] : checked.refusals, viewContext(deps, user), leaveBlockOf(hasProofField)),
      });
      return;
    }
    await fileSubmission(services, { ack, context }, user, { kind: 'leave', submissionKey, payload: { draft } }, leaveIds.blocks.type);
  };
}

/** The modal's block for a refusal's field; one without a field, or for a field the modal lacks, goes on the type. */
function leaveBlockOf(hasProofField: boolean): (field: string | undefined) => string {
  return (field) => fieldBlocks[field === 'proof' && !hasProofField ? 'type' : (field ?? 'type')] ?? leaveIds.blocks.type;
}

export function leaveApproveClicked(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ ack, body, respond, context, client }: ActionArgs): Promise<void> => {
    const notifier = leaveNotifier(client, deps, locales);
    await ack();
    const user = userContext(context);
    const stepId = clickedRowId(body);
    if (stepId === undefined) return;
    const result = await decideLeave(deps, { stepId, actorId: user.userId, approve: true });
    await answerDecision(result, user, deps, notifier, (text) => respond(ephemeralReply(text)));
  };
}

export function leaveRejectClicked(deps: UseCaseDeps) {
  return async ({ ack, body, client, respond, context }: ActionArgs): Promise<void> => {
    await ack();
    const user = userContext(context);
    const stepId = clickedRowId(body);
    const step = stepId === undefined ? undefined : await approvalStepById(deps, stepId);
    if (!step) return;
    const refusalMessage = await whyNotYours(deps, step.approverId, user, step.requestId);
    if (refusalMessage) {
      await respond(ephemeralReply(refusalMessage));
      return;
    }
    const request = await leaveById(deps, step.requestId);
    const requester = request ? await personById(deps, request.personId) : undefined;
    const maxChars = rejectReasonMax(deps, request);
    await client.views.open({ trigger_id: body.trigger_id, view: rejectReasonModal(user, step.id, requester?.name ?? '', maxChars) });
  };
}

export function leaveRejectReasonSubmitted(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ ack, view, context, client }: ViewArgs): Promise<void> => {
    const notifier = leaveNotifier(client, deps, locales);
    const user = userContext(context);
    const stepId = readMetadataId(view.private_metadata, 'stepId');
    const reason = readRejectReason(view.state.values as never);
    if (stepId === undefined) {
      await ack();
      return;
    }
    if (reason === '') {
      await ack({ response_action: 'errors', errors: { [leaveIds.blocks.rejectReason]: user.t('leave.reject.reason') } });
      return;
    }
    const step = await approvalStepById(deps, stepId);
    const request = step && (await leaveById(deps, step.requestId));
    const maxChars = rejectReasonMax(deps, request);
    if ([...reason].length > maxChars) {
      await ack({
        response_action: 'errors',
        errors: { [leaveIds.blocks.rejectReason]: user.t('leave.refusal.reason_too_long', { max: maxChars }) },
      });
      return;
    }
    const result = await decideLeave(deps, { stepId, actorId: user.userId, approve: false, note: reason });
    if (result.kind === 'rejected') {
      await ack();
      await notifier.decided(result.request.id);
      return;
    }
    let message = '';
    await answerDecision(result, user, deps, notifier, async (text) => {
      message = text;
    });
    await ack({ response_action: 'errors', errors: { [leaveIds.blocks.rejectReason]: message } });
  };
}

/** The longest rejection reason the request's team takes (the department's, for a team gone from the policy). */
const rejectReasonMax = (deps: UseCaseDeps, request: { readonly teamId: string } | undefined): number =>
  (deps.policy.teams[request?.teamId ?? '']?.rules ?? deps.policy.rules).leave.reject_reason_max_chars;

async function whyNotYours(deps: UseCaseDeps, approverId: string, user: UserContext, requestId: number): Promise<string | undefined> {
  const org = await reportingLinesOf(deps, [approverId, user.userId]);
  if (mayDecide(org, approverId, user.userId)) {
    const request = await leaveById(deps, requestId);
    return request === undefined || request.status === 'pending'
      ? undefined
      : user.t('leave.decide.already', { outcome: user.t(`leave.status.${request.status}`) });
  }
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
    case 'not_yours': {
      const approver = await personById(deps, result.approverId);
      return void (await tell(user.t('leave.decide.not_yours', { approver: escapeMrkdwn(approver?.name ?? result.approverId) })));
    }
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
  return async ({ ack, body, respond, context, client }: ActionArgs): Promise<void> => {
    await ack();
    const user = userContext(context);
    const requestId = clickedRowId(body);
    if (requestId === undefined) return;
    const result = await cancelLeave(deps, { requestId, actorId: user.userId });
    switch (result.kind) {
      case 'unknown':
        return;
      case 'not_yours':
        return void (await respond(ephemeralReply(user.t('leave.cancel.not_yours'))));
      case 'started':
        return void (await respond(ephemeralReply(user.t('leave.cancel.started'))));
      case 'closed':
        return void (await respond(
          ephemeralReply(user.t('leave.cancel.closed', { status: user.t(`leave.status.${result.request.status}`) })),
        ));
      case 'cancelled': {
        const person = activePerson(user);
        const view = person ? viewContext(deps, person) : undefined;
        const what = view
          ? { type: leaveTypeName(result.request.type, view.team, user.locale), dates: datesText(result.request, view) }
          : { type: result.request.type, dates: '' };
        const text = [user.t('leave.cancel.done', what), ...(result.wasApproved ? [user.t('leave.cancel.restored')] : [])].join(' ');
        await respond(ephemeralReply(text));
        await leaveNotifier(client, deps, locales).withdrawn(result.request.id, result.wasApproved);
      }
    }
  };
}

/** Attach proof (from the reminder DM): the upload modal, for the requester only. */
export function leaveAttachProofClicked() {
  return async ({ ack, body, client, context }: ActionArgs): Promise<void> => {
    await ack();
    const requestId = clickedRowId(body);
    if (requestId === undefined) return;
    await client.views.open({ trigger_id: body.trigger_id, view: proofUploadModal(userContext(context), requestId) });
  };
}

export function leaveProofSubmitted(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ ack, view, context, client }: ViewArgs): Promise<void> => {
    const user = userContext(context);
    const requestId = readMetadataId(view.private_metadata, 'requestId');
    const files = readProofFiles(view.state.values as never);
    if (requestId === undefined) return void (await ack());
    if (files.length === 0)
      return void (await ack({ response_action: 'errors', errors: { [leaveIds.blocks.proofFiles]: user.t('leave.proof.required') } }));
    const result = await attachProof(deps, { requestId, actorId: user.userId, files });
    if (result.kind === 'not_yours')
      return void (await ack({ response_action: 'errors', errors: { [leaveIds.blocks.proofFiles]: user.t('leave.cancel.not_yours') } }));
    await ack();
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
