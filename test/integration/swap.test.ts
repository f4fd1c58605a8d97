import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leaveRequests, rosterEntries, swapEvents, swapHolds, swapRequests } from '../../src/db/schema.js';
import { department, ids, peopleOf, slackUsersOf } from '../fixtures/department.js';
import { insertPeople, insertShifts } from '../fixtures/org.js';
import type { RecordedCall } from '../harness/fake-slack/index.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { option } from '../fixtures/view-state.js';
import type { LocalDate } from '../../src/policy/time.js';
import { hasButton, textOf } from '../fixtures/blocks-text.js';

const { lead, otherLead, wang, amy, li, zhou, bob, chen, eve, fan } = ids;
const staff = [
  department.manager,
  department.lead,
  department.otherLead,
  department.wang, // zh-CN
  department.amy, // en
  department.li,
  department.zhou,
  department.bob, // en
  department.chen,
  department.eve, // en
  department.fan,
];

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T02:00:00Z', // 10:00, Tuesday 1 December, in Shanghai
    users: slackUsersOf(staff),
  });
  await insertPeople(app.db, peopleOf(staff));
  const shift = (personId: string, date: string, shiftCode = 'R') => ({ personId, date, shiftCode });
  await insertShifts(app.db, [
    shift(wang, '2026-12-03'),
    shift(wang, '2026-12-05'),
    shift(amy, '2026-12-04'),
    shift(amy, '2026-12-06', 'W'),
    shift(li, '2026-12-03'),
    shift(li, '2026-12-04'),
    shift(zhou, '2026-12-07'),
    shift(bob, '2026-12-08'),
    shift(chen, '2026-12-09'),
    shift(eve, '2026-12-10'),
    shift(eve, '2026-12-11'),
    shift(eve, '2026-12-12'),
    shift(fan, '2026-12-14'),
  ]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled(); // what an earlier test set going is over before its calls are forgotten
  app.fake.clearCalls();
});

function form(p: { give?: string; colleague?: string; take?: string; note?: string }): ViewStateValues {
  return {
    'swap.my_shift': { 'swap.form_changed': p.give ? option(p.give) : { type: 'static_select', selected_option: null } },
    'swap.colleague': { 'swap.form_changed': { type: 'users_select', selected_user: p.colleague ?? null } },
    ...(p.colleague
      ? {
          [`swap.their_shift:${p.colleague}`]: {
            'swap.form_changed': p.take ? option(p.take) : { type: 'static_select', selected_option: null },
          },
        }
      : {}),
    'swap.note': { value: { type: 'plain_text_input', value: p.note ?? null } },
  };
}

async function openModal(userId: string): Promise<string> {
  const reply = await app.slack.slashCommand({ command: '/swap', text: '', userId });
  expect(reply.status).toBe(200);
  await app.fake.waitForCall('views.open', (c) => c.ok && (c.args.view as { callback_id?: string }).callback_id === 'swap.request');
  return app.fake.topView(userId)?.id as string;
}

/** Opens the modal, picks the colleague (the modal redraws with their shifts) and returns the view id. */
async function fillModal(userId: string, p: Parameters<typeof form>[0]): Promise<string> {
  const viewId = await openModal(userId);
  if (p.colleague) {
    app.fake.clearCalls();
    await app.slack.blockAction({ userId, actionId: 'swap.form_changed', blockId: 'swap.colleague', viewId, values: form(p) });
    const updated = await app.fake.waitForCall('views.update');
    expect(updated.ok).toBe(true);
  }
  return viewId;
}

async function submit(userId: string, p: Parameters<typeof form>[0]) {
  const viewId = await fillModal(userId, p);
  return app.slack.viewSubmission({ userId, viewId, values: form(p) });
}

const hasAction = (call: RecordedCall, actionId: string) => hasButton(call.args.blocks, actionId);
const cardTo = (userId: string, actionId: string) =>
  app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === userId && hasAction(c, actionId));
const dmTo = (userId: string, text: string) =>
  app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === userId && String(c.args.text).includes(text));
const ephemeralTo = (text: string) => app.fake.waitForCall('response_url', (c) => String(c.args.text).includes(text));
const buttonValue = (card: RecordedCall, actionId: string) =>
  (card.args.blocks as { elements?: { action_id?: string; value?: string }[] }[])
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === actionId)?.value as string;
const messageOf = (card: RecordedCall) => {
  const posted = app.fake
    .messages()
    .find(
      (m) => m.channel === app.fake.dmChannel(card.args.channel as string) && JSON.stringify(m.blocks) === JSON.stringify(card.args.blocks),
    );
  return { channel: posted?.channel as string, ts: posted?.ts as string };
};
const click = (userId: string, actionId: string, card: RecordedCall) =>
  app.slack.blockAction({ userId, actionId, value: buttonValue(card, actionId), blockId: 'swap.answer', message: messageOf(card) });
const rosterOf = async (personId: string) =>
  (
    await app.db
      .select({ date: rosterEntries.date, shiftCode: rosterEntries.shiftCode, status: rosterEntries.status })
      .from(rosterEntries)
      .where(eq(rosterEntries.personId, personId))
  ).sort((a, b) => a.date.localeCompare(b.date));
const swapOf = async (requesterId: string) => app.db.select().from(swapRequests).where(eq(swapRequests.requesterId, requesterId));

describe('the swap modal', () => {
  it('lists my shifts, fills the colleague’s once picked, and checks the rules as I go', async () => {
    const viewId = await openModal(wang);
    const opened = textOf(app.fake.view(viewId)?.view);
    expect(opened).toContain('换班申请');
    expect(opened).toContain('12月3日 周四 长白班 R');
    expect(opened).toContain('选择同事后显示其班次');

    app.fake.clearCalls();
    await app.slack.blockAction({
      userId: wang,
      actionId: 'swap.form_changed',
      blockId: 'swap.colleague',
      viewId,
      values: form({ give: '2026-12-05|R', colleague: amy }),
    });
    await app.fake.waitForCall('views.update');
    const withColleague = JSON.stringify(app.fake.view(viewId)?.view);
    expect(withColleague).toContain('swap.their_shift:U0AMY');
    expect(withColleague).toContain('仅代班');
    expect(withColleague).toContain('12月4日 周五 长白班 R');
    expect(withColleague).toContain('此次换班符合全部规定');
    expect(withColleague).toContain('Amy 上 12月5日 周六 长白班 R — 班前休息:12 小时;班后休息:1 天;当周共 34 小时');

    app.fake.clearCalls();
    await app.slack.blockAction({
      userId: wang,
      actionId: 'swap.form_changed',
      blockId: 'swap.my_shift',
      viewId,
      values: form({ give: '2026-12-03|R', colleague: li }),
    });
    await app.fake.waitForCall('views.update');
    expect(textOf(app.fake.view(viewId)?.view)).toContain('李雷 已经在 12月3日 周四 上 R 班');
  });

  it('shows every missing and broken field where it broke, and stores nothing', async () => {
    const empty = await submit(amy, {});
    expect(empty.body).toEqual({
      response_action: 'errors',
      errors: { 'swap.my_shift': 'Pick the shift you want to hand over.', 'swap.colleague': 'Pick the colleague who should take it.' },
    });
    const noTake = await submit(amy, { give: '2026-12-04|R', colleague: bob });
    expect(noTake.body).toEqual({
      response_action: 'errors',
      errors: { 'swap.their_shift:U0BOB': 'Pick one of their shifts to take in exchange, or "cover only".' },
    });
    const self = await submit(amy, { give: '2026-12-04|R', colleague: amy, take: 'cover' });
    expect(self.body).toMatchObject({ errors: { 'swap.colleague': 'Pick a colleague other than yourself.' } });
    const busy = await submit(wang, { give: '2026-12-03|R', colleague: li, take: 'cover' });
    expect(busy.body).toEqual({ response_action: 'errors', errors: { 'swap.colleague': '李雷 已经在 12月3日 周四 上 R 班。' } });
    const notMine = await submit(amy, { give: '2026-12-09|R', colleague: bob, take: 'cover' });
    expect(notMine.body).toMatchObject({
      errors: { 'swap.my_shift': 'The R shift on Wed 9 Dec is not on the roster as given any more; pick it again.' },
    });
    const forged = await submit(amy, { give: '2026-12-04|R', colleague: bob, take: '2026-13-45|R' });
    expect(forged.body).toMatchObject({
      errors: { 'swap.their_shift:U0BOB': 'Pick one of their shifts to take in exchange, or "cover only".' },
    });
    const far = await submit(amy, { give: '9999-12-31|R', colleague: bob, take: '0001-01-01|R' });
    expect(far.body).toEqual({
      response_action: 'errors',
      errors: {
        'swap.my_shift': 'Pick the shift you want to hand over.',
        'swap.their_shift:U0BOB': 'Pick one of their shifts to take in exchange, or "cover only".',
      },
    });
    expect(await swapOf(amy)).toEqual([]);
    expect(await swapOf(wang)).toEqual([]);
  });

  it('refuses a swap inside the notice period, naming the earliest day', async () => {
    app.clock.set('2026-12-03T02:00:00Z'); // 10:00 on the 3rd: the R shift on the 4th starts in 22.5 h
    try {
      const late = await submit(li, { give: '2026-12-04|R', colleague: zhou, take: 'cover' });
      expect(late.body).toMatchObject({
        errors: { 'swap.my_shift': '换班须在两个班次中较早的一个开始前提前 1 天申请;最早可换 12月4日 周五的班次。' },
      });
    } finally {
      app.clock.set('2026-12-01T02:00:00Z');
    }
  });
});

describe('a swap from request to roster', () => {
  it('goes colleague → lead, refuses strangers and double clicks, and changes both roster rows at once', async () => {
    const reply = await submit(wang, { give: '2026-12-05|R', colleague: amy, take: '2026-12-04|R', note: '家里有事' });
    expect(reply.body).toBe('');
    const colleagueCard = await cardTo(amy, 'swap.accept');
    expect(textOf(colleagueCard.args.blocks)).toContain('王芳 asks you to swap shifts');
    expect(textOf(colleagueCard.args.blocks)).toContain('Sat 5 Dec Day shift R ⇄ Fri 4 Dec Day shift R');
    await dmTo(wang, '你的换班申请已发给 Amy');
    await dmTo(wang, '组长批准前,该班次仍由你负责');

    app.fake.clearCalls();
    await click(li, 'swap.accept', colleagueCard);
    await ephemeralTo('只有 Amy 可以答复这个换班申请');
    expect(app.fake.calls('chat.update')).toEqual([]);

    await click(amy, 'swap.accept', colleagueCard);
    const leadCard = await cardTo(lead, 'swap.approve');
    const leadText = textOf(leadCard.args.blocks);
    expect(leadText).toContain('Swap to approve: 王芳 ⇄ Amy');
    expect(leadText).toContain('Amy on Sat 5 Dec Day shift R — rest before: no shift nearby; after: 1 day; 23 h that week');
    expect(leadText).toContain('王芳 on Fri 4 Dec Day shift R — rest before: 12 hours; after: no shift nearby; 22 h that week');
    expect(leadText).toContain('王芳 — swaps this month: 0 approved, 0 waiting');
    await dmTo(wang, 'Amy 已同意你的换班');
    expect(textOf((await app.fake.waitForCall('chat.update')).args.blocks)).toContain('Waiting for Lead Sun to approve.');

    app.fake.clearCalls();
    await click(amy, 'swap.accept', colleagueCard);
    await ephemeralTo('Nothing to do here any more');
    await click(otherLead, 'swap.approve', leadCard);
    await ephemeralTo('Only Lead Sun (or someone above them) can approve this swap.');
    expect(await rosterOf(wang)).toEqual([
      { date: '2026-12-03', shiftCode: 'R', status: 'scheduled' },
      { date: '2026-12-05', shiftCode: 'R', status: 'scheduled' },
    ]);

    app.fake.clearCalls();
    await Promise.all([click(lead, 'swap.approve', leadCard), click(lead, 'swap.approve', leadCard)]);
    await dmTo(amy, 'Lead Sun approved the swap between 王芳 and Amy');
    await dmTo(wang, 'Lead Sun 批准了 王芳 与 Amy 的换班');
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0PHONEANN' && String(c.args.text).includes('王芳 ⇄ Amy'));
    await ephemeralTo('Nothing to do here any more');
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === 'C0PHONEANN')).toHaveLength(1);

    expect(await rosterOf(wang)).toEqual([
      { date: '2026-12-03', shiftCode: 'R', status: 'scheduled' },
      { date: '2026-12-04', shiftCode: 'R', status: 'scheduled' },
      { date: '2026-12-05', shiftCode: 'R', status: 'swapped' },
    ]);
    expect(await rosterOf(amy)).toEqual([
      { date: '2026-12-04', shiftCode: 'R', status: 'swapped' },
      { date: '2026-12-05', shiftCode: 'R', status: 'scheduled' },
      { date: '2026-12-06', shiftCode: 'W', status: 'scheduled' },
    ]);
    const [swap] = await swapOf(wang);
    expect(swap).toMatchObject({ status: 'approved', decidedBy: lead, leadId: lead });
    const events = await app.db
      .select()
      .from(swapEvents)
      .where(eq(swapEvents.swapId, swap?.id as number));
    expect(events.map((e) => e.toStatus)).toEqual(['pending_colleague', 'pending_lead', 'approved']);
    expect(
      await app.db
        .select()
        .from(swapHolds)
        .where(eq(swapHolds.swapId, swap?.id as number)),
    ).toEqual([]);
  });

  it('tells the requester when the colleague declines, and the shift stays theirs', async () => {
    await submit(chen, { give: '2026-12-09|R', colleague: bob, take: 'cover' });
    const card = await cardTo(bob, 'swap.accept');
    await click(bob, 'swap.decline', card);
    await dmTo(chen, 'Bob 拒绝了你的换班');
    expect((await swapOf(chen))[0]).toMatchObject({ status: 'declined', decidedBy: bob });
    expect(await rosterOf(chen)).toEqual([{ date: '2026-12-09', shiftCode: 'R', status: 'scheduled' }]);
  });

  it('is rejected with a reason the lead types, and both people read it', async () => {
    await insertShifts(app.db, [{ personId: amy, date: '2026-12-20', shiftCode: 'R' }]);
    await submit(amy, { give: '2026-12-20|R', colleague: chen, take: 'cover' });
    await click(chen, 'swap.accept', await cardTo(chen, 'swap.accept'));
    const leadCard = await cardTo(lead, 'swap.reject');
    app.fake.clearCalls();
    await click(otherLead, 'swap.reject', leadCard);
    await ephemeralTo('Only Lead Sun (or someone above them) can approve this swap.');
    expect(app.fake.calls('views.open')).toEqual([]);

    await click(lead, 'swap.reject', leadCard);
    const opened = await app.fake.waitForCall(
      'views.open',
      (c) => (c.args.view as { callback_id?: string }).callback_id === 'swap.reject_reason',
    );
    expect(textOf(opened.args.view)).toContain('Amy and 陈晨 will both see this.');
    const viewId = app.fake.topView(lead)?.id as string;
    const reason = (value: string) => ({ 'swap.reject_reason': { value: { type: 'plain_text_input', value } } });
    const empty = await app.slack.viewSubmission({ userId: lead, viewId, values: reason('  ') });
    expect(empty.body).toEqual({
      response_action: 'errors',
      errors: { 'swap.reject_reason': 'Say why you reject the swap; both people read it.' },
    });
    expect((await swapOf(amy)).find((s) => s.giveDate === '2026-12-20')?.status).toBe('pending_lead');

    const done = await app.slack.viewSubmission({ userId: lead, viewId, values: reason('That week is training week') });
    expect(done.body).toBe('');
    await dmTo(amy, 'Lead Sun rejected the swap between Amy and 陈晨');
    await dmTo(amy, 'Reason: That week is training week');
    await dmTo(chen, '理由:That week is training week');
    expect((await swapOf(amy)).find((s) => s.giveDate === '2026-12-20')).toMatchObject({
      status: 'rejected',
      decidedBy: lead,
      rejectReason: 'That week is training week',
    });
    expect(await rosterOf(amy)).toContainEqual({ date: '2026-12-20', shiftCode: 'R', status: 'scheduled' });

    app.fake.clearCalls();
    await click(lead, 'swap.reject', leadCard);
    await ephemeralTo('Nothing to do here any more');
    expect(app.fake.calls('views.open')).toEqual([]);
  });

  it('is cancelled at approval when the roster changed meanwhile, and both sides learn why', async () => {
    await submit(zhou, { give: '2026-12-07|R', colleague: fan, take: 'cover' });
    await click(fan, 'swap.accept', await cardTo(fan, 'swap.accept'));
    const leadCard = await cardTo(lead, 'swap.approve');
    expect(textOf(leadCard.args.blocks)).toContain('周杰 gives the shift away and owes one: 0 h that week');
    // Fan's leave for the 7th is approved before the lead gets to the swap
    await app.db.insert(leaveRequests).values({
      submissionKey: 'fan-leave',
      personId: fan,
      teamId: 'phone',
      type: 'annual',
      firstDay: '2026-12-07' as LocalDate,
      lastDay: '2026-12-07' as LocalDate,
      reason: 'x',
      status: 'approved',
      calendarDays: 1,
      leaveDays: 0,
      hours: 0,
      noticeMinutes: 9000,
      lateNotice: false,
      proof: 'not_needed',
    });
    app.fake.clearCalls();
    await click(lead, 'swap.approve', leadCard);
    await dmTo(zhou, '已取消,因为排班表有变动');
    await dmTo(zhou, '同事在 12月7日 周一 已批准请假');
    await dmTo(fan, '同事在 12月7日 周一 已批准请假');
    expect((await swapOf(zhou))[0]).toMatchObject({ status: 'cancelled', endReason: 'swap.refusal.on_leave' });
    expect(await rosterOf(zhou)).toEqual([{ date: '2026-12-07', shiftCode: 'R', status: 'scheduled' }]);
    expect(await rosterOf(fan)).toEqual([{ date: '2026-12-14', shiftCode: 'R', status: 'scheduled' }]);
  });
});

describe('a swap of a shift with leave waiting for a decision', () => {
  it('is refused on the field of that shift, saying why, and nothing is filed', async () => {
    await insertShifts(app.db, [{ personId: fan, date: '2026-12-16', shiftCode: 'R' }]);
    const leave = {
      personId: fan,
      teamId: 'phone',
      type: 'personal',
      firstDay: '2026-12-16' as LocalDate,
      lastDay: '2026-12-16' as LocalDate,
      reason: 'x',
      status: 'pending' as const,
      calendarDays: 1,
      leaveDays: 1,
      hours: 11,
      noticeMinutes: 9000,
      lateNotice: false,
      proof: 'not_needed' as const,
    };
    await app.db.insert(leaveRequests).values([
      { ...leave, submissionKey: 'fan-pending' },
      { ...leave, submissionKey: 'li-pending', personId: li, firstDay: '2026-12-09' as LocalDate, lastDay: '2026-12-09' as LocalDate },
    ]);
    const mine = await submit(fan, { give: '2026-12-16|R', colleague: chen, take: 'cover' });
    expect(mine.body).toEqual({
      response_action: 'errors',
      errors: { 'swap.my_shift': '你在 12月16日 周三 有待审批的请假。请先撤回(/leave list)或等审批结果出来,再申请换班。' },
    });
    const colleague = await submit(chen, { give: '2026-12-09|R', colleague: li, take: 'cover' });
    expect(colleague.body).toEqual({
      response_action: 'errors',
      errors: { 'swap.colleague': '李雷 在 12月9日 周三 有待审批的请假,审批结果出来前当天不能参与换班。' },
    });
    const theirs = await submit(chen, { give: '2026-12-09|R', colleague: fan, take: '2026-12-16|R' });
    expect(theirs.body).toEqual({
      response_action: 'errors',
      errors: { 'swap.their_shift:U0FAN': '范冰 在 12月16日 周三 有待审批的请假,审批结果出来前当天不能参与换班。' },
    });
    expect((await swapOf(fan)).filter((s) => s.giveDate === '2026-12-16')).toEqual([]);
    expect((await swapOf(chen)).filter((s) => s.giveDate === '2026-12-09' && s.status !== 'declined')).toEqual([]);
  });
});

describe('a pending swap', () => {
  it('can be cancelled by its requester from /swap list, and the colleague is told', async () => {
    await submit(eve, { give: '2026-12-10|R', colleague: bob, take: 'cover' });
    const card = await cardTo(bob, 'swap.accept');
    app.fake.clearCalls();
    const listed = await app.slack.slashCommand({ command: '/swap', text: 'list', userId: eve });
    const body = listed.body as { blocks: { accessory?: { action_id: string; value: string } }[] };
    expect(textOf(body.blocks)).toContain('With Bob: Thu 10 Dec Day shift R (cover only) — Waiting for Bob to answer.');
    const cancel = body.blocks.find((b) => b.accessory?.action_id === 'swap.cancel')?.accessory?.value as string;
    await app.slack.blockAction({
      userId: bob,
      actionId: 'swap.cancel',
      value: cancel,
      message: { channel: app.fake.dmChannel(eve), ts: '1.1' },
    });
    await ephemeralTo('Only the person who asked for a swap can cancel it.');
    await app.slack.blockAction({
      userId: eve,
      actionId: 'swap.cancel',
      value: cancel,
      message: { channel: app.fake.dmChannel(eve), ts: '1.1' },
    });
    await ephemeralTo('Your swap request is cancelled');
    await dmTo(bob, 'Eve withdrew the swap with Bob');
    expect(textOf((await app.fake.waitForCall('chat.update')).args.blocks)).toContain('Withdrawn by Eve');
    app.fake.clearCalls();
    await click(bob, 'swap.accept', card);
    await ephemeralTo('Nothing to do here any more: Withdrawn by Eve');
  });

  it('expires by itself once its notice deadline passes, and both sides are told once', async () => {
    await submit(eve, { give: '2026-12-11|R', colleague: chen, take: 'cover' });
    await cardTo(chen, 'swap.accept');
    app.fake.clearCalls();
    app.clock.set('2026-12-10T00:30:00Z'); // 08:30 on the 10th: 24 h before the R shift on the 11th
    try {
      await app.running.scheduler.tick(app.clock.now());
      await dmTo(eve, 'expired: it was not approved before the notice deadline');
      await dmTo(chen, '已失效');
      app.fake.clearCalls();
      app.clock.advance(60_000);
      await app.running.scheduler.tick(app.clock.now());
      expect(app.fake.calls('chat.postMessage')).toEqual([]);
    } finally {
      app.clock.set('2026-12-01T02:00:00Z');
    }
    const expired = (await swapOf(eve)).find((s) => s.giveDate === '2026-12-11');
    expect(expired).toMatchObject({ status: 'expired' });
  });

  it('warns before the swap that would cost the full-attendance award', async () => {
    const viewId = await openModal(eve);
    // Eve has asked for two swaps this month already (one withdrawn, one expired: neither counts), so file two that do
    await submit(eve, { give: '2026-12-12|R', colleague: fan, take: 'cover' });
    await cardTo(fan, 'swap.accept');
    await submit(eve, { give: '2026-12-10|R', colleague: fan, take: 'cover' });
    await cardTo(fan, 'swap.accept');
    app.fake.clearCalls();
    await app.slack.blockAction({
      userId: eve,
      actionId: 'swap.form_changed',
      blockId: 'swap.my_shift',
      viewId,
      values: form({ give: '2026-12-11|R' }),
    });
    await app.fake.waitForCall('views.update');
    const text = textOf(app.fake.view(viewId)?.view);
    expect(text).toContain('Your swaps this month: 0 approved, 2 waiting.');
    expect(text).toContain('3 or more voluntary swaps this month');
  });
});

describe('a card Slack refused to post', () => {
  it('is posted by the card job once the Web API client has surely given up, once', async () => {
    app.fake.failNext('chat.postMessage', 'fatal_error'); // the colleague's card
    await submit(zhou, { give: '2026-12-07|R', colleague: chen, take: 'cover' });
    await app.running.settled(); // the refused card and the requester's message are behind us
    await dmTo(zhou, '你的换班申请已发给 陈晨'); // the requester is told all the same
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === chen && c.ok)).toEqual([]);
    app.fake.clearCalls();
    try {
      app.clock.advance(30 * 60_000);
      await app.running.scheduler.tick(app.clock.now());
      expect(app.fake.calls('chat.postMessage')).toEqual([]); // the first post may still be retrying
      app.clock.advance(6 * 60_000);
      await app.running.scheduler.tick(app.clock.now());
      await cardTo(chen, 'swap.accept');
      app.clock.advance(60_000);
      await app.running.scheduler.tick(app.clock.now());
      expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === chen)).toHaveLength(1);
    } finally {
      app.clock.set('2026-12-01T02:00:00Z');
    }
  });
});

describe('a submission Slack delivers twice', () => {
  it('files one swap and sends one card', async () => {
    const viewId = await fillModal(bob, { give: '2026-12-08|R', colleague: zhou, take: 'cover' });
    app.fake.clearCalls();
    const values = form({ give: '2026-12-08|R', colleague: zhou, take: 'cover' });
    await app.slack.viewSubmission({ userId: bob, viewId, values });
    await cardTo(zhou, 'swap.accept');
    expect((await app.slack.viewSubmission({ userId: bob, viewId, values }, { retryNum: 1 })).body).toBe('');
    expect((await app.slack.viewSubmission({ userId: bob, viewId, values })).body).toBe('');
    await app.running.settled(); // the second delivery's work after its ack
    expect((await swapOf(bob)).filter((s) => s.giveDate === '2026-12-08')).toHaveLength(1);
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === zhou)).toHaveLength(1);
  });
});

describe('two swaps racing for one shift', () => {
  it('files exactly one; the other requester is told why', async () => {
    const first = await fillModal(li, { give: '2026-12-03|R', colleague: bob, take: 'cover' });
    const second = await fillModal(li, { give: '2026-12-03|R', colleague: chen, take: 'cover' });
    app.fake.clearCalls();
    const replies = await Promise.all([
      app.slack.viewSubmission({ userId: li, viewId: first, values: form({ give: '2026-12-03|R', colleague: bob, take: 'cover' }) }),
      app.slack.viewSubmission({ userId: li, viewId: second, values: form({ give: '2026-12-03|R', colleague: chen, take: 'cover' }) }),
    ]);
    const accepted = replies.filter((r) => r.body === '');
    const refusedInModal = replies.filter((r) => r.body !== '');
    if (refusedInModal.length === 0) await dmTo(li, '你的换班申请未能发出:\n这个班次已有一个待答复的换班申请。');
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    for (const refused of refusedInModal) expect(textOf(refused.body)).toContain('这个班次已有一个待答复的换班申请');
    const filed = (await swapOf(li)).filter((s) => s.giveDate === '2026-12-03');
    expect(filed).toHaveLength(1);
    expect(
      await app.db
        .select()
        .from(swapHolds)
        .where(and(eq(swapHolds.personId, li), eq(swapHolds.date, '2026-12-03' as LocalDate))),
    ).toHaveLength(1);
  });
});
