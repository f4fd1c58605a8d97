import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/t.js';
import type { LocalDate } from '../../src/policy/time.js';
import { blockKitProblems } from '../../src/slack/blockkit-limits.js';
import { dailyDigestMessage } from '../../src/slack/digest/views.js';
import { coverageBlockBudget, coverageBlocks } from '../../src/slack/home/coverage.js';
import { teamWeekMessage } from '../../src/slack/home/team-week-views.js';
import type { TeamCoverage } from '../../src/use-cases/coverage.js';
import type { TeamWeek } from '../../src/use-cases/team-week.js';
import type { DigestLine } from '../../src/use-cases/daily-digest.js';
import { reportWeekStarting } from '../../src/policy/report-week.js';
import { shippedPolicy } from '../harness/test-app.js';

const policy = shippedPolicy();
const phone = policy.teams.phone as NonNullable<(typeof policy.teams)[string]>;
const many = <T>(n: number, item: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => item(i));
const day = (i: number) => `2026-12-${String(1 + (i % 28)).padStart(2, '0')}` as LocalDate;

/** A team with a month of shifts, each with a long list of people off and pending. */
function bigCoverage(): TeamCoverage {
  const shifts = many(31, (i) => i).flatMap((i) =>
    ['R', 'C', 'W'].map((shiftCode) => ({
      date: day(i),
      shiftCode,
      scheduled: 1,
      minimum: 2,
      belowMinimum: true,
      absent: many(12, (j) => ({
        personId: `U${j}`,
        name: `Somebody with a long name ${j} <x>`,
        requestId: j,
        type: j % 2 === 0 ? 'sick' : undefined,
      })),
      pendingDrops: many(4, (j) => ({ requestId: 100 + j, personId: `U${j}`, name: `Pending ${j}`, left: 0, type: undefined })),
    })),
  );
  return { team: phone, firstDay: day(0), days: 31, shifts };
}

describe('the Coverage section', () => {
  it('takes at most its block budget and stays within Slack’s limits, however many teams and lines', () => {
    const view = { t: translator('en'), locale: 'en' as const, policy };
    const blocks = coverageBlocks({ teams: many(20, () => bigCoverage()) }, view);
    expect(blocks.length).toBeLessThanOrEqual(coverageBlockBudget);
    expect(blockKitProblems('home', blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).toContain('… and 8 more team(s)');
    expect(JSON.stringify(blocks)).toContain('more line(s)');
  });

  it('shows nothing to someone who looks after no team', () => {
    expect(coverageBlocks(undefined, { t: translator('zh-CN'), locale: 'zh-CN' })).toEqual([]);
  });
});

describe('the daily digest and the meeting pack', () => {
  it('stay within a message’s limits', () => {
    const view = { t: translator('zh-CN'), locale: 'zh-CN' as const, policy };
    const names = many(400, (i) => `Agent number ${i}`);
    const reportWeek = reportWeekStarting('2026-11-30' as LocalDate, phone.rules.report, phone.timezone);
    const waiting: DigestLine[] = [
      { kind: 'team_reports', week: reportWeek, missing: names, late: names, dueAt: new Date('2026-12-01T00:00:00Z') },
      { kind: 'missed_handovers', month: '2026-12', people: names.map((name, i) => ({ name, count: i })), dueAt: undefined },
      ...many(300, (i) => ({
        kind: 'leave' as const,
        name: `Person ${i}`,
        firstDay: day(i),
        lastDay: day(i + 1),
        dueAt: new Date('2026-12-09T00:00:00Z'),
      })),
    ];
    const digest = dailyDigestMessage(
      { team: phone, day: day(0), coverage: bigCoverage(), at: new Date('2026-12-02T00:00:00Z'), waiting },
      view,
    );
    expect(blockKitProblems('message', digest.blocks)).toEqual([]);
    const week: TeamWeek = {
      team: phone,
      week: reportWeek,
      pastDeadline: true,
      summaries: { onTime: names, late: names, missing: names },
      leave: names.map((name, i) => ({ requestId: i, personId: `U${i}`, name, type: undefined, firstDay: day(i), lastDay: day(i) })),
      swaps: names.map((name, i) => ({
        requesterName: name,
        colleagueName: name,
        giveDate: day(i),
        giveShift: 'R',
        takeDate: null,
        takeShift: null,
      })),
      refusals: names.map((name, i) => ({ shiftDate: day(i), shiftCode: 'R', reason: 'record_unclear', byName: name })),
      missed: names.map((name, i) => ({ shiftDate: day(i), shiftCode: 'W', names: [name] })),
    };
    const pack = teamWeekMessage(
      many(12, () => week),
      view,
    );
    expect(blockKitProblems('message', pack.blocks)).toEqual([]);
    expect(JSON.stringify(pack.blocks)).toContain('另有 4 个团队未列出');
  });
});

describe('the daily digest’s “waiting for you”', () => {
  const week = reportWeekStarting('2026-11-30' as LocalDate, phone.rules.report, phone.timezone);
  const at = new Date('2026-12-02T00:00:00Z');
  const lines: DigestLine[] = [
    { kind: 'leave', name: 'Bo', firstDay: day(2), lastDay: day(3), dueAt: new Date('2026-12-01T12:00:00Z') },
    { kind: 'swap', as: 'colleague', name: 'Cy', date: day(3), shiftCode: 'W', dueAt: new Date('2026-12-03T04:00:00Z') },
    { kind: 'swap', as: 'lead', name: 'Cy', date: day(3), shiftCode: 'W', dueAt: new Date('2026-12-03T04:00:00Z') },
    {
      kind: 'handover',
      as: 'incoming',
      refused: false,
      name: 'Amy',
      date: day(1),
      shiftCode: 'R',
      dueAt: new Date('2026-12-02T00:45:00Z'),
    },
    { kind: 'handover', as: 'lead', refused: false, name: 'Amy', date: day(0), shiftCode: 'W', dueAt: new Date('2026-12-01T00:45:00Z') },
    { kind: 'handover', as: 'lead', refused: true, name: 'Amy', date: day(0), shiftCode: 'R', dueAt: undefined },
    { kind: 'handover', as: 'author', refused: true, name: 'Me', date: day(0), shiftCode: 'C', dueAt: undefined },
    { kind: 'proof', as: 'approver', name: 'Dee', firstDay: day(0), lastDay: day(0), dueAt: new Date('2026-12-01T01:30:00Z') },
    { kind: 'proof', as: 'owner', name: 'Me', firstDay: day(0), lastDay: day(0), dueAt: undefined },
    { kind: 'report', week, dueAt: week.dueAt },
    { kind: 'team_reports', week, missing: ['Eve', 'Fay'], late: ['Gus'], dueAt: week.dueAt },
    { kind: 'missed_handovers', month: '2026-12', people: [{ name: 'Bo', count: 2 }], dueAt: undefined },
  ];
  const textOf = (locale: 'en' | 'zh-CN') =>
    JSON.stringify(
      dailyDigestMessage(
        { team: phone, day: day(1), coverage: { team: phone, firstDay: day(1), days: 2, shifts: [] }, at, waiting: lines },
        { t: translator(locale), locale },
      ).blocks,
    );

  it('names every kind of item the Home inbox has, with its deadline, in both languages', () => {
    const en = textOf('en');
    for (const line of [
      '*Waiting for you* (12)',
      'Leave of Bo: Thu 3 Dec – Fri 4 Dec · due Tue 1 Dec 20:00, passed',
      'Cy asks to swap with you: Fri 4 Dec W · by Thu 3 Dec 12:00',
      'Swap asked by Cy: Fri 4 Dec W',
      'Handover of Wed 2 Dec R from Amy to take over · by Wed 2 Dec 08:45',
      'Handover of Tue 1 Dec W by Amy: nobody took it over',
      'Handover of Tue 1 Dec R by Amy: refused',
      'Your handover of Tue 1 Dec C was refused',
      'Proof overdue: Dee, leave Tue 1 Dec – Tue 1 Dec',
      'Proof owed for your leave Tue 1 Dec – Tue 1 Dec',
      'Your weekly summary, week of Mon 30 Nov – Sun 6 Dec',
      'Weekly summaries, week of Mon 30 Nov – Sun 6 Dec: 2 missing (Eve, Fay); 1 late (Gus)',
      'Missed handovers in December 2026: Bo (2)',
    ])
      expect(en).toContain(line);
    const zh = textOf('zh-CN');
    for (const line of [
      '*等你处理* (12)',
      'Cy 想和你换班:12月4日 周五 W · 截止 12月3日 周四 12:00',
      'Amy 的 12月2日 周三 R 交接待你接收',
      'Amy 的 12月1日 周二 W 交接无人接收',
      'Amy 的 12月1日 周二 R 交接被拒收',
      '你的 12月1日 周二 C 交接被拒收',
      '证明材料逾期:Dee,12月1日 周二 – 12月1日 周二 的请假',
      '你 12月1日 周二 – 12月1日 周二 的请假还欠证明材料',
      '11月30日 周一 – 12月6日 周日 这一周的工作总结:缺交 2 人(Eve、Fay);迟交 1 人(Gus)',
      '2026年12月 漏交接:Bo(2 次)',
    ])
      expect(zh).toContain(line);
    // a DM, but no leave type: the lines say "leave" whatever kind it is
    expect(en).not.toMatch(/Sick|Annual|Personal/);
    expect(zh).not.toMatch(/病假|年假|事假/);
  });
});
