import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leaveApprovalSteps, leaveEvents, leaveRequests } from '../../src/db/schema.js';
import { department, englishManager, ids, peopleOf, slackUsersOf } from '../fixtures/department.js';
import { insertPeople, insertShifts } from '../fixtures/org.js';
import type { RecordedCall } from '../harness/fake-slack/index.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { textOf } from '../fixtures/blocks-text.js';

const hour = 60 * 60 * 1000;

const { manager, lead, amy, bob, carol, dave } = ids;
const staff = [englishManager, department.lead, department.amy, department.bob, department.carol, department.dave];

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T02:00:00Z', // 10:00 on Tuesday 1 December in Shanghai
    users: slackUsersOf(staff),
  });
  await insertPeople(app.db, peopleOf(staff));
  await insertShifts(app.db, [
    ...['2026-12-03', '2026-12-04'].flatMap((date) => [amy, bob].map((personId) => ({ personId, date, shiftCode: 'C' }))),
    ...[carol, dave].map((personId) => ({ personId, date: '2026-12-02', shiftCode: 'C' })),
    { personId: carol, date: '2026-12-05', shiftCode: 'C' },
  ]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled(); // what an earlier test set going is over before its calls are forgotten
  app.fake.clearCalls();
});

function annualLeave(day: string, reason: string, type = 'annual'): ViewStateValues {
  return {
    'leave.type': { value: { type: 'static_select', selected_option: { value: type } } },
    'leave.first_day': { 'leave.date_picked': { type: 'datepicker', selected_date: day } },
    'leave.last_day': { 'leave.date_picked': { type: 'datepicker', selected_date: day } },
    'leave.reason': { value: { type: 'plain_text_input', value: reason } },
  };
}

async function requestLeave(userId: string, day: string, reason: string, type = 'annual'): Promise<RecordedCall> {
  await app.slack.slashCommand({ command: '/leave', text: '', userId });
  await app.fake.waitForCall('views.open', (c) => c.ok);
  const reply = await app.slack.viewSubmission({
    userId,
    viewId: app.fake.topView(userId)?.id as string,
    values: {
      ...annualLeave(day, reason, type),
      'leave.proof_later': { value: { type: 'checkboxes', selected_options: [{ value: 'later' }] } },
    },
  });
  expect(reply.body).toBe('');
  const card = await app.fake.waitForCall(
    'chat.postMessage',
    (c) => c.args.channel === lead && JSON.stringify(c.args.blocks ?? []).includes(reason),
  );
  await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === userId);
  app.fake.clearCalls();
  return card;
}

const tickAt = async (ms: number) => {
  app.clock.set(new Date(Date.parse('2026-12-01T02:00:00Z') + ms));
  await app.running.scheduler.tick();
};

describe('slow approvers, on a 7×24 clock', () => {
  it('reminds the lead after 4 hours, once, then passes the step up to the manager after 8', async () => {
    await requestLeave(amy, '2026-12-04', 'family visit');

    await tickAt(3 * hour + 59 * 60_000);
    expect(app.fake.calls('chat.postMessage')).toEqual([]);

    await tickAt(4 * hour);
    const reminder = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === lead);
    expect(reminder.args.text).toContain('Amy’s Annual leave for Fri 4 Dec has waited 4 hours for your decision');
    await tickAt(5 * hour);
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === lead)).toHaveLength(1);

    await tickAt(8 * hour);
    const managerCard = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === manager);
    expect(textOf(managerCard.args.blocks)).toContain('did not answer within 8 hours, so this came to you');
    const leadCard = await app.fake.waitForCall('chat.update', (c) => JSON.stringify(c.args.blocks).includes('passed up to Manager Qian'));
    expect(JSON.stringify(leadCard.args.blocks)).not.toContain('leave.approve');
    // the card still says whose request it was and for when
    expect(textOf(leadCard.args.blocks)).toMatch(/^Amy asks for .*, Fri 4 Dec/);

    // the lead's old buttons no longer decide anything
    const [request] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, 'family visit'));
    const [step] = await app.db
      .select()
      .from(leaveApprovalSteps)
      .where(eq(leaveApprovalSteps.requestId, request?.id as number));
    expect(step?.approverId).toBe(manager);
    const events = await app.db
      .select()
      .from(leaveEvents)
      .where(eq(leaveEvents.requestId, request?.id as number));
    expect(events.at(-1)).toMatchObject({ actorId: null, note: 'step 1 unanswered by U0LEAD; passed up to U0MGR' });
  });

  it('asks the manager once when the lead’s step passed up to them and the next step is theirs too', async () => {
    app.clock.set(new Date(Date.parse('2026-12-01T02:00:00Z') + hour));
    await requestLeave(bob, '2026-12-04', 'school play', 'personal');
    await tickAt(9 * hour + 60_000);
    const managerCard = await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === manager && JSON.stringify(c.args.blocks ?? []).includes('school play'),
    );
    expect(textOf(managerCard.args.blocks)).toContain('Step 1 of 1: team lead (组长)/manager (客服部经理) Manager Qian');
    const stepId = (managerCard.args.blocks as { elements?: { action_id?: string; value?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'leave.approve')?.value as string;
    const posted = app.fake.messages(app.fake.dmChannel(manager)).at(-1);
    await app.slack.blockAction({
      userId: manager,
      actionId: 'leave.approve',
      value: stepId,
      blockId: 'leave.decision',
      message: { channel: posted?.channel as string, ts: posted?.ts as string },
    });
    await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === bob && String(c.args.text).includes('is approved by Manager Qian'),
    );
    await app.running.settled();
    const cards = app.fake
      .calls('chat.postMessage')
      .filter((c) => c.args.channel === manager && JSON.stringify(c.args.blocks ?? []).includes('leave.approve'));
    expect(cards).toHaveLength(1);
    const [request] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, 'school play'));
    expect(request?.status).toBe('approved');
  });

  it('expires a request still pending when its first shift starts, and tells the agent', async () => {
    app.clock.set('2026-12-01T02:00:00Z');
    await requestLeave(bob, '2026-12-03', 'dentist');
    // 09:29 on the 3rd in Shanghai: the C shift starts at 09:30
    app.clock.set('2026-12-03T01:29:00Z');
    await app.running.scheduler.tick();
    const [before] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, 'dentist'));
    expect(before?.status).toBe('pending');
    app.clock.set('2026-12-03T01:30:00Z');
    await app.running.scheduler.tick();
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === bob && String(c.args.text).includes('the request expired'));
    const [after] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, 'dentist'));
    expect(after?.status).toBe('expired');
    await app.fake.waitForCall('chat.update', (c) => JSON.stringify(c.args.blocks).includes('the request expired'));
  });
});

describe('an approval card Slack refused to post', () => {
  it('is posted by the card job once the Web API client has surely given up, once, and the agent is told all the same', async () => {
    app.clock.set('2026-12-01T02:00:00Z');
    await insertShifts(app.db, [{ personId: dave, date: '2026-12-08', shiftCode: 'C' }]);
    app.fake.failNext('chat.postMessage', 'fatal_error'); // the lead's card
    await app.slack.slashCommand({ command: '/leave', text: '', userId: dave });
    await app.fake.waitForCall('views.open', (c) => c.ok);
    const reply = await app.slack.viewSubmission({
      userId: dave,
      viewId: app.fake.topView(dave)?.id as string,
      values: annualLeave('2026-12-08', 'moving day', 'personal'),
    });
    expect(reply.body).toBe('');
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === dave);
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === lead && c.ok)).toEqual([]);
    app.fake.clearCalls();
    await tickAt(30 * 60_000);
    expect(app.fake.calls('chat.postMessage')).toEqual([]); // the first post may still be retrying
    await tickAt(36 * 60_000);
    await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === lead && JSON.stringify(c.args.blocks ?? []).includes('moving day'),
    );
    await tickAt(37 * 60_000);
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === lead)).toHaveLength(1);
  });
});

describe('proof owed after sick leave', () => {
  it('reminds the agent on the first shift back, tells the lead when it is overdue, and takes the upload', async () => {
    app.clock.set('2026-12-01T02:00:00Z');
    const card = await requestLeave(carol, '2026-12-02', 'flu', 'sick');
    const stepId = (card.args.blocks as { elements?: { action_id?: string; value?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'leave.approve')?.value as string;
    const posted = app.fake.messages(app.fake.dmChannel(lead)).at(-1);
    await app.slack.blockAction({
      userId: lead,
      actionId: 'leave.approve',
      value: stepId,
      blockId: 'leave.decision',
      message: { channel: posted?.channel as string, ts: posted?.ts as string },
    });
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === carol && String(c.args.text).includes('is approved'));

    // Saturday 5 December 09:30 in Shanghai: Carol's first shift back
    app.clock.set('2026-12-05T01:29:00Z');
    await app.running.scheduler.tick();
    expect(app.fake.calls('chat.postMessage').filter((c) => String(c.args.text).includes('Welcome back'))).toEqual([]);
    app.clock.set('2026-12-05T01:30:00Z');
    await app.running.scheduler.tick();
    const reminder = await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === carol && String(c.args.text).includes('Welcome back'),
    );
    expect(reminder.args.text).toContain('hand it in by Tue 8 Dec 09:30');
    app.clock.set('2026-12-05T02:30:00Z');
    await app.running.scheduler.tick();
    expect(app.fake.calls('chat.postMessage').filter((c) => String(c.args.text).includes('Welcome back'))).toHaveLength(1);

    app.clock.set('2026-12-08T01:30:00Z');
    await app.running.scheduler.tick();
    const overdue = await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === lead && String(c.args.text).includes('has not handed in the proof'),
    );
    expect(overdue.args.text).toContain('count as absence');

    const reminderMessage = app.fake.messages(app.fake.dmChannel(carol)).find((m) => String(m.text).includes('Welcome back'));
    await app.slack.blockAction({
      userId: carol,
      actionId: 'leave.attach_proof',
      value: (reminderMessage!.blocks as { elements?: { value?: string }[] }[])[1]?.elements?.[0]?.value as string,
      blockId: 'leave.decision',
      message: { channel: reminderMessage?.channel as string, ts: reminderMessage?.ts as string },
    });
    await app.fake.waitForCall('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === 'leave.proof_upload');
    const viewId = app.fake.topView(carol)?.id as string;
    const empty = await app.slack.viewSubmission({
      userId: carol,
      viewId,
      values: { 'leave.proof_files': { value: { type: 'file_input', files: [] } } },
    });
    expect(empty.body).toEqual({ response_action: 'errors', errors: { 'leave.proof_files': 'Attach at least one file.' } });
    const files = [{ id: 'F0CERT', name: 'certificate.pdf', permalink: 'https://files.example/F0CERT' }];
    const done = await app.slack.viewSubmission({
      userId: carol,
      viewId,
      values: { 'leave.proof_files': { value: { type: 'file_input', files } } },
    });
    expect(done.body).toBe('');
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === carol && String(c.args.text).includes('is attached'));
    const redrawn = await app.fake.waitForCall('chat.update', (c) => JSON.stringify(c.args.blocks).includes('certificate.pdf'));
    expect(textOf(redrawn.args.blocks)).toContain('attached');
    const [request] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, 'flu'));
    expect(request?.proof).toBe('attached');

    // the same upload delivered again adds nothing and thanks nobody twice
    app.fake.clearCalls();
    expect(
      (await app.slack.viewSubmission({ userId: carol, viewId, values: { 'leave.proof_files': { value: { type: 'file_input', files } } } }))
        .body,
    ).toBe('');
    const [again] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, 'flu'));
    expect(again?.proofFiles).toHaveLength(1);
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === carol)).toEqual([]);
  });
});
