import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leaveRequests } from '../../src/db/schema.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { openReportForm, summary } from '../fixtures/report-form.js';
import type { RecordedCall } from '../harness/fake-slack/index.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { option } from '../fixtures/view-state.js';
import type { LocalDate } from '../../src/policy/time.js';
import { textOf } from '../fixtures/blocks-text.js';

/**
 * POLICY §7: a channel never learns the kind of someone's leave or why. Every feature that posts to a
 * channel is walked here — leave approved and withdrawn, a swap approved, a handover written with its
 * staffing changes filled in and taken over, the weekly report — and every call to a channel is read.
 */
const lead = 'U0PLEAD';
const zhang = 'U0PZHANG'; // zh-CN, night shift W on 1 and 2 December
const amy = 'U0PAMY'; // en, day shift R on 1 and 3 December
const li = 'U0PLI'; // night shift W on 1 December
const zhou = 'U0PZHOU'; // night shift W on 1 December
const bob = 'U0PBOB'; // en, free on 3 December
const wu = 'U0PWU'; // day shift R on 1 and 3 December, so the day shift keeps its minimum when Amy swaps

const reasons = ['发烧咳嗽,医生让休息', 'fever and a cough, doctor says rest'];

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T02:00:00Z', // 10:00 on Tuesday 1 December in Shanghai
    users: [
      { id: lead, name: 'lead', locale: 'en-US' },
      { id: zhang, name: 'zhang', locale: 'zh-CN' },
      { id: amy, name: 'amy', locale: 'en-US' },
      { id: li, name: 'li', locale: 'zh-CN' },
      { id: zhou, name: 'zhou', locale: 'zh-CN' },
      { id: bob, name: 'bob', locale: 'en-US' },
      { id: wu, name: 'wu', locale: 'en-US' },
    ],
  });
  await insertPeople(app.db, [
    aPerson({ slackId: lead, name: 'Lead Sun', role: 'lead' }),
    aPerson({ slackId: zhang, name: 'Zhang Wei', reportsTo: lead }),
    aPerson({ slackId: amy, name: 'Amy', reportsTo: lead }),
    aPerson({ slackId: li, name: '李雷', reportsTo: lead }),
    aPerson({ slackId: zhou, name: '周杰', reportsTo: lead }),
    aPerson({ slackId: bob, name: 'Bob', reportsTo: lead }),
    aPerson({ slackId: wu, name: 'Wu Di', reportsTo: lead }),
  ]);
  await insertShifts(app.db, [
    { personId: zhang, date: '2026-12-01', shiftCode: 'W' },
    { personId: li, date: '2026-12-01', shiftCode: 'W' },
    { personId: zhou, date: '2026-12-01', shiftCode: 'W' },
    { personId: zhang, date: '2026-12-02', shiftCode: 'W' },
    { personId: li, date: '2026-12-02', shiftCode: 'W' },
    { personId: zhou, date: '2026-12-02', shiftCode: 'W' },
    { personId: amy, date: '2026-12-01', shiftCode: 'R' },
    { personId: wu, date: '2026-12-01', shiftCode: 'R' },
    { personId: amy, date: '2026-12-03', shiftCode: 'R' },
    { personId: wu, date: '2026-12-03', shiftCode: 'R' },
  ]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled();
  app.fake.clearCalls(); // each test reads the calls of its own flow
});

/** Every leave type's name in both languages, and the reasons given. */
const secrets = () => [...Object.values(app.policy.rules.leave.types).flatMap((type) => [type.label['zh-CN'], type.label.en]), ...reasons];

/** Calls whose target is a channel (C… or G…), not a DM or a person. */
const channelCalls = () => app.fake.calls().filter((c) => typeof c.args.channel === 'string' && /^[CG]/.test(c.args.channel));
const leaks = () =>
  channelCalls().flatMap((c) => {
    const shown = JSON.stringify([c.args.text, c.args.blocks ?? [], c.args.attachments ?? []]);
    return secrets()
      .filter((secret) => shown.includes(secret))
      .map((secret) => `${c.method} to ${String(c.args.channel)} names "${secret}"`);
  });

const leaveForm = (p: { type: string; day: string; reason: string }): ViewStateValues => ({
  'leave.type': { value: option(p.type) },
  'leave.first_day': { 'leave.date_picked': { type: 'datepicker', selected_date: p.day } },
  'leave.last_day': { 'leave.date_picked': { type: 'datepicker', selected_date: p.day } },
  'leave.reason': { value: { type: 'plain_text_input', value: p.reason } },
  'leave.proof': { value: { type: 'file_input', files: [] } },
  'leave.proof_later': { value: { type: 'checkboxes', selected_options: [{ value: 'later' }] } },
});

const buttonValue = (call: RecordedCall, actionId: string) =>
  (call.args.blocks as { elements?: { action_id?: string; value?: string }[] }[])
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === actionId)?.value as string;
const messageOf = (call: RecordedCall) => {
  const posted = app.fake
    .messages()
    .find(
      (m) => m.channel === app.fake.dmChannel(call.args.channel as string) && JSON.stringify(m.blocks) === JSON.stringify(call.args.blocks),
    );
  return { channel: posted?.channel as string, ts: posted?.ts as string };
};
const cardTo = (userId: string, actionId: string) =>
  app.fake.waitForCall(
    'chat.postMessage',
    (c) => c.args.channel === userId && JSON.stringify(c.args.blocks ?? []).includes(`"${actionId}"`),
  );
const click = (userId: string, actionId: string, blockId: string, card: RecordedCall) =>
  app.slack.blockAction({ userId, actionId, value: buttonValue(card, actionId), blockId, message: messageOf(card) });

async function fileLeave(userId: string, p: { type: string; day: string; reason: string }): Promise<void> {
  await app.slack.slashCommand({ command: '/leave', text: '', userId });
  await app.fake.waitForCall('views.open', (c) => c.ok && (c.args.view as { callback_id?: string }).callback_id === 'leave.request');
  const viewId = app.fake.topView(userId)?.id as string;
  expect((await app.slack.viewSubmission({ userId, viewId, values: leaveForm(p) })).body).toBe('');
  await app.running.settled();
}

async function approveLeaveOf(userId: string, day: string): Promise<void> {
  const card = app.fake
    .calls('chat.postMessage')
    .filter((c) => c.args.channel === lead && JSON.stringify(c.args.blocks ?? []).includes('"leave.approve"'))
    .at(-1) as RecordedCall;
  expect(card).toBeDefined();
  await click(lead, 'leave.approve', 'leave.decision', card);
  await app.running.settled();
  const [request] = await app.db
    .select()
    .from(leaveRequests)
    .where(eq(leaveRequests.firstDay, day as LocalDate));
  expect([request?.personId, request?.status]).toEqual([userId, 'approved']);
}

describe('what channels are told', () => {
  it('sick leave approved: the announcement says absent, never sick or why', async () => {
    await fileLeave(zhang, { type: 'sick', day: '2026-12-01', reason: reasons[0] as string });
    await approveLeaveOf(zhang, '2026-12-01');
    expect(app.fake.messages('C0PHONEANN').length).toBeGreaterThan(0);
    expect(leaks()).toEqual([]);
  });

  it('approved leave withdrawn: whatever the channel is told names no type or reason', async () => {
    await fileLeave(zhang, { type: 'sick', day: '2026-12-02', reason: reasons[1] as string });
    await approveLeaveOf(zhang, '2026-12-02');
    const [request] = await app.db
      .select()
      .from(leaveRequests)
      .where(eq(leaveRequests.firstDay, '2026-12-02' as LocalDate));
    await app.slack.blockAction({
      userId: zhang,
      actionId: 'leave.withdraw',
      value: String(request?.id),
      blockId: 'list',
      message: { channel: app.fake.dmChannel(zhang), ts: '1764547200.000001' },
    });
    await app.running.settled();
    const [after] = await app.db
      .select()
      .from(leaveRequests)
      .where(eq(leaveRequests.id, request?.id as number));
    expect(after?.status).toBe('cancelled');
    expect(leaks()).toEqual([]);
  });

  it('a swap approved: the announcement names the people and shifts only', async () => {
    await app.slack.slashCommand({ command: '/swap', text: '', userId: amy });
    await app.fake.waitForCall('views.open', (c) => c.ok && (c.args.view as { callback_id?: string }).callback_id === 'swap.request');
    const viewId = app.fake.topView(amy)?.id as string;
    const values: ViewStateValues = {
      'swap.my_shift': { 'swap.form_changed': option('2026-12-03|R') },
      'swap.colleague': { 'swap.form_changed': { type: 'users_select', selected_user: bob } },
      [`swap.their_shift:${bob}`]: { 'swap.form_changed': option('cover') },
      'swap.note': { value: { type: 'plain_text_input', value: null } },
    };
    await app.slack.blockAction({ userId: amy, actionId: 'swap.form_changed', blockId: 'swap.colleague', viewId, values });
    await app.fake.waitForCall('views.update');
    expect((await app.slack.viewSubmission({ userId: amy, viewId, values })).body).toBe('');
    await click(bob, 'swap.accept', 'swap.answer', await cardTo(bob, 'swap.accept'));
    await click(lead, 'swap.approve', 'swap.answer', await cardTo(lead, 'swap.approve'));
    await app.running.settled();
    expect(app.fake.messages('C0PHONEANN').some((m) => String(m.text).includes('Bob'))).toBe(true);
    expect(leaks()).toEqual([]);
  });

  it('a handover whose incoming shift has someone on sick leave: the filled-in staffing change says on leave', async () => {
    app.clock.set('2026-12-01T12:10:00Z'); // 20:10: the day shift R ends at 20:30, the night shift W, with Zhang Wei on leave, comes in
    await app.slack.slashCommand({ command: '/handover', text: '', userId: amy });
    await app.fake.waitForCall('views.open', (c) => c.ok && (c.args.view as { callback_id?: string }).callback_id === 'handover.write');
    const modal = app.fake.topView(amy);
    const staffing = (modal!.view.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find((b) =>
      b.block_id?.startsWith('handover.staffing'),
    );
    const values: ViewStateValues = {
      'handover.shift': { 'handover.shift_picked': { type: 'static_select', selected_option: { value: '2026-12-01|R' } } },
      'handover.equipment': { value: { type: 'radio_buttons', selected_option: { value: 'ok' } } },
      [staffing?.block_id as string]: { value: { type: 'plain_text_input', value: staffing?.element?.initial_value ?? null } },
    };
    expect((await app.slack.viewSubmission({ userId: amy, viewId: modal?.id as string, values })).body).toBe('');
    await app.running.settled();
    const posted = app.fake.messages('C0PHONEHND').at(-1);
    expect(textOf(posted?.blocks)).toContain('Zhang Wei');
    await app.slack.blockAction({
      userId: li,
      actionId: 'handover.take_over',
      value: buttonValue({ args: { blocks: posted?.blocks } } as unknown as RecordedCall, 'handover.take_over'),
      blockId: 'handover.decision',
      message: { channel: posted?.channel as string, ts: posted?.ts as string },
    });
    await app.running.settled();
    expect(app.fake.calls('chat.update').some((c) => c.args.channel === 'C0PHONEHND')).toBe(true);
    expect(leaks()).toEqual([]);
    expect(staffing?.element?.initial_value).toBe('Zhang Wei: on leave');
  });

  it('the weekly report and every scheduled job through the week end: nothing a channel sees names leave', async () => {
    app.clock.set('2026-12-04T02:00:00Z');
    const form = await openReportForm(app, amy);
    expect(
      (
        await app.slack.viewSubmission({
          userId: amy,
          viewId: form.id,
          values: summary('Handled refunds and the night queue. '.repeat(6), 'Answer faster. '.repeat(4)),
        })
      ).body,
    ).toBe('');
    await app.running.settled();
    for (const at of ['2026-12-05T02:00:00Z', '2026-12-05T08:00:00Z', '2026-12-05T09:00:00Z', '2026-12-06T15:59:00Z']) {
      app.clock.set(at);
      await app.running.scheduler.tick();
      await app.running.settled();
    }
    expect(leaks()).toEqual([]);
  });
});
