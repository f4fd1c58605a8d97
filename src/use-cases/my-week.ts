/**
 * What a person's own Home sections show: their coming shifts and what happened to each, their balances
 * and counters (by the same rules the leave and swap checks use), and their requests still in flight.
 * "Today", "this month" and "this year" are the team's, by the one clock.
 */
import { listCompTimeCredits, listCompTimeSpends } from '../db/queries/leave.js';
import { listShiftsOfPerson } from '../db/queries/roster.js';
import { coveredShiftsOfRequests } from '../db/queries/leave-cards.js';
import { leaveDaysByStatus, leaveInFlightOf, myWeekKindsOf, pendingSwapsOf, shiftsMovedFor } from '../db/queries/my-week.js';
import { requestedSwapCounts } from '../db/queries/swap.js';
import type { LeaveApprovalStep, LeaveRequest, Person, SwapRequest } from '../db/schema.js';
import {
  annualBalance,
  compTimeLeft,
  heldDaysByMonth,
  heldDaysInYear,
  type AnnualBalance,
  type CompTimeLeft,
  type HeldDay,
} from '../policy/balances.js';
import { leaveBeginsAt } from '../policy/leave.js';
import { myShiftDays, myShifts, type MyShift } from '../policy/my-shifts.js';
import { monthOf, todayIn, yearOf, type LocalDate } from '../policy/time.js';
import type { UseCaseDeps } from './deps.js';
import { peopleHeld } from './people.js';
import { teamOf } from './team.js';

export interface MyWeek {
  /** Whose week it is (Slack id). */
  readonly me: string;
  readonly today: LocalDate;
  /** How many days from today the shifts cover (`home.days`). */
  readonly days: number;
  readonly shifts: readonly MyShift[];
  readonly balances: MyBalances;
  /** Leave waiting for a decision (with the step it waits at), and approved leave that has not begun: first day first. */
  readonly leave: readonly { readonly request: LeaveRequest; readonly step: LeaveApprovalStep | undefined }[];
  readonly swaps: readonly SwapRequest[];
  /** Everyone the sections name (the other side of a swap, an approver), by Slack id. */
  readonly people: ReadonlyMap<string, Person>;
}

export interface MyBalances {
  /** One per leave type that spends the annual balance (usually just `annual`), this year. */
  readonly annual: readonly (AnnualBalance & { readonly type: string })[];
  /** Comp-time credits still usable today, the next to expire first; empty when the team has no comp-time type. */
  readonly compTime: readonly CompTimeLeft[];
  readonly hasCompTime: boolean;
  /** This month's leave days of the capped types (approved and pending), against the cap. */
  readonly monthlyCap: { readonly month: string; readonly used: number; readonly cap: number };
  /** This month's voluntary swaps asked for (approved and pending), against the full-attendance limit. */
  readonly swaps: { readonly month: string; readonly used: number; readonly max: number };
}

export async function loadMyWeek(deps: UseCaseDeps, person: Person): Promise<MyWeek> {
  const team = teamOf(deps, person);
  const { leave, swap, home } = team.rules;
  const now = deps.clock.now();
  const today = todayIn(now, team.timezone);
  const range = myShiftDays(today, home.days);
  const year = Number(today.slice(0, 4));
  const month = monthOf(today);
  const { first: yearFirst, last: yearLast } = yearOf(year);
  const yearRange = { from: yearFirst, to: yearLast };
  const compTimeTypes = Object.entries(leave.types)
    .filter(([, t]) => t.balance === 'comp_time')
    .map(([code]) => code);
  const annualTypes = Object.entries(leave.types)
    .filter(([, t]) => t.balance === 'annual')
    .map(([code]) => code);
  const me = person.slackId;
  // the roster and comp time as the read model holds them when it can say (the leave checks read the same)
  const facts = deps.readModel?.leaveFacts({ personId: me, roster: range, held: range, compTimeTypes });
  const heldThisYear = deps.readModel?.heldLeave({ personIds: [me], ...yearRange });
  // one statement says whether there are swaps or leave in flight to read at all
  const has = await myWeekKindsOf(deps.db, { personId: me, from: today });
  const noSwaps = { counts: new Map<string, { approved: number; pending: number }>(), list: [] as SwapRequest[] };
  const [rows, moves, held, credits, spends, swapCounts, { pending: pendingLeave, approved }, swaps] = await Promise.all([
    facts?.roster ?? listShiftsOfPerson(deps.db, { personId: me, ...range }),
    has.swaps ? shiftsMovedFor(deps.db, { personId: me, ...range }) : [],
    // this month lies within this year: its days are picked from the year's
    heldThisYear ? heldDaysByStatus(heldThisYear.get(me) ?? [], yearRange) : leaveDaysByStatus(deps.db, { personId: me, ...yearRange }),
    compTimeTypes.length === 0 ? [] : (facts?.credits ?? listCompTimeCredits(deps.db, me)),
    facts?.spends ?? listCompTimeSpends(deps.db, me, compTimeTypes),
    has.swaps
      ? (deps.readModel?.swapCounts({ personIds: [me], from: month.first, to: month.last }) ??
        requestedSwapCounts(deps.db, { personIds: [me], from: month.first, to: month.last }))
      : noSwaps.counts,
    // a shift belongs to the day it starts: approved leave ending before today has begun
    has.leave ? leaveInFlightOf(deps.db, { personId: me, from: today }) : { pending: [], approved: [] },
    has.swaps ? pendingSwapsOf(deps.db, me) : noSwaps.list,
  ]);
  const coveredOf = await coveredShiftsOfRequests(
    deps.db,
    approved.map((r) => r.id),
  );
  const notBegun = approved.filter((request) => {
    const begins = leaveBeginsAt(coveredOf.get(request.id) ?? [], deps.policy.shifts, team.timezone);
    return begins !== undefined && begins > now;
  });
  const leaveInFlight = [...pendingLeave, ...notBegun.map((request) => ({ request, step: undefined }))].sort((a, b) =>
    a.request.firstDay < b.request.firstDay ? -1 : a.request.firstDay > b.request.firstDay ? 1 : a.request.id - b.request.id,
  );
  const inMonth = (days: readonly HeldDay[]) => days.filter((d) => d.date >= month.first && d.date <= month.last);
  const monthHeld = { approved: inMonth(held.approved), pending: inMonth(held.pending) };
  const shifts = myShifts({ me, rows, moves, policy: deps.policy, timeZone: team.timezone, now, today, days: home.days });
  const ownSwaps = swapCounts.get(me) ?? { approved: 0, pending: 0 };
  const monthKey = today.slice(0, 7);
  const balances: MyBalances = {
    annual: annualTypes.map((type) => ({
      type,
      ...annualBalance(person.annualLeaveDays, leave.annual_days_default, {
        taken: heldDaysInYear(held.approved, type, year),
        pending: heldDaysInYear(held.pending, type, year),
      }),
    })),
    compTime: compTimeLeft(credits, spends, today, leave.comp_time_expires_after_months).sort((a, b) =>
      a.expiresOn.localeCompare(b.expiresOn),
    ),
    hasCompTime: compTimeTypes.length > 0,
    monthlyCap: {
      month: monthKey,
      used: heldDaysByMonth([...monthHeld.approved, ...monthHeld.pending], leave.monthly_cap.types, month.first, month.last)[monthKey] ?? 0,
      cap: leave.monthly_cap.days,
    },
    swaps: { month: monthKey, used: ownSwaps.approved + ownSwaps.pending, max: swap.full_attendance_max_swaps },
  };
  const named = [
    ...shifts.flatMap((s) => (s.otherId ? [s.otherId] : [])),
    ...pendingLeave.flatMap((l) => (l.step ? [l.step.approverId] : [])),
    ...swaps.flatMap((s) => [s.requesterId, s.colleagueId, ...(s.leadId ? [s.leadId] : [])]),
  ];
  const people = await peopleHeld(deps, [...new Set(named)]);
  return { me, today, days: home.days, shifts, balances, leave: leaveInFlight, swaps, people };
}

/** The roster days held leave takes off within the range, approved and pending apart (as `leaveDaysByStatus` reads them). */
function heldDaysByStatus(
  rows: readonly { readonly status: string; readonly type: string; readonly coveredDays: readonly LocalDate[] }[],
  range: { from: LocalDate; to: LocalDate },
): { approved: HeldDay[]; pending: HeldDay[] } {
  const days = (status: string) =>
    rows.flatMap((l) =>
      l.status === status ? l.coveredDays.filter((d) => d >= range.from && d <= range.to).map((date) => ({ date, type: l.type })) : [],
    );
  return { approved: days('approved'), pending: days('pending') };
}
