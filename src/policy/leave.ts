/**
 * The rules a leave request must meet (POLICY §2): dates, notice to the first affected shift, the one
 * rule table (notice + chain per type and length), the monthly cap, overlaps and balances.
 * Refusal params follow one naming rule so adapters can format them: `*Date` are LocalDates,
 * `*Minutes` are durations, `type` is a leave-type code; everything else is shown as it is.
 */
import { refusal, type Refusal } from './decision.js';
import type { ApproverRole, LeaveRule, Policy, Rules, TeamDefinition } from './policy-file.js';
import { addDays, daysBetween, shiftInterval, todayIn, type LocalDate } from './time.js';
import type { RosterStatus } from './roster-status.js';
import { AppError } from '../errors.js';

export interface RosteredShift {
  readonly date: LocalDate;
  readonly shiftCode: string;
  readonly status: RosterStatus;
}

export interface CoveredShift {
  readonly date: LocalDate;
  readonly shiftCode: string;
  readonly start: Date;
  readonly end: Date;
  readonly hours: number;
}

export interface LeaveDraft {
  readonly type: string;
  readonly firstDay: LocalDate;
  readonly lastDay: LocalDate;
}

export interface LeavePeriod {
  readonly firstDay: LocalDate;
  readonly lastDay: LocalDate;
}

export interface LeaveCheckInput {
  readonly now: Date;
  readonly policy: Pick<Policy, 'shifts'>;
  readonly team: TeamDefinition;
  readonly draft: LeaveDraft;
  /**
   * The person's roster rows from firstDay on: at least through lastDay; later rows let a notice
   * refusal name the earliest shift that could still be asked for.
   */
  readonly roster: readonly RosteredShift[];
  /** The person's own pending and approved leave. */
  readonly ownLeave: readonly LeavePeriod[];
  /** Leave days of the capped types already pending or approved, per month `YYYY-MM`. */
  readonly cappedDaysByMonth: Readonly<Record<string, number>>;
  readonly balance: { readonly annualDays: number; readonly compTimeHours: number };
}

export interface LeavePlan {
  readonly rule: LeaveRule;
  readonly chain: readonly ApproverRole[];
  /** Calendar days from first to last day, inclusive: what the rule table's length tiers count. */
  readonly calendarDays: number;
  readonly covered: readonly CoveredShift[];
  /** Days with at least one covered shift: what the cap and balances count. */
  readonly leaveDays: number;
  readonly hours: number;
  /** Minutes from now to the start of the first covered shift (negative once it has started). */
  readonly noticeMinutes: number;
  /** Short notice that the rule allows but flags to the approvers. */
  readonly lateNotice: boolean;
  /** Months this leave takes past the monthly cap, when the policy only warns of it. */
  readonly overMonthlyCap: readonly MonthOverCap[];
  /** Whether this type needs proof: when filing, on return, or not at all. */
  readonly proof: 'none' | 'before' | 'after';
}

/** Leave days of the capped types in a month `YYYY-MM`: already held, and asked for now. */
export interface MonthOverCap {
  readonly month: string;
  readonly cap: number;
  readonly used: number;
  readonly asked: number;
}

export type LeaveCheck = { readonly ok: true; readonly plan: LeavePlan } | { readonly ok: false; readonly refusals: readonly Refusal[] };

/** The first row of the rule table that matches the type and length; the policy guarantees a catch-all last row. */
/**
 * When leave on these shifts begins: the first one's start (undefined: none the policy knows). Until
 * then the requester may still withdraw approved leave.
 */
export function leaveBeginsAt(
  covered: readonly { readonly date: string; readonly shiftCode: string }[],
  shifts: Policy['shifts'],
  timeZone: string,
): Date | undefined {
  const starts = covered.flatMap((s) => {
    const shift = shifts[s.shiftCode];
    return shift ? [shiftInterval(s.date as LocalDate, shift, timeZone).start.getTime()] : [];
  });
  return starts.length > 0 ? new Date(Math.min(...starts)) : undefined;
}

export function matchLeaveRule(rules: readonly LeaveRule[], type: string, calendarDays: number): LeaveRule {
  const rule = rules.find(
    (r) =>
      (r.types === undefined || r.types.includes(type)) &&
      (r.min_days === undefined || calendarDays >= r.min_days) &&
      (r.max_days === undefined || calendarDays <= r.max_days),
  );
  if (!rule) throw new AppError('policy.inconsistent', 'the leave rule table has no catch-all row');
  return rule;
}

/** The rostered shifts a leave from `firstDay` to `lastDay` takes off, in start order. */
export function coveredShifts(input: Pick<LeaveCheckInput, 'policy' | 'team' | 'roster'>, period: LeavePeriod): CoveredShift[] {
  return input.roster
    .filter((row) => row.status === 'scheduled' && row.date >= period.firstDay && row.date <= period.lastDay)
    .flatMap((row) => {
      const shift = input.policy.shifts[row.shiftCode];
      if (!shift) return [];
      const { start, end } = shiftInterval(row.date, shift, input.team.timezone);
      return [{ date: row.date, shiftCode: row.shiftCode, start, end, hours: shift.counted_hours }];
    })
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * The days a leave form may name, checked before anything is looked up: the first day from today (an
 * emergency from yesterday, to cover a night shift that started then) to `max_days_ahead` on, the last
 * day no later than the longest span after that (a last day before the first is refused on its own).
 */
export function leaveDateRefusals(
  leave: Rules['leave'],
  days: { type?: string | undefined; firstDay?: LocalDate | undefined; lastDay?: LocalDate | undefined },
  today: LocalDate,
): Refusal[] {
  const earliest = days.type !== undefined && leave.types[days.type]?.emergency ? addDays(today, -1) : today;
  const latestFirst = addDays(today, leave.max_days_ahead);
  const latestLast = addDays(latestFirst, leave.max_span_days - 1);
  const refusals: Refusal[] = [];
  if (days.firstDay !== undefined && days.firstDay < earliest)
    refusals.push(refusal('leave.refusal.in_past', { todayDate: today }, 'first_day'));
  if (days.firstDay !== undefined && days.firstDay > latestFirst)
    refusals.push(
      refusal('leave.refusal.too_far_ahead', { latestDate: latestFirst, latestYear: Number(latestFirst.slice(0, 4)) }, 'first_day'),
    );
  if (days.lastDay !== undefined && days.lastDay > latestLast)
    refusals.push(
      refusal('leave.refusal.too_far_ahead', { latestDate: latestLast, latestYear: Number(latestLast.slice(0, 4)) }, 'last_day'),
    );
  return refusals;
}

/**
 * How far past a request's last day the roster is read, to name the earliest shift a short notice could
 * still cover: the longest notice any rule asks, and a week more to find a shift of the person's after it.
 */
export function earliestShiftLookaheadDays(leave: Pick<Rules['leave'], 'rules'>): number {
  const longestNoticeDays = Math.max(0, ...leave.rules.map((rule) => rule.notice)) / (24 * 60);
  return Math.ceil(longestNoticeDays) + 7;
}

export function checkLeave(input: LeaveCheckInput): LeaveCheck {
  const { draft, team, now } = input;
  const leave = team.rules.leave;
  const type = leave.types[draft.type];
  if (!type) return { ok: false, refusals: [refusal('leave.refusal.unknown_type', {}, 'type')] };
  if (draft.lastDay < draft.firstDay) {
    return { ok: false, refusals: [refusal('leave.refusal.last_before_first', { firstDate: draft.firstDay }, 'last_day')] };
  }
  const outside = leaveDateRefusals(team.rules.leave, draft, todayIn(now, team.timezone));
  if (outside.length > 0) return { ok: false, refusals: outside };

  const refusals: Refusal[] = [];
  const overlap = input.ownLeave.find((l) => l.firstDay <= draft.lastDay && draft.firstDay <= l.lastDay);
  if (overlap)
    refusals.push(refusal('leave.refusal.overlaps_own', { firstDate: overlap.firstDay, lastDate: overlap.lastDay }, 'first_day'));

  const covered = coveredShifts(input, draft);
  const first = covered[0];
  if (!first)
    return {
      ok: false,
      refusals: [...refusals, refusal('leave.refusal.no_shift', { firstDate: draft.firstDay, lastDate: draft.lastDay }, 'first_day')],
    };

  const calendarDays = daysBetween(draft.firstDay, draft.lastDay) + 1;
  const rule = matchLeaveRule(leave.rules, draft.type, calendarDays);
  const noticeMinutes = Math.floor((first.start.getTime() - now.getTime()) / 60_000);
  const shortNotice = noticeMinutes < rule.notice;
  if (shortNotice && rule.notice_enforce === 'strict') {
    const earliestStart = now.getTime() + rule.notice * 60_000;
    const later = coveredShifts(input, { firstDay: draft.firstDay, lastDay: addDays(draft.lastDay, earliestShiftLookaheadDays(leave)) });
    const earliest = later.find((s) => s.start.getTime() >= earliestStart)?.date ?? todayIn(new Date(earliestStart), team.timezone);
    refusals.push(refusal('leave.refusal.notice', { type: draft.type, noticeMinutes: rule.notice, earliestDate: earliest }, 'first_day'));
  }

  const leaveDates = [...new Set(covered.map((s) => s.date))];
  const hours = covered.reduce((sum, s) => sum + s.hours, 0);
  const overMonthlyCap: MonthOverCap[] = [];
  if (leave.monthly_cap.types.includes(draft.type)) {
    for (const [month, days] of Object.entries(countByMonth(leaveDates))) {
      const used = input.cappedDaysByMonth[month] ?? 0;
      if (used + days <= leave.monthly_cap.days) continue;
      const over = { month, cap: leave.monthly_cap.days, used, asked: days };
      if (leave.monthly_cap.enforce === 'strict') refusals.push(refusal('leave.refusal.monthly_cap', over, 'last_day'));
      else overMonthlyCap.push(over);
    }
  }
  if (type.balance === 'annual' && leaveDates.length > input.balance.annualDays) {
    refusals.push(refusal('leave.refusal.annual_balance', { left: input.balance.annualDays, asked: leaveDates.length }, 'type'));
  }
  if (type.balance === 'comp_time' && hours > input.balance.compTimeHours) {
    refusals.push(refusal('leave.refusal.comp_time_balance', { left: input.balance.compTimeHours, asked: hours }, 'type'));
  }
  if (refusals.length > 0) return { ok: false, refusals };

  return {
    ok: true,
    plan: {
      rule,
      chain: rule.chain,
      calendarDays,
      covered,
      leaveDays: leaveDates.length,
      hours,
      noticeMinutes,
      lateNotice: shortNotice,
      overMonthlyCap,
      proof: type.proof,
    },
  };
}

/** Days per month `YYYY-MM`. */
export function countByMonth(dates: readonly LocalDate[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const date of dates) counts[date.slice(0, 7)] = (counts[date.slice(0, 7)] ?? 0) + 1;
  return counts;
}
