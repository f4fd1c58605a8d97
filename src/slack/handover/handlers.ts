/** /handover's Slack side: the modal (write, amend, redraw), Take over, Refuse, and the history. */
import type { ActionArgs, ViewArgs } from '../route-table.js';
import { personById } from '../../use-cases/people.js';
import type { Handover } from '../../db/schema.js';
import type { TeamDefinition } from '../../policy/policy-file.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import {
  amendHandoverForm,
  checkHandoverDraft,
  handoverHistory,
  incomingCheck,
  newHandoverForm,
  openHandover,
  refuseHandover,
  takeOverHandover,
  type HandoverForm,
} from '../../use-cases/handover.js';
import { teamOf } from '../../use-cases/team.js';
import { ephemeral, ephemeralReply, escapeMrkdwn } from '../blocks.js';
import type { Subcommand } from '../commands/command.js';
import { activePerson, userContext, type ActiveUser, type UserContext } from '../context.js';
import { updateModal } from '../update-modal.js';
import { clickedValue } from '../row-id.js';
import { instantText } from '../format.js';
import { handoverIds } from '../ids.js';
import type { SlackLocales } from '../locale-cache.js';
import { fieldErrors } from '../refusals.js';
import type { SlackServices } from '../services.js';
import { fileSubmission, handoverPayload } from '../submissions.js';
import { handoverNotifier } from './notify.js';
import {
  readHandoverAnswer,
  readHandoverForm,
  readHandoverId,
  readRefusal,
  readRefuseMetadata,
  readShift,
  readShiftKey,
  readWriteMetadata,
} from './parse.js';
import { handoverModal, historyBlocks, refuseModal, shiftName, type HandoverViewContext } from './views.js';

const ids = handoverIds.blocks;

function viewContext(deps: UseCaseDeps, user: UserContext, team: TeamDefinition): HandoverViewContext {
  return { t: user.t, locale: user.locale, policy: deps.policy, team };
}

const modalFor = (deps: UseCaseDeps, user: ActiveUser, form: HandoverForm, slots: number) =>
  handoverModal(viewContext(deps, user, form.team), form, { slots, incoming: form.incoming });

/** `/handover`: the form for the shift that is ending, opened at once so the trigger_id is fresh. */
export const openHandoverModal: Subcommand = {
  summaryKey: 'help.handover.write',
  async run({ ack, client, body, user, deps, respond }) {
    await ack();
    const refused = await openHandoverForm(client, body.trigger_id, deps, user);
    if (refused) await respond(ephemeral(refused));
  },
};

/**
 * The form for the shift that is ending (or the one `shift` names), for the command and the Home tab's
 * button alike; when there is none to open, what to tell the person instead.
 */
export async function openHandoverForm(
  client: ActionArgs['client'],
  triggerId: string,
  deps: UseCaseDeps,
  user: ActiveUser,
  shift?: ReturnType<typeof readShiftKey>,
): Promise<string | undefined> {
  const opening = await openHandover(deps, user.person, shift);
  if (opening.kind === 'no_shift') return user.t('handover.no_shift');
  if (opening.kind === 'written_by') return user.t('handover.refusal.already_written', { name: escapeMrkdwn(opening.authorName) });
  await client.views.open({ trigger_id: triggerId, view: modalFor(deps, user, opening.form, 1) });
  return undefined;
}

/** The reminder's button: the form for the shift it names, opened with the click's fresh trigger_id. */
export function handoverOpenClicked(deps: UseCaseDeps) {
  return async ({ ack, body, respond, context, client }: ActionArgs): Promise<void> => {
    await ack();
    const user = userContext(context);
    const person = activePerson(user);
    if (!person) return void (await respond(ephemeralReply(user.t('common.not_in_roster'))));
    const opening = await openHandover(deps, person.person, readShiftKey(clickedValue(body)));
    if (opening.kind === 'no_shift') return void (await respond(ephemeralReply(user.t('handover.no_shift'))));
    if (opening.kind === 'written_by')
      return void (await respond(ephemeralReply(user.t('handover.refusal.already_written', { name: escapeMrkdwn(opening.authorName) }))));
    await client.views.open({ trigger_id: body.trigger_id, view: modalFor(deps, person, opening.form, 1) });
  };
}

/** `/handover history [words]`: the team's recent handovers and open cases, answered in the ack. */
export const showHandoverHistory: Subcommand = {
  summaryKey: 'help.handover.history',
  async run({ ack, user, deps, rest }) {
    const data = await handoverHistory(deps, user.person, rest);
    const view = viewContext(deps, user, data.team);
    await ack(ephemeral(user.t('handover.history.title'), historyBlocks(view, data)));
  },
};

/** A shift was picked, or another case row asked for: the modal is drawn again around what was typed. */
export function handoverModalChanged(deps: UseCaseDeps) {
  return async ({ ack, body, client, context }: ActionArgs): Promise<void> => {
    await ack();
    const user = activePerson(userContext(context));
    if (!user || !body.view) return;
    const meta = readWriteMetadata(body.view.private_metadata);
    const slots = body.actions[0]?.action_id === handoverIds.addCase ? meta.slots + 1 : meta.slots;
    let form: HandoverForm;
    if (meta.handoverId !== undefined) {
      const amend = await amendHandoverForm(deps, user.person, meta.handoverId);
      if (amend.kind !== 'form') return;
      form = amend.form;
    } else {
      form = await newHandoverForm(deps, user.person, readShift(body.view.state.values as never));
    }
    await updateModal(client, body.view, modalFor(deps, user, form, slots));
  };
}

/** The modal's block for a refusal's field; one the modal lacks goes on the equipment field, which is always there. */
function handoverBlockOf(blockIds: readonly string[]): (field: string | undefined) => string {
  return (field) => {
    const wanted = `${handoverIds.fieldPrefix}${field ?? 'equipment'}`;
    return blockIds.includes(wanted) ? wanted : (blockIds.find((id) => id.startsWith(`${wanted}.`)) ?? ids.equipment);
  };
}

export function handoverSubmitted(deps: UseCaseDeps, services: SlackServices) {
  return async ({ ack, body, view, context }: ViewArgs): Promise<void> => {
    const user = activePerson(userContext(context));
    if (!user) {
      await ack({ response_action: 'errors', errors: { [ids.equipment]: userContext(context).t('common.not_in_roster') } });
      return;
    }
    const meta = readWriteMetadata(view.private_metadata);
    const draft = readHandoverForm(view.state.values as never);
    const submissionKey = `${body.user.id}:${view.id}`;
    const refusals = await checkHandoverDraft(deps, user.person, draft, meta.handoverId, submissionKey);
    if (refusals.length > 0) {
      const blockIds = (view.blocks ?? []).flatMap((b) => (b.block_id ? [b.block_id] : []));
      await ack({
        response_action: 'errors',
        errors: fieldErrors(refusals, viewContext(deps, user, teamOf(deps, user.person)), {
          present: blockIds,
          wanted: handoverBlockOf(blockIds),
          fallback: ids.equipment,
        }),
      });
      return;
    }
    await fileSubmission(
      services,
      { ack, context },
      user,
      { kind: 'handover', submissionKey, payload: handoverPayload(draft, meta.handoverId) },
      ids.equipment,
    );
  };
}

/** Why the clicker may not answer this handover, in their words; undefined when they may. */
async function answerRefusal(
  deps: UseCaseDeps,
  user: UserContext,
  result: { kind: string; handover?: Handover },
): Promise<string | undefined> {
  const handover = result.handover;
  const team = handover && deps.policy.teams[handover.teamId];
  if (!handover || !team) return undefined;
  const view = viewContext(deps, user, team);
  switch (result.kind) {
    case 'not_your_shift':
      return user.t('handover.take_over.not_your_shift', {
        shift: shiftName({ date: handover.nextDate, shiftCode: handover.nextShiftCode }, view),
      });
    case 'own':
      return user.t('handover.take_over.own');
    case 'already_refused':
      return user.t('handover.refuse.already');
    case 'changed':
      return user.t('handover.take_over.changed', { version: handover.version });
    case 'already': {
      const taker = handover.takenOverBy ? await personById(deps, handover.takenOverBy) : undefined;
      return user.t('handover.take_over.already', {
        name: escapeMrkdwn(taker?.name ?? handover.takenOverBy ?? ''),
        at: handover.takenOverAt ? instantText(handover.takenOverAt, team.timezone, user.locale) : '',
      });
    }
    default:
      return undefined;
  }
}

export function handoverTakeOverClicked(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ ack, body, respond, context, client }: ActionArgs): Promise<void> => {
    await ack();
    const user = userContext(context);
    const answer = readHandoverAnswer(clickedValue(body));
    if (answer === undefined) return;
    const result = await takeOverHandover(deps, { ...answer, actorId: user.userId });
    if (result.kind === 'unknown') return;
    const refusalMessage = await answerRefusal(deps, user, result);
    if (refusalMessage) {
      await respond(ephemeralReply(refusalMessage));
      // a message showing an older version is drawn again, so the clicker can read what changed
      if (result.kind === 'changed') await handoverNotifier(client, deps, locales).redrawn(result.handover.id);
      return;
    }
    await handoverNotifier(client, deps, locales).takenOver(result.handover.id);
  };
}

export function handoverRefuseClicked(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ ack, body, respond, context, client }: ActionArgs): Promise<void> => {
    await ack();
    const user = userContext(context);
    const answer = readHandoverAnswer(clickedValue(body));
    if (answer === undefined) return;
    const check = await incomingCheck(deps, { ...answer, actorId: user.userId });
    if (check.kind === 'unknown') return;
    const refusalMessage = await answerRefusal(deps, user, check);
    if (refusalMessage) {
      await respond(ephemeralReply(refusalMessage));
      if (check.kind === 'changed') await handoverNotifier(client, deps, locales).redrawn(check.handover.id);
      return;
    }
    const team = deps.policy.teams[check.handover.teamId];
    if (!team) return;
    const author = await personById(deps, check.handover.authorId);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: refuseModal(viewContext(deps, user, team), check.handover, author?.name ?? check.handover.authorId),
    });
  };
}

export function handoverRefusalSubmitted(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ ack, view, context, client }: ViewArgs): Promise<void> => {
    const user = userContext(context);
    const answer = readRefuseMetadata(view.private_metadata);
    if (answer === undefined) return void (await ack());
    const { reason, note } = readRefusal(view.state.values as never);
    const errors: Record<string, string> = {};
    if (!reason) errors[ids.refuseReason] = user.t('handover.refuse.pick_reason');
    if (note === '') errors[ids.refuseNote] = user.t('handover.refuse.note_required');
    if (Object.keys(errors).length > 0) return void (await ack({ response_action: 'errors', errors }));
    const result = await refuseHandover(deps, { ...answer, actorId: user.userId, reason: reason as string, note });
    switch (result.kind) {
      case 'unknown':
        return void (await ack());
      case 'bad_reason':
        return void (await ack({ response_action: 'errors', errors: { [ids.refuseReason]: user.t('handover.refuse.pick_reason') } }));
      case 'note_required':
        return void (await ack({ response_action: 'errors', errors: { [ids.refuseNote]: user.t('handover.refuse.note_required') } }));
      case 'refused':
        await ack();
        await handoverNotifier(client, deps, locales).refused(result.handover.id);
        return;
      default:
        await ack({
          response_action: 'errors',
          errors: { [ids.refuseReason]: (await answerRefusal(deps, user, result)) ?? user.t('common.error') },
        });
        if (result.kind === 'changed') await handoverNotifier(client, deps, locales).redrawn(result.handover.id);
        return;
    }
  };
}

/** Amend (the author, or a lead of the team): the form again, filled with the latest version. */
export function handoverAmendClicked(deps: UseCaseDeps) {
  return async ({ ack, body, respond, context, client }: ActionArgs): Promise<void> => {
    await ack();
    const user = userContext(context);
    const handoverId = readHandoverId(clickedValue(body));
    if (handoverId === undefined) return;
    const person = activePerson(user);
    const result = person ? await amendHandoverForm(deps, person.person, handoverId) : ({ kind: 'not_yours' } as const);
    if (result.kind === 'unknown') return;
    if (result.kind !== 'form' || !person) return void (await respond(ephemeralReply(user.t('handover.amend.not_yours'))));
    await client.views.open({ trigger_id: body.trigger_id, view: modalFor(deps, person, result.form, 1) });
  };
}
