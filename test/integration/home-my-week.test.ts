import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compTimeCredits, leaveCoveredShifts, leaveRequests, rosterEntries, swapRequests } from '../../src/db/schema.js';
import { department, ids, member, peopleOf, slackUsersOf } from '../fixtures/department.js';
import { insertPeople, insertShifts } from '../fixtures/org.js';
import { option, picked } from '../fixtures/view-state.js';
import type { RecordedCall } from '../harness/fake-slack/index.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import type { LocalDate } from '../../src/policy/time.js';
import { hasButton, textOf } from '../fixtures/blocks-text.js';

const zhao = 'U0ZHAO'; // inactive

const { lead, wang, amy, li } = ids;
const staff = [
  department.gm,
  department.manager,
  department.lead,
  { ...member(zhao, 'Zhao', 'en-US'), active: false },
  department.wang, // zh-CN
  { ...department.amy, annualLeaveDays: 10 }, // en
  department.li,
];

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T02:00:00Z', // 10:00, Tuesday 1 December, in Shanghai
    users: slackUsersOf(staff),
  });
  await insertPeople(app.db, peopleOf(staff));
  const day = (date: string, ...people: string[]) => people.map((personId) => ({ personId, date, shiftCode: 'R' }));
  await insertShifts(app.db, [
    { personId: wang, date: '2026-11-30', shiftCode: 'W' }, // ended at 08:30 today
    ...day('2026-12-01', wang, li),
    { personId: wang, date: '2026-12-02', shiftCode: 'W' },
    ...day('2026-12-03', wang, amy, li),
    ...day('2026-12-04', wang, amy, li),
    ...day('2026-12-05', amy, li),
    { personId: amy, date: '2026-12-14', shiftCode: 'R' },
    { personId: amy, date: '2026-12-15', shiftCode: 'R' }, // the 15th day: not listed
  ]);
  await app.db.insert(compTimeCredits).values({ personId: amy, earnedOn: '2026-10-01' as LocalDate, hours: 6 });
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled();
  app.fake.clearCalls();
});

async function openHome(userId: string): Promise<{
  id: string;
  text: string;
  blocks: { type: string; block_id?: string; accessory?: { action_id?: string; value?: string }; elements?: { action_id?: string }[] }[];
}> {
  await app.slack.event({ type: 'app_home_opened', user: userId, channel: app.fake.dmChannel(userId), tab: 'home' });
  const call = await app.fake.waitForCall('views.publish', (c) => c.args.user_id === userId);
  expect(call.ok).toBe(true);
  return homeOf(userId, call);
}

function homeOf(userId: string, call: RecordedCall) {
  const view = call.args.view as { blocks: never[] };
  return { id: app.fake.homeViewId(userId) as string, text: JSON.stringify(view.blocks), blocks: view.blocks };
}

async function fileLeave(userId: string, p: { type: string; first: string; last?: string; reason: string }) {
  await app.slack.slashCommand({ command: '/leave', text: '', userId });
  await app.fake.waitForCall('views.open', (c) => c.ok && (c.args.view as { callback_id?: string }).callback_id === 'leave.request');
  const viewId = app.fake.topView(userId)?.id as string;
  const reply = await app.slack.viewSubmission({
    userId,
    viewId,
    values: {
      'leave.type': { value: option(p.type) },
      'leave.first_day': { 'leave.date_picked': picked(p.first) },
      'leave.last_day': { 'leave.date_picked': picked(p.last ?? p.first) },
      'leave.reason': { value: { type: 'plain_text_input', value: p.reason } },
      'leave.proof': { value: { type: 'file_input', files: [] } },
      'leave.proof_later': { value: { type: 'checkboxes', selected_options: [] } },
    },
  });
  expect(reply.body, JSON.stringify(reply.body)).toBe('');
  await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === lead && hasButton(c.args.blocks, 'leave.approve'));
  await app.running.settled();
}

describe("an agent's Home", () => {
  it('shows my 14 days of shifts, today first and nights marked, my balances and where to start, in Chinese', async () => {
    const home = await openHome(wang);
    const text = home.text;
    expect(text).toContain('未来 14 天的班次');
    expect(text).toContain('*今天* · 12月1日 周二 · 长白班 R 08:30–20:30');
    expect(text).toContain('12月2日 周三 · 夜班 W 20:30–次日 08:30 · :crescent_moon: 夜间');
    // yesterday's shift is not listed (the weekly summary's row in "waiting for you" names its week, from Monday 30 Nov)
    const shifts = JSON.stringify(home.blocks.find((b) => JSON.stringify(b).includes('未来 14 天')));
    expect(shifts).not.toContain('11月30日');
    expect(shifts.indexOf('12月1日')).toBeLessThan(shifts.indexOf('12月2日'));
    expect(text).toContain('2026 年年假:应有 5 天,已批 0 天,待审批 0 天 — 剩余 *5* 天');
    expect(text).toContain('2026年12月请假:0 / 4 天(每月上限)');
    expect(text).toContain('2026年12月换班:0 / 2 次(不超过即保留全勤奖)');
    expect(text).toContain('换休:没有可用时数');
    expect(text).toContain('没有等待他人处理的申请。');
    const start = home.blocks.find((b) => b.block_id === 'home.start');
    expect((start?.elements ?? []).map((e) => e.action_id)).toEqual([
      'home.start_leave',
      'home.start_swap',
      'home.start_handover',
      'home.start_report',
    ]);
    expect(text).toContain('申请请假');
  });

  it('shows my leave waiting for an approver with Withdraw, my comp time and the cap counting it, in English, and never the reason', async () => {
    await fileLeave(amy, { type: 'annual', first: '2026-12-03', last: '2026-12-04', reason: 'my secret reason' });
    const home = await openHome(amy);
    expect(home.text).toContain('Your shifts in the next 14 days');
    expect(home.text).toContain('Thu 3 Dec · Day shift R 08:30–20:30');
    expect(home.text).toContain('Mon 14 Dec');
    expect(home.text).not.toContain('Tue 15 Dec');
    expect(home.text).toContain('*Annual leave* Thu 3 Dec – Fri 4 Dec — Waiting for Lead Sun (team lead (组长)).');
    expect(home.text).toContain('Annual leave 2026: 10 days entitled, 0 approved, 2 waiting for approval — *8 left*');
    expect(home.text).toContain('Leave in December 2026: 2 of 4 days (monthly cap)');
    expect(home.text).toContain('Comp time: *6 h* usable');
    expect(home.text).toContain('6 h of 6 h earned Thu 1 Oct, expires Thu 1 Apr');
    expect(home.text).not.toContain('secret');
    const withdraw = home.blocks.find((b) => b.accessory?.action_id === 'leave.withdraw');
    expect(withdraw?.accessory?.value).toMatch(/^\d+$/);
  });

  it('withdraws my leave from the Home: the request is cancelled, the lead’s card redrawn, and the Home drawn again without it', async () => {
    const before = await openHome(amy);
    const requestId = before.blocks.find((b) => b.accessory?.action_id === 'leave.withdraw')?.accessory?.value as string;
    app.fake.clearCalls();
    const reply = await app.slack.blockAction({
      userId: amy,
      actionId: 'leave.withdraw',
      value: requestId,
      blockId: 'b',
      viewId: before.id,
    });
    expect(reply.status).toBe(200);
    const published = await app.fake.waitForCall('views.publish', (c) => c.args.user_id === amy);
    const after = homeOf(amy, published);
    expect(after.text).not.toContain('leave.withdraw');
    expect(after.text).toContain('Nothing waiting for others.');
    expect(after.text).toContain('Leave in December 2026: 0 of 4 days');
    const [row] = await app.db
      .select()
      .from(leaveRequests)
      .where(eq(leaveRequests.id, Number(requestId)));
    expect(row?.status).toBe('cancelled');
    // a Home click has no response_url: the answer comes by DM
    const notice = await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === amy && JSON.stringify([c.args.text, c.args.blocks]).includes('Annual leave'),
    );
    expect(notice.ok).toBe(true);
    // the lead's card is redrawn: the request is no longer theirs to decide
    const card = await app.fake.waitForCall('chat.update', (c) => c.ok && JSON.stringify(c.args.blocks ?? []).includes('Amy'));
    expect(JSON.stringify(card.args.blocks)).not.toContain('leave.approve');
  });

  it('lists my approved leave that has not begun, with Withdraw, and not the one under way; withdrawing it from the Home works', async () => {
    const approved = async (key: string, date: string) => {
      const [row] = await app.db
        .insert(leaveRequests)
        .values({
          submissionKey: key,
          personId: li,
          teamId: 'phone',
          type: 'annual',
          firstDay: date as LocalDate,
          lastDay: date as LocalDate,
          reason: '私事',
          status: 'approved',
          calendarDays: 1,
          leaveDays: 1,
          hours: 11,
          noticeMinutes: 5000,
          lateNotice: false,
          proof: 'not_needed',
        })
        .returning();
      await app.db.insert(leaveCoveredShifts).values({ requestId: row!.id, date: date as LocalDate, shiftCode: 'R' });
      await app.db
        .update(rosterEntries)
        .set({ status: 'on_leave' })
        .where(and(eq(rosterEntries.personId, li), eq(rosterEntries.date, date as LocalDate)));
      return row!.id;
    };
    await approved('li-today', '2026-12-01'); // its shift began at 08:30
    const coming = await approved('li-coming', '2026-12-04');
    const before = await openHome(li);
    const withdraws = before.blocks.filter((b) => b.accessory?.action_id === 'leave.withdraw');
    expect(withdraws.map((b) => b.accessory?.value)).toEqual([String(coming)]);
    expect(before.text).toContain('*年假* 12月4日 周五 — 已批准,尚未开始,仍可撤回。');
    expect(before.text).not.toContain('12月1日 周二 —');
    app.fake.clearCalls();
    await app.slack.blockAction({ userId: li, actionId: 'leave.withdraw', value: String(coming), blockId: 'b', viewId: before.id });
    const after = homeOf(li, await app.fake.waitForCall('views.publish', (c) => c.args.user_id === li));
    expect(after.text).not.toContain('leave.withdraw');
    const [row] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.id, coming));
    expect(row?.status).toBe('cancelled');
    const [shift] = await app.db
      .select()
      .from(rosterEntries)
      .where(and(eq(rosterEntries.personId, li), eq(rosterEntries.date, '2026-12-04' as LocalDate)));
    expect(shift?.status).toBe('scheduled');
  });

  it('cancels my swap from the Home: the swap ends and the Home is drawn again without it', async () => {
    const [swap] = await app.db
      .insert(swapRequests)
      .values({
        submissionKey: 'home-swap',
        teamId: 'phone',
        requesterId: li,
        colleagueId: wang,
        giveDate: '2026-12-05' as LocalDate,
        giveShift: 'R',
        deadline: new Date('2026-12-04T00:30:00Z'),
      })
      .returning();
    const before = await openHome(li);
    expect(before.text).toContain('与 王芳:12月5日 周六 长白班 R(仅代班) — 等待 王芳 答复。');
    const cancel = before.blocks.find((b) => b.accessory?.action_id === 'swap.cancel');
    expect(cancel?.accessory?.value).toBe(String(swap?.id));
    app.fake.clearCalls();
    await app.slack.blockAction({ userId: li, actionId: 'swap.cancel', value: String(swap?.id), blockId: 'b', viewId: before.id });
    const after = homeOf(li, await app.fake.waitForCall('views.publish', (c) => c.args.user_id === li));
    expect(after.text).not.toContain('swap.cancel');
    const [row] = await app.db
      .select()
      .from(swapRequests)
      .where(eq(swapRequests.id, swap?.id as number));
    expect(row?.status).toBe('cancelled');
  });

  it('opens the leave form from the Home with the click’s trigger', async () => {
    const home = await openHome(wang);
    const click = await app.slack.blockAction({ userId: wang, actionId: 'home.start_leave', blockId: 'home.start', viewId: home.id });
    const opened = await app.fake.waitForCall('views.open', (c) => c.args.trigger_id === click.triggerId);
    expect(opened.ok).toBe(true);
    expect((opened.args.view as { callback_id: string }).callback_id).toBe('leave.request');
  });

  it('opens the swap, handover and summary forms from the Home; someone inactive is told why not', async () => {
    const home = await openHome(wang);
    for (const [actionId, callbackId] of [
      ['home.start_swap', 'swap.request'],
      ['home.start_handover', 'handover.write'],
      ['home.start_report', 'report.write'],
    ] as const) {
      const click = await app.slack.blockAction({ userId: wang, actionId, blockId: 'home.start', viewId: home.id });
      const opened = await app.fake.waitForCall('views.open', (c) => c.args.trigger_id === click.triggerId);
      expect(opened.ok, actionId).toBe(true);
      expect((opened.args.view as { callback_id: string }).callback_id).toBe(callbackId);
    }
    const theirs = await openHome(zhao);
    expect(theirs.text).not.toContain('home.start_leave');
    const click = await app.slack.blockAction({ userId: zhao, actionId: 'home.start_leave', blockId: 'home.start', viewId: theirs.id });
    const opened = await app.fake.waitForCall('views.open', (c) => c.args.trigger_id === click.triggerId);
    expect(opened.ok).toBe(true);
    expect(opened.args.view).toMatchObject({ type: 'modal', title: { text: 'shiftdesk' } });
    expect(textOf(opened.args.view)).toContain('Your shiftdesk account is marked as inactive.');
  });
});
