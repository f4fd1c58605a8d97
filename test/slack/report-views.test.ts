import { describe, expect, it } from 'vitest';
import type { Locale, TeamDefinition } from '../../src/policy/policy-file.js';
import { escalationFor } from '../../src/policy/report.js';
import { reportWeekStarting } from '../../src/policy/report-week.js';
import type { LocalDate } from '../../src/policy/time.js';
import { blockKitProblems } from '../../src/slack/blockkit-limits.js';
import { digestMessage } from '../../src/slack/report/views.js';
import { viewIn } from '../../src/slack/view-context.js';
import type { AgentWeek, WeekSummary } from '../../src/use-cases/report-deadlines.js';
import { shippedPolicy } from '../harness/test-app.js';

const policy = shippedPolicy();
const phone = policy.teams.phone as TeamDefinition;
const week = (start: string) => reportWeekStarting(start as LocalDate, phone.rules.report, phone.timezone);

function agent(name: string, outcome: AgentWeek['outcome'], misses: readonly string[], totalLate = 0): AgentWeek {
  const sorted = [...misses].sort() as LocalDate[];
  return {
    slackId: `U0${name.toUpperCase()}`,
    name,
    digestTo: 'U0LEAD',
    locale: null,
    outcome,
    totalMisses: sorted.length,
    consecutiveMisses: outcome === 'missing' ? 1 : 0,
    lastMiss: sorted.at(-1),
    escalation: escalationFor(sorted.length, phone.rules.report),
    totalLate,
    alertManager: false,
  };
}

const agents = [
  agent('Amy', 'on_time', [], 1),
  agent('Bob', 'on_time', ['2026-11-23']),
  agent('Carol', 'missing', ['2026-11-23', '2026-11-30']),
];
const summary: WeekSummary = {
  teamId: 'phone',
  week: week('2026-11-30'),
  agents,
  lateAfterDigest: {
    week: week('2026-11-23'),
    agents: [{ slackId: 'U0AMY', name: 'Amy', digestTo: 'U0LEAD', submittedAt: new Date('2026-11-28T09:01:00Z') }],
  },
};

const linesOf = (locale: Locale) => {
  const message = digestMessage(viewIn(locale, policy, phone), summary, agents, summary.lateAfterDigest?.agents ?? []);
  expect(blockKitProblems('message', message.blocks)).toEqual([]);
  return (message.blocks as { text?: { text: string } }[]).flatMap((b) => (b.text?.text ?? '').split('\n'));
};

describe("the digest's lines", () => {
  it.each<[Locale, string[]]>([
    [
      'en',
      [
        '• Carol: missing · missed 2 week(s) in all, 1 in a row · policy for this miss: 100 yuan deducted',
        '• Amy: submitted · missed 0 week(s) in all, 0 in a row · sent late 1 week(s) in all',
        '• Bob: submitted · missed 1 week(s) in all, 0 in a row · policy for the last miss, week of Mon 23 Nov – Sun 29 Nov: 50 yuan deducted',
        '*Came in late for the week of Mon 23 Nov – Sun 29 Nov, after its digest:*',
        '• Amy: sent Sat 28 Nov 17:01',
      ],
    ],
    [
      'zh-CN',
      [
        '• Carol:未交 · 累计未交 2 周,连续 1 周 · 本次未交按制度:扣 100 元',
        '• Amy:已提交 · 累计未交 0 周,连续 0 周 · 累计迟交 1 周',
        '• Bob:已提交 · 累计未交 1 周,连续 0 周 · 最近一次未交(11月23日 周一 – 11月29日 周日 这一周)按制度:扣 50 元',
        '*11月23日 周一 – 11月29日 周日 这一周汇总发出后迟交的总结:*',
        '• Amy:11月28日 周六 17:01 提交',
      ],
    ],
  ])('say in %s which week the policy step belongs to, and what came in late after the last digest', (locale, expected) => {
    const lines = linesOf(locale);
    expect(lines.slice(lines.indexOf(expected[0] as string), lines.indexOf(expected[0] as string) + expected.length)).toEqual(expected);
  });
});
