/**
 * Emergency cover (POLICY §1, §3): pending emergency leave leaves a shift below its minimum, and the lead
 * calls for cover from the approval card. Every colleague who could take the shift under the swap rules
 * (team, leave, overlap, rest, days in a row; the notice aside) is offered it; the lead's call is their
 * approval, so the first to accept takes it at once, recorded as an approved cover swap. A call happens
 * once per request and shift, a call is taken once, however often Slack delivers the clicks.
 */
import {
  coverCandidates,
  coverOffersOf,
  findCoverCall,
  insertCoverCall,
  insertCoverOffers,
  lockCoverCall,
  saveCoverOfferMessage,
  takeCover,
} from '../db/queries/cover.js';
import { findStep, lockLeave } from '../db/queries/leave.js';
import { findPerson, lockPerson } from '../db/queries/people.js';
import { loadReportingLines } from '../db/queries/reporting-line.js';
import { lockTeam } from '../db/queries/teams.js';
import type { CoverCall, LeaveRequest, SwapRequest } from '../db/schema.js';
import { AppError } from '../errors.js';
import { mayDecide } from '../policy/approval.js';
import { belowMinimum, type ShiftStaffing } from '../policy/coverage.js';
import type { Refusal } from '../policy/decision.js';
import { shiftInterval } from '../policy/time.js';
import type { UseCaseDeps } from './deps.js';
import { staffingForLeave } from './leave.js';
import { checkCover } from './swap.js';
import { teamOf } from './team.js';

export interface CalledShift {
  readonly call: CoverCall;
  /** Who it was offered to; empty when nobody could take it. */
  readonly offeredTo: readonly string[];
}

export type CallForCoverResult =
  /** No approval step (or request) has that id. */
  | { readonly kind: 'unknown' }
  | { readonly kind: 'not_yours'; readonly approverId: string }
  | { readonly kind: 'closed'; readonly request: LeaveRequest }
  /** Nothing is short any more; or every short shift was called for already. */
  | { readonly kind: 'staffed' | 'already_called'; readonly request: LeaveRequest }
  | {
      readonly kind: 'called';
      readonly request: LeaveRequest;
      readonly calls: readonly CalledShift[];
      readonly shortfalls: readonly ShiftStaffing[];
    };

/** Find cover on a pending step's card: each shift of the leave below its minimum is offered to everyone who could take it. */
export async function callForCover(deps: UseCaseDeps, p: { stepId: number; actorId: string }): Promise<CallForCoverResult> {
  return deps.db.transaction(async (tx): Promise<CallForCoverResult> => {
    const step = await findStep(tx, p.stepId);
    if (!step) return { kind: 'unknown' };
    const request = await lockLeave(tx, step.requestId);
    if (!request) return { kind: 'unknown' };
    const current = await findStep(tx, step.id);
    if (!current) return { kind: 'unknown' };
    const org = await loadReportingLines(tx, [current.approverId, p.actorId]);
    if (!mayDecide(org, current.approverId, p.actorId)) return { kind: 'not_yours', approverId: current.approverId };
    const team = teamOf(deps, request);
    if (request.status !== 'pending' || current.status !== 'pending' || !team.rules.leave.types[request.type]?.emergency)
      return { kind: 'closed', request };

    await lockTeam(tx, request.teamId);
    const shortfalls = belowMinimum(await staffingForLeave(tx, deps, request));
    if (shortfalls.length === 0) return { kind: 'staffed', request };
    const absent = await findPerson(tx, request.personId);
    if (!absent) throw new AppError('leave.unknown_person', `no person ${request.personId}`);
    const candidates = await coverCandidates(tx, { teamId: request.teamId, except: request.personId });
    const now = deps.clock.now();
    const calls: CalledShift[] = [];
    for (const short of shortfalls) {
      const call = await insertCoverCall(tx, {
        requestId: request.id,
        teamId: request.teamId,
        personId: request.personId,
        date: short.date,
        shiftCode: short.shiftCode,
        calledBy: p.actorId,
        calledAt: now,
      });
      if (!call) continue;
      const shift = { date: short.date, shiftCode: short.shiftCode };
      const offeredTo: string[] = [];
      for (const candidate of candidates) {
        if ((await checkCover(tx, deps, absent, candidate, shift, now)).ok) offeredTo.push(candidate.slackId);
      }
      await insertCoverOffers(tx, call.id, offeredTo);
      calls.push({ call, offeredTo });
    }
    return calls.length === 0 ? { kind: 'already_called', request } : { kind: 'called', request, calls, shortfalls };
  });
}

export type AcceptCoverResult =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'not_offered' | 'closed'; readonly call: CoverCall }
  /** Someone was first: `call.takenBy` says who (the clicker themselves, for a second click). */
  | { readonly kind: 'taken'; readonly call: CoverCall }
  | { readonly kind: 'refused'; readonly call: CoverCall; readonly refusals: readonly Refusal[] }
  | { readonly kind: 'accepted'; readonly call: CoverCall; readonly swap: SwapRequest };

/** A colleague accepts an offer: the first one takes the shift, checked again as the roster is now. */
export async function acceptCover(deps: UseCaseDeps, p: { callId: number; actorId: string }): Promise<AcceptCoverResult> {
  return deps.db.transaction(async (tx): Promise<AcceptCoverResult> => {
    const call = await lockCoverCall(tx, p.callId);
    if (!call) return { kind: 'unknown' };
    if (call.takenBy) return { kind: 'taken', call };
    if (!(await coverOffersOf(tx, call.id)).some((o) => o.personId === p.actorId)) return { kind: 'not_offered', call };
    const request = await lockLeave(tx, call.requestId);
    const team = teamOf(deps, call);
    const definition = deps.policy.shifts[call.shiftCode];
    const now = deps.clock.now();
    const ended = !definition || shiftInterval(call.date, definition, team.timezone).end.getTime() <= now.getTime();
    if (request?.status !== 'pending' || ended) return { kind: 'closed', call };

    // the people first, then the team, as a swap's approval takes them
    for (const id of [call.personId, p.actorId].sort()) await lockPerson(tx, id);
    await lockTeam(tx, call.teamId);
    const [absent, taker] = await Promise.all([findPerson(tx, call.personId), findPerson(tx, p.actorId)]);
    if (!absent || !taker?.active) return { kind: 'closed', call };
    const shift = { date: call.date, shiftCode: call.shiftCode };
    const checked = await checkCover(tx, deps, absent, taker, shift, now);
    if (!checked.ok) return { kind: 'refused', call, refusals: checked.refusals };
    const start = definition ? shiftInterval(shift.date, definition, team.timezone).start : now;
    const swap = await takeCover(tx, call, {
      takerId: p.actorId,
      at: now,
      swap: {
        submissionKey: `cover:${call.id}`,
        teamId: call.teamId,
        requesterId: call.personId,
        colleagueId: p.actorId,
        giveDate: call.date,
        giveShift: call.shiftCode,
        note: '',
        status: 'approved',
        leadId: call.calledBy,
        deadline: start,
        acceptedAt: now,
        decidedBy: call.calledBy,
        decidedAt: now,
        createdAt: now,
      },
    });
    if (!swap) throw new AppError('cover.roster_moved', `the roster row of cover call ${call.id} was not as checked`);
    return { kind: 'accepted', call: { ...call, takenBy: p.actorId, takenAt: now }, swap };
  });
}

export const coverCallById = (deps: Pick<UseCaseDeps, 'db'>, callId: number): Promise<CoverCall | undefined> =>
  findCoverCall(deps.db, callId);

export const coverOffersOfCall = (deps: Pick<UseCaseDeps, 'db'>, callId: number) => coverOffersOf(deps.db, callId);

/** Where a cover offer's card was posted to one person, so taking the cover redraws it. */
export const recordCoverOfferCard = (
  deps: Pick<UseCaseDeps, 'db'>,
  card: { callId: number; personId: string; channel: string; ts: string },
): Promise<void> => saveCoverOfferMessage(deps.db, card);
