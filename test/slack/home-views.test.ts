import { describe, expect, it } from 'vitest';
import type { Person } from '../../src/db/schema.js';
import { translator } from '../../src/i18n/t.js';
import type { MyShift } from '../../src/policy/my-shifts.js';
import type { Locale, TeamDefinition } from '../../src/policy/policy-file.js';
import { addDays, type LocalDate } from '../../src/policy/time.js';
import { blockKitLimits, viewProblems } from '../../src/slack/blockkit-limits.js';
import { myWeekBlocks, myWeekMaxBlocks } from '../../src/slack/home/my-week.js';
import { homeView } from '../../src/slack/home/views.js';
import { aWeek } from '../fixtures/my-week.js';
import { shippedPolicy } from '../harness/test-app.js';

const policy = shippedPolicy();
const phone = policy.teams.phone as TeamDefinition;
const longName = 'Ōkubo-Wilhelmina <&> '.repeat(10);
const me = { slackId: 'U0ME', name: longName, role: 'agent', teamId: 'phone', active: true } as Person;
const other = { slackId: 'U0OTHER', name: longName, role: 'lead', teamId: 'phone', active: true } as Person;

/** Three shifts a day for 31 days, every state, each naming someone with a long name. */
function crowdedShifts(): MyShift[] {
  const states = ['scheduled', 'on_leave', 'swapped_away', 'taken_over'] as const;
  return Array.from({ length: 31 * 3 }, (_, i) => {
    const date = addDays('2026-12-01' as LocalDate, Math.floor(i / 3));
    const state = states[i % states.length] as MyShift['state'];
    return {
      date,
      shiftCode: ['R', 'C', 'W'][i % 3] as string,
      state,
      otherId: state === 'scheduled' || state === 'on_leave' ? undefined : other.slackId,
      night: i % 3 === 2,
      start: new Date(),
      end: new Date(),
      today: i < 3,
    };
  });
}

describe("the agent's Home sections within Slack's limits", () => {
  it.each(['en', 'zh-CN'] as const)(
    'stay within their 30 blocks and Slack’s text limits with 100 requests, 93 shifts and 60 comp-time credits (%s)',
    (locale: Locale) => {
      const view = { t: translator(locale), locale, policy, team: phone };
      const base = aWeek({ me, other, items: 100, shifts: crowdedShifts() });
      const credits = Array.from({ length: 60 }, (_, i) => ({
        earnedOn: addDays('2026-07-01' as LocalDate, i),
        hours: 8,
        left: 7.5,
        expiresOn: addDays('2027-01-01' as LocalDate, i),
      }));
      const week = { ...base, balances: { ...base.balances, compTime: credits } };
      const blocks = myWeekBlocks(week, view);
      expect(blocks.length).toBeLessThanOrEqual(myWeekMaxBlocks);
      const home = homeView({ person: me, team: phone, waiting: [], myWeek: week }, view);
      expect(viewProblems(home)).toEqual([]);
      expect(home.blocks.length).toBeLessThanOrEqual(blockKitLimits.viewBlocks);
      const text = JSON.stringify(home.blocks);
      expect(text).toContain(
        locale === 'en' ? '`/leave list` and `/swap list` show them all' : '输入 `/leave list` 和 `/swap list` 查看全部',
      );
      expect(text).toContain(locale === 'en' ? 'more' : '另有');
      expect(text).not.toContain('<&>');
      expect(text).not.toContain('private reason');
    },
  );
});
