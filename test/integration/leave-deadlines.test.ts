import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leaveApprovalSteps, leaveEvents, leaveRequests } from '../../src/db/schema.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import type { RecordedCall } from '../harness/fake-slack/index.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

const manager = 'U0MGR';
const lead = 'U0LEAD';
const amy = 'U0AMY';
const bob = 'U0BOB';
const hour = 60 * 60 * 1000;

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T02:00:00Z', // 10:00 on Tuesday 1 December in Shanghai
    users: [
      { id: manager, name: 'manager', locale: 'en-US' },
      { id: lead, name: 'lead', locale: 'en-US' },
      { id: amy, name: 'amy', locale: 'en-US' },
      { id: bob, name: 'bob', locale: 'en-US' },
    ],
  });
  await insertPeople(app.db, [
    aPerson({ slackId: manager, name: 'Manager Qian', role: 'manager' }),
    aPerson({ slackId: lead, name: 'Lead Sun', role: 'lead', reportsTo: manager }),
    aPerson({ slackId: amy, name: 'Amy', reportsTo: lead }),
    aPerson({ slackId: bob, name: 'Bob', reportsTo: lead }),
  ]);
  await insertShifts(app.db, [
    ...['2026-12-03', '2026-12-04'].flatMap((date) => [amy, bob].map((personId) => ({ personId, date, shiftCode: 'C' }))),
  ]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(() => {
  app.fake.clearCalls();
});

function annualLeave(day: string, reason: string): ViewStateValues {
  return {
    'leave.type': { value: { type: 'static_select', selected_option: { value: 'annual' } } },
    'leave.first_day': { 'leave.date_picked': { type: 'datepicker', selected_date: day } },
    'leave.last_day': { 'leave.date_picked': { type: 'datepicker', selected_date: day } },
    'leave.reason': { value: { type: 'plain_text_input', value: reason } },
  };
}

async function requestLeave(userId: string, day: string, reason: string): Promise<RecordedCall> {
  await app.slack.slashCommand({ command: '/leave', text: '', userId });
  await app.fake.waitForCall('views.open', (c) => c.ok);
  const reply = await app.slack.viewSubmission({ userId, viewId: app.fake.topView(userId)?.id as string, values: annualLeave(day, reason) });
  expect(reply.body).toBe('');
  const card = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === lead && JSON.stringify(c.args.blocks ?? []).includes(reason));
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
    expect(JSON.stringify(managerCard.args.blocks)).toContain('did not answer within 8 hours, so this came to you');
    const leadCard = await app.fake.waitForCall('chat.update', (c) => JSON.stringify(c.args.blocks).includes('passed up to Manager Qian'));
    expect(JSON.stringify(leadCard.args.blocks)).not.toContain('leave.approve');

    // the lead's old buttons no longer decide anything
    const [request] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, 'family visit'));
    const [step] = await app.db.select().from(leaveApprovalSteps).where(eq(leaveApprovalSteps.requestId, request?.id as number));
    expect(step?.approverId).toBe(manager);
    const events = await app.db.select().from(leaveEvents).where(eq(leaveEvents.requestId, request?.id as number));
    expect(events.at(-1)).toMatchObject({ actorId: null, note: 'step 1 unanswered by U0LEAD; passed up to U0MGR' });
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
