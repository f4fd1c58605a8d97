/**
 * The comp-time card's buttons and its Adjust form: Approve credits the hours proposed, Adjust opens a
 * form for other hours, and the form credits them once they are checked against the proposal. Only the
 * proposal's manager may decide; what anyone else is told, or what a second click finds, carries the
 * names its message needs.
 */
import type { CompTimeProposal } from '../db/schema.js';
import { readAdjustedHours } from '../policy/attendance/comp-time-proposal.js';
import { refusal, type Refusal } from '../policy/decision.js';
import { compTimeProposal, decideCompTime, type CompTimeDecision } from './comp-time-proposals.js';
import type { UseCaseDeps } from './deps.js';
import { peopleById, personById } from './people.js';

/** Why a click or form on a comp-time card changes nothing. */
export type CompTimeRefused =
  | { readonly kind: 'not_yours'; readonly managerName: string }
  | {
      readonly kind: 'already_decided';
      readonly proposal: CompTimeProposal;
      readonly deciderName: string;
      /** The person's team's zone, in which the card says when it was decided. */
      readonly timeZone: string;
    };

export type CompTimeDecided =
  | { readonly kind: 'unknown' }
  | CompTimeRefused
  | { readonly kind: 'decided'; readonly proposal: CompTimeProposal };

/** Approve: the hours proposed are credited. */
export async function approveCompTime(deps: UseCaseDeps, p: { proposalId: number; actorId: string }): Promise<CompTimeDecided> {
  return explained(deps, await decideCompTime(deps, p));
}

export type CompTimeAdjustOpening =
  | { readonly kind: 'unknown' }
  | CompTimeRefused
  | { readonly kind: 'open'; readonly proposal: CompTimeProposal; readonly personName: string };

/** Adjust clicked: the form opens for the proposal's manager while it is still undecided. */
export async function openCompTimeAdjust(deps: UseCaseDeps, p: { proposalId: number; actorId: string }): Promise<CompTimeAdjustOpening> {
  const proposal = await compTimeProposal(deps, p.proposalId);
  if (proposal === undefined) return { kind: 'unknown' };
  if (proposal.managerId !== p.actorId) return refused(deps, 'not_yours', proposal);
  if (proposal.status !== 'proposed') return refused(deps, 'already_decided', proposal);
  const person = await personById(deps, proposal.personId);
  return { kind: 'open', proposal, personName: person?.name ?? proposal.personId };
}

export type CompTimeAdjusted = { readonly kind: 'refused'; readonly refusals: readonly Refusal[] } | CompTimeDecided;

/** The Adjust form submitted: refused on the hours when they are not a number from 0 to those proposed, else decided. */
export async function adjustCompTime(
  deps: UseCaseDeps,
  p: { proposalId: number; actorId: string; typed: string },
): Promise<CompTimeAdjusted> {
  const proposal = await compTimeProposal(deps, p.proposalId);
  if (proposal === undefined) return { kind: 'unknown' };
  const read = readAdjustedHours(p.typed, proposal.hours);
  if (!read.ok)
    return {
      kind: 'refused',
      refusals: [refusal(read.code, read.code === 'comp_time.adjust.over_proposed' ? { max: read.max } : {}, 'hours')],
    };
  return explained(deps, await decideCompTime(deps, { proposalId: proposal.id, actorId: p.actorId, hours: read.hours }));
}

/** A decision, a refusal with the names its message needs. */
async function explained(deps: UseCaseDeps, decision: CompTimeDecision): Promise<CompTimeDecided> {
  if (decision.kind === 'unknown') return { kind: 'unknown' };
  if (decision.kind === 'decided') return { kind: 'decided', proposal: decision.proposal };
  return refused(deps, decision.kind, decision.proposal);
}

async function refused(deps: UseCaseDeps, kind: CompTimeRefused['kind'], proposal: CompTimeProposal): Promise<CompTimeRefused> {
  if (kind === 'not_yours') {
    const manager = await personById(deps, proposal.managerId);
    return { kind, managerName: manager?.name ?? proposal.managerId };
  }
  const people = await peopleById(deps, proposal.decidedBy ? [proposal.decidedBy, proposal.personId] : [proposal.personId]);
  const person = people.get(proposal.personId);
  return {
    kind,
    proposal,
    deciderName: (proposal.decidedBy ? people.get(proposal.decidedBy)?.name : undefined) ?? '',
    timeZone: (person && deps.policy.teams[person.teamId]?.timezone) ?? deps.policy.default_timezone,
  };
}
