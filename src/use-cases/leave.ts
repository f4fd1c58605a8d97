/**
 * Leave requests: submit (checked against every rule, one transaction), and decide a step of the
 * approval chain (only its approver or someone above; exactly once, however often Slack delivers it).
 */
import { lockPerson, peopleByIds } from '../db/queries/people.js';
import {
  attachProofFiles,
  changeLeaveStatus,
  coveredShiftsNotRostered,
  dropCoveredShifts,
  findLeave,
  findLeaveBySubmission,
  findStep,
  insertLeave,
  listCoveredShifts,
  listLeaveOf,
  listSteps,
  lockLeave,
  moveCoveredShifts,
  recordLeaveEvent,
  scheduledCounts,
  setLeaveNotice,
  updateStep,
} from '../db/queries/leave.js';
import { coveredShiftsOfRequests, heldLeaveOfPeople, leavesWithSteps, type HeldPeriodDays } from '../db/queries/leave-cards.js';
import type { LeaveRow as HeldLeaveRow } from '../db/read-model/person-facts.js';
import { readLeaveFacts, type LeaveFacts, type LeaveFactsQuery } from '../db/queries/leave-facts.js';
import { loadReportingLines } from '../db/queries/reporting-line.js';
import { lockTeam } from '../db/queries/teams.js';
import type { DbOrTx } from '../db/client.js';
import type { LeaveApprovalStep, LeaveRequest, Person, ProofFile } from '../db/schema.js';
import { AppError } from '../errors.js';
import { mayDecide, stepsAfterApproval, type Approvers } from '../policy/approval.js';
import { annualDaysLeft, compTimeAvailable, heldDaysByMonth, heldDaysInYear } from '../policy/balances.js';
import { belowMinimum, staffingAfter, type ShiftStaffing } from '../policy/coverage.js';
import { refusal, type Refusal } from '../policy/decision.js';
import { checkLeave, coveredShifts, earliestShiftLookaheadDays, leaveBeginsAt, matchLeaveRule, type LeavePlan } from '../policy/leave.js';
import { approverRoles, type ApproverRole, type TeamDefinition } from '../policy/policy-file.js';
import { addDays, daysBetween, monthOf, todayIn, yearOf, type LocalDate } from '../policy/time.js';
import type { UseCaseDeps } from './deps.js';
import { teamOf } from './team.js';
import { approversHeld, approversOf } from './approvers.js';
import { peopleHeld } from './people.js';

export interface LeaveDraftInput {
  readonly type: string;
  readonly firstDay: LocalDate;
  readonly lastDay: LocalDate;
  readonly reason: string;
  readonly proofFiles: readonly ProofFile[];
  /** The agent will hand the proof in later. */
  readonly proofLater: boolean;
}

export type SubmitResult =
  | { readonly kind: 'refused'; readonly refusals: readonly Refusal[] }
  | { readonly kind: 'submitted' | 'already_submitted'; readonly request: LeaveRequest; readonly steps: readonly LeaveApprovalStep[] };

/** The rostered shifts a range would take off, for the modal's preview; no rule is checked. */
export async function previewLeave(deps: UseCaseDeps, person: Person, period: { firstDay: LocalDate; lastDay: LocalDate }) {
  const team = teamOf(deps, person);
  if (period.lastDay < period.firstDay || daysBetween(period.firstDay, period.lastDay) >= team.rules.leave.max_span_days) return undefined;
  const { roster } = await currentLeaveFacts(deps, { personId: person.slackId, roster: toRange(period), held: toRange(period) });
  const covered = coveredShifts({ policy: deps.policy, team, roster }, period);
  return { covered, days: new Set(covered.map((s) => s.date)).size, hours: covered.reduce((sum, s) => sum + s.hours, 0) };
}

const toRange = (p: { firstDay: LocalDate; lastDay: LocalDate }) => ({ from: p.firstDay, to: p.lastDay });

/**
 * Every rule of the request, read-only: what the modal shows on its fields, answered before the ack so
 * the modal can close at once, from the read model when the app has one (who approves too, so that a
 * request nobody could approve is refused on the form). `submitLeave` checks
 * everything again in its transaction.
 */
export async function checkLeaveRequest(
  deps: UseCaseDeps,
  person: Person,
  draft: LeaveDraftInput,
): Promise<{ ok: true } | { ok: false; refusals: readonly Refusal[] }> {
  const team = teamOf(deps, person);
  const early = formRefusals(team, draft);
  if (early.length > 0) return { ok: false, refusals: early };
  const facts = await currentLeaveFacts(deps, factsQueryFor(person, team, draft));
  const now = deps.clock.now();
  const checked = checkAgainstRules(deps, person, team, draft, now, facts);
  if (!checked.ok) return checked;
  // nobody to approve is told on the form, not after it closed
  const approvers = await approversHeld(deps, person, team, checked.plan.chain, now);
  return approvers.kind === 'nobody' ? { ok: false, refusals: [noApprover(approvers)] } : { ok: true };
}

const noApprover = (approvers: Extract<Approvers, { kind: 'nobody' }>): Refusal =>
  refusal(approvers.topOfOrg ? 'leave.refusal.top_of_org' : 'leave.refusal.no_approver', {}, 'type');

/** How a self-recorded request is written: one step, decided by its author, as the policy allows. */
const selfRecordedNote = 'self-recorded: nobody above in the org approves it (leave.top_of_org: self_recorded)';

/** A submission filed already (Slack delivered it again): its own request must not refuse it as an overlap. */
export async function isLeaveSubmitted(deps: UseCaseDeps, person: Person, submissionKey: string): Promise<boolean> {
  return (
    deps.readModel?.hasLeaveSubmission(person.slackId, submissionKey) ?? (await findLeaveBySubmission(deps.db, submissionKey)) !== undefined
  );
}

export async function submitLeave(deps: UseCaseDeps, asker: Person, draft: LeaveDraftInput, submissionKey: string): Promise<SubmitResult> {
  return deps.db.transaction(async (tx) => {
    // Two submissions of one person at once would each miss the other's overlap; they take turns.
    // The row is read here, not taken from the asker: their team or entitlement may have changed since.
    const person = await lockPerson(tx, asker.slackId);
    const existing = await findLeaveBySubmission(tx, submissionKey);
    if (existing) return { kind: 'already_submitted', request: existing, steps: await listSteps(tx, existing.id) };
    if (!person?.active) return { kind: 'refused', refusals: [refusal('leave.refusal.not_active', {}, 'type')] };
    const team = teamOf(deps, person);
    const early = formRefusals(team, draft);
    if (early.length > 0) return { kind: 'refused', refusals: early };

    const now = deps.clock.now();
    const evaluated = await evaluate(tx, deps, person, team, draft, now);
    if (!evaluated.ok) return { kind: 'refused', refusals: evaluated.refusals };
    const { plan, chain, selfRecorded } = evaluated;
    const ownRole = (approverRoles as readonly string[]).includes(person.role) ? (person.role as ApproverRole) : 'gm';
    const stepRows = selfRecorded
      ? [
          {
            position: 0,
            role: ownRole,
            approverId: person.slackId,
            skipped: [],
            status: 'approved' as const,
            decidedBy: person.slackId,
            decidedAt: now,
            note: selfRecordedNote,
          },
        ]
      : chain.map((step, position) => ({
          position,
          role: step.role,
          approverId: step.approverId,
          skipped: [...step.skipped],
          ...(position === 0 ? { status: 'pending' as const, pendingSince: now } : { status: 'waiting' as const }),
        }));

    const proof = plan.proof === 'none' ? 'not_needed' : draft.proofFiles.length > 0 ? 'attached' : 'owed';
    const request = await insertLeave(
      tx,
      {
        submissionKey,
        personId: person.slackId,
        teamId: team.id,
        type: draft.type,
        firstDay: draft.firstDay,
        lastDay: draft.lastDay,
        reason: draft.reason.trim(),
        calendarDays: plan.calendarDays,
        leaveDays: plan.leaveDays,
        hours: plan.hours,
        noticeMinutes: plan.noticeMinutes,
        lateNotice: plan.lateNotice,
        proof,
        proofFiles: [...draft.proofFiles],
      },
      stepRows,
      plan.covered,
      {
        at: now,
        actorId: person.slackId,
        fromStatus: null,
        toStatus: 'pending',
        note: submissionNote(
          plan,
          chain.flatMap((s) => s.skipped),
        ),
      },
    );
    if (!selfRecorded) return { kind: 'submitted', request, steps: await listSteps(tx, request.id) };
    await changeLeaveStatus(tx, request, 'approved', { at: now, actorId: person.slackId, note: selfRecordedNote });
    await moveCoveredShifts(tx, request, { from: 'scheduled', to: 'on_leave' });
    return { kind: 'submitted', request: { ...request, status: 'approved', decidedAt: now }, steps: await listSteps(tx, request.id) };
  });
}

/** A request's reason: there, and no longer than the team's `leave.reason_max_chars` (the modal's input says the same). */
export function reasonRefusals(reason: string, rules: Pick<TeamDefinition['rules']['leave'], 'reason_max_chars'>): Refusal[] {
  const max = rules.reason_max_chars;
  if (reason.trim() === '') return [refusal('leave.refusal.reason_required', {}, 'reason')];
  if ([...reason.trim()].length > max) return [refusal('leave.refusal.reason_too_long', { max }, 'reason')];
  return [];
}

/** What the form alone gets wrong, before anything is read. */
function formRefusals(team: TeamDefinition, draft: LeaveDraftInput): Refusal[] {
  const type = team.rules.leave.types[draft.type];
  const refusals: Refusal[] = [];
  refusals.push(...reasonRefusals(draft.reason, team.rules.leave));
  // proof due before the leave comes with the request: "later" is not an answer for it
  if (type?.proof === 'before' && draft.proofFiles.length === 0)
    refusals.push(refusal('leave.refusal.proof_required', { type: draft.type }, 'proof'));
  const maxSpan = team.rules.leave.max_span_days;
  if (draft.lastDay >= draft.firstDay && daysBetween(draft.firstDay, draft.lastDay) >= maxSpan) {
    refusals.push(refusal('leave.refusal.too_long', { max: maxSpan }, 'last_day'));
  }
  return refusals;
}

/** The rules against the roster, the person's other leave and balances, and who would approve. */
async function evaluate(db: DbOrTx, deps: UseCaseDeps, person: Person, team: TeamDefinition, draft: LeaveDraftInput, now: Date) {
  const facts = await readLeaveFacts(db, factsQueryFor(person, team, draft));
  const check = checkAgainstRules(deps, person, team, draft, now, facts);
  if (!check.ok) return check;
  const approvers = await approversOf(db, person, team, check.plan.chain, now);
  if (approvers.kind === 'nobody') return { ok: false as const, refusals: [noApprover(approvers)] };
  return {
    ok: true as const,
    plan: check.plan,
    chain: approvers.kind === 'chain' ? approvers.steps : [],
    selfRecorded: approvers.kind === 'self_recorded',
  };
}

function submissionNote(plan: LeavePlan, skipped: readonly string[]): string {
  const overCap = plan.overMonthlyCap.map((m) => `${m.month}: ${m.used + m.asked} of ${m.cap} days`).join(', ');
  return (
    [
      plan.lateNotice ? 'late notice' : '',
      overCap ? `over the monthly cap (${overCap})` : '',
      skipped.length > 0 ? `approvers away, passed up: ${skipped.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ') || 'submitted'
  );
}

/** What the rules read for this request: the roster from its first day, and held leave of its months and year. */
function factsQueryFor(person: Person, team: TeamDefinition, draft: LeaveDraftInput): LeaveFactsQuery {
  const leave = team.rules.leave;
  const { range, monthStart, monthEnd, year } = spanOf(draft);
  const { first: yearStart, last: yearEnd } = yearOf(year);
  const compTimeTypes = Object.entries(leave.types)
    .filter(([, t]) => t.balance === 'comp_time')
    .map(([code]) => code);
  return {
    personId: person.slackId,
    roster: { from: range.from, to: addDays(range.to, earliestShiftLookaheadDays(leave)) },
    held: { from: monthStart < yearStart ? monthStart : yearStart, to: monthEnd > yearEnd ? monthEnd : yearEnd },
    ...(leave.types[draft.type]?.balance === 'comp_time' ? { compTimeTypes } : {}),
  };
}

/** Outside a transaction the read model answers when it can (asking the database for the roster past its window), the database otherwise. */
async function currentLeaveFacts(deps: UseCaseDeps, q: LeaveFactsQuery): Promise<LeaveFacts> {
  return deps.readModel?.leaveFacts(q) ?? (await deps.readModel?.leaveFactsReadingAhead(q)) ?? readLeaveFacts(deps.db, q);
}

/** The days a draft covers (just its first when the range is backwards), their months and the first day's year. */
function spanOf(draft: LeaveDraftInput) {
  const range = draft.lastDay >= draft.firstDay ? toRange(draft) : { from: draft.firstDay, to: draft.firstDay };
  return { range, monthStart: monthOf(range.from).first, monthEnd: monthOf(range.to).last, year: Number(draft.firstDay.slice(0, 4)) };
}

function checkAgainstRules(deps: UseCaseDeps, person: Person, team: TeamDefinition, draft: LeaveDraftInput, now: Date, facts: LeaveFacts) {
  const leave = team.rules.leave;
  const { range, monthStart, monthEnd, year } = spanOf(draft);
  const balance = leave.types[draft.type]?.balance ?? 'none';
  const capped = leave.monthly_cap.types.includes(draft.type);
  const { roster, held, credits, spends } = facts;
  const ownLeave = held.periods.filter((l) => l.firstDay <= range.to && l.lastDay >= range.from);
  const cappedDaysByMonth = capped ? heldDaysByMonth(held.days, leave.monthly_cap.types, monthStart, monthEnd) : {};
  const annualHeld = balance === 'annual' ? heldDaysInYear(held.days, draft.type, year) : 0;
  const check = checkLeave({
    now,
    policy: deps.policy,
    team,
    draft,
    roster,
    ownLeave,
    cappedDaysByMonth,
    balance: {
      annualDays: annualDaysLeft(person.annualLeaveDays, leave.annual_days_default, annualHeld),
      compTimeHours: compTimeAvailable(credits, spends, draft.firstDay, leave.comp_time_expires_after_months),
    },
  });
  return check;
}

export type DecideResult =
  /** No approval step (or request) has that id. */
  | { readonly kind: 'unknown' }
  | { readonly kind: 'not_yours'; readonly approverId: string }
  | { readonly kind: 'already_decided'; readonly request: LeaveRequest; readonly step: LeaveApprovalStep }
  | { readonly kind: 'understaffed'; readonly shortfalls: readonly ShiftStaffing[] }
  /** Not one of the shifts the leave covers is the person's on the roster any more: there is nothing left to approve. */
  | { readonly kind: 'not_rostered'; readonly request: LeaveRequest; readonly shifts: readonly CoveredShiftRef[] }
  | {
      readonly kind: 'advanced';
      readonly request: LeaveRequest;
      readonly steps: readonly LeaveApprovalStep[];
      readonly next: LeaveApprovalStep;
    }
  | {
      readonly kind: 'approved' | 'rejected';
      readonly request: LeaveRequest;
      readonly steps: readonly LeaveApprovalStep[];
      readonly shortfalls: readonly ShiftStaffing[];
      /** Shifts the request covered that were no longer the person's at approval: left out, neither marked nor charged. */
      readonly leftOut?: readonly CoveredShiftRef[];
    };

export interface CoveredShiftRef {
  readonly date: string;
  readonly shiftCode: string;
}

export interface Decision {
  readonly stepId: number;
  readonly actorId: string;
  readonly approve: boolean;
  readonly note?: string;
}

/** Staffing left on each shift the leave covers once it is approved, against the team's minimums. */
export async function staffingForLeave(db: DbOrTx, deps: UseCaseDeps, request: LeaveRequest): Promise<ShiftStaffing[]> {
  const team = deps.policy.teams[request.teamId];
  const shifts = await listCoveredShifts(db, request.id);
  const counts = await scheduledCounts(db, { teamId: request.teamId, dates: [...new Set(shifts.map((s) => s.date))] });
  // Once approved the agent's own rows are on leave already and no longer counted.
  const takenOff = request.status === 'approved' ? 0 : 1;
  return staffingAfter(shifts, (date, code) => counts.get(`${date}|${code}`) ?? 0, team?.min_staffing ?? {}, takenOff);
}

export async function decideLeave(deps: UseCaseDeps, decision: Decision): Promise<DecideResult> {
  return deps.db.transaction(async (tx) => {
    const step = await findStep(tx, decision.stepId);
    if (!step) return { kind: 'unknown' };
    const request = await lockLeave(tx, step.requestId);
    if (!request) return { kind: 'unknown' };
    const current = (await findStep(tx, step.id)) as LeaveApprovalStep; // re-read under the lock

    const org = await loadReportingLines(tx, [current.approverId, decision.actorId]);
    if (!mayDecide(org, current.approverId, decision.actorId)) return { kind: 'not_yours', approverId: current.approverId };
    if (request.status !== 'pending' || current.status !== 'pending') return { kind: 'already_decided', request, step: current };

    const now = deps.clock.now();
    const steps = await listSteps(tx, request.id);
    if (!decision.approve) {
      await updateStep(tx, current.id, { status: 'rejected', decidedBy: decision.actorId, decidedAt: now, note: decision.note ?? null });
      for (const later of steps.filter((s) => s.status === 'waiting')) await updateStep(tx, later.id, { status: 'cancelled' });
      await changeLeaveStatus(tx, request, 'rejected', {
        at: now,
        actorId: decision.actorId,
        ...(decision.note ? { note: decision.note } : {}),
      });
      return {
        kind: 'rejected',
        request: { ...request, status: 'rejected', decidedAt: now },
        steps: await listSteps(tx, request.id),
        shortfalls: [],
      };
    }

    return approveStep(tx, deps, {
      request,
      steps,
      step: current,
      actorId: decision.actorId,
      now,
      ...(decision.note ? { note: decision.note } : {}),
    });
  });
}

/**
 * Approves `step` as `actorId` (the caller holds the request's lock) and moves the request on. One
 * person decides once per request: a later step whose approver already approved an earlier one (say
 * the manager, deciding the lead's step passed up to them) is approved with it, not asked again.
 */
export async function approveStep(
  tx: DbOrTx,
  deps: UseCaseDeps,
  p: { request: LeaveRequest; steps: readonly LeaveApprovalStep[]; step: LeaveApprovalStep; actorId: string; now: Date; note?: string },
): Promise<DecideResult> {
  const { request, steps, step, actorId, now } = p;
  const { decidedAlready, next } = stepsAfterApproval(steps, step, actorId);
  // Two leaves of one team approved at once would each see the other's shift still staffed; a swap approved
  // at the same time takes the same lock, so the roster read below is the one the approval changes.
  if (!next) await lockTeam(tx, request.teamId);
  const covered = await listCoveredShifts(tx, request.id);
  const leftOut = await coveredShiftsNotRostered(tx, request);
  if (leftOut.length > 0 && leftOut.length === covered.length) return { kind: 'not_rostered', request, shifts: leftOut };
  const isLeftOut = (s: CoveredShiftRef) => leftOut.some((l) => l.date === s.date && l.shiftCode === s.shiftCode);
  const staffing = (await staffingForLeave(tx, deps, request)).filter((s) => !isLeftOut(s));
  const shortfalls = belowMinimum(staffing);
  const team = deps.policy.teams[request.teamId];
  const staffingRule = team?.rules.leave.types[request.type]?.emergency
    ? team.rules.staffing.below_minimum_emergency
    : team?.rules.staffing.below_minimum;
  if (!next && shortfalls.length > 0 && staffingRule === 'strict') return { kind: 'understaffed', shortfalls };

  await updateStep(tx, step.id, { status: 'approved', decidedBy: actorId, decidedAt: now, note: p.note ?? null });
  for (const same of decidedAlready) {
    await updateStep(tx, same.id, {
      status: 'approved',
      decidedBy: same.approverId,
      decidedAt: now,
      note: 'already approved this request at an earlier step',
    });
  }
  const approvedSteps = [step, ...decidedAlready].map((s) => `${s.position + 1} (${s.role})`).join(', ');
  if (next) {
    await updateStep(tx, next.id, { status: 'pending', pendingSince: now });
    await recordLeaveEvent(tx, {
      requestId: request.id,
      at: now,
      actorId,
      fromStatus: 'pending',
      toStatus: 'pending',
      note: `step ${approvedSteps} approved`,
    });
    const updated = await listSteps(tx, request.id);
    return { kind: 'advanced', request, steps: updated, next: updated.find((s) => s.id === next.id) as LeaveApprovalStep };
  }
  const kept = covered.filter((s) => !isLeftOut(s));
  const left = {
    leaveDays: new Set(kept.map((s) => s.date)).size,
    hours: kept.reduce((sum, s) => sum + (deps.policy.shifts[s.shiftCode]?.counted_hours ?? 0), 0),
  };
  await dropCoveredShifts(tx, request, leftOut, left);
  const note = [
    shortfalls.length > 0 ? 'approved below minimum staffing' : 'approved',
    ...(decidedAlready.length > 0 ? [`steps ${approvedSteps} by the same person`] : []),
    ...(leftOut.length > 0 ? [`left out, no longer on the roster: ${leftOut.map((s) => `${s.date} ${s.shiftCode}`).join(', ')}`] : []),
  ].join('; ');
  await changeLeaveStatus(tx, request, 'approved', { at: now, actorId, note });
  await moveCoveredShifts(tx, request, { from: 'scheduled', to: 'on_leave' });
  const approved = { ...request, status: 'approved' as const, decidedAt: now, ...(leftOut.length > 0 ? left : {}) };
  return { kind: 'approved', request: approved, steps: await listSteps(tx, request.id), shortfalls, leftOut };
}

/** Everything an approver's card shows, read fresh after a change. */
export async function leaveCardData(deps: UseCaseDeps, requestId: number): Promise<LeaveCardData> {
  const data = (await leaveCardsData(deps, [requestId])).get(requestId);
  if (!data) throw new AppError('leave.unknown_request', `no leave request ${requestId}`);
  return data;
}

export interface LeaveCardData {
  readonly request: LeaveRequest;
  readonly team: TeamDefinition;
  readonly steps: LeaveApprovalStep[];
  readonly people: Map<string, Person>;
  readonly covered: { date: string; shiftCode: string }[];
  readonly staffing: ShiftStaffing[];
  readonly heldThisMonth: number;
  readonly heldThisYear: number;
  readonly annualLeft: number | undefined;
  readonly overMonthlyCap: { month: string; held: number; cap: number }[];
  readonly requiredNoticeMinutes: number;
}

/**
 * What the cards of these requests show, read together in a handful of queries however many there
 * are (a page of the Home inbox); requests that do not exist are missing from the map.
 */
export async function leaveCardsData(
  deps: UseCaseDeps,
  requestIds: readonly number[],
  from: {
    /** Staffing, held leave and people from the read model when it can say (the Home, drawn again after each change it hears of). */
    readModel?: boolean;
    /** The requests' covered shifts (in day and shift order) where the caller has just read them. */
    covered?: ReadonlyMap<number, readonly { date: LocalDate; shiftCode: string }[]>;
  } = {},
): Promise<Map<number, LeaveCardData>> {
  const db = deps.db;
  const ids = [...new Set(requestIds)];
  const known = from.covered;
  const [{ requests, steps: stepsOf }, coveredOf] = await Promise.all([
    leavesWithSteps(db, ids),
    known && ids.every((id) => known.has(id))
      ? new Map(ids.map((id) => [id, [...(known.get(id) ?? [])]]))
      : coveredShiftsOfRequests(db, ids),
  ]);
  if (requests.length === 0) return new Map();
  const heldRange = (request: LeaveRequest) => {
    const year = yearOf(Number(request.firstDay.slice(0, 4)));
    const lastMonth = monthOf(request.lastDay);
    return { from: year.first, to: lastMonth.last > year.last ? lastMonth.last : year.last };
  };
  const ranges = requests.map(heldRange);
  const byTeam = new Map<string, Set<LocalDate>>();
  for (const request of requests) {
    const dates = byTeam.get(request.teamId) ?? byTeam.set(request.teamId, new Set()).get(request.teamId);
    for (const s of coveredOf.get(request.id) ?? []) dates?.add(s.date);
  }
  const heldQuery = {
    personIds: [...new Set(requests.map((r) => r.personId))],
    from: ranges.reduce((a, r) => (r.from < a ? r.from : a), ranges[0]?.from as LocalDate),
    to: ranges.reduce((a, r) => (r.to > a ? r.to : a), ranges[0]?.to as LocalDate),
  };
  const heldInModel = from.readModel ? deps.readModel?.heldLeave(heldQuery) : undefined;
  const [held, counts, people] = await Promise.all([
    heldInModel ? heldPeriodsOf(heldInModel) : heldLeaveOfPeople(db, heldQuery),
    Promise.all(
      [...byTeam].map(async ([teamId, dates]) => {
        const q = { teamId, dates: [...dates] };
        return [teamId, (from.readModel ? deps.readModel?.scheduledCounts(q) : undefined) ?? (await scheduledCounts(db, q))] as const;
      }),
    ).then((pairs) => new Map(pairs)),
    (from.readModel ? (ids: string[]) => peopleHeld(deps, ids) : (ids: string[]) => peopleByIds(db, ids))([
      ...new Set(
        requests.flatMap((r) => [
          r.personId,
          ...(stepsOf.get(r.id) ?? []).flatMap((s) => [s.approverId, ...(s.decidedBy ? [s.decidedBy] : []), ...s.skipped]),
        ]),
      ),
    ]),
  ]);
  const cards = new Map<number, LeaveCardData>();
  requests.forEach((request, i) => {
    const team = teamOf(deps, request);
    const leave = team.rules.leave;
    const firstDay = request.firstDay;
    const year = Number(firstDay.slice(0, 4));
    const month = firstDay.slice(0, 7);
    const lastMonth = monthOf(request.lastDay);
    const range = ranges[i] as { from: LocalDate; to: LocalDate };
    const heldDays = (held.get(request.personId) ?? [])
      .filter((p) => p.firstDay <= range.to && p.lastDay >= range.from)
      .flatMap((p) => p.days);
    const steps = stepsOf.get(request.id) ?? [];
    const covered = coveredOf.get(request.id) ?? [];
    const teamCounts = counts.get(request.teamId);
    // Once approved the agent's own rows are on leave already and no longer counted.
    const staffing = staffingAfter(
      covered,
      (date, code) => teamCounts?.get(`${date}|${code}`) ?? 0,
      deps.policy.teams[request.teamId]?.min_staffing ?? {},
      request.status === 'approved' ? 0 : 1,
    );
    const byMonth = heldDaysByMonth(heldDays, leave.monthly_cap.types, monthOf(firstDay).first, lastMonth.last);
    const capped = leave.monthly_cap.types.includes(request.type);
    // held days count this request while it holds them: past the cap only under a policy that warns
    const overMonthlyCap = capped
      ? Object.entries(byMonth)
          .filter(([, days]) => days > leave.monthly_cap.days)
          .map(([m, days]) => ({ month: m, held: days, cap: leave.monthly_cap.days }))
      : [];
    const heldThisYear = heldDaysInYear(heldDays, request.type, year);
    const cardPeople = new Map(
      [request.personId, ...steps.flatMap((s) => [s.approverId, ...(s.decidedBy ? [s.decidedBy] : []), ...s.skipped])].flatMap((id) =>
        people.has(id) ? [[id, people.get(id) as Person] as const] : [],
      ),
    );
    const person = people.get(request.personId);
    const annualLeft =
      leave.types[request.type]?.balance === 'annual'
        ? annualDaysLeft(person?.annualLeaveDays ?? null, leave.annual_days_default, heldThisYear)
        : undefined;
    const rule = matchLeaveRule(leave.rules, request.type, request.calendarDays);
    cards.set(request.id, {
      request,
      team,
      steps,
      people: cardPeople,
      covered,
      staffing,
      heldThisMonth: byMonth[month] ?? 0,
      heldThisYear,
      annualLeft,
      overMonthlyCap,
      requiredNoticeMinutes: rule.notice,
    });
  });
  return cards;
}

/** The read model's held leave as `heldLeaveOfPeople` answers it: each request's days, one per covered shift. */
function heldPeriodsOf(held: ReadonlyMap<string, readonly HeldLeaveRow[]>): Map<string, HeldPeriodDays[]> {
  return new Map(
    [...held].map(([personId, rows]) => [
      personId,
      rows.map((l) => ({ firstDay: l.firstDay, lastDay: l.lastDay, days: l.coveredDays.map((date) => ({ date, type: l.type })) })),
    ]),
  );
}

/** My requests that are not over yet, plus those that ended within `leave.list_past_days`, newest first. */
export async function listMyLeave(deps: UseCaseDeps, person: Person): Promise<LeaveRequest[]> {
  const team = teamOf(deps, person);
  const since = addDays(todayIn(deps.clock.now(), team.timezone), -team.rules.leave.list_past_days);
  return listLeaveOf(deps.db, { personId: person.slackId, from: since, limit: listedLeaveMax });
}

/** How many requests `/leave list` shows; each takes two blocks of a 50-block message. */
export const listedLeaveMax = 20;

export type CancelResult =
  | { readonly kind: 'not_yours' | 'unknown' }
  | { readonly kind: 'closed'; readonly request: LeaveRequest }
  | { readonly kind: 'started'; readonly request: LeaveRequest }
  | { readonly kind: 'cancelled'; readonly request: LeaveRequest; readonly wasApproved: boolean };

/** The requester withdraws a pending request, or approved leave whose first shift has not started. */
export async function cancelLeave(deps: UseCaseDeps, p: { requestId: number; actorId: string }): Promise<CancelResult> {
  return deps.db.transaction(async (tx) => {
    const request = await lockLeave(tx, p.requestId);
    if (!request) return { kind: 'unknown' };
    if (request.personId !== p.actorId) return { kind: 'not_yours' };
    if (request.status !== 'pending' && request.status !== 'approved') return { kind: 'closed', request };
    const now = deps.clock.now();
    const team = deps.policy.teams[request.teamId];
    const covered = await listCoveredShifts(tx, request.id);
    const begins = team ? leaveBeginsAt(covered, deps.policy.shifts, team.timezone) : undefined;
    if (request.status === 'approved' && begins !== undefined && begins <= now) return { kind: 'started', request };
    for (const step of await listSteps(tx, request.id)) {
      if (step.status === 'pending' || step.status === 'waiting') await updateStep(tx, step.id, { status: 'cancelled' });
    }
    if (request.status === 'approved') await moveCoveredShifts(tx, request, { from: 'on_leave', to: 'scheduled' });
    await changeLeaveStatus(tx, request, 'cancelled', { at: now, actorId: p.actorId, note: 'withdrawn by the requester' });
    return { kind: 'cancelled', request: { ...request, status: 'cancelled', decidedAt: now }, wasApproved: request.status === 'approved' };
  });
}

export type AttachProofResult =
  | { readonly kind: 'attached'; readonly request: LeaveRequest }
  | { readonly kind: 'not_yours' | 'unknown' | 'unchanged' }
  /** The upload modal was sent without a file. */
  | { readonly kind: 'no_files' };

/** The agent hands in proof after filing: it is kept with the request and no longer owed. */
export async function attachProof(
  deps: UseCaseDeps,
  p: { requestId: number; actorId: string; files: readonly ProofFile[] },
): Promise<AttachProofResult> {
  if (p.files.length === 0) return { kind: 'no_files' };
  return deps.db.transaction(async (tx) => {
    const request = await lockLeave(tx, p.requestId);
    if (!request) return { kind: 'unknown' };
    if (request.personId !== p.actorId) return { kind: 'not_yours' };
    // the same upload delivered twice adds nothing the second time
    const known = new Set(request.proofFiles.map((f) => f.id));
    const added = p.files.filter((f) => !known.has(f.id));
    if (added.length === 0) return { kind: 'unchanged' };
    await attachProofFiles(tx, request, added);
    await recordLeaveEvent(tx, {
      requestId: request.id,
      at: deps.clock.now(),
      actorId: p.actorId,
      fromStatus: request.status,
      toStatus: request.status,
      note: `proof attached (${added.length} file(s))`,
    });
    return { kind: 'attached', request: { ...request, proof: 'attached' } };
  });
}

type Reads = Pick<UseCaseDeps, 'db'>;

export const leaveById = (deps: Reads, id: number): Promise<LeaveRequest | undefined> => findLeave(deps.db, id);

export const approvalStepById = (deps: Reads, stepId: number): Promise<LeaveApprovalStep | undefined> => findStep(deps.db, stepId);

/** Who reports to whom among these people (and up their lines), for deciding who may approve. */
export const reportingLinesOf = (deps: Reads, slackIds: readonly string[]) => loadReportingLines(deps.db, slackIds);

/** Where an approver's card was posted, so later changes redraw that card. */
export const recordStepCard = (deps: Reads, stepId: number, card: Pick<LeaveApprovalStep, 'messageChannel' | 'messageTs'>): Promise<void> =>
  updateStep(deps.db, stepId, card);

/** Where the channel notice of an approved leave was posted, so a withdrawal can change it. */
export const recordLeaveNotice = (deps: Reads, requestId: number, notice: { channel: string; ts: string }): Promise<void> =>
  setLeaveNotice(deps.db, requestId, notice);
