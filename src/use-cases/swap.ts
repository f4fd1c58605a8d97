/**
 * Shift swaps: file one (checked, holding both shifts), the colleague's answer, the lead's decision
 * (checked again, the roster changed in the same transaction), withdrawal and expiry. Each step happens
 * exactly once however often Slack delivers it, and only for the person whose step it is.
 */
import { findPerson, lockPerson, peopleByIds } from '../db/queries/people.js';
import { approvedLeaveOf, peopleAwayOn, pendingLeaveOf } from '../db/queries/leave.js';
import { loadReportingLines } from '../db/queries/reporting-line.js';
import {
  changeSwapStatus,
  findSwap,
  findSwapBySubmission,
  heldShifts,
  insertSwap,
  listOverdueSwaps,
  claimSwapCard,
  listSwapsMissingCard,
  listSwapsOf,
  lockSwap,
  moveShift,
  releaseHolds,
  requestedSwapCounts,
  saveSwapMessage,
  scheduledShiftsOf,
  type ShiftRef,
} from '../db/queries/swap.js';
import { lockTeam } from '../db/queries/teams.js';
import type { DbOrTx } from '../db/client.js';
import type { Person, SwapRequest } from '../db/schema.js';
import { AppError } from '../errors.js';
import { buildChain, mayDecide } from '../policy/approval.js';
import { refusal, type Refusal } from '../policy/decision.js';
import {
  checkSwap,
  costsFullAttendance,
  swapDeadline,
  type GiverAfterSwap,
  type PersonAfterSwap,
  type SwapParty,
  type SwapProposal,
  type SwapShift,
} from '../policy/swap.js';
import type { LeavePeriod } from '../policy/leave.js';
import type { TeamDefinition } from '../policy/policy-file.js';
import { addDays, monthOf, shiftInterval, todayIn, type LocalDate } from '../policy/time.js';
import { cardGraceMs } from './card-grace.js';
import type { UseCaseDeps } from './deps.js';
import { teamOf } from './team.js';
import { personHeld } from './people.js';
import { changeEach } from './change-each.js';
import { swapOverdue } from '../policy/pending.js';

export interface ShiftChoice {
  readonly date: LocalDate;
  readonly shiftCode: string;
}

export interface SwapDraft {
  readonly colleagueId: string;
  readonly give: ShiftChoice;
  /** Undefined for a one-way cover. */
  readonly take: ShiftChoice | undefined;
  readonly note: string;
}

/** Each person's voluntary swaps in the month of the swap: approved, and still pending. */
export interface SwapCounts {
  readonly approved: number;
  readonly pending: number;
}

export interface SwapFacts {
  readonly proposal: SwapProposal;
  readonly after: readonly PersonAfterSwap[];
  readonly giver: GiverAfterSwap | undefined;
  readonly deadline: Date;
  readonly counts: ReadonlyMap<string, SwapCounts>;
  /** This swap would cost the requester the month's full-attendance award. */
  readonly costsAward: boolean;
}

export type SwapEvaluation = ({ readonly ok: true } & SwapFacts) | { readonly ok: false; readonly refusals: readonly Refusal[] };

/** Days either side of the swapped shifts whose roster decides rest, consecutive days and the week's hours. */
function windowDays(team: TeamDefinition): number {
  return Math.max(team.rules.swap.max_consecutive_days + 1, 7);
}

const shiftKey = (s: ShiftRef) => `${s.personId}|${s.date}|${s.shiftCode}`;

/** The two people's roster, leave and holds around the swap, as the rule core takes them. */
async function loadProposal(
  db: DbOrTx,
  deps: UseCaseDeps,
  requester: Person,
  colleague: Person,
  draft: Pick<SwapDraft, 'give' | 'take'>,
  exceptSwapId?: number,
) {
  const team = teamOf(deps, requester.teamId);
  const dates = [draft.give.date, ...(draft.take ? [draft.take.date] : [])].sort();
  const from = addDays(dates[0] as LocalDate, -windowDays(team));
  const to = addDays(dates.at(-1) as LocalDate, windowDays(team));
  const personIds = [requester.slackId, colleague.slackId];
  const give: SwapShift = { personId: requester.slackId, ...draft.give };
  const take: SwapShift | undefined = draft.take ? { personId: colleague.slackId, ...draft.take } : undefined;
  // outside a transaction the read model answers when it can
  const model = db === deps.db ? deps.readModel : undefined;
  const modelFacts = model?.swapFacts({ personIds, from, to });
  const moved = [give, ...(take ? [take] : [])];
  const [shifts, leave, pendingLeave, held] = await Promise.all([
    modelFacts?.shifts ?? scheduledShiftsOf(db, { personIds, from, to }),
    modelFacts?.approved ?? approvedLeaveOf(db, personIds, { start: from, end: to }),
    modelFacts?.pending ?? pendingLeaveOf(db, personIds, { start: from, end: to }),
    model?.heldShifts(moved, exceptSwapId) ?? heldShifts(db, moved, exceptSwapId),
  ]);
  const daysIn = (periods: Map<string, LeavePeriod[]>, person: Person) =>
    new Set((periods.get(person.slackId) ?? []).flatMap((l) => daysOf(l.firstDay, l.lastDay, from, to)));
  const party = (person: Person): SwapParty => ({
    id: person.slackId,
    teamId: person.teamId,
    roster: shifts.filter((s) => s.personId === person.slackId),
    leaveDays: daysIn(leave, person),
    pendingLeaveDays: daysIn(pendingLeave, person),
  });
  const proposal: SwapProposal = { requester: party(requester), colleague: party(colleague), give, take };
  return { proposal, pendingSwapOn: { give: held.has(shiftKey(give)), take: take !== undefined && held.has(shiftKey(take)) } };
}

function daysOf(first: LocalDate, last: LocalDate, from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = first < from ? from : first; day <= last && day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Every swap rule for the draft as the roster stands, plus the counts the approver and the award need. */
async function evaluate(
  db: DbOrTx,
  deps: UseCaseDeps,
  requester: Person,
  draft: Pick<SwapDraft, 'colleagueId' | 'give' | 'take'>,
  now: Date,
  exceptSwapId?: number,
): Promise<SwapEvaluation> {
  if (draft.colleagueId === requester.slackId) return { ok: false, refusals: [refusal('swap.refusal.self', {}, 'colleague')] };
  const colleague = db === deps.db ? await personHeld(deps, draft.colleagueId) : await findPerson(db, draft.colleagueId);
  if (!colleague?.active) return { ok: false, refusals: [refusal('swap.refusal.unknown_colleague', {}, 'colleague')] };
  const team = teamOf(deps, requester.teamId);
  const { proposal, pendingSwapOn } = await loadProposal(db, deps, requester, colleague, draft, exceptSwapId);
  const checked = checkSwap({ now, policy: deps.policy, proposal, pendingSwapOn });
  if (!checked.ok) return checked;
  const counts = await countsFor(db, deps, [requester.slackId, colleague.slackId], draft.give.date, exceptSwapId);
  return {
    ok: true,
    proposal,
    after: checked.after,
    giver: checked.giver,
    deadline: swapDeadline(deps.policy, proposal),
    counts,
    costsAward: costsAwardOf(counts, requester.slackId, team),
  };
}

/**
 * Whether `colleague` could take `shift` of the absent person as an emergency cover: every swap rule but
 * the notice, as the roster stands; the absent person's own leave is the reason for the cover, not against it.
 */
export async function checkCover(db: DbOrTx, deps: UseCaseDeps, absent: Person, colleague: Person, shift: ShiftChoice, now: Date) {
  const { proposal, pendingSwapOn } = await loadProposal(db, deps, absent, colleague, { give: shift, take: undefined });
  const cover: SwapProposal = { ...proposal, requester: { ...proposal.requester, pendingLeaveDays: new Set() } };
  return checkSwap({ now, policy: deps.policy, proposal: cover, pendingSwapOn, emergencyCover: true });
}

const noSwaps: SwapCounts = { approved: 0, pending: 0 };

/** Whether one more swap asked by `personId` costs them the month's full-attendance award. */
function costsAwardOf(counts: ReadonlyMap<string, SwapCounts>, personId: string, team: TeamDefinition): boolean {
  const own = counts.get(personId) ?? noSwaps;
  return costsFullAttendance(own.approved + own.pending, team.rules.swap.full_attendance_max_swaps);
}

/** The month's swaps of each person; outside a transaction the read model answers when it can. */
async function countsFor(
  db: DbOrTx,
  deps: UseCaseDeps,
  personIds: readonly string[],
  day: LocalDate,
  exceptSwapId?: number,
): Promise<Map<string, SwapCounts>> {
  const month = monthOf(day);
  const q = { personIds, from: month.first, to: month.last, ...(exceptSwapId === undefined ? {} : { exceptSwapId }) };
  return (db === deps.db ? deps.readModel?.swapCounts(q) : undefined) ?? requestedSwapCounts(db, q);
}

/** What the modal shows while the agent picks: the month's count for a picked shift, and every rule once a colleague is picked too. */
export async function previewSwap(deps: UseCaseDeps, requester: Person, draft: Partial<Pick<SwapDraft, 'colleagueId' | 'give' | 'take'>>) {
  const team = teamOf(deps, requester.teamId);
  if (!draft.give) return undefined;
  const counts = await countsFor(deps.db, deps, [requester.slackId], draft.give.date);
  const own = counts.get(requester.slackId) ?? noSwaps;
  const costsAward = costsAwardOf(counts, requester.slackId, team);
  const evaluation = draft.colleagueId
    ? await evaluate(deps.db, deps, requester, { colleagueId: draft.colleagueId, give: draft.give, take: draft.take }, deps.clock.now())
    : undefined;
  return { own, costsAward, evaluation };
}

/** A submission filed already (Slack delivered it again): its own hold must not refuse it. */
export async function isSubmitted(deps: UseCaseDeps, submissionKey: string): Promise<boolean> {
  return (await findSwapBySubmission(deps.db, submissionKey)) !== undefined;
}

/** Read-only: the refusals a submitted modal shows on its fields. `submitSwap` checks again as it writes. */
export async function checkSwapRequest(deps: UseCaseDeps, requester: Person, draft: SwapDraft): Promise<SwapEvaluation> {
  const early = noteRefusals(draft.note, teamOf(deps, requester).rules.swap);
  if (early.length > 0) return { ok: false, refusals: early };
  return evaluate(deps.db, deps, requester, draft, deps.clock.now());
}

/** A swap's note is no longer than the team's `swap.note_max_chars` (the modal's input says the same). */
export function noteRefusals(note: string, rules: Pick<TeamDefinition['rules']['swap'], 'note_max_chars'>): Refusal[] {
  const max = rules.note_max_chars;
  return [...note.trim()].length > max ? [refusal('swap.refusal.note_too_long', { max }, 'note')] : [];
}

export type SubmitSwapResult =
  | { readonly kind: 'refused'; readonly refusals: readonly Refusal[] }
  | { readonly kind: 'submitted' | 'already_submitted'; readonly swap: SwapRequest };

export async function submitSwap(deps: UseCaseDeps, requester: Person, draft: SwapDraft, submissionKey: string): Promise<SubmitSwapResult> {
  const early = noteRefusals(draft.note, teamOf(deps, requester).rules.swap);
  if (early.length > 0) return { kind: 'refused', refusals: early };
  return deps.db.transaction(async (tx) => {
    // Both people's shifts are read and held below; swaps touching either of them take turns (in id order, so never in a circle).
    for (const id of [requester.slackId, draft.colleagueId].sort()) await lockPerson(tx, id);
    const existing = await findSwapBySubmission(tx, submissionKey);
    if (existing) return { kind: 'already_submitted', swap: existing };
    const now = deps.clock.now();
    const evaluated = await evaluate(tx, deps, requester, draft, now);
    if (!evaluated.ok) return { kind: 'refused', refusals: evaluated.refusals };
    const { give, take } = evaluated.proposal;
    const swap = await insertSwap(
      tx,
      {
        submissionKey,
        teamId: requester.teamId,
        requesterId: requester.slackId,
        colleagueId: draft.colleagueId,
        giveDate: give.date,
        giveShift: give.shiftCode,
        takeDate: take?.date ?? null,
        takeShift: take?.shiftCode ?? null,
        note: draft.note.trim(),
        deadline: evaluated.deadline,
        createdAt: now,
      },
      [give, ...(take ? [take] : [])],
      {
        at: now,
        actorId: requester.slackId,
        fromStatus: null,
        toStatus: 'pending_colleague',
        note: evaluated.costsAward ? 'submitted; costs the full-attendance award' : 'submitted',
      },
    );
    return { kind: 'submitted', swap };
  });
}

/**
 * Both people of a swap, locked in id order (as `submitSwap` does): leave filed by either of them meanwhile
 * waits, so the check below sees it, or it sees the swap.
 */
async function lockParties(tx: DbOrTx, swap: Pick<SwapRequest, 'requesterId' | 'colleagueId'>): Promise<void> {
  for (const id of [swap.requesterId, swap.colleagueId].sort()) await lockPerson(tx, id);
}

/** The draft a stored swap was filed with, for checking it again. */
function draftOf(swap: SwapRequest): Pick<SwapDraft, 'colleagueId' | 'give' | 'take'> {
  return {
    colleagueId: swap.colleagueId,
    give: { date: swap.giveDate, shiftCode: swap.giveShift },
    take: swap.takeDate && swap.takeShift ? { date: swap.takeDate, shiftCode: swap.takeShift } : undefined,
  };
}

/** Ends a swap that can no longer happen as filed (the roster changed): both sides are told the first reason. */
async function cancelForRefusal(
  tx: DbOrTx,
  swap: SwapRequest,
  refusals: readonly Refusal[],
  now: Date,
  actorId: string | null,
): Promise<SwapRequest> {
  await releaseHolds(tx, swap.id);
  const reason = refusals[0]?.code ?? 'swap.refusal.changed';
  return changeSwapStatus(
    tx,
    swap,
    'cancelled',
    { endReason: reason, decidedAt: now },
    { at: now, actorId, note: `checks failed again: ${refusals.map((r) => r.code).join(', ')}` },
  );
}

/** What a click on a swap card did; `Done` names the changes the click can make. */
export type SwapStepResult<Done extends string> =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'not_yours' | 'already' | 'expired'; readonly swap: SwapRequest }
  | { readonly kind: Done; readonly swap: SwapRequest }
  | { readonly kind: 'cancelled'; readonly swap: SwapRequest; readonly refusals: readonly Refusal[] };

export type AnswerResult = SwapStepResult<'accepted' | 'declined'>;

/** The colleague accepts (the checks run again and the lead is asked) or declines. */
export async function answerSwap(deps: UseCaseDeps, p: { swapId: number; actorId: string; accept: boolean }): Promise<AnswerResult> {
  return deps.db.transaction(async (tx): Promise<AnswerResult> => {
    const swap = await lockSwap(tx, p.swapId);
    if (!swap) return { kind: 'unknown' };
    if (swap.colleagueId !== p.actorId) return { kind: 'not_yours', swap };
    if (swap.status !== 'pending_colleague') return { kind: 'already', swap };
    const now = deps.clock.now();
    if (swapOverdue(swap, now)) return { kind: 'expired', swap: await expire(tx, swap, now) };
    if (!p.accept) {
      await releaseHolds(tx, swap.id);
      return {
        kind: 'declined',
        swap: await changeSwapStatus(tx, swap, 'declined', { decidedBy: p.actorId, decidedAt: now }, { at: now, actorId: p.actorId }),
      };
    }
    await lockParties(tx, swap);
    const requester = await findPerson(tx, swap.requesterId);
    if (!requester) throw new AppError('swap.unknown_requester', `requester ${swap.requesterId} of swap ${swap.id} is gone`);
    const evaluated = await evaluate(tx, deps, requester, draftOf(swap), now, swap.id);
    if (!evaluated.ok)
      return {
        kind: 'cancelled',
        swap: await cancelForRefusal(tx, swap, evaluated.refusals, now, p.actorId),
        refusals: evaluated.refusals,
      };
    const team = teamOf(deps, swap.teamId);
    const [org, away] = await Promise.all([loadReportingLines(tx, [swap.requesterId]), peopleAwayOn(tx, todayIn(now, team.timezone))]);
    // The colleague never approves a swap they take part in: if they are the requester's lead, it goes a level up.
    const lead = buildChain(org, swap.requesterId, ['lead'], new Set([...away, swap.colleagueId]))?.[0];
    if (!lead) {
      const refusals = [refusal('swap.refusal.no_lead')];
      return { kind: 'cancelled', swap: await cancelForRefusal(tx, swap, refusals, now, p.actorId), refusals };
    }
    const accepted = await changeSwapStatus(
      tx,
      swap,
      'pending_lead',
      { leadId: lead.approverId, acceptedAt: now },
      { at: now, actorId: p.actorId, note: `sent to ${lead.approverId}` },
    );
    return { kind: 'accepted', swap: accepted };
  });
}

export type DecideSwapResult = SwapStepResult<'approved' | 'rejected'>;

/** Whether the swap waits for `actorId`'s decision: the lead or anyone above them, never one of its two people. */
async function decisionOf(db: DbOrTx, swap: SwapRequest, actorId: string): Promise<'not_yours' | 'already' | 'open'> {
  const org = await loadReportingLines(db, swap.leadId ? [swap.leadId, actorId] : [actorId]);
  const party = actorId === swap.requesterId || actorId === swap.colleagueId;
  if (!swap.leadId || party || !mayDecide(org, swap.leadId, actorId)) return 'not_yours';
  return swap.status === 'pending_lead' ? 'open' : 'already';
}

/** Read-only, for the Reject button: whether the reason modal should open for this person. */
export async function mayDecideSwap(
  deps: UseCaseDeps,
  p: { swapId: number; actorId: string },
): Promise<{ readonly kind: 'unknown' } | { readonly kind: 'not_yours' | 'already' | 'open'; readonly swap: SwapRequest }> {
  const swap = await findSwap(deps.db, p.swapId);
  return swap ? { kind: await decisionOf(deps.db, swap, p.actorId), swap } : { kind: 'unknown' };
}

/** The lead (or anyone above them) approves — the checks run again and both roster rows change at once — or rejects, with a reason for both people. */
export async function decideSwap(
  deps: UseCaseDeps,
  p: { swapId: number; actorId: string; approve: boolean; reason?: string },
): Promise<DecideSwapResult> {
  return deps.db.transaction(async (tx): Promise<DecideSwapResult> => {
    const swap = await lockSwap(tx, p.swapId);
    if (!swap) return { kind: 'unknown' };
    const decision = await decisionOf(tx, swap, p.actorId);
    if (decision !== 'open') return { kind: decision, swap };
    const now = deps.clock.now();
    if (swapOverdue(swap, now)) return { kind: 'expired', swap: await expire(tx, swap, now) };
    if (!p.approve) {
      await releaseHolds(tx, swap.id);
      const reason = p.reason?.trim() ? p.reason.trim() : null;
      return {
        kind: 'rejected',
        swap: await changeSwapStatus(
          tx,
          swap,
          'rejected',
          { decidedBy: p.actorId, decidedAt: now, rejectReason: reason },
          { at: now, actorId: p.actorId, ...(reason ? { note: reason } : {}) },
        ),
      };
    }
    // The people first, then the team: leave being filed holds its person and then reads the team row.
    await lockParties(tx, swap);
    // Two swaps of one team approved at once could each miss what the other gives the same person.
    await lockTeam(tx, swap.teamId);
    const requester = await findPerson(tx, swap.requesterId);
    if (!requester) throw new AppError('swap.unknown_requester', `requester ${swap.requesterId} of swap ${swap.id} is gone`);
    const draft = draftOf(swap);
    const evaluated = await evaluate(tx, deps, requester, draft, now, swap.id);
    if (!evaluated.ok)
      return {
        kind: 'cancelled',
        swap: await cancelForRefusal(tx, swap, evaluated.refusals, now, p.actorId),
        refusals: evaluated.refusals,
      };
    const moved = [
      await moveShift(tx, { from: swap.requesterId, to: swap.colleagueId, teamId: swap.teamId, ...draft.give }),
      ...(draft.take ? [await moveShift(tx, { from: swap.colleagueId, to: swap.requesterId, teamId: swap.teamId, ...draft.take })] : []),
    ];
    if (moved.includes(false)) throw new AppError('swap.roster_moved', `the roster rows of swap ${swap.id} were not as checked`);
    await releaseHolds(tx, swap.id);
    return {
      kind: 'approved',
      swap: await changeSwapStatus(tx, swap, 'approved', { decidedBy: p.actorId, decidedAt: now }, { at: now, actorId: p.actorId }),
    };
  });
}

export type CancelSwapResult =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'not_yours' | 'closed'; readonly swap: SwapRequest }
  | { readonly kind: 'cancelled'; readonly swap: SwapRequest; readonly was: SwapRequest['status'] };

/** The requester withdraws a swap still waiting for an answer. */
export async function cancelSwap(deps: UseCaseDeps, p: { swapId: number; actorId: string }): Promise<CancelSwapResult> {
  return deps.db.transaction(async (tx): Promise<CancelSwapResult> => {
    const swap = await lockSwap(tx, p.swapId);
    if (!swap) return { kind: 'unknown' };
    if (swap.requesterId !== p.actorId) return { kind: 'not_yours', swap };
    if (swap.status !== 'pending_colleague' && swap.status !== 'pending_lead') return { kind: 'closed', swap };
    const now = deps.clock.now();
    await releaseHolds(tx, swap.id);
    const cancelled = await changeSwapStatus(
      tx,
      swap,
      'cancelled',
      { endReason: 'swap.end.withdrawn', decidedAt: now },
      { at: now, actorId: p.actorId, note: 'withdrawn by the requester' },
    );
    return { kind: 'cancelled', swap: cancelled, was: swap.status };
  });
}

/** Ends a pending swap whose notice deadline has passed. */
async function expire(tx: DbOrTx, swap: SwapRequest, now: Date): Promise<SwapRequest> {
  await releaseHolds(tx, swap.id);
  return changeSwapStatus(
    tx,
    swap,
    'expired',
    { endReason: 'swap.end.expired', decidedAt: now },
    { at: now, actorId: null, note: 'the notice deadline passed' },
  );
}

/** Pending swaps whose notice deadline has passed expire; returns them, to tell both sides. */
export async function expireOverdueSwaps(deps: UseCaseDeps, now: Date): Promise<SwapRequest[]> {
  const expireOne = (due: SwapRequest) =>
    deps.db.transaction(async (tx) => {
      const swap = await lockSwap(tx, due.id);
      if (!swap || (swap.status !== 'pending_colleague' && swap.status !== 'pending_lead') || !swapOverdue(swap, now)) return undefined;
      return expire(tx, swap, now);
    });
  return changeEach(deps.logger, 'swap.expire', await listOverdueSwaps(deps.db, now), expireOne, (due) => ({ swapId: due.id }));
}

/** Pending swaps whose card never reached the colleague or the lead, each claimed for this caller to post. */
export async function claimMissingSwapCards(deps: UseCaseDeps, now: Date) {
  const staleBefore = new Date(now.getTime() - cardGraceMs);
  const missing = await listSwapsMissingCard(deps.db, staleBefore);
  const claimed = await Promise.all(
    missing.map(async (m) => ((await claimSwapCard(deps.db, { swapId: m.swap.id, who: m.who, at: now, staleBefore })) ? m : undefined)),
  );
  return claimed.filter((m): m is (typeof missing)[number] => m !== undefined);
}

/** Everything a swap's cards and messages show, read fresh after a change. */
export async function swapCardData(deps: UseCaseDeps, swapId: number) {
  const swap = await findSwap(deps.db, swapId);
  if (!swap) throw new AppError('swap.unknown', `no swap ${swapId}`);
  const team = teamOf(deps, swap.teamId);
  const ids = [swap.requesterId, swap.colleagueId, ...(swap.leadId ? [swap.leadId] : []), ...(swap.decidedBy ? [swap.decidedBy] : [])];
  const people = await peopleByIds(deps.db, ids);
  const requester = people.get(swap.requesterId);
  const pending = swap.status === 'pending_colleague' || swap.status === 'pending_lead';
  const evaluation = pending && requester ? await evaluate(deps.db, deps, requester, draftOf(swap), deps.clock.now(), swap.id) : undefined;
  const counts = evaluation?.ok
    ? evaluation.counts
    : await countsFor(deps.db, deps, [swap.requesterId, swap.colleagueId], swap.giveDate, swap.id);
  return { swap, team, people, evaluation, counts, costsAward: costsAwardOf(counts, swap.requesterId, team) };
}

/** `/swap list`: my swaps, asked and asked of, from `swap.list_past_days` back, newest first. */
export async function listMySwaps(deps: UseCaseDeps, person: Person): Promise<SwapRequest[]> {
  const team = teamOf(deps, person.teamId);
  return listSwapsOf(deps.db, {
    personId: person.slackId,
    from: addDays(todayIn(deps.clock.now(), team.timezone), -team.rules.swap.list_past_days),
    limit: listedSwapsMax,
  });
}

/** How many swaps `/swap list` shows. */
export const listedSwapsMax = 20;

/** My scheduled shifts that have not started yet, for the modal's selects (Slack takes 100 options at most). */
export async function upcomingShifts(deps: UseCaseDeps, person: Person, limit: number): Promise<ShiftChoice[]> {
  const team = teamOf(deps, person.teamId);
  const today = todayIn(deps.clock.now(), team.timezone);
  const shifts = await scheduledShiftsOf(deps.db, {
    personIds: [person.slackId],
    from: today,
    to: addDays(today, teamOf(deps, person.teamId).rules.swap.offer_days_ahead),
  });
  const now = deps.clock.now().getTime();
  return shifts
    .filter((s) => {
      const definition = deps.policy.shifts[s.shiftCode];
      return definition !== undefined && shiftInterval(s.date, definition, team.timezone).start.getTime() > now;
    })
    .slice(0, limit)
    .map((s) => ({ date: s.date, shiftCode: s.shiftCode }));
}

/** Whether the modal could have offered a shift on `day` (from yesterday, for a form opened before midnight). */
export function isOfferedDay(deps: UseCaseDeps, person: Person, day: LocalDate): boolean {
  const team = teamOf(deps, person.teamId);
  const today = todayIn(deps.clock.now(), team.timezone);
  return day >= addDays(today, -1) && day <= addDays(today, team.rules.swap.offer_days_ahead);
}

export const swapById = (deps: Pick<UseCaseDeps, 'db'>, id: number): Promise<SwapRequest | undefined> => findSwap(deps.db, id);

/** Where the colleague's or the lead's card was posted, so later changes redraw that card. */
export const recordSwapCard = (
  deps: Pick<UseCaseDeps, 'db'>,
  swapId: number,
  who: 'colleague' | 'lead',
  card: { channel: string; ts: string },
): Promise<void> => saveSwapMessage(deps.db, swapId, who, card);
