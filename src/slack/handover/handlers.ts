/** /handover's Slack side: the modal (write, amend, redraw), Take over, Refuse, and the history. */
import type { ActionArgs } from '../route-table.js';
import { personById } from '../../use-cases/people.js';
import type { Handover } from '../../db/schema.js';
import type { TeamDefinition } from '../../policy/policy-file.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import {
  amendHandoverForm,
  handoverHistory,
  incomingCheck,
  openHandover,
  refuseHandover,
  takeOverHandover,
  type HandoverForm,
} from '../../use-cases/handover.js';
import { handoverFormFor, submitHandoverForm } from '../../use-cases/handover-form.js';
import { teamOf } from '../../use-cases/team.js';
import { ephemeral, escapeMrkdwn } from '../blocks.js';
import type { Subcommand } from '../commands/command.js';
import type { ActiveUser, UserContext } from '../context.js';
import { blockIdsOf, type Clicked, type ModalForm, type Submitted } from '../listener.js';
import { updateModal } from '../update-modal.js';
import { instantText } from '../format.js';
import { handoverIds } from '../ids.js';
import type { SlackLocales } from '../locale-cache.js';
import { fieldErrors, type ModalFields } from '../refusals.js';
import type { SlackServices } from '../services.js';
import { answerFiled, filingFor } from '../submissions.js';
import { handoverNotifier } from './notify.js';
import type { HandoverButton, HandoverModalChange, HandoverRefusal, HandoverSubmission, ShiftKey } from './parse.js';
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
  shift?: ShiftKey,
): Promise<string | undefined> {
  const opening = await openHandover(deps, user.person, shift);
  if (opening.kind === 'no_shift') return user.t('handover.no_shift');
  if (opening.kind === 'written_by') return user.t('handover.refusal.already_written', { name: escapeMrkdwn(opening.authorName) });
  await client.views.open({ trigger_id: triggerId, view: modalFor(deps, user, opening.form, 1) });
  return undefined;
}

/** The reminder's button: the form for the shift it names, opened with the click's fresh trigger_id. */
export function handoverOpenClicked(deps: UseCaseDeps) {
  return async ({ user, input, body, client, reply }: Clicked<{ shift: ShiftKey }, ActiveUser>): Promise<void> => {
    const refused = await openHandoverForm(client, body.trigger_id, deps, user, input.shift);
    if (refused) await reply(refused);
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
  return async ({ user, input, client }: Clicked<ModalForm<HandoverModalChange>, ActiveUser>): Promise<void> => {
    const { meta, addCase, shift } = input.form;
    const form = await handoverFormFor(deps, user.person, { handoverId: meta.handoverId, shift });
    if (!form) return;
    await updateModal(client, input.view, modalFor(deps, user, form, addCase ? meta.slots + 1 : meta.slots));
  };
}

/** The modal's block for a refusal's field; one the modal lacks goes on the equipment field, which is always there. */
const handoverFields = (present: readonly string[]): ModalFields => ({
  present,
  wanted: (field) => `${handoverIds.fieldPrefix}${field ?? 'equipment'}`,
  fallback: ids.equipment,
});

export function handoverSubmitted(deps: UseCaseDeps, services: SlackServices) {
  return async (submitted: Submitted<HandoverSubmission, ActiveUser>): Promise<void> => {
    const { user, input, view, context } = submitted;
    const filing = filingFor(services, context);
    const filed = await submitHandoverForm(deps, filing, user.person, input).finally(filing.checked);
    await answerFiled(services, submitted, filed, {
      errorBlock: ids.equipment,
      refusals: (refusals) => fieldErrors(refusals, viewContext(deps, user, teamOf(deps, user.person)), handoverFields(blockIdsOf(view))),
    });
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
  return async ({ user, input: answer, client, reply }: Clicked<HandoverButton>): Promise<void> => {
    const result = await takeOverHandover(deps, { ...answer, actorId: user.userId });
    if (result.kind === 'unknown') return;
    const refusalMessage = await answerRefusal(deps, user, result);
    if (refusalMessage) {
      await reply(refusalMessage);
      // a message showing an older version is drawn again, so the clicker can read what changed
      if (result.kind === 'changed') await handoverNotifier(client, deps, locales).redrawn(result.handover.id);
      return;
    }
    await handoverNotifier(client, deps, locales).takenOver(result.handover.id);
  };
}

export function handoverRefuseClicked(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ user, input: answer, body, client, reply }: Clicked<HandoverButton>): Promise<void> => {
    const check = await incomingCheck(deps, { ...answer, actorId: user.userId });
    if (check.kind === 'unknown') return;
    const refusalMessage = await answerRefusal(deps, user, check);
    if (refusalMessage) {
      await reply(refusalMessage);
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
  return async ({ user, input, client, close, showErrors }: Submitted<HandoverRefusal>): Promise<void> => {
    const result = await refuseHandover(deps, { ...input, actorId: user.userId });
    switch (result.kind) {
      case 'unknown':
        return close();
      case 'incomplete':
        return showErrors({
          ...(result.reason ? { [ids.refuseReason]: user.t('handover.refuse.pick_reason') } : {}),
          ...(result.note ? { [ids.refuseNote]: user.t('handover.refuse.note_required') } : {}),
        });
      case 'refused':
        await close();
        await handoverNotifier(client, deps, locales).refused(result.handover.id);
        return;
      default:
        await showErrors({ [ids.refuseReason]: (await answerRefusal(deps, user, result)) ?? user.t('common.error') });
        if (result.kind === 'changed') await handoverNotifier(client, deps, locales).redrawn(result.handover.id);
        return;
    }
  };
}

/** Amend (the author, or a lead of the team): the form again, filled with the latest version. */
export function handoverAmendClicked(deps: UseCaseDeps) {
  return async ({ user, input: handoverId, body, client, reply }: Clicked<number, ActiveUser>): Promise<void> => {
    const result = await amendHandoverForm(deps, user.person, handoverId);
    if (result.kind === 'unknown') return;
    if (result.kind !== 'form') return reply(user.t('handover.amend.not_yours'));
    await client.views.open({ trigger_id: body.trigger_id, view: modalFor(deps, user, result.form, 1) });
  };
}
