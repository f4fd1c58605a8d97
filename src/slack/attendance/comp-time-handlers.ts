/**
 * The comp-time proposal card's buttons: Approve credits the proposed hours; Adjust opens a modal (on
 * the click's fresh trigger_id) for other hours. Only the proposal's manager may decide, checked in
 * the use case; a second click, or a click on a card already decided elsewhere, says what happened.
 */
import { adjustCompTime, approveCompTime, openCompTimeAdjust } from '../../use-cases/comp-time-form.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { compTimeIds } from '../ids.js';
import type { Clicked, Submitted } from '../listener.js';
import type { SlackLocales } from '../locale-cache.js';
import { compTimeCards } from './comp-time-cards.js';
import { adjustModal, refusedText } from './comp-time-views.js';

export function compTimeApproveClicked(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ user, input: proposalId, client, reply }: Clicked<number>): Promise<void> => {
    const result = await approveCompTime(deps, { proposalId, actorId: user.userId });
    if (result.kind === 'decided') return compTimeCards(client, deps, locales).redraw(result.proposal);
    if (result.kind !== 'unknown') await reply(refusedText(user.t, user.locale, result));
  };
}

export function compTimeAdjustClicked(deps: UseCaseDeps) {
  return async ({ user, input: proposalId, body, client, reply }: Clicked<number>): Promise<void> => {
    const opening = await openCompTimeAdjust(deps, { proposalId, actorId: user.userId });
    switch (opening.kind) {
      case 'unknown':
        return;
      case 'open':
        await client.views.open({
          trigger_id: body.trigger_id,
          view: adjustModal(user.t, {
            proposalId: opening.proposal.id,
            personName: opening.personName,
            month: opening.proposal.month,
            proposed: opening.proposal.hours,
            locale: user.locale,
          }),
        });
        return;
      default:
        return reply(refusedText(user.t, user.locale, opening));
    }
  };
}

export function compTimeAdjustSubmitted(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ user, input, client, close, showErrors }: Submitted<{ proposalId: number; typed: string }>): Promise<void> => {
    const onHours = (text: string) => showErrors({ [compTimeIds.blocks.hours]: text });
    const result = await adjustCompTime(deps, { ...input, actorId: user.userId });
    switch (result.kind) {
      case 'unknown':
        return close();
      case 'refused':
        return onHours(result.refusals.map((r) => user.t(r.code, r.params)).join(' '));
      case 'decided':
        await close();
        return compTimeCards(client, deps, locales).redraw(result.proposal);
      default:
        return onHours(refusedText(user.t, user.locale, result));
    }
  };
}
