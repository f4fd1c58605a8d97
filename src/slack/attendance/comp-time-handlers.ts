/**
 * The comp-time proposal card's buttons: Approve credits the proposed hours; Adjust opens a modal (on
 * the click's fresh trigger_id) for other hours. Only the proposal's manager may decide, checked in
 * the use case; a second click, or a click on a card already decided elsewhere, says what happened.
 */
import type { CompTimeProposal } from '../../db/schema.js';
import { readAdjustedHours } from '../../policy/attendance/comp-time-proposal.js';
import { compTimeProposal, decideCompTime, type CompTimeDecision } from '../../use-cases/comp-time-proposals.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { personById } from '../../use-cases/people.js';
import { ephemeralReply, escapeMrkdwn } from '../blocks.js';
import { userContext, type UserContext } from '../context.js';
import { compTimeIds } from '../ids.js';
import type { SlackLocales } from '../locale-cache.js';
import type { ActionArgs, ViewArgs } from '../route-table.js';
import { clickedRowId, readRowId } from '../row-id.js';
import { compTimeCards } from './comp-time-cards.js';
import { adjustModal, decidedText } from './comp-time-views.js';

export function compTimeApproveClicked(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ ack, body, respond, context, client }: ActionArgs): Promise<void> => {
    await ack();
    const user = userContext(context);
    const proposalId = clickedRowId(body);
    if (proposalId === undefined) return;
    const result = await decideCompTime(deps, { proposalId, actorId: user.userId });
    if (result.kind === 'decided') return void (await compTimeCards(client, deps, locales).redraw(result.proposal));
    const refusal = await refusalText(deps, user, result);
    if (refusal) await respond(ephemeralReply(refusal));
  };
}

export function compTimeAdjustClicked(deps: UseCaseDeps) {
  return async ({ ack, body, respond, context, client }: ActionArgs): Promise<void> => {
    await ack();
    const user = userContext(context);
    const proposalId = clickedRowId(body);
    const proposal = proposalId === undefined ? undefined : await compTimeProposal(deps, proposalId);
    if (!proposal) return;
    const refusal = await refusalText(deps, user, whyNot(proposal, user.userId));
    if (refusal) return void (await respond(ephemeralReply(refusal)));
    const person = await personById(deps, proposal.personId);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: adjustModal(user.t, {
        proposalId: proposal.id,
        personName: person?.name ?? proposal.personId,
        month: proposal.month,
        proposed: proposal.hours,
        locale: user.locale,
      }),
    });
  };
}

export function compTimeAdjustSubmitted(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ ack, view, context, client }: ViewArgs): Promise<void> => {
    const user = userContext(context);
    const proposalId = readProposalId(view.private_metadata);
    const proposal = proposalId === undefined ? undefined : await compTimeProposal(deps, proposalId);
    if (!proposal) return void (await ack());
    const field = (message: string) => ack({ response_action: 'errors', errors: { [compTimeIds.blocks.hours]: message } });
    const typed = (view.state.values as Record<string, Record<string, { value?: string | null }>>)[compTimeIds.blocks.hours]?.value?.value;
    const read = readAdjustedHours(typed ?? '', proposal.hours);
    if (!read.ok) return void (await field(user.t(read.code, read.code === 'comp_time.adjust.over_proposed' ? { max: read.max } : {})));
    const result = await decideCompTime(deps, { proposalId: proposal.id, actorId: user.userId, hours: read.hours });
    if (result.kind !== 'decided') {
      const refusal = await refusalText(deps, user, result);
      return void (await (refusal ? field(refusal) : ack()));
    }
    await ack();
    await compTimeCards(client, deps, locales).redraw(result.proposal);
  };
}

/** What a click would find, before the modal opens: nothing (undefined) when the manager may still decide. */
function whyNot(proposal: CompTimeProposal, actorId: string): CompTimeDecision | undefined {
  if (proposal.managerId !== actorId) return { kind: 'not_yours', proposal };
  if (proposal.status !== 'proposed') return { kind: 'already_decided', proposal };
  return undefined;
}

async function refusalText(deps: UseCaseDeps, user: UserContext, result: CompTimeDecision | undefined): Promise<string | undefined> {
  if (result === undefined || result.kind === 'unknown' || result.kind === 'decided') return undefined;
  if (result.kind === 'not_yours') {
    const manager = await personById(deps, result.proposal.managerId);
    return user.t('comp_time.decide.not_yours', { name: escapeMrkdwn(manager?.name ?? result.proposal.managerId) });
  }
  const { proposal } = result;
  const [decider, person] = await Promise.all([
    proposal.decidedBy ? personById(deps, proposal.decidedBy) : undefined,
    personById(deps, proposal.personId),
  ]);
  const timeZone = (person && deps.policy.teams[person.teamId]?.timezone) ?? deps.policy.default_timezone;
  return user.t('comp_time.decide.already', {
    outcome: decidedText(user.t, user.locale, { proposal, deciderName: decider?.name ?? '', timeZone }),
  });
}

function readProposalId(privateMetadata: string | undefined): number | undefined {
  try {
    const parsed = JSON.parse(privateMetadata ?? '') as { proposalId?: unknown };
    return readRowId(String(parsed.proposalId));
  } catch {
    return undefined;
  }
}
