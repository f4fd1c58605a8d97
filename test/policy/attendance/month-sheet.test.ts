import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClockRow } from '../../../src/policy/attendance/clock-rows.js';
import { personMonth, type PersonMonthFacts, type SheetContext, type SheetLeave } from '../../../src/policy/attendance/month-sheet.js';
import { parsePolicy } from '../../../src/policy/policy-file.js';
import { addDays, shiftInterval, type LocalDate } from '../../../src/policy/time.js';

const policy = parsePolicy(readFileSync(path.resolve(import.meta.dirname, '../../../policy.yml'), 'utf8'));
const d = (text: string) => text as LocalDate;
const month = { first: d('2026-12-01'), last: d('2026-12-31') };
const zone = 'Asia/Shanghai';
const minute = 60_000;

/** A clock-in `late` minutes after the shift's start and a clock-out `early` minutes before its end. */
function clock(personId: string, date: string, shiftCode: string, late = -5, early = -5): ClockRow {
  const { start, end } = shiftInterval(d(date), policy.shifts[shiftCode] as { start: string; end: string }, zone);
  return {
    personId,
    date: d(date),
    shiftCode,
    clockedIn: new Date(start.getTime() + late * minute),
    clockedOut: new Date(end.getTime() - early * minute),
  };
}

const facts = (over: Partial<PersonMonthFacts>): PersonMonthFacts => ({
  personId: 'U0PH0NE01',
  teamId: 'phone',
  scheduled: [],
  clocks: [],
  leaves: [],
  voluntarySwaps: 0,
  missedHandovers: 0,
  missedSummaries: 0,
  compTimeApproved: 0,
  ...over,
});

const allDays = Array.from({ length: 31 }, (_, i) => addDays(month.first, i));
const context = (over: Partial<SheetContext> = {}): SheetContext => ({
  policy,
  month,
  now: new Date('2027-01-02T00:00:00Z'),
  clockDataDays: new Set(allDays.map((date) => `phone|${date}`)),
  ...over,
});

describe('a person’s month', () => {
  it('counts shifts worked, hours, nights, lateness and absences from the roster and the clock-ins', () => {
    const scheduled = [
      { date: d('2026-12-01'), shiftCode: 'R' },
      { date: d('2026-12-02'), shiftCode: 'R' },
      { date: d('2026-12-03'), shiftCode: 'W' },
      { date: d('2026-12-04'), shiftCode: 'W' },
      { date: d('2026-12-07'), shiftCode: 'R' },
    ];
    const clocks = [
      clock('U0PH0NE01', '2026-12-01', 'R', 10), // late, tolerated
      clock('U0PH0NE01', '2026-12-02', 'R', -5, 15), // left early: 2 points
      clock('U0PH0NE01', '2026-12-03', 'W', 45), // absence by lateness, still worked
      clock('U0PH0NE01', '2026-12-04', 'W'),
      { ...clock('U0PH0NE01', '2026-12-09', 'C'), clockedOut: null }, // an extra shift, no clock-out
    ];
    const row = personMonth(facts({ scheduled, clocks }), context());
    expect(row).toMatchObject({
      shiftsWorked: 5,
      hours: { standard: 184, counted: 11 + 11 + 12 + 12 + 8, over: 0, short: 184 - 54 },
      lateOrEarly: 2,
      latenessPoints: 2,
      missingClockIns: 0,
      missingClockOuts: 1,
      nights: 2,
      nightAllowance: 20,
      absences: { month: 2, year: 2, longestRun: 1, yearDays: ['2026-12-03', '2026-12-07'], runs: [['2026-12-03'], ['2026-12-07']] },
      absenceDays: [
        { date: '2026-12-03', cause: 'late' },
        { date: '2026-12-07', cause: 'no_clock_in' },
      ],
      fullAttendance: { award: 'no' },
      daysWithoutClockData: [],
    });
  });

  it('does not count as absent a shift that has not ended, one on approved leave, or one on a day without clock-in data', () => {
    const scheduled = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-30'].map((date) => ({ date: d(date), shiftCode: 'R' }));
    const sick: SheetLeave = {
      id: 7,
      type: 'sick',
      firstDay: d('2026-12-02'),
      lastDay: d('2026-12-02'),
      proof: 'attached',
      proofOverdue: false,
      proofFiles: [{ name: 'cert.jpg' }],
      covered: [{ date: d('2026-12-02'), shiftCode: 'R' }],
    };
    const row = personMonth(
      facts({ scheduled, leaves: [sick] }),
      context({ now: new Date('2026-12-30T06:00:00Z'), clockDataDays: new Set(['phone|2026-12-01', 'phone|2026-12-02']) }),
    );
    expect(row.absenceDays).toEqual([{ date: '2026-12-01', cause: 'no_clock_in' }]);
    expect(row.daysWithoutClockData).toEqual(['2026-12-03']);
    expect(row.leaveDays).toEqual({ sick: 1 });
    expect(row.leaves).toEqual([sick]);
    expect(row.fullAttendance.award).toBe('no');
  });

  it('counts sick leave whose proof is overdue as absence, and paid leave towards the hours', () => {
    const leave = (type: string, date: string, proof: SheetLeave['proof'], proofOverdue: boolean): SheetLeave => ({
      id: 1,
      type,
      firstDay: d(date),
      lastDay: d(date),
      proof,
      proofOverdue,
      proofFiles: [],
      covered: [{ date: d(date), shiftCode: 'R' }],
    });
    const row = personMonth(
      facts({ leaves: [leave('sick', '2026-12-08', 'owed', true), leave('annual', '2026-12-09', 'not_needed', false)] }),
      context(),
    );
    expect(row.absenceDays).toEqual([{ date: '2026-12-08', cause: 'proof_overdue' }]);
    expect(row.hours.counted).toBe(11);
    expect(row.leaveDays).toEqual({ sick: 1, annual: 1 });
  });

  it('takes absences earlier in the year into the year’s count and the run, and the contract fact follows', () => {
    const scheduled = ['2026-11-29', '2026-11-30', '2026-12-01'].map((date) => ({ date: d(date), shiftCode: 'R' }));
    const withData = new Set([...allDays, d('2026-11-29'), d('2026-11-30')].map((date) => `phone|${date}`));
    const row = personMonth(facts({ scheduled }), context({ clockDataDays: withData }));
    expect(row.absences).toMatchObject({ month: 1, year: 3, longestRun: 3, runs: [['2026-11-29', '2026-11-30', '2026-12-01']] });
    expect(row.consequences).toEqual({ contractMayEnd: true, bonusForfeited: false });
  });
});

describe('a person’s month, whatever the data', () => {
  const days = allDays.slice(0, 14);
  const dayArb = fc.constantFrom(...days);
  const shiftArb = fc.record({
    date: dayArb,
    shiftCode: fc.constantFrom('R', 'C', 'W'),
    late: fc.integer({ min: -20, max: 200 }),
    early: fc.integer({ min: -20, max: 60 }),
    clocked: fc.boolean(),
  });
  const arb = fc.record({
    shifts: fc.uniqueArray(shiftArb, { selector: (s) => `${s.date}|${s.shiftCode}`, maxLength: 14 }),
    dataDays: fc.subarray(days),
  });
  const run = (
    shifts: { date: LocalDate; shiftCode: string; late: number; early: number; clocked: boolean }[],
    dataDays: readonly string[],
  ) =>
    personMonth(
      facts({
        scheduled: shifts.map(({ date, shiftCode }) => ({ date, shiftCode })),
        clocks: shifts.filter((s) => s.clocked).map((s) => clock('U0PH0NE01', s.date, s.shiftCode, s.late, s.early)),
      }),
      context({ clockDataDays: new Set(dataDays.map((date) => `phone|${date}`)) }),
    );

  it('settles hours so that over − short is counted − standard, and pays a night per worked W', () => {
    fc.assert(
      fc.property(arb, ({ shifts, dataDays }) => {
        const row = run(shifts, dataDays);
        expect(Math.round((row.hours.over - row.hours.short) * 10)).toBe(Math.round((row.hours.counted - row.hours.standard) * 10));
        expect(row.nightAllowance).toBe(row.nights * 10);
        expect(row.shiftsWorked).toBeLessThanOrEqual(shifts.filter((s) => s.clocked).length);
      }),
    );
  });

  it('never counts more absence days than duty days, and never awards full attendance with lateness or absence', () => {
    fc.assert(
      fc.property(arb, ({ shifts, dataDays }) => {
        const row = run(shifts, dataDays);
        expect(row.absences.month).toBeLessThanOrEqual(new Set(shifts.map((s) => s.date)).size);
        expect(row.absences.longestRun).toBeLessThanOrEqual(row.absences.year);
        if (row.fullAttendance.award === 'yes') expect(row.lateOrEarly + row.absences.month).toBe(0);
        expect(row.latenessPoints).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('a day without clock-in data is never counted absent for a missing clock-in: fewer data days, never more absences', () => {
    fc.assert(
      fc.property(arb, fc.subarray(days), ({ shifts, dataDays }, dropped) => {
        const fewer = dataDays.filter((date) => !dropped.includes(date));
        const full = run(shifts, dataDays);
        const partial = run(shifts, fewer);
        expect(partial.absences.month).toBeLessThanOrEqual(full.absences.month);
        for (const day of partial.absenceDays) if (day.cause === 'no_clock_in') expect(fewer).toContain(day.date);
      }),
    );
  });
});
