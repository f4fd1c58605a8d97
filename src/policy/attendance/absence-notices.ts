/**
 * The absence thresholds (POLICY §2, `leave.absence.*`) a person's running counts have reached, each
 * with the period it belongs to, so that it is told once per person, threshold and period: a run of
 * consecutive days by its first day, the month by `YYYY-MM`, the year by `YYYY`. The notice states the
 * fact; the bot never acts on it.
 */
import { lineAbove, type Org } from '../approval.js';
import type { Rules } from '../policy-file.js';
import type { LocalDate } from '../time.js';
import type { AbsenceCounts } from './absence.js';

export type AbsenceNoticeKind = 'run' | 'month' | 'year';

export interface AbsenceThreshold {
  readonly kind: AbsenceNoticeKind;
  /** The run's first day, the month `YYYY-MM`, or the year `YYYY`. */
  readonly period: string;
  /** The absence days the notice names, in order. */
  readonly days: readonly LocalDate[];
}

/** What the rules attach to a threshold: `run` and `year` allow the contract to be ended, `month` forfeits the month's bonus. */
export const consequenceOf = (kind: AbsenceNoticeKind): 'contract' | 'bonus' => (kind === 'month' ? 'bonus' : 'contract');

export function absenceThresholds(
  counts: Pick<AbsenceCounts, 'yearDays' | 'runs'>,
  month: { readonly first: LocalDate; readonly last: LocalDate },
  rules: Rules['leave']['absence'],
): AbsenceThreshold[] {
  const reached: AbsenceThreshold[] = [];
  for (const run of counts.runs) {
    const first = run[0];
    if (first !== undefined && run.length >= rules.contract_consecutive_days) reached.push({ kind: 'run', period: first, days: run });
  }
  const monthDays = counts.yearDays.filter((date) => date >= month.first && date <= month.last);
  if (monthDays.length >= rules.bonus_forfeit_days_per_month)
    reached.push({ kind: 'month', period: month.first.slice(0, 7), days: monthDays });
  if (counts.yearDays.length >= rules.contract_days_per_year)
    reached.push({ kind: 'year', period: month.first.slice(0, 4), days: counts.yearDays });
  return reached;
}

/** Who is told: the nearest active lead and the nearest active manager above the person, each once. */
export function absenceNoticeRecipients(org: Org, personId: string): string[] {
  const above = lineAbove(org, personId).filter((member) => member.active);
  const lead = above.find((member) => member.role === 'lead');
  const manager = above.find((member) => member.role === 'manager');
  return [...new Set([lead?.slackId, manager?.slackId].filter((id): id is string => id !== undefined))];
}
