import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { absenceConsequences, absenceCounts, proofOverdueAbsence } from '../../../src/policy/attendance/absence.js';
import { placeClockTime, punctuality } from '../../../src/policy/attendance/clock-times.js';
import { fullAttendance } from '../../../src/policy/attendance/full-attendance.js';
import { settleHours, workingDays } from '../../../src/policy/attendance/hours.js';
import { latenessPoints, shiftLateness } from '../../../src/policy/attendance/lateness.js';
import { nightAllowance } from '../../../src/policy/attendance/night-allowance.js';
import { parsePolicy } from '../../../src/policy/policy-file.js';
import type { LocalDate } from '../../../src/policy/time.js';

const policy = parsePolicy(readFileSync(path.resolve(import.meta.dirname, '../../../policy.yml'), 'utf8'));
const attendance = policy.rules.attendance;
const d = (text: string) => text as LocalDate;
const december = { first: d('2026-12-01'), last: d('2026-12-31') };
const shanghai = 'Asia/Shanghai';
const W = policy.shifts.W as NonNullable<(typeof policy.shifts)['W']>;
const R = policy.shifts.R as NonNullable<(typeof policy.shifts)['R']>;

describe('a shift’s clock-in record', () => {
  it('measures minutes late and left early against the shift’s times in the team’s zone, across midnight', () => {
    const clockedIn = placeClockTime(d('2026-12-03'), '20:42', new Date('2026-12-03T12:30:00Z'), shanghai) as Date;
    const clockedOut = placeClockTime(d('2026-12-03'), '08:10', new Date('2026-12-04T00:30:00Z'), shanghai) as Date;
    expect(clockedOut).toEqual(new Date('2026-12-04T00:10:00Z'));
    expect(punctuality(d('2026-12-03'), W, shanghai, { clockedIn, clockedOut })).toMatchObject({
      minutesLate: 12,
      minutesLeftEarly: 20,
      missingClockIn: false,
      missingClockOut: false,
    });
    // the same wall-clock times in Singapore's zone are an hour earlier in UTC, so nothing changes
    expect(punctuality(d('2026-12-03'), W, 'Asia/Singapore', { clockedIn: null, clockedOut: null })).toMatchObject({
      minutesLate: 0,
      minutesLeftEarly: 0,
      missingClockIn: true,
      missingClockOut: true,
    });
  });
});

describe('lateness (attendance.*)', () => {
  it('counts a late arrival and an early leave of one shift as two', () => {
    expect(shiftLateness({ minutesLate: 10, minutesLeftEarly: 5 }, attendance)).toEqual({ occurrences: 2, absence: false, worked: true });
    expect(shiftLateness({ minutesLate: 0, minutesLeftEarly: 0 }, attendance)).toEqual({ occurrences: 0, absence: false, worked: true });
  });

  it('late_counts_as_absence_after: later than it is absence, not lateness', () => {
    expect(attendance.late_counts_as_absence_after).toBe(30);
    expect(shiftLateness({ minutesLate: 30, minutesLeftEarly: 0 }, attendance)).toEqual({ occurrences: 1, absence: false, worked: true });
    expect(shiftLateness({ minutesLate: 31, minutesLeftEarly: 0 }, attendance)).toEqual({ occurrences: 0, absence: true, worked: true });
    expect(shiftLateness({ minutesLate: 0, minutesLeftEarly: 45 }, attendance)).toMatchObject({ absence: true });
    expect(shiftLateness({ minutesLate: 31, minutesLeftEarly: 0 }, { ...attendance, late_counts_as_absence_after: 60 })).toMatchObject({
      occurrences: 1,
      absence: false,
    });
  });

  it('late_counts_as_absence_up_to: later than it the shift is not counted as worked either', () => {
    expect(attendance.late_counts_as_absence_up_to).toBe(180);
    expect(shiftLateness({ minutesLate: 180, minutesLeftEarly: 0 }, attendance)).toMatchObject({ absence: true, worked: true });
    expect(shiftLateness({ minutesLate: 181, minutesLeftEarly: 0 }, attendance)).toMatchObject({ absence: true, worked: false });
    expect(shiftLateness({ minutesLate: 181, minutesLeftEarly: 0 }, { ...attendance, late_counts_as_absence_up_to: 240 })).toMatchObject({
      worked: true,
    });
  });

  it('tolerated_late_per_month, points_per_late, extra_points_over_late_count, extra_points', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => latenessPoints(n, attendance))).toEqual([0, 0, 2, 4, 6 + 5, 8 + 5]);
    expect(latenessPoints(2, { ...attendance, tolerated_late_per_month: 2 })).toBe(0);
    expect(latenessPoints(3, { ...attendance, points_per_late: 3 })).toBe(6);
    expect(latenessPoints(4, { ...attendance, extra_points_over_late_count: 4 })).toBe(6);
    expect(latenessPoints(4, { ...attendance, extra_points: 10 })).toBe(16);
  });
});

describe('absence (leave.absence.*)', () => {
  const absent = (...dates: string[]) => dates.map((date) => ({ date: d(date), cause: 'no_clock_in' as const }));

  it('counts days in the month and the year, and the longest run over duty days', () => {
    const counts = absenceCounts({
      month: december,
      // duty on 1, 2, 4 (3 is a day off), 5 and 7; absent on 2, 4 and 5 (a run of three), and once in March
      dutyDays: ['2026-03-10', '2026-12-01', '2026-12-02', '2026-12-04', '2026-12-05', '2026-12-07'].map(d),
      absent: absent('2026-03-10', '2026-12-02', '2026-12-04', '2026-12-05'),
    });
    expect(counts).toEqual({
      month: 3,
      year: 4,
      longestRun: 3,
      yearDays: ['2026-03-10', '2026-12-02', '2026-12-04', '2026-12-05'],
      runs: [['2026-03-10'], ['2026-12-02', '2026-12-04', '2026-12-05']],
    });
  });

  it('a worked day breaks the run; two absences on one day are one day', () => {
    const counts = absenceCounts({
      month: december,
      dutyDays: ['2026-12-01', '2026-12-02', '2026-12-03'].map(d),
      absent: [...absent('2026-12-01', '2026-12-03'), { date: d('2026-12-03'), cause: 'late' }],
    });
    expect(counts).toEqual({
      month: 2,
      year: 2,
      longestRun: 1,
      yearDays: ['2026-12-01', '2026-12-03'],
      runs: [['2026-12-01'], ['2026-12-03']],
    });
  });

  it('contract_consecutive_days, contract_days_per_year, bonus_forfeit_days_per_month', () => {
    const rules = policy.rules.leave.absence;
    expect(absenceConsequences({ month: 2, year: 2, longestRun: 2 }, rules)).toEqual({ contractMayEnd: false, bonusForfeited: false });
    expect(absenceConsequences({ month: 1, year: 1, longestRun: 3 }, rules)).toMatchObject({ contractMayEnd: true });
    expect(absenceConsequences({ month: 1, year: 3, longestRun: 1 }, rules)).toMatchObject({ contractMayEnd: true });
    expect(absenceConsequences({ month: 3, year: 3, longestRun: 1 }, rules)).toMatchObject({ bonusForfeited: true });
    expect(
      absenceConsequences({ month: 1, year: 3, longestRun: 3 }, { ...rules, contract_consecutive_days: 4, contract_days_per_year: 4 }),
    ).toMatchObject({
      contractMayEnd: false,
    });
    expect(absenceConsequences({ month: 3, year: 3, longestRun: 1 }, { ...rules, bonus_forfeit_days_per_month: 4 })).toMatchObject({
      bonusForfeited: false,
    });
  });

  it('leave whose proof was still owed past its deadline is absence on the days it took off', () => {
    const days = [d('2026-12-03'), d('2026-12-04')];
    expect(proofOverdueAbsence({ proof: 'owed', proofOverdue: true, days })).toEqual([
      { date: '2026-12-03', cause: 'proof_overdue' },
      { date: '2026-12-04', cause: 'proof_overdue' },
    ]);
    expect(proofOverdueAbsence({ proof: 'owed', proofOverdue: false, days })).toEqual([]);
    expect(proofOverdueAbsence({ proof: 'attached', proofOverdue: true, days })).toEqual([]);
  });
});

describe('hours (hours.*)', () => {
  it('working_days: the month’s weekdays, less days off, plus extra working days', () => {
    expect(workingDays(december, policy.rules.hours.working_days)).toBe(23);
    const days = { weekdays: policy.rules.hours.working_days.weekdays, days_off: [d('2026-12-25')], extra_working_days: [d('2026-12-26')] };
    expect(workingDays(december, { ...days, extra_working_days: [] })).toBe(22);
    expect(workingDays(december, days)).toBe(23);
    expect(workingDays(december, { ...days, weekdays: ['saturday', 'sunday'], days_off: [] })).toBe(8);
  });

  it('standard_day_hours: the standard, with the excess as comp time and the shortfall owed', () => {
    expect(settleHours({ worked: 187, paidLeave: 0, workingDays: 23 }, policy.rules.hours)).toEqual({
      standard: 184,
      counted: 187,
      over: 3,
      short: 0,
    });
    expect(settleHours({ worked: 176, paidLeave: 4.5, workingDays: 23 }, policy.rules.hours)).toEqual({
      standard: 184,
      counted: 180.5,
      over: 0,
      short: 3.5,
    });
    expect(settleHours({ worked: 187, paidLeave: 0, workingDays: 23 }, { ...policy.rules.hours, standard_day_hours: 7.5 })).toMatchObject({
      standard: 172.5,
      over: 14.5,
    });
  });
});

describe('night allowance (shifts.*.night_allowance)', () => {
  it('pays each worked shift that has one', () => {
    expect(nightAllowance([W, R, W])).toEqual({ nights: 2, allowance: 20 });
    expect(nightAllowance([{ ...W, night_allowance: 15 }, R])).toEqual({ nights: 1, allowance: 15 });
    expect(nightAllowance([R])).toEqual({ nights: 0, allowance: 0 });
  });
});

describe('the full-attendance award', () => {
  const clean = { lateOrEarly: 0, absences: 0, leaveDays: { annual: 2 }, voluntarySwaps: 2, daysWithoutClockData: 0 };
  const rules = policy.rules;

  it('is kept with annual leave and up to swap.full_attendance_max_swaps swaps', () => {
    expect(fullAttendance(clean, rules)).toEqual({ award: 'yes', reasons: [] });
  });

  it('is lost to any lateness, absence, excluded leave type or one swap too many, naming each reason', () => {
    expect(
      fullAttendance({ ...clean, lateOrEarly: 1, absences: 1, leaveDays: { sick: 1, personal: 2 }, voluntarySwaps: 3 }, rules),
    ).toEqual({
      award: 'no',
      reasons: [
        { code: 'attendance.award.late', params: { count: 1 } },
        { code: 'attendance.award.absence', params: { count: 1 } },
        { code: 'attendance.award.leave', params: { type: 'personal', days: 2 } },
        { code: 'attendance.award.leave', params: { type: 'sick', days: 1 } },
        { code: 'attendance.award.swaps', params: { count: 3, max: 2 } },
      ],
    });
  });

  it('attendance.full_attendance_excludes_leave and swap.full_attendance_max_swaps decide', () => {
    const excludesAnnual = { ...rules, attendance: { ...rules.attendance, full_attendance_excludes_leave: ['annual'] } };
    expect(fullAttendance(clean, excludesAnnual).award).toBe('no');
    expect(fullAttendance({ ...clean, leaveDays: { sick: 1 } }, excludesAnnual).award).toBe('yes');
    expect(fullAttendance({ ...clean, voluntarySwaps: 3 }, { ...rules, swap: { ...rules.swap, full_attendance_max_swaps: 3 } }).award).toBe(
      'yes',
    );
  });

  it('cannot be told while duty days have no clock-in data', () => {
    expect(fullAttendance({ ...clean, daysWithoutClockData: 4 }, rules)).toEqual({
      award: 'unknown',
      reasons: [{ code: 'attendance.award.no_clock_data', params: { days: 4 } }],
    });
  });
});
