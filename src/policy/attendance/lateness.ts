/**
 * Lateness (迟到) and early leave (早退), POLICY §6: the first `tolerated_late_per_month` in a month
 * are free, each later one costs `points_per_late`, more than `extra_points_over_late_count` in the
 * month cost `extra_points` once more. Late (or gone early) by more than `late_counts_as_absence_after`
 * up to `late_counts_as_absence_up_to` is absence for that shift, not lateness; by more than
 * `late_counts_as_absence_up_to` the shift is absence and is not counted as worked either (no hours,
 * no night allowance).
 */
import type { Minutes } from '../duration.js';
import type { Rules } from '../policy-file.js';

export type LatenessRules = Pick<
  Rules['attendance'],
  | 'tolerated_late_per_month'
  | 'points_per_late'
  | 'extra_points_over_late_count'
  | 'extra_points'
  | 'late_counts_as_absence_after'
  | 'late_counts_as_absence_up_to'
>;

export interface ShiftLateness {
  /** Late arrivals and early leaves of the shift that count as lateness (0, 1 or 2). */
  readonly occurrences: number;
  /** Late or gone early past the absence threshold. */
  readonly absence: boolean;
  /** Whether the shift counts as worked (its hours and night allowance). */
  readonly worked: boolean;
}

export function shiftLateness(
  p: { readonly minutesLate: Minutes; readonly minutesLeftEarly: Minutes },
  rules: LatenessRules,
): ShiftLateness {
  const worst = Math.max(p.minutesLate, p.minutesLeftEarly);
  if (worst > rules.late_counts_as_absence_after) {
    return { occurrences: 0, absence: true, worked: worst <= rules.late_counts_as_absence_up_to };
  }
  return { occurrences: (p.minutesLate > 0 ? 1 : 0) + (p.minutesLeftEarly > 0 ? 1 : 0), absence: false, worked: true };
}

/** The month's lateness points for `occurrences` late arrivals and early leaves. */
export function latenessPoints(occurrences: number, rules: LatenessRules): number {
  const charged = Math.max(0, occurrences - rules.tolerated_late_per_month) * rules.points_per_late;
  return charged + (occurrences > rules.extra_points_over_late_count ? rules.extra_points : 0);
}
