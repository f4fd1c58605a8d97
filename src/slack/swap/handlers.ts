/** /swap's Slack side: the modal that redraws itself, submit, the colleague's answer, the lead's decision, withdrawal. */
import type { ActionArgs, ViewArgs } from '../route-table.js';
import { peopleById, personById } from '../../use-cases/people.js';
import type { SwapRequest } from '../../db/schema.js';
import { refusal, type Refusal } from '../../policy/decision.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import {
  answerSwap,
  cancelSwap,
  checkSwapRequest,
  decideSwap,
  isOfferedDay,
  isSubmitted,
  mayDecideSwap,
  listMySwaps,
  previewSwap,
  swapById,
  swapCardData,
  upcomingShifts,
  type AnswerResult,
  type DecideSwapResult,
  type SwapDraft,
} from '../../use-cases/swap.js';
import { ephemeral, ephemeralReply, escapeMrkdwn } from '../blocks.js';
import type { Subcommand } from '../commands/command.js';
import { activePerson, userContext, userView, type ActiveUser, type UserContext } from '../context.js';
import { updateModal } from '../update-modal.js';
import { swapIds } from '../ids.js';
import { fieldErrors } from '../refusals.js';
import type { SlackServices } from '../services.js';
import { fileSubmission } from '../submissions.js';
import { clickedRowId } from '../row-id.js';
import { swapNotifier } from './notify.js';
import { readRejectReason, readSwapForm, readSwapId, type SwapForm } from './parse.js';
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
async function modalFor(deps: UseCaseDeps, user: ActiveUser, form: SwapForm) {
  const view = viewContext(deps, user);
  const colleague = form.colleagueId ? await personById(deps, form.colleagueId) : undefined;
  const [myShifts, theirShifts] = await Promise.all([
    upcomingShifts(deps, user.person, maxShiftOptions),
    colleague?.active && colleague.slackId !== user.userId ? upcomingShifts(deps, colleague, maxShiftOptions) : Promise.resolve([]),
  ]);
  const take = form.take === 'cover' ? undefined : form.take;
  const preview = await previewSwap(deps, user.person, {
    ...(form.give ? { give: form.give } : {}),
    ...(form.colleagueId ? { colleagueId: form.colleagueId } : {}),
    take,
  });
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

/** The form with a shift on a day the modal never offers (year 9999, say) read as no pick at all. */
function offeredForm(deps: UseCaseDeps, user: ActiveUser, form: SwapForm): SwapForm {
  const offered = (choice: SwapForm['give']) => (choice && isOfferedDay(deps, user.person, choice.date) ? choice : undefined);
  return { ...form, give: offered(form.give), take: form.take === 'cover' ? 'cover' : offered(form.take) };
}

/** A shift or the colleague was picked: redraw the modal with the colleague's shifts and the checks. */
export function swapFormChanged(deps: UseCaseDeps) {
  return async ({ ack, body, client, context }: ActionArgs): Promise<void> => {
    await ack();
    const user = activePerson(userContext(context));
    if (!user || !body.view) return;
    const modal = await modalFor(deps, user, offeredForm(deps, user, readSwapForm(body.view.state.values as never)));
    await updateModal(client, body.view, modal);
  };
}

/** Which block a refusal's field points at; a field the modal lacks falls back to the colleague's. */
function swapBlockOf(blocks: ReadonlySet<string>, colleagueId: string | undefined): (field: string | undefined) => string {
  const byField: Record<string, string> = {
    my_shift: swapIds.blocks.myShift,
    colleague: swapIds.blocks.colleague,
    their_shift: colleagueId ? theirShiftBlock(colleagueId) : swapIds.blocks.colleague,
    note: swapIds.blocks.note,
  };
  return (field) => {
    const wanted = byField[field ?? ''] ?? swapIds.blocks.myShift;
    return blocks.has(wanted) ? wanted : swapIds.blocks.colleague;
  };
}

export function swapSubmitted(deps: UseCaseDeps, services: SlackServices) {
  return async ({ ack, body, view, context }: ViewArgs): Promise<void> => {
    const user = activePerson(userContext(context));
    if (!user) {
      await ack({ response_action: 'errors', errors: { [swapIds.blocks.myShift]: userContext(context).t('common.not_in_roster') } });
      return;
    }
    const submissionKey = `${body.user.id}:${view.id}`;
    const form = offeredForm(deps, user, readSwapForm(view.state.values as never));
    const missing: Refusal[] = [
      ...(form.give ? [] : [refusal('swap.refusal.pick_shift', {}, 'my_shift')]),
      ...(form.colleagueId ? [] : [refusal('swap.refusal.pick_colleague', {}, 'colleague')]),
      ...(form.colleagueId && !form.take ? [refusal('swap.refusal.pick_their_shift', {}, 'their_shift')] : []),
    ];
    const draft: SwapDraft | undefined =
      form.give && form.colleagueId && form.take
        ? { colleagueId: form.colleagueId, give: form.give, take: form.take === 'cover' ? undefined : form.take, note: form.note }
        : undefined;
    const checked =
      missing.length > 0 || !draft ? { ok: false as const, refusals: missing } : await checkSwapRequest(deps, user.person, draft);
    if (!checked.ok || !draft) {
      // a second delivery of a filed swap would be refused by its own hold: it just closes
      if (await isSubmitted(deps, submissionKey)) return void (await ack());
      const colleague = form.colleagueId ? await personById(deps, form.colleagueId) : undefined;
      const names = new Map([[user.userId, user.person.name], ...(colleague ? ([[colleague.slackId, colleague.name]] as const) : [])]);
      const blocks = new Set((view.blocks ?? []).flatMap((b) => (b.block_id ? [b.block_id] : [])));
      await ack({
        response_action: 'errors',
        errors: fieldErrors(
          checked.ok ? [] : checked.refusals,
          { ...viewContext(deps, user), names },
          { present: [...blocks], wanted: (field) => swapBlockOf(blocks, form.colleagueId)(field), fallback: swapIds.blocks.colleague },
        ),
      });
      return;
    }
    await fileSubmission(services, { ack, context }, user, { kind: 'swap', submissionKey, payload: { draft } }, swapIds.blocks.myShift);
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
  return async ({ ack, body, respond, context, client }: ActionArgs): Promise<void> => {
    await ack();
    const user = userContext(context);
    const swapId = clickedRowId(body);
    if (swapId === undefined) return;
    const result = await step({ swapId, actorId: user.userId });
    const notifier = swapNotifier(client, deps, locales);
    switch (result.kind) {
      case 'unknown':
        return;
      case 'not_yours':
        return void (await respond(ephemeralReply(await notYours(user, result.swap))));
      case 'already':
        return void (await respond(ephemeralReply(user.t('swap.already', { status: await statusText(deps, user, swapId) }))));
      case 'cancelled':
        return notifier.cancelled(swapId, result.refusals);
      case 'expired':
        await respond(ephemeralReply(user.t('swap.already', { status: await statusText(deps, user, swapId) })));
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
  return async ({ ack, body, respond, context, client }: ActionArgs): Promise<void> => {
    await ack();
    const user = userContext(context);
    const swapId = clickedRowId(body);
    if (swapId === undefined) return;
    const open = await mayDecideSwap(deps, { swapId, actorId: user.userId });
    switch (open.kind) {
      case 'unknown':
        return;
      case 'not_yours':
        return void (await respond(ephemeralReply(user.t('swap.decide.not_yours', { name: await nameOf(deps, open.swap.leadId) }))));
      case 'already':
        return void (await respond(ephemeralReply(user.t('swap.already', { status: await statusText(deps, user, swapId) }))));
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

/** The longest rejection reason the swap's team takes (the department's, for a team gone from the policy). */
const rejectReasonMax = (deps: UseCaseDeps, swap: { readonly teamId: string } | undefined): number =>
  (deps.policy.teams[swap?.teamId ?? '']?.rules ?? deps.policy.rules).swap.reject_reason_max_chars;

/** The reason modal submitted: the swap is rejected and both people read why; anything else shows on the field. */
export function swapRejectReasonSubmitted(deps: UseCaseDeps, { locales }: SlackServices) {
  return async ({ ack, view, context, client }: ViewArgs): Promise<void> => {
    const user = userContext(context);
    const swapId = readSwapId(view.private_metadata);
    const reason = readRejectReason(view.state.values as never);
    const onField = (text: string) => ack({ response_action: 'errors', errors: { [swapIds.blocks.rejectReason]: text } });
    if (swapId === undefined) return void (await ack());
    if (reason === '') return void (await onField(user.t('swap.reject.reason_required')));
    const swap = await swapById(deps, swapId);
    const maxChars = rejectReasonMax(deps, swap);
    if ([...reason].length > maxChars) return void (await onField(user.t('common.text_too_long', { max: maxChars })));
    const result = await decideSwap(deps, { swapId, actorId: user.userId, approve: false, reason });
    switch (result.kind) {
      case 'unknown':
        return void (await ack());
      case 'not_yours':
        return void (await onField(user.t('swap.decide.not_yours', { name: await nameOf(deps, result.swap.leadId) })));
      case 'rejected':
        await ack();
        return swapNotifier(client, deps, locales).ended(swapId);
      default:
        await onField(user.t('swap.already', { status: await statusText(deps, user, swapId) }));
        if (result.kind === 'expired') await swapNotifier(client, deps, locales).ended(swapId);
    }
  };
}

/** Cancel, from `/swap list`: the requester withdraws a swap still waiting for an answer. */
export function swapCancelClicked(deps: UseCaseDeps, { locales }: SlackServices) {
  return async ({ ack, body, respond, context, client }: ActionArgs): Promise<void> => {
    await ack();
    const user = userContext(context);
    const swapId = clickedRowId(body);
    if (swapId === undefined) return;
    const result = await cancelSwap(deps, { swapId, actorId: user.userId });
    switch (result.kind) {
      case 'unknown':
        return;
      case 'not_yours':
        return void (await respond(ephemeralReply(user.t('swap.cancel.not_yours'))));
      case 'closed':
        return void (await respond(ephemeralReply(user.t('swap.already', { status: await statusText(deps, user, swapId) }))));
      case 'cancelled':
        await respond(ephemeralReply(user.t('swap.cancel.done')));
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
