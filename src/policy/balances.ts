/** Leave balances (POLICY §2): annual days per year, and comp time (换休) hours that expire. */
import { DateTime } from 'luxon';
import type { LocalDate } from './time.js';

export interface CompTimeCredit {
  readonly earnedOn: LocalDate;
  readonly hours: number;
}

export interface CompTimeSpend {
  readonly on: LocalDate;
  readonly hours: number;
}

function expiresOn(credit: CompTimeCredit, months: number): LocalDate {
  return DateTime.fromISO(credit.earnedOn, { zone: 'UTC' }).plus({ months }).toISODate() as LocalDate;
}

/**
 * Comp-time hours usable on `asOf`: each spend uses the oldest hours still valid on its day, and
 * hours expire `expiresAfterMonths` after they were earned.
 */
export function compTimeAvailable(credits: readonly CompTimeCredit[], spends: readonly CompTimeSpend[], asOf: LocalDate, expiresAfterMonths: number): number {
  const pots = [...credits].sort((a, b) => a.earnedOn.localeCompare(b.earnedOn)).map((c) => ({ ...c, left: c.hours, expires: expiresOn(c, expiresAfterMonths) }));
  for (const spend of [...spends].sort((a, b) => a.on.localeCompare(b.on))) {
    let owed = spend.hours;
    for (const pot of pots) {
      if (owed <= 0) break;
      if (pot.earnedOn > spend.on || pot.expires <= spend.on || pot.left <= 0) continue;
      const used = Math.min(pot.left, owed);
      pot.left -= used;
      owed -= used;
    }
  }
  const total = pots.filter((p) => p.earnedOn <= asOf && p.expires > asOf).reduce((sum, p) => sum + p.left, 0);
  return Math.round(total * 10) / 10;
}

/** Annual-leave days left in a year: the person's entitlement (or the policy default) less what is held. */
export function annualDaysLeft(entitlement: number | null, policyDefault: number, heldDays: number): number {
  return Math.max(0, (entitlement ?? policyDefault) - heldDays);
}
