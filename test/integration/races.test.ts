import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leaveRequests, swapRequests } from '../../src/db/schema.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import type { RecordedCall } from '../harness/fake-slack/index.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { option } from '../fixtures/view-state.js';
import { waitUntil } from '../harness/wait-until.js';
import { textOf } from '../fixtures/blocks-text.js';

const manager = 'U0MGR';
const lead = 'U0LEAD';
const amy = 'U0AMY';
const li = 'U0LI';
const bob = 'U0BOB';
const chen = 'U0CHEN';
/** Enough people on Amy's shift that her leave can be approved. */
const crew = ['U0X1', 'U0X2', 'U0X3', 'U0X4', 'U0X5', 'U0X6'];

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T02:00:00Z',
    users: [manager, lead, amy, li, bob, chen].map((id) => ({ id, name: id, locale: 'en-US' })),
  });
  await insertPeople(app.db, [
    aPerson({ slackId: manager, name: 'Manager Qian', role: 'manager' }),
    aPerson({ slackId: lead, name: 'Lead Sun', role: 'lead', reportsTo: manager }),
    ...[amy, li, bob, chen, ...crew].map((slackId) => aPerson({ slackId, name: slackId, reportsTo: lead })),
  ]);
  await insertShifts(app.db, [
    ...[amy, ...crew].map((personId) => ({ personId, date: '2026-12-10', shiftCode: 'R' })),
    { personId: li, date: '2026-12-03', shiftCode: 'R' },
    { personId: bob, date: '2026-12-08', shiftCode: 'R' },
    { personId: chen, date: '2026-12-09', shiftCode: 'R' },
  ]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled();
  app.fake.clearCalls();
});

async function openModal(userId: string, command: '/leave' | '/swap', callbackId: string): Promise<string> {
  app.fake.clearCalls();
  await app.slack.slashCommand({ command, text: '', userId });
  await app.fake.waitForCall('views.open', (c) => c.ok && (c.args.view as { callback_id?: string }).callback_id === callbackId);
  return app.fake.topView(userId)?.id as string;
}

/** Asks until `ok` holds (the app works on after its ack). */
const until = (ok: () => Promise<boolean>) => waitUntil(ok, { withinMs: 5000 });

describe('a withdrawal just after the final approval', () => {
  it('leaves the approver’s card showing the withdrawal, whichever redrawing reaches Slack last', async () => {
    const viewId = await openModal(amy, '/leave', 'leave.request');
    const values: ViewStateValues = {
      'leave.type': { value: option('annual') },
      'leave.first_day': { 'leave.date_picked': { type: 'datepicker', selected_date: '2026-12-10' } },
      'leave.last_day': { 'leave.date_picked': { type: 'datepicker', selected_date: '2026-12-10' } },
      'leave.reason': { value: { type: 'plain_text_input', value: 'a wedding' } },
      'leave.proof': { value: { type: 'file_input', files: [] } },
      'leave.proof_later': { value: { type: 'checkboxes', selected_options: [] } },
    };
    expect((await app.slack.viewSubmission({ userId: amy, viewId, values })).body).toBe('');
    const card = await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === lead && JSON.stringify(c.args.blocks ?? []).includes('leave.approve'),
    );
    const stepId = (card.args.blocks as { elements?: { action_id?: string; value?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'leave.approve')?.value as string;
    const posted = app.fake.messages(app.fake.dmChannel(lead)).find((m) => JSON.stringify(m.blocks) === JSON.stringify(card.args.blocks));
    const message = { channel: posted?.channel as string, ts: posted?.ts as string };
    const [request] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, 'a wedding'));

    // the approval's redrawing is slow to reach Slack; the withdrawal's overtakes it
    app.fake.delayNext('chat.update', 500);
    await app.slack.blockAction({ userId: lead, actionId: 'leave.approve', value: stepId, blockId: 'leave.decision', message });
    await until(
      async () =>
        (
          await app.db
            .select()
            .from(leaveRequests)
            .where(eq(leaveRequests.id, request?.id as number))
        )[0]?.status === 'approved',
    );
    await app.slack.blockAction({
      userId: amy,
      actionId: 'leave.withdraw',
      value: String(request?.id),
      blockId: 'list',
      message: { channel: app.fake.dmChannel(amy), ts: '1764547200.000001' },
    });
    await app.running.settled();

    const shown = app.fake.messages(message.channel).find((m) => m.ts === message.ts);
    expect(textOf(shown?.blocks)).toContain('Withdrawn by');
    expect(JSON.stringify(shown?.blocks)).not.toContain('leave.approve');
  });
});

describe('a swap that lost a race for its shift, sent twice', () => {
  const swapForm = (colleague: string): ViewStateValues => ({
    'swap.my_shift': { 'swap.form_changed': option('2026-12-03|R') },
    'swap.colleague': { 'swap.form_changed': { type: 'users_select', selected_user: colleague } },
    [`swap.their_shift:${colleague}`]: { 'swap.form_changed': option('cover') },
    'swap.note': { value: { type: 'plain_text_input', value: null } },
  });

  async function filled(colleague: string): Promise<string> {
    const viewId = await openModal(li, '/swap', 'swap.request');
    app.fake.clearCalls();
    await app.slack.blockAction({
      userId: li,
      actionId: 'swap.form_changed',
      blockId: 'swap.colleague',
      viewId,
      values: swapForm(colleague),
    });
    await app.fake.waitForCall('views.update');
    return viewId;
  }

  it('is told once that it was not sent', async () => {
    const first = await filled(bob);
    const second = await filled(chen);
    app.fake.clearCalls();
    const replies = await Promise.all([
      app.slack.viewSubmission({ userId: li, viewId: first, values: swapForm(bob) }),
      app.slack.viewSubmission({ userId: li, viewId: second, values: swapForm(chen) }),
      app.slack.viewSubmission({ userId: li, viewId: second, values: swapForm(chen) }), // a double click on Send
    ]);
    await app.running.settled();
    expect(replies.map((r) => r.body)).toEqual(['', '', '']); // all checked before either was written
    expect(await app.db.select().from(swapRequests).where(eq(swapRequests.requesterId, li))).toHaveLength(1);
    const notSent = (c: RecordedCall) => c.args.channel === li && String(c.args.text).includes('Your swap request was not sent');
    expect(app.fake.calls('chat.postMessage').filter(notSent)).toHaveLength(1);
  });
});
