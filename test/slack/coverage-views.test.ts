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
      absent: many(12, (j) => ({ personId: `U${j}`, name: `Somebody with a long name ${j} <x>`, requestId: j, type: j % 2 === 0 ? 'sick' : undefined })),
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
      ...many(300, (i) => ({ kind: 'leave' as const, name: `Person ${i}`, firstDay: day(i), lastDay: day(i + 1), dueAt: new Date('2026-12-09T00:00:00Z') })),
    ];
    const digest = dailyDigestMessage({ team: phone, day: day(0), coverage: bigCoverage(), at: new Date('2026-12-02T00:00:00Z'), waiting }, view);
    expect(blockKitProblems('message', digest.blocks)).toEqual([]);
    const week: TeamWeek = {
      team: phone,
      week: reportWeek,
      pastDeadline: true,
      summaries: { onTime: names, late: names, missing: names },
      leave: names.map((name, i) => ({ requestId: i, personId: `U${i}`, name, type: undefined, firstDay: day(i), lastDay: day(i) })),
      swaps: names.map((name, i) => ({ requesterName: name, colleagueName: name, giveDate: day(i), giveShift: 'R', takeDate: null, takeShift: null })),
      refusals: names.map((name, i) => ({ shiftDate: day(i), shiftCode: 'R', reason: 'record_unclear', byName: name })),
      missed: names.map((name, i) => ({ shiftDate: day(i), shiftCode: 'W', names: [name] })),
    };
    const pack = teamWeekMessage(many(12, () => week), view);
    expect(blockKitProblems('message', pack.blocks)).toEqual([]);
    expect(JSON.stringify(pack.blocks)).toContain('另有 4 个团队未列出');
  });
});
