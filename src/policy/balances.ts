/** Leave balances (POLICY §2): annual days per year, and comp time (换休) hours that expire. */
import { DateTime } from 'luxon';
import { yearOf, type LocalDate } from './time.js';

export interface CompTimeCredit {
  readonly earnedOn: LocalDate;
  readonly hours: number;
}

export interface CompTimeSpend {
  readonly on: LocalDate;
  readonly hours: number;
}

export function expiresOn(credit: CompTimeCredit, months: number): LocalDate {
  return DateTime.fromISO(credit.earnedOn, { zone: 'UTC' }).plus({ months }).toISODate() as LocalDate;
}

/** A credit's hours still unspent on a day, and the day they expire (no longer usable from then on). */
export interface CompTimeLeft {
  readonly earnedOn: LocalDate;
  readonly hours: number;
  readonly left: number;
  readonly expiresOn: LocalDate;
}

/**
 * The credits usable on `asOf` with the hours each still holds, the next to expire first: each spend uses
 * the oldest hours still valid on its day, and hours expire `expiresAfterMonths` after they were earned.
 */
export function compTimeLeft(
  credits: readonly CompTimeCredit[],
  spends: readonly CompTimeSpend[],
  asOf: LocalDate,
  expiresAfterMonths: number,
): CompTimeLeft[] {
  const pots = [...credits]
    .sort((a, b) => a.earnedOn.localeCompare(b.earnedOn))
    .map((c) => ({ ...c, left: c.hours, expiresOn: expiresOn(c, expiresAfterMonths) }));
  for (const spend of [...spends].sort((a, b) => a.on.localeCompare(b.on))) {
    let owed = spend.hours;
    for (const pot of pots) {
      if (owed <= 0) break;
      if (pot.earnedOn > spend.on || pot.expiresOn <= spend.on || pot.left <= 0) continue;
      const used = Math.min(pot.left, owed);
      pot.left -= used;
      owed -= used;
    }
  }
  return pots
    .filter((p) => p.earnedOn <= asOf && p.expiresOn > asOf && p.left > 0)
    .map((p) => ({ earnedOn: p.earnedOn, hours: p.hours, left: Math.round(p.left * 10) / 10, expiresOn: p.expiresOn }));
}

/** Comp-time hours usable on `asOf`: what `compTimeLeft` leaves in all credits together. */
export function compTimeAvailable(
  credits: readonly CompTimeCredit[],
  spends: readonly CompTimeSpend[],
  asOf: LocalDate,
  expiresAfterMonths: number,
): number {
  const total = compTimeLeft(credits, spends, asOf, expiresAfterMonths).reduce((sum, p) => sum + p.left, 0);
  return Math.round(total * 10) / 10;
}

/** Annual-leave days left in a year: the person's entitlement (or the policy default) less what is held. */
export function annualDaysLeft(entitlement: number | null, policyDefault: number, heldDays: number): number {
  return Math.max(0, (entitlement ?? policyDefault) - heldDays);
}

/** A roster day some held (pending or approved) leave takes off, with the leave's type. */
export interface HeldDay {
  readonly date: LocalDate;
  readonly type: string;
}

/** Days held leave of `types` takes off per month `YYYY-MM`, within [from, to]. */
export function heldDaysByMonth(
  days: readonly HeldDay[],
  types: readonly string[],
  from: LocalDate,
  to: LocalDate,
): Record<string, number> {
  const byMonth: Record<string, Set<string>> = {};
  for (const day of days) {
    if (!types.includes(day.type) || day.date < from || day.date > to) continue;
    const month = day.date.slice(0, 7);
    const dates = byMonth[month] ?? new Set<string>();
    dates.add(day.date);
    byMonth[month] = dates;
  }
  return Object.fromEntries(Object.entries(byMonth).map(([month, dates]) => [month, dates.size]));
}

/** Days held leave of one type takes off in a calendar year (for the annual-leave balance). */
export function heldDaysInYear(days: readonly HeldDay[], type: string, year: number): number {
  return Object.values(heldDaysByMonth(days, [type], yearOf(year).first, yearOf(year).last)).reduce((sum, n) => sum + n, 0);
}

/** A year's annual leave: the entitlement, days approved, days held by requests still waiting, and what is left. */
export interface AnnualBalance {
  readonly entitled: number;
  readonly taken: number;
  readonly pending: number;
  readonly left: number;
}

export function annualBalance(
  entitlement: number | null,
  policyDefault: number,
  days: { readonly taken: number; readonly pending: number },
): AnnualBalance {
  return { entitled: entitlement ?? policyDefault, ...days, left: annualDaysLeft(entitlement, policyDefault, days.taken + days.pending) };
}
