/**
 * Monthly hours (POLICY §1): the standard is the month's working days × `hours.standard_day_hours`.
 * A month's working days are its days on `hours.working_days.weekdays`, less `days_off` (public
 * holidays), plus `extra_working_days` (weekend days worked in exchange). Counted against it are the
 * counted hours of the shifts worked and of the shifts taken off by approved paid leave (pay: paid).
 * Hours over the standard are proposed as comp time; hours short are owed next month.
 */
import type { Rules } from '../policy-file.js';
import { addDays, type LocalDate } from '../time.js';

const weekdayNames = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

export function workingDays(month: { readonly first: LocalDate; readonly last: LocalDate }, rules: Rules['hours']['working_days']): number {
  const { weekdays, days_off: daysOff, extra_working_days: extra } = rules;
  let count = 0;
  for (let date = month.first; date <= month.last; date = addDays(date, 1)) {
    const weekday = weekdayNames[new Date(`${date}T00:00:00Z`).getUTCDay()] as (typeof weekdayNames)[number];
    const working = (weekdays.includes(weekday) && !daysOff.includes(date)) || extra.includes(date);
    if (working) count += 1;
  }
  return count;
}

export interface MonthHours {
  readonly standard: number;
  /** Worked plus paid leave. */
  readonly counted: number;
  /** Over the standard: proposed as comp time. */
  readonly over: number;
  /** Short of the standard: owed next month. */
  readonly short: number;
}

export function settleHours(
  p: { readonly worked: number; readonly paidLeave: number; readonly workingDays: number },
  rules: Rules['hours'],
): MonthHours {
  const standard = round(p.workingDays * rules.standard_day_hours);
  const counted = round(p.worked + p.paidLeave);
  return { standard, counted, over: round(Math.max(0, counted - standard)), short: round(Math.max(0, standard - counted)) };
}

/** To a tenth of an hour, as the comp-time ledger keeps hours. */
const round = (hours: number) => Math.round(hours * 10) / 10;
