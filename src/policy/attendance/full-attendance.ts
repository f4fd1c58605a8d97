/**
 * The full-attendance award (全勤奖), POLICY §2 and §3: no late arrival or early leave (not even a
 * tolerated one), no absence, none of the leave types of `attendance.full_attendance_excludes_leave`
 * (personal and sick by default), and at most `swap.full_attendance_max_swaps` voluntary swaps in
 * the month. Without the month's clock-in data on every duty day it cannot be decided.
 */
import type { MessageKey, MessageParams } from '../../i18n/t.js';
import type { Rules } from '../policy-file.js';

export interface AwardReason {
  readonly code: MessageKey;
  readonly params: MessageParams;
}

export interface FullAttendance {
  readonly award: 'yes' | 'no' | 'unknown';
  /** Why not (or why it cannot be told); empty when awarded. */
  readonly reasons: readonly AwardReason[];
}

export function fullAttendance(
  p: {
    readonly lateOrEarly: number;
    readonly absences: number;
    /** Days of each leave type taken in the month. */
    readonly leaveDays: Readonly<Record<string, number>>;
    readonly voluntarySwaps: number;
    readonly daysWithoutClockData: number;
  },
  rules: {
    readonly attendance: Pick<Rules['attendance'], 'full_attendance_excludes_leave'>;
    readonly swap: Pick<Rules['swap'], 'full_attendance_max_swaps'>;
  },
): FullAttendance {
  const reasons: AwardReason[] = [];
  if (p.lateOrEarly > 0) reasons.push({ code: 'attendance.award.late', params: { count: p.lateOrEarly } });
  if (p.absences > 0) reasons.push({ code: 'attendance.award.absence', params: { count: p.absences } });
  for (const type of rules.attendance.full_attendance_excludes_leave) {
    const days = p.leaveDays[type] ?? 0;
    if (days > 0) reasons.push({ code: 'attendance.award.leave', params: { type, days } });
  }
  if (p.voluntarySwaps > rules.swap.full_attendance_max_swaps)
    reasons.push({ code: 'attendance.award.swaps', params: { count: p.voluntarySwaps, max: rules.swap.full_attendance_max_swaps } });
  if (reasons.length > 0) return { award: 'no', reasons };
  if (p.daysWithoutClockData > 0)
    return { award: 'unknown', reasons: [{ code: 'attendance.award.no_clock_data', params: { days: p.daysWithoutClockData } }] };
  return { award: 'yes', reasons: [] };
}
