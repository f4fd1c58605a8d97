import { describe, expect, it } from 'vitest';
import {
  charactersMissing,
  consecutiveMisses,
  countedMisses,
  coversWeek,
  escalationFor,
  humanLength,
  owesReport,
  reachesManagerAlert,
  shiftsStartedBy,
  writtenLength,
  type WeekDuty,
} from '../../src/policy/report.js';
import {
  digestDue,
  dueReminder,
  isLate,
  isOpen,
  reportWeekAt,
  reportWeekStarting,
  weekStartOf,
  type ReportRules,
} from '../../src/policy/report-week.js';
import { addDays, toLocalDate, type LocalDate } from '../../src/policy/time.js';
import { shippedPolicy } from '../harness/test-app.js';

const rules: ReportRules = shippedPolicy().rules.report;
const day = (text: string) => toLocalDate(text) as LocalDate;

describe('the report week, in the team time zone', () => {
  it('runs Monday to Sunday, due Saturday 17:00 with reminders at 10:00 and 16:00 Shanghai time', () => {
    const week = reportWeekAt(new Date('2026-11-25T04:00:00Z'), rules, 'Asia/Shanghai');
    expect(week).toMatchObject({ start: '2026-11-23', end: '2026-11-29' });
    expect(week.dueAt.toISOString()).toBe('2026-11-28T09:00:00.000Z');
    expect(week.remindAt.map((d) => d.toISOString())).toEqual(['2026-11-28T02:00:00.000Z', '2026-11-28T08:00:00.000Z']);
    expect(week.closesAt.toISOString()).toBe('2026-11-29T16:00:00.000Z');
  });

  it('takes the day in the team time zone: Sunday 20:00 UTC is already Monday in Shanghai', () => {
    const instant = new Date('2026-11-29T20:00:00Z');
    expect(reportWeekAt(instant, rules, 'Asia/Shanghai').start).toBe('2026-11-30');
    expect(reportWeekAt(instant, rules, 'Europe/London').start).toBe('2026-11-23');
  });

  it('keeps the deadline at 17:00 local time across a daylight-saving change', () => {
    // Europe/London leaves summer time on Sunday 25 October 2026
    expect(reportWeekStarting(day('2026-10-19'), rules, 'Europe/London').dueAt.toISOString()).toBe('2026-10-24T16:00:00.000Z');
    expect(reportWeekStarting(day('2026-10-26'), rules, 'Europe/London').dueAt.toISOString()).toBe('2026-10-31T17:00:00.000Z');
  });

  it('starts on the weekday the policy names', () => {
    expect(weekStartOf(day('2026-11-25'), 'monday')).toBe('2026-11-23');
    expect(weekStartOf(day('2026-11-23'), 'monday')).toBe('2026-11-23');
    expect(weekStartOf(day('2026-11-22'), 'monday')).toBe('2026-11-16');
    expect(weekStartOf(day('2026-11-25'), 'sunday')).toBe('2026-11-22');
    const sundayWeeks = reportWeekStarting(day('2026-11-22'), { ...rules, week_starts: 'sunday' }, 'Asia/Shanghai');
    expect(sundayWeeks.end).toBe('2026-11-28');
    expect(sundayWeeks.dueAt.toISOString()).toBe('2026-11-28T09:00:00.000Z');
  });

  it('is late only after the deadline, and open until the week ends', () => {
    const week = reportWeekStarting(day('2026-11-23'), rules, 'Asia/Shanghai');
    expect(isLate(new Date('2026-11-28T09:00:00Z'), week)).toBe(false);
    expect(isLate(new Date('2026-11-28T09:00:01Z'), week)).toBe(true);
    expect(isOpen(new Date('2026-11-29T15:59:59Z'), week)).toBe(true);
    expect(isOpen(new Date('2026-11-29T16:00:00Z'), week)).toBe(false);
  });

  it('sends the latest reminder that is due, none before the first or after the deadline', () => {
    const week = reportWeekStarting(day('2026-11-23'), rules, 'Asia/Shanghai');
    expect(dueReminder(new Date('2026-11-28T01:59:00Z'), week)).toBeUndefined();
    expect(dueReminder(new Date('2026-11-28T02:00:00Z'), week)).toBe(0);
    expect(dueReminder(new Date('2026-11-28T07:59:00Z'), week)).toBe(0);
    expect(dueReminder(new Date('2026-11-28T08:30:00Z'), week)).toBe(1); // down at 10:00 and 16:00: only the 16:00 one
    expect(dueReminder(new Date('2026-11-28T09:00:00Z'), week)).toBeUndefined();
  });

  it('has the digest due from the deadline until the week ends', () => {
    const week = reportWeekStarting(day('2026-11-23'), rules, 'Asia/Shanghai');
    expect(digestDue(new Date('2026-11-28T08:59:00Z'), week)).toBe(false);
    expect(digestDue(new Date('2026-11-28T09:00:00Z'), week)).toBe(true);
    expect(digestDue(new Date('2026-11-29T15:59:00Z'), week)).toBe(true);
    expect(digestDue(new Date('2026-11-29T16:00:00Z'), week)).toBe(false);
  });
});

describe('who owes a report', () => {
  const week = { start: day('2026-11-23'), end: day('2026-11-29') };
  const agent: WeekDuty = { role: 'agent', active: true, shiftsWorked: 3, leaveDays: new Set() };
  const wholeWeek = new Set(Array.from({ length: 7 }, (_, i) => addDays(week.start, i)));

  it('is an active agent rostered at least once that week', () => {
    expect(owesReport(agent, week, rules)).toBe(true);
    expect(owesReport({ ...agent, shiftsWorked: 0 }, week, rules)).toBe(false);
    expect(owesReport({ ...agent, active: false }, week, rules)).toBe(false);
    expect(owesReport({ ...agent, role: 'lead' }, week, rules)).toBe(false);
  });

  it('is every active agent when the policy says all_agents', () => {
    expect(owesReport({ ...agent, shiftsWorked: 0 }, week, { owed_by: 'all_agents' })).toBe(true);
  });

  it('is nobody on approved leave the whole week, but someone on leave part of it', () => {
    expect(coversWeek(wholeWeek, week)).toBe(true);
    expect(owesReport({ ...agent, leaveDays: wholeWeek }, week, { owed_by: 'all_agents' })).toBe(false);
    const allButSunday = new Set([...wholeWeek].filter((d) => d !== '2026-11-29'));
    expect(owesReport({ ...agent, leaveDays: allButSunday }, week, rules)).toBe(true);
  });
});

describe('counting characters the way a person does', () => {
  it.each([
    ['本周处理投诉十二件', 9],
    ['Closed 12 tickets', 17],
    ['👍', 1],
    ['👨‍👩‍👧‍👦', 1], // one family emoji, seven code points
    ['🇨🇳', 1],
    ['e\u0301', 1], // e + combining accent
    ['  完成  培训\n\n\n下周  ', 8], // runs of spaces count once, ends not at all
    ['', 0],
  ])('%j is %i characters', (text, count) => expect(humanLength(text)).toBe(count));

  it('leaves the pre-filled facts out unless the person changed them', () => {
    const facts = ['Shifts worked: Mon R, Tue R', 'Leave: none'];
    expect(writtenLength([`${facts.join('\n')}\n多接电话`, '改进'], facts)).toBe(6);
    expect(writtenLength(['Shifts worked: Mon R, Tue R, Wed R', ''], facts)).toBe(humanLength('Shifts worked: Mon R, Tue R, Wed R'));
  });

  it('says how many more are needed', () => {
    expect(charactersMissing(150, rules)).toBe(50);
    expect(charactersMissing(250, rules)).toBe(0);
  });
});

describe('escalation by miss count', () => {
  it.each([
    [0, undefined],
    [1, '50 yuan deducted'],
    [2, '100 yuan deducted'],
    [3, '200 yuan deducted'],
    [4, "Month's pay withheld"],
    [5, 'Automatic dismissal'],
    [9, 'Automatic dismissal'],
  ])('miss %i means %s', (count, meaning) => expect(escalationFor(count, rules)?.en).toBe(meaning));

  it('counts misses in a row back from the latest week', () => {
    const missed = new Set(['2026-11-09', '2026-11-16', '2026-11-23', '2026-10-26']);
    expect(consecutiveMisses(missed, day('2026-11-23'))).toBe(3);
    expect(consecutiveMisses(missed, day('2026-11-30'))).toBe(0);
    expect(reachesManagerAlert(3, rules)).toBe(true);
    expect(reachesManagerAlert(2, rules)).toBe(false);
  });

  it('leaves out a miss whose week approved leave now covers whole, even in two requests, but not one covered in part', () => {
    const missed = new Set([day('2026-11-09'), day('2026-11-16'), day('2026-11-23')]);
    const leave = [
      { firstDay: day('2026-11-14'), lastDay: day('2026-11-19') },
      { firstDay: day('2026-11-20'), lastDay: day('2026-11-22') },
      { firstDay: day('2026-11-23'), lastDay: day('2026-11-28') },
    ];
    expect([...countedMisses(missed, leave, new Set())].sort()).toEqual(['2026-11-09', '2026-11-23']);
  });

  it('leaves out a miss whose report came in late, before the week ended: late is not missing', () => {
    const missed = new Set([day('2026-11-09'), day('2026-11-16'), day('2026-11-23')]);
    const counted = countedMisses(missed, [], new Set([day('2026-11-16'), day('2026-11-30')]));
    expect([...counted].sort()).toEqual(['2026-11-09', '2026-11-23']);
    expect(consecutiveMisses(counted, day('2026-11-23'))).toBe(1);
  });
});

describe('shifts worked, as facts', () => {
  const shifts = shippedPolicy().shifts;
  it('are the shifts that have started by the moment, one in progress included; a code the policy no longer has is kept', () => {
    const rows = [
      { date: day('2026-11-23'), shiftCode: 'W' },
      { date: day('2026-11-25'), shiftCode: 'R' },
      { date: day('2026-11-25'), shiftCode: 'C' },
      { date: day('2026-11-28'), shiftCode: 'R' },
      { date: day('2026-11-28'), shiftCode: 'OLD' },
    ];
    // Wednesday 08:30 Shanghai: R starts, C (09:30) has not
    const started = shiftsStartedBy(rows, new Date('2026-11-25T00:30:00Z'), shifts, 'Asia/Shanghai');
    expect(started.map((r) => `${r.date} ${r.shiftCode}`)).toEqual(['2026-11-23 W', '2026-11-25 R', '2026-11-28 OLD']);
    expect(shiftsStartedBy(rows, new Date('2026-11-25T00:29:00Z'), shifts, 'Asia/Shanghai').map((r) => r.shiftCode)).toEqual(['W', 'OLD']);
  });
});

describe('humanLength on long text', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const whole = (text: string) => [...segmenter.segment(text.trim().replace(/\s+/gu, ' '))].length;

  it('counts as the whole text is segmented, across the windows it is read in', () => {
    for (const text of ['ab👍🏽c\u0301 中 '.repeat(500), '🇨🇳'.repeat(300), `${'x'.repeat(255)}👨‍👩‍👧‍👦y`, `${'x'.repeat(254)}\r\nz`])
      expect(humanLength(text)).toBe(whole(text));
  });

  // Segmenting a 200,000-character string at once takes minutes; by windows, well under a second.
  it('counts two fields of 200,000 characters in linear time', { timeout: 20_000 }, () => {
    expect(writtenLength(['中'.repeat(200_000), 'a'.repeat(200_000)], [])).toBe(400_000);
  });
});
