import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leaveApprovalSteps, leaveCoveredShifts, leaveRequests } from '../../src/db/schema.js';
import { department, ids, type Member, member, peopleOf, slackUsersOf } from '../fixtures/department.js';
import { insertPeople, insertShifts } from '../fixtures/org.js';
import { option, picked } from '../fixtures/view-state.js';
import type { RecordedCall } from '../harness/fake-slack/index.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import type { LocalDate } from '../../src/policy/time.js';
import { hasButton, textOf } from '../fixtures/blocks-text.js';

const { gm, manager, lead, wang, amy } = ids; // Amy is never concerned
const busyLead = 'U0BUSY'; // a lead of the online team, with 300 requests waiting
const crowd = Array.from({ length: 30 }, (_, i) => `U0CROWD${String(i).padStart(2, '0')}`);
const staff = [
  department.gm,
  department.manager,
  department.lead,
  department.wang,
  department.amy,
  { ...member(busyLead, 'Lead Busy', 'en-US'), role: 'lead', teamId: 'online', reportsTo: manager, slackName: 'busy' },
  ...crowd.map((slackId, i) => ({ ...member(slackId, `坐席${i}`, 'zh-CN'), teamId: 'online', reportsTo: busyLead })),
] satisfies Member[];

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T02:00:00Z', // 10:00, Tuesday 1 December, in Shanghai
    users: slackUsersOf(staff),
  });
  await insertPeople(app.db, peopleOf(staff));
  const day = (date: string, ...people: string[]) => people.map((personId) => ({ personId, date, shiftCode: 'R' }));
  await insertShifts(app.db, [
    ...day('2026-12-03', wang, amy, lead),
    ...day('2026-12-04', wang, amy, lead),
    ...day('2026-12-10', wang, amy, lead),
    ...day('2026-12-11', wang, amy, lead),
  ]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled();
  app.fake.clearCalls();
});

function form(p: { type: string; first: string; last: string; reason: string }): ViewStateValues {
  return {
    'leave.type': { value: option(p.type) },
    'leave.first_day': { 'leave.date_picked': picked(p.first) },
    'leave.last_day': { 'leave.date_picked': picked(p.last) },
    'leave.reason': { value: { type: 'plain_text_input', value: p.reason } },
    'leave.proof': { value: { type: 'file_input', files: [] } },
    'leave.proof_later': { value: { type: 'checkboxes', selected_options: [] } },
  };
}

/** Files personal leave as Wang (lead → manager) and returns the lead's card. */
async function fileLeave(first: string, last: string): Promise<RecordedCall> {
  await app.slack.slashCommand({ command: '/leave', text: '', userId: wang });
  await app.fake.waitForCall('views.open', (c) => c.ok);
  const viewId = app.fake.topView(wang)?.id as string;
  await app.slack.viewSubmission({ userId: wang, viewId, values: form({ type: 'personal', first, last, reason: '家里有事,需要处理' }) });
  return app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === lead && hasButton(c.args.blocks, 'leave.approve'));
}

const buttonsIn = (blocks: unknown) =>
  (blocks as { elements?: { action_id?: string; value?: string }[] }[]).flatMap((b) => b.elements ?? []);
const stepIdOf = (card: RecordedCall) => buttonsIn(card.args.blocks).find((e) => e.action_id === 'leave.approve')?.value as string;
const homeOf = (userId: string) =>
  app.fake.homeView(userId) as
    | { blocks: { type: string; block_id?: string; elements?: { action_id?: string; value?: string }[] }[] }
    | undefined;
const openHome = async (userId: string) => {
  await app.slack.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' });
  return app.fake.waitForCall('views.publish', (c) => c.args.user_id === userId);
};
/** The next Home published for the person (the calls before it were cleared), once the work after the ack is done. */
const publishedFor = async (userId: string) => {
  const call = await app.fake.waitForCall('views.publish', (c) => c.args.user_id === userId && c.ok);
  await app.running.settled();
  return call;
};
const clickOnHome = (userId: string, actionId: string, value: string) =>
  app.slack.blockAction({ userId, actionId, value, viewId: app.fake.homeViewId(userId) as string });

describe('Waiting for you, on the Home tab', () => {
  it('shows the lead the approval card with its buttons, and an approval from Home decides it and redraws the Home', async () => {
    const card = await fileLeave('2026-12-03', '2026-12-03');
    await openHome(lead);
    const home = homeOf(lead);
    const text = textOf(home);
    expect(text).toContain('Waiting for you* (1)');
    expect(text).toContain('王芳');
    expect(text).toContain('Staffing left');
    const approve = buttonsIn(home?.blocks).find((e) => e.action_id === 'leave.approve');
    expect(approve?.value).toBe(stepIdOf(card));
    // card block ids are dropped, so two cards never clash in one view
    expect(home?.blocks.some((b) => b.block_id === 'leave.decision')).toBe(false);

    await openHome(manager);
    app.fake.clearCalls();
    const reply = await clickOnHome(lead, 'leave.approve', approve?.value as string);
    expect(reply.status).toBe(200);
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === manager && hasButton(c.args.blocks, 'leave.approve'));
    await publishedFor(lead);
    await app.running.settled();
    expect(textOf(homeOf(lead))).toContain('Nothing is waiting for you.');
    // the manager's Home now has the next step
    expect(buttonsIn(homeOf(manager)?.blocks).some((e) => e.action_id === 'leave.approve')).toBe(true);
    expect(app.fake.calls().filter((c) => !c.ok)).toEqual([]);
  });

  it('redraws every Home that shows the item after a decision made on the DM card, and only Homes that were opened', async () => {
    const card = await fileLeave('2026-12-04', '2026-12-04');
    await openHome(wang);
    await openHome(amy);
    await app.running.settled();
    app.fake.clearCalls();
    const posted = app.fake
      .messages()
      .find((m) => m.channel === app.fake.dmChannel(lead) && JSON.stringify(m.blocks) === JSON.stringify(card.args.blocks));
    await app.slack.blockAction({
      userId: lead,
      actionId: 'leave.approve',
      value: stepIdOf(card),
      blockId: 'leave.decision',
      message: { channel: posted?.channel as string, ts: posted?.ts as string },
    });
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === manager && hasButton(c.args.blocks, 'leave.approve'));
    await app.running.settled();
    const republished = new Set(app.fake.calls('views.publish').map((c) => c.args.user_id));
    expect(republished).toEqual(new Set([wang, lead, manager]));
    expect(JSON.stringify(homeOf(lead))).not.toContain(`"value":"${stepIdOf(card)}"`);
    const managerButtons = buttonsIn(homeOf(manager)?.blocks).filter((e) => e.action_id === 'leave.approve');
    expect(managerButtons).toHaveLength(2);
    expect(republished.has(amy)).toBe(false);
    expect(republished.has(gm)).toBe(false); // never opened Home
  });

  it('answers a click on a stale row with what happened, and redraws the Home', async () => {
    const card = await fileLeave('2026-12-10', '2026-12-10');
    await openHome(lead);
    const approve = buttonsIn(homeOf(lead)?.blocks).find((e) => e.action_id === 'leave.approve' && e.value === stepIdOf(card));
    expect(approve).toBeDefined();
    // the lead rejects it on the DM card meanwhile
    const posted = app.fake
      .messages()
      .find((m) => m.channel === app.fake.dmChannel(lead) && JSON.stringify(m.blocks) === JSON.stringify(card.args.blocks));
    await app.slack.blockAction({
      userId: lead,
      actionId: 'leave.reject',
      value: stepIdOf(card),
      blockId: 'leave.decision',
      message: { channel: posted?.channel as string, ts: posted?.ts as string },
    });
    const rejectModal = await app.fake.waitForCall(
      'views.open',
      (c) => c.ok && (c.args.view as { callback_id?: string }).callback_id === 'leave.reject_reason',
    );
    expect(rejectModal.ok).toBe(true);
    await app.slack.viewSubmission({
      userId: lead,
      viewId: app.fake.topView(lead)?.id as string,
      values: { 'leave.reject_reason': { value: { type: 'plain_text_input', value: 'short of staff' } } },
    });
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === wang && String(c.args.text).includes('short of staff'));
    await app.running.settled();
    app.fake.clearCalls();
    const reply = await clickOnHome(lead, 'leave.approve', approve?.value as string);
    expect(reply.status).toBe(200);
    const answer = await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === lead && String(c.args.text).includes('already decided'),
    );
    expect(String(answer.args.text)).toMatch(/rejected by Lead Sun at Tue 1 Dec \d\d:\d\d/);
    await publishedFor(lead);
    await app.running.settled();
    expect(JSON.stringify(homeOf(lead))).not.toContain(`"value":"${stepIdOf(card)}"`);
    expect(app.fake.calls('response_url')).toEqual([]);
  });
});

describe('buttons on the Home tab', () => {
  it('answer by direct message where a card would answer beside the message', async () => {
    const [request] = await app.db.select().from(leaveRequests).limit(1);
    const [step] = await app.db.select().from(leaveApprovalSteps).limit(1);
    await openHome(amy);
    app.fake.clearCalls();
    await clickOnHome(amy, 'leave.withdraw', String(request?.id));
    await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === amy && String(c.args.text).includes('Only the person who asked for this leave can withdraw it.'),
    );
    await clickOnHome(amy, 'leave.reject', String(step?.id));
    await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === amy && String(c.args.text).includes('This is not yours to decide'),
    );
    await app.running.settled();
    expect(app.fake.calls('views.publish').filter((c) => c.args.user_id === amy).length).toBeGreaterThanOrEqual(2);
    expect(app.fake.calls().filter((c) => !c.ok)).toEqual([]);
  });
});

describe('Waiting for you, with 300 items', () => {
  beforeAll(async () => {
    const requests = await app.db
      .insert(leaveRequests)
      .values(
        Array.from({ length: 300 }, (_, i) => {
          const day = `2026-12-${String(10 + (i % 20)).padStart(2, '0')}`;
          return {
            submissionKey: `bulk-${i}`,
            personId: crowd[i % crowd.length] as string,
            teamId: 'online',
            type: 'annual',
            firstDay: day as LocalDate,
            lastDay: day as LocalDate,
            reason: '年假',
            calendarDays: 1,
            leaveDays: 1,
            hours: 11,
            noticeMinutes: 10_000,
            lateNotice: false,
            proof: 'not_needed' as const,
          };
        }),
      )
      .returning();
    await app.db.insert(leaveCoveredShifts).values(requests.map((r) => ({ requestId: r.id, date: r.firstDay, shiftCode: 'R' })));
    await app.db.insert(leaveApprovalSteps).values(
      requests.map((r, i) => ({
        requestId: r.id,
        position: 0,
        role: 'lead' as const,
        approverId: busyLead,
        status: 'pending' as const,
        pendingSince: new Date(Date.parse('2026-11-30T00:00:00Z') + i * 60_000),
      })),
    );
  });

  it('shows the most urgent first within 100 blocks, says how many more, and pages with a button', async () => {
    const first = await openHome(busyLead);
    expect(first.ok).toBe(true);
    const home = homeOf(busyLead);
    expect(home?.blocks.length).toBeLessThanOrEqual(100);
    const text = textOf(home);
    expect(text).toContain('Waiting for you* (300)');
    expect(text).toMatch(/Showing 1–\d+ of 300/);
    const next = buttonsIn(home?.blocks).find((e) => e.action_id === 'home.inbox_page');
    const shownFirst = buttonsIn(home?.blocks)
      .filter((e) => e.action_id === 'leave.approve')
      .map((e) => Number(e.value));
    // the steps that have waited longest escalate first: they lead
    expect(shownFirst[0]).toBe(Math.min(...shownFirst));
    expect(Number(next?.value)).toBe(shownFirst.length);

    app.fake.clearCalls();
    await clickOnHome(busyLead, 'home.inbox_page', next?.value as string);
    const paged = await publishedFor(busyLead);
    expect(paged.ok).toBe(true);
    const second = homeOf(busyLead);
    expect(second?.blocks.length).toBeLessThanOrEqual(100);
    expect(textOf(second)).toContain(`Showing ${shownFirst.length + 1}–`);
    const shownSecond = buttonsIn(second?.blocks)
      .filter((e) => e.action_id === 'leave.approve')
      .map((e) => Number(e.value));
    expect(shownSecond.some((id) => shownFirst.includes(id))).toBe(false);
    expect(buttonsIn(second?.blocks).some((e) => e.action_id === 'home.inbox_first')).toBe(true);
    expect(app.fake.calls('views.publish').every((c) => c.ok)).toBe(true);
  });
});
