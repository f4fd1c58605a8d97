/** Minimum staffing per team and shift code (POLICY §1): who is left on a shift when someone is away. */
import type { LocalDate } from './time.js';

export interface ShiftStaffing {
  readonly date: LocalDate;
  readonly shiftCode: string;
  /** People still scheduled on the shift once the absence is counted. */
  readonly left: number;
  /** The team's minimum for the shift code; 0 when the policy sets none. */
  readonly minimum: number;
}

/** Staffing left on each shift, given how many are scheduled now and who would be taken off. */
export function staffingAfter(
  shifts: readonly { readonly date: LocalDate; readonly shiftCode: string }[],
  scheduled: (date: LocalDate, shiftCode: string) => number,
  minimums: Readonly<Record<string, number>>,
  takenOff = 1,
): ShiftStaffing[] {
  return shifts.map(({ date, shiftCode }) => ({
    date,
    shiftCode,
    left: Math.max(0, scheduled(date, shiftCode) - takenOff),
    minimum: minimums[shiftCode] ?? 0,
  }));
}

export function belowMinimum(staffing: readonly ShiftStaffing[]): ShiftStaffing[] {
  return staffing.filter((s) => s.left < s.minimum);
}
