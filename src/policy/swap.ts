/**
 * Shift swaps (POLICY §3): an exchange of two shifts, or a one-way cover, checked for notice, who may
 * staff the shift, leave, overlaps, rest between shifts and consecutive working days — as the roster
 * would be after the swap, for both people.
 */
import { DateTime } from 'luxon';
import { refusal, type Refusal } from './decision.js';
import type { Policy, TeamDefinition } from './policy-file.js';
import { addDays, overlaps, shiftInterval, todayIn, type Interval, type LocalDate } from './time.js';
import { AppError } from '../errors.js';
import { minutesInMs } from './duration.js';

export interface SwapShift {
  readonly personId: string;
  readonly date: LocalDate;
  readonly shiftCode: string;
}

export interface SwapParty {
  readonly id: string;
  readonly teamId: string;
  /** The person's scheduled shifts around the swap (a week either side is plenty). */
  readonly roster: readonly SwapShift[];
  /** Days the person is on approved leave. */
  readonly leaveDays: ReadonlySet<string>;
  /** Days the person has asked leave for that is still waiting for a decision. */
  readonly pendingLeaveDays?: ReadonlySet<string>;
}

export interface SwapProposal {
  readonly requester: SwapParty;
  readonly colleague: SwapParty;
  /** The requester's shift the colleague takes. */
  readonly give: SwapShift;
  /** The colleague's shift the requester takes in exchange; undefined for a one-way cover. */
  readonly take: SwapShift | undefined;
}

export interface SwapCheckInput {
  readonly now: Date;
  readonly policy: Pick<Policy, 'shifts' | 'teams'>;
  readonly proposal: SwapProposal;
  /** Which of the two shifts another pending swap already holds. */
  readonly pendingSwapOn?: { readonly give: boolean; readonly take: boolean };
  /** An emergency cover a lead called for: `swap.notice` does not apply. */
  readonly emergencyCover?: boolean;
}

export interface PersonAfterSwap {
  readonly personId: string;
  readonly shift: SwapShift;
  /** Minutes off before and after the shift they receive; undefined when no shift is near. */
  readonly restBefore: number | undefined;
  readonly restAfter: number | undefined;
  /** Counted hours in the week (Monday to Sunday) of the shift they receive. */
  readonly weekHours: number;
}

/** For a one-way cover: the requester's counted hours in the week of the shift they give away, after the swap. */
export interface GiverAfterSwap {
  readonly personId: string;
  readonly weekHours: number;
}

export type SwapCheck =
  | { readonly ok: true; readonly after: readonly PersonAfterSwap[]; readonly giver: GiverAfterSwap | undefined }
  | { readonly ok: false; readonly refusals: readonly Refusal[] };

const key = (s: Pick<SwapShift, 'date' | 'shiftCode'>) => `${s.date}|${s.shiftCode}`;

/** The roster of each person as it would be after the swap. */
export function applySwap(proposal: SwapProposal): { requester: SwapShift[]; colleague: SwapShift[] } {
  const { requester, colleague, give, take } = proposal;
  const without = (roster: readonly SwapShift[], shift: SwapShift | undefined) => roster.filter((s) => !shift || key(s) !== key(shift));
  return {
    requester: [...without(requester.roster, give), ...(take ? [{ ...take, personId: requester.id }] : [])],
    colleague: [...without(colleague.roster, take), { ...give, personId: colleague.id }],
  };
}

export function checkSwap(input: SwapCheckInput): SwapCheck {
  const { proposal, policy, now } = input;
  const { requester, colleague, give, take } = proposal;
  const swap = teamOf(policy, requester.teamId).rules.swap;
  if (colleague.id === requester.id) return { ok: false, refusals: [refusal('swap.refusal.self', {}, 'colleague')] };

  const refusals: Refusal[] = [];
  const rostered = (party: SwapParty, shift: SwapShift) => party.roster.some((s) => key(s) === key(shift));
  if (!rostered(requester, give))
    refusals.push(refusal('swap.refusal.not_rostered', { date: give.date, shift: give.shiftCode }, 'my_shift'));
  if (take && !rostered(colleague, take))
    refusals.push(refusal('swap.refusal.not_rostered', { date: take.date, shift: take.shiftCode }, 'their_shift'));
  if (rostered(colleague, give))
    refusals.push(refusal('swap.refusal.already_on_shift', { person: colleague.id, date: give.date, shift: give.shiftCode }, 'colleague'));
  if (take && rostered(requester, take))
    refusals.push(
      refusal('swap.refusal.already_on_shift', { person: requester.id, date: take.date, shift: take.shiftCode }, 'their_shift'),
    );
  if (input.pendingSwapOn?.give) refusals.push(refusal('swap.refusal.pending', {}, 'my_shift'));
  if (take && input.pendingSwapOn?.take) refusals.push(refusal('swap.refusal.pending', {}, 'their_shift'));

  if (swap.same_team_only && colleague.teamId !== requester.teamId) {
    refusals.push(refusal('swap.refusal.other_team', { person: colleague.id }, 'colleague'));
  } else {
    if (!teamOf(policy, colleague.teamId).shifts.includes(give.shiftCode))
      refusals.push(refusal('swap.refusal.cannot_staff', { team: colleague.teamId, shift: give.shiftCode }, 'colleague'));
    if (take && !teamOf(policy, requester.teamId).shifts.includes(take.shiftCode))
      refusals.push(refusal('swap.refusal.cannot_staff', { team: requester.teamId, shift: take.shiftCode }, 'their_shift'));
  }
  if (colleague.leaveDays.has(give.date)) refusals.push(refusal('swap.refusal.on_leave', { date: give.date }, 'colleague'));
  if (take && requester.leaveDays.has(take.date)) refusals.push(refusal('swap.refusal.on_leave_self', { date: take.date }, 'their_shift'));
  // Leave waiting for a decision on a day the swap touches is decided first, so leave and swap never both take the shift.
  const pendingOn = (party: SwapParty, shift: SwapShift) => party.pendingLeaveDays?.has(shift.date) ?? false;
  if (pendingOn(requester, give)) refusals.push(refusal('swap.refusal.leave_pending_self', { date: give.date }, 'my_shift'));
  if (pendingOn(colleague, give))
    refusals.push(refusal('swap.refusal.leave_pending', { person: colleague.id, date: give.date }, 'colleague'));
  if (take && pendingOn(requester, take)) refusals.push(refusal('swap.refusal.leave_pending_self', { date: take.date }, 'their_shift'));
  if (take && pendingOn(colleague, take))
    refusals.push(refusal('swap.refusal.leave_pending', { person: colleague.id, date: take.date }, 'their_shift'));

  const timeZone = teamOf(policy, requester.teamId).timezone;
  const interval = (s: SwapShift) => shiftIntervalOf(policy, s, timeZone);
  if (!input.emergencyCover && swapDeadline(policy, proposal).getTime() < now.getTime()) {
    const theirsFirst = take !== undefined && interval(take).start < interval(give).start;
    refusals.push(
      refusal(
        'swap.refusal.notice',
        { noticeMinutes: swap.notice, earliestDate: todayIn(new Date(now.getTime() + minutesInMs(swap.notice)), timeZone) },
        theirsFirst ? 'their_shift' : 'my_shift',
      ),
    );
  }
  if (refusals.length > 0) return { ok: false, refusals };

  const after = applySwap(proposal);
  const received: [SwapParty, SwapShift[], SwapShift, string][] = [
    [colleague, after.colleague, { ...give, personId: colleague.id }, 'colleague'],
    ...(take
      ? ([[requester, after.requester, { ...take, personId: requester.id }, 'their_shift']] as [
          SwapParty,
          SwapShift[],
          SwapShift,
          string,
        ][])
      : []),
  ];
  const facts: PersonAfterSwap[] = [];
  for (const [party, roster, shift, field] of received) {
    const mine = interval(shift);
    const others = roster.filter((s) => key(s) !== key(shift)).map((s) => ({ shift: s, interval: interval(s) }));
    const clash = others.find((o) => overlaps(o.interval, mine));
    if (clash) {
      refusals.push(refusal('swap.refusal.overlap', { person: party.id, date: clash.shift.date, shift: clash.shift.shiftCode }, field));
      continue;
    }
    const restBefore = gapBefore(
      mine,
      others.map((o) => o.interval),
    );
    const restAfter = gapAfter(
      mine,
      others.map((o) => o.interval),
    );
    const shortest = Math.min(restBefore ?? Infinity, restAfter ?? Infinity);
    if (shortest < swap.min_rest)
      refusals.push(refusal('swap.refusal.rest', { person: party.id, restMinutes: shortest, minRestMinutes: swap.min_rest }, field));
    const run = consecutiveDays(
      roster.map((s) => s.date),
      shift.date,
    );
    if (run > swap.max_consecutive_days)
      refusals.push(refusal('swap.refusal.consecutive', { person: party.id, days: run, max: swap.max_consecutive_days }, field));
    facts.push({ personId: party.id, shift, restBefore, restAfter, weekHours: weekHours(roster, shift.date, policy) });
  }
  if (refusals.length > 0) return { ok: false, refusals };
  return {
    ok: true,
    after: facts,
    giver: take ? undefined : { personId: requester.id, weekHours: weekHours(after.requester, give.date, policy) },
  };
}

function shiftIntervalOf(policy: Pick<Policy, 'shifts'>, s: Pick<SwapShift, 'date' | 'shiftCode'>, timeZone: string): Interval {
  const definition = policy.shifts[s.shiftCode];
  if (!definition) throw new AppError('policy.inconsistent', `unknown shift ${s.shiftCode}`);
  return shiftInterval(s.date, definition, timeZone);
}

/** The last moment a swap may be filed or approved: the policy's notice before the earlier of its shifts. */
export function swapDeadline(
  policy: Pick<Policy, 'shifts' | 'teams'>,
  swap: {
    readonly requester: Pick<SwapParty, 'teamId'>;
    readonly give: Pick<SwapShift, 'date' | 'shiftCode'>;
    readonly take: Pick<SwapShift, 'date' | 'shiftCode'> | undefined;
  },
): Date {
  const team = teamOf(policy, swap.requester.teamId);
  const starts = [swap.give, ...(swap.take ? [swap.take] : [])].map((s) => shiftIntervalOf(policy, s, team.timezone).start.getTime());
  return new Date(Math.min(...starts) - minutesInMs(team.rules.swap.notice));
}

/** Whether one more voluntary swap in the month costs the full-attendance award (fewer than limit + 1 keeps it). */
export function costsFullAttendance(swapsThisMonth: number, maxSwaps: number): boolean {
  return swapsThisMonth + 1 > maxSwaps;
}

function teamOf(policy: Pick<Policy, 'teams'>, teamId: string): TeamDefinition {
  const team = policy.teams[teamId];
  if (!team) throw new AppError('policy.inconsistent', `unknown team ${teamId}`);
  return team;
}

/** Minutes between the end of the last shift before `shift` and its start. */
function gapBefore(shift: Interval, others: readonly Interval[]): number | undefined {
  const ends = others.filter((o) => o.end <= shift.start).map((o) => o.end.getTime());
  return ends.length === 0 ? undefined : (shift.start.getTime() - Math.max(...ends)) / minutesInMs(1);
}

function gapAfter(shift: Interval, others: readonly Interval[]): number | undefined {
  const starts = others.filter((o) => o.start >= shift.end).map((o) => o.start.getTime());
  return starts.length === 0 ? undefined : (Math.min(...starts) - shift.end.getTime()) / minutesInMs(1);
}

/** How many days in a row, through `day`, have at least one shift. */
export function consecutiveDays(dates: readonly string[], day: LocalDate): number {
  const worked = new Set(dates);
  let run = 1;
  for (let d = addDays(day, -1); worked.has(d); d = addDays(d, -1)) run += 1;
  for (let d = addDays(day, 1); worked.has(d); d = addDays(d, 1)) run += 1;
  return run;
}

function weekHours(roster: readonly SwapShift[], day: LocalDate, policy: Pick<Policy, 'shifts'>): number {
  const week = DateTime.fromISO(day, { zone: 'UTC' });
  const monday = week.startOf('week').toISODate() as string;
  const sunday = week.endOf('week').toISODate() as string;
  return roster
    .filter((s) => s.date >= monday && s.date <= sunday)
    .reduce((sum, s) => sum + (policy.shifts[s.shiftCode]?.counted_hours ?? 0), 0);
}
