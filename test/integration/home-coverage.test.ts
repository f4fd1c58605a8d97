import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaveCoveredShifts, leaveRequests, leaveApprovalSteps, weeklyReports } from '../../src/db/schema.js';
import { homeIds } from '../../src/slack/ids.js';
import { coverageBlockBudget } from '../../src/slack/home/coverage.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import type { LocalDate } from '../../src/policy/time.js';
import { textOf } from '../fixtures/blocks-text.js';

// Wed 2 Dec 10:00 in Shanghai
const now = '2026-12-02T02:00:00Z';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ now });
  for (const [id, locale] of [
    ['U0GM', 'zh-CN'],
    ['U0MGR', 'en-US'],
    ['U0LEAD', 'zh-CN'],
    ['U0ELEAD', 'en-US'],
    ['U0A1', 'en-US'],
    ['U0A2', 'en-US'],
    ['U0A3', 'en-US'],
  ] as const)
    app.fake.addUser({ id, name: id, locale });
  await insertPeople(app.db, [
    aPerson({ slackId: 'U0GM', name: 'GM', role: 'gm' }),
    aPerson({ slackId: 'U0MGR', name: 'Manager', role: 'manager', reportsTo: 'U0GM' }),
    aPerson({ slackId: 'U0LEAD', name: '张伟', role: 'lead', reportsTo: 'U0MGR' }),
    aPerson({ slackId: 'U0ELEAD', name: 'Eve Lead', role: 'lead', reportsTo: 'U0MGR' }),
    aPerson({ slackId: 'U0A1', name: 'Amy <Chen>', reportsTo: 'U0LEAD' }),
    aPerson({ slackId: 'U0A2', name: 'Bo', reportsTo: 'U0LEAD' }),
    aPerson({ slackId: 'U0A3', name: 'Cy', reportsTo: 'U0LEAD' }),
  ]);
  await insertShifts(app.db, [
    { personId: 'U0A1', date: '2026-12-02', shiftCode: 'R', status: 'on_leave' },
    { personId: 'U0A2', date: '2026-12-02', shiftCode: 'R' },
    { personId: 'U0A3', date: '2026-12-02', shiftCode: 'W' },
    { personId: 'U0A3', date: '2026-12-01', shiftCode: 'R' },
  ]);
  const [leave] = await app.db
    .insert(leaveRequests)
    .values({
      submissionKey: 'k1',
      personId: 'U0A1',
      teamId: 'phone',
      type: 'sick',
      firstDay: '2026-12-02' as LocalDate,
      lastDay: '2026-12-02' as LocalDate,
      reason: 'flu and fever',
      status: 'approved',
      calendarDays: 1,
      leaveDays: 1,
      hours: 11,
      noticeMinutes: 60,
      lateNotice: true,
      proof: 'owed',
    })
    .returning();
  await app.db.insert(leaveCoveredShifts).values({ requestId: leave?.id ?? 0, date: '2026-12-02' as LocalDate, shiftCode: 'R' });
  await app.db
    .insert(leaveApprovalSteps)
    .values({ requestId: leave?.id ?? 0, position: 0, role: 'lead', approverId: 'U0LEAD', status: 'approved' });
  await app.db.insert(weeklyReports).values({
    personId: 'U0A3',
    teamId: 'phone',
    weekStart: '2026-11-30' as LocalDate,
    done: 'x'.repeat(200),
    improve: 'y',
    late: false,
    submittedAt: new Date(now),
  });
});

afterAll(async () => {
  await app?.stop();
});

async function openHome(user: string) {
  app.fake.clearCalls();
  await app.slack.event({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home' });
  const call = await app.fake.waitForCall('views.publish', (c) => c.args.user_id === user);
  expect(call.ok).toBe(true);
  return call.args.view as { blocks: { type: string; accessory?: { action_id?: string } }[] };
}

const coverageOf = (view: { blocks: { type: string; accessory?: { action_id?: string } }[] }) => {
  const start = view.blocks.findIndex((b) => b.accessory?.action_id === homeIds.teamWeek);
  return start < 0 ? [] : view.blocks.slice(start - 1, -2);
};

describe('the Home tab’s Coverage section', () => {
  it('shows a lead, in their language, each shift against its minimum and who is off as absent, never the reason or the sick-leave type', async () => {
    const view = await openHome('U0LEAD');
    const text = JSON.stringify(coverageOf(view));
    expect(text).toContain('*排班覆盖* — 未来 7 天');
    expect(text).toContain('*电话团队*');
    // R: one on shift of two (one absent); W: one of two; C: nobody of one
    expect(text).toContain('R *1/2* :warning:');
    expect(text).toContain('C *0/1* :warning:');
    expect(text).toContain('缺勤:Amy &lt;Chen&gt;(R)');
    expect(JSON.stringify(view)).not.toContain('flu');
    expect(JSON.stringify(view)).not.toContain('病假');
    expect(text).toContain('班务会资料');
    expect(coverageOf(view).length).toBeLessThanOrEqual(coverageBlockBudget);
    // the footer is still last
    expect(view.blocks.at(-1)?.type).toBe('context');
  });

  it('shows the GM every team, within the section’s block budget, and an agent no Coverage at all', async () => {
    const gm = await openHome('U0GM');
    const sections = coverageOf(gm);
    expect(sections.length).toBeLessThanOrEqual(coverageBlockBudget);
    for (const team of ['电话团队', '在线团队', '售后团队', '投诉团队']) expect(JSON.stringify(sections)).toContain(team);
    const agent = await openHome('U0A2');
    expect(JSON.stringify(agent)).not.toContain(homeIds.teamWeek);
    expect(JSON.stringify(agent)).not.toContain('Coverage');
  });
});

describe('the weekly meeting button', () => {
  it('sends the lead, privately, the current report week gathered, in their language', async () => {
    app.fake.clearCalls();
    await app.slack.blockAction({ userId: 'U0LEAD', actionId: homeIds.teamWeek });
    const dm = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'U0LEAD');
    expect(dm.ok).toBe(true);
    const text = JSON.stringify(dm.args.blocks);
    expect(text).toContain('班务会 — 电话团队,11月30日 周一 – 12月6日 周日 这一周');
    expect(text).toContain('按时 1 · 迟交 0 · 尚未提交 1');
    expect(text).toContain('Amy &lt;Chen&gt;:12月2日 周三 – 12月2日 周三');
    expect(text).not.toContain('flu');
    expect(text).not.toContain('病假');
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel !== 'U0LEAD')).toEqual([]);
  });

  it('sends one pack for a double click, and a fresh one when the lead asks again a minute later', async () => {
    app.clock.advance(61_000); // past the earlier test's request
    await app.running.settled();
    app.fake.clearCalls();
    const packs = () => app.fake.calls('chat.postMessage').filter((c) => c.args.channel === 'U0LEAD');
    const clicks = await Promise.all([
      app.slack.blockAction({ userId: 'U0LEAD', actionId: homeIds.teamWeek }),
      app.slack.blockAction({ userId: 'U0LEAD', actionId: homeIds.teamWeek }),
    ]);
    expect(clicks.map((c) => c.status)).toEqual([200, 200]);
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'U0LEAD');
    await app.running.settled();
    await app.slack.blockAction({ userId: 'U0LEAD', actionId: homeIds.teamWeek }); // once more within the minute: nothing more
    await app.running.settled();
    expect(packs()).toHaveLength(1);
    app.clock.advance(60_000);
    await app.slack.blockAction({ userId: 'U0LEAD', actionId: homeIds.teamWeek });
    await app.running.settled();
    expect(packs()).toHaveLength(2);
    expect(textOf(packs()[1]?.args.blocks)).toContain('班务会 — 电话团队');
  });

  it('answers the manager in English, and tells an agent who clicks it that it is not theirs', async () => {
    app.fake.clearCalls();
    await app.slack.blockAction({ userId: 'U0MGR', actionId: homeIds.teamWeek });
    const manager = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'U0MGR');
    expect(textOf(manager.args.blocks)).toContain('Weekly team meeting — Phone team, week of Mon 30 Nov – Sun 6 Dec');
    await app.slack.blockAction({ userId: 'U0A2', actionId: homeIds.teamWeek });
    const agent = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'U0A2');
    expect(agent.args.text).toBe('The weekly meeting pack is for team leads, managers and the GM.');
    expect(agent.args.blocks).toBeUndefined();
  });
});
