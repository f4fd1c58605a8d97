/** /swap's Slack side: the modal that redraws itself, submit, the colleague's answer, the lead's decision, withdrawal. */
import type { ActionArgs } from '../route-table.js';
import { peopleById, personById } from '../../use-cases/people.js';
import type { SwapRequest } from '../../db/schema.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import {
  answerSwap,
  cancelSwap,
  decideSwap,
  listMySwaps,
  mayDecideSwap,
  swapCardData,
  type AnswerResult,
  type DecideSwapResult,
} from '../../use-cases/swap.js';
import { rejectReasonMax, rejectSwap, submitSwapForm, swapFormState } from '../../use-cases/swap-form.js';
import { ephemeral, escapeMrkdwn } from '../blocks.js';
import type { Subcommand } from '../commands/command.js';
import { userView, type ActiveUser, type UserContext } from '../context.js';
import { blockIdsOf, type Clicked, type ModalForm, type Submitted } from '../listener.js';
import { updateModal } from '../update-modal.js';
import { swapIds } from '../ids.js';
import { fieldErrors, type ModalFields } from '../refusals.js';
import type { SlackServices } from '../services.js';
import { answerFiled, filingFor } from '../submissions.js';
import { swapNotifier } from './notify.js';
import type { SwapForm } from './parse.js';
import {
  maxShiftOptions,
  outcomeText,
  previewLines,
  rejectReasonModal,
  swapListBlocks,
  swapRequestModal,
  theirShiftBlock,
  type SwapViewContext,
} from './views.js';

const viewContext = (deps: UseCaseDeps, user: ActiveUser): SwapViewContext => userView(deps, user);

/** The modal as the form stands: the colleague's shifts once one is picked, and the rules checked so far. */
async function modalFor(deps: UseCaseDeps, user: ActiveUser, filled: SwapForm) {
  const view = viewContext(deps, user);
  const { form, colleague, myShifts, theirShifts, preview } = await swapFormState(deps, user.person, filled, maxShiftOptions);
  const names = new Map([[user.userId, user.person.name], ...(colleague ? ([[colleague.slackId, colleague.name]] as const) : [])]);
  return swapRequestModal(view, {
    myShifts,
    ...(form.give ? { give: form.give } : {}),
    ...(form.colleagueId ? { colleagueId: form.colleagueId, theirShifts } : {}),
    ...(form.take ? { take: form.take } : {}),
    preview: preview ? previewLines(view, { names, ...preview }) : [],
  });
}

/** `/swap` with no sub-command: the request modal, opened at once so the trigger_id is fresh. */
export const openSwapModal: Subcommand = {
  summaryKey: 'help.swap.request',
  async run({ ack, client, body, user, deps }) {
    await ack();
    await openSwapForm(client, body.trigger_id, deps, user);
  },
};

/** The request modal, empty, for the command and the Home tab's button alike. */
export async function openSwapForm(client: ActionArgs['client'], triggerId: string, deps: UseCaseDeps, user: ActiveUser): Promise<void> {
  await client.views.open({
    trigger_id: triggerId,
    view: await modalFor(deps, user, { give: undefined, colleagueId: undefined, take: undefined, note: '' }),
  });
}

/** A shift or the colleague was picked: redraw the modal with the colleague's shifts and the checks. */
export function swapFormChanged(deps: UseCaseDeps) {
  return async ({ user, input: { view, form }, client }: Clicked<ModalForm<SwapForm>, ActiveUser>): Promise<void> => {
    await updateModal(client, view, await modalFor(deps, user, form));
  };
}

/** Where a refusal's field points; a field the modal lacks falls back to the colleague's. */
const swapFields = (present: readonly string[], colleagueId: string | undefined): ModalFields => {
  const byField: Record<string, string> = {
    my_shift: swapIds.blocks.myShift,
    colleague: swapIds.blocks.colleague,
    their_shift: colleagueId ? theirShiftBlock(colleagueId) : swapIds.blocks.colleague,
    note: swapIds.blocks.note,
  };
  return { present, wanted: (field) => byField[field ?? ''] ?? swapIds.blocks.myShift, fallback: swapIds.blocks.colleague };
};

export function swapSubmitted(deps: UseCaseDeps, services: SlackServices) {
  return async (submitted: Submitted<{ form: SwapForm; submissionKey: string }, ActiveUser>): Promise<void> => {
    const { user, input, view, context } = submitted;
    const filing = filingFor(services, context);
    const filed = await submitSwapForm(deps, filing, user.person, input.form, input.submissionKey).finally(filing.checked);
    const colleague = filed.kind === 'refused' ? filed.colleague : undefined;
    const names = new Map([[user.userId, user.person.name], ...(colleague ? ([[colleague.slackId, colleague.name]] as const) : [])]);
    await answerFiled(services, submitted, filed, {
      errorBlock: swapIds.blocks.myShift,
      refusals: (refusals) =>
        fieldErrors(refusals, { ...viewContext(deps, user), names }, swapFields(blockIdsOf(view), input.form.colleagueId)),
    });
  };
}

async function nameOf(deps: UseCaseDeps, id: string | null): Promise<string> {
  const person = id ? await personById(deps, id) : undefined;
  return escapeMrkdwn(person?.name ?? id ?? '');
}

async function statusText(deps: UseCaseDeps, user: UserContext, swapId: number): Promise<string> {
  const data = await swapCardData(deps, swapId);
  return outcomeText({ t: user.t, locale: user.locale, policy: deps.policy, team: data.team }, data);
}

/**
 * A button on a swap card: Accept / Decline for the colleague, Approve / Reject for the lead. The use
 * case decides whether the click is the clicker's to make; this tells them, or everyone concerned.
 */
export function swapStepClicked(
  deps: UseCaseDeps,
  { locales }: SlackServices,
  step: (p: { swapId: number; actorId: string }) => Promise<AnswerResult | DecideSwapResult>,
  notYours: (user: UserContext, swap: SwapRequest) => Promise<string>,
) {
  return async ({ user, input: swapId, client, reply }: Clicked<number>): Promise<void> => {
    const result = await step({ swapId, actorId: user.userId });
    const notifier = swapNotifier(client, deps, locales);
    switch (result.kind) {
      case 'unknown':
        return;
      case 'not_yours':
        return reply(await notYours(user, result.swap));
      case 'already':
        return reply(user.t('swap.already', { status: await statusText(deps, user, swapId) }));
      case 'cancelled':
        return notifier.cancelled(swapId, result.refusals);
      case 'expired':
        await reply(user.t('swap.already', { status: await statusText(deps, user, swapId) }));
        return notifier.ended(swapId);
      case 'accepted':
        return notifier.accepted(swapId);
      default:
        return notifier.ended(swapId);
    }
  };
}

export const swapAnswerClicked = (deps: UseCaseDeps, services: SlackServices, accept: boolean) =>
  swapStepClicked(
    deps,
    services,
    (p) => answerSwap(deps, { ...p, accept }),
    async (user, swap) => user.t('swap.answer.not_yours', { name: await nameOf(deps, swap.colleagueId) }),
  );

export const swapDecisionClicked = (deps: UseCaseDeps, services: SlackServices, approve: boolean) =>
  swapStepClicked(
    deps,
    services,
    (p) => decideSwap(deps, { ...p, approve }),
    async (user, swap) => user.t('swap.decide.not_yours', { name: await nameOf(deps, swap.leadId) }),
  );

/** Reject on the lead's card: the reason modal, for the person whose decision it is. */
export function swapRejectClicked(deps: UseCaseDeps) {
  return async ({ user, input: swapId, body, client, reply }: Clicked<number>): Promise<void> => {
    const open = await mayDecideSwap(deps, { swapId, actorId: user.userId });
    switch (open.kind) {
      case 'unknown':
        return;
      case 'not_yours':
        return reply(user.t('swap.decide.not_yours', { name: await nameOf(deps, open.swap.leadId) }));
      case 'already':
        return reply(user.t('swap.already', { status: await statusText(deps, user, swapId) }));
      case 'open': {
        const names = { requester: await nameOf(deps, open.swap.requesterId), colleague: await nameOf(deps, open.swap.colleagueId) };
        await client.views.open({
          trigger_id: body.trigger_id,
          view: rejectReasonModal(user, swapId, names, rejectReasonMax(deps, open.swap)),
        });
      }
    }
  };
}

/** The reason modal submitted: the swap is rejected and both people read why; anything else shows on the field. */
export function swapRejectReasonSubmitted(deps: UseCaseDeps, { locales }: SlackServices) {
  return async ({ user, input: { swapId, reason }, client, close, showErrors }: Submitted<{ swapId: number; reason: string }>) => {
    const onField = (text: string) => showErrors({ [swapIds.blocks.rejectReason]: text });
    const result = await rejectSwap(deps, { swapId, actorId: user.userId, reason });
    switch (result.kind) {
      case 'refused':
        return onField(result.refusals.map((r) => user.t(r.code, r.params)).join(' '));
      case 'unknown':
        return close();
      case 'not_yours':
        return onField(user.t('swap.decide.not_yours', { name: await nameOf(deps, result.swap.leadId) }));
      case 'rejected':
        await close();
        return swapNotifier(client, deps, locales).ended(swapId);
      default:
        await onField(user.t('swap.already', { status: await statusText(deps, user, swapId) }));
        if (result.kind === 'expired') await swapNotifier(client, deps, locales).ended(swapId);
    }
  };
}

/** Cancel, from `/swap list`: the requester withdraws a swap still waiting for an answer. */
export function swapCancelClicked(deps: UseCaseDeps, { locales }: SlackServices) {
  return async ({ user, input: swapId, client, reply }: Clicked<number>): Promise<void> => {
    const result = await cancelSwap(deps, { swapId, actorId: user.userId });
    switch (result.kind) {
      case 'unknown':
        return;
      case 'not_yours':
        return reply(user.t('swap.cancel.not_yours'));
      case 'closed':
        return reply(user.t('swap.already', { status: await statusText(deps, user, swapId) }));
      case 'cancelled':
        await reply(user.t('swap.cancel.done'));
        await swapNotifier(client, deps, locales).ended(swapId);
    }
  };
}

/** `/swap list`: my swaps, answered in the ack. */
export const listMySwapRequests: Subcommand = {
  summaryKey: 'help.swap.list',
  async run({ ack, user, deps }) {
    const swaps = await listMySwaps(deps, user.person);
    const ids = [
      ...new Set(
        swaps.flatMap((s) => [s.requesterId, s.colleagueId, ...(s.leadId ? [s.leadId] : []), ...(s.decidedBy ? [s.decidedBy] : [])]),
      ),
    ];
    const people = await peopleById(deps, ids);
    await ack(ephemeral(user.t('swap.list.title'), swapListBlocks(viewContext(deps, user), swaps, user.userId, people)));
  },
};
