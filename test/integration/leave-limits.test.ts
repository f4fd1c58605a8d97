import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leaveRequests } from '../../src/db/schema.js';
import { parsePolicy } from '../../src/policy/policy-file.js';
import { blockKitProblems } from '../../src/slack/blockkit-limits.js';
import { addDays, type LocalDate } from '../../src/policy/time.js';
import { department, englishManager, ids, peopleOf, slackUsersOf } from '../fixtures/department.js';
import { insertPeople, insertShifts } from '../fixtures/org.js';
import type { RecordedCall } from '../harness/fake-slack/index.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { repoRoot, startTestApp, type TestApp } from '../harness/test-app.js';
import { hasButton, textOf } from '../fixtures/blocks-text.js';

const start = Date.parse('2026-12-01T02:00:00Z'); // 10:00, Tuesday 1 December, in Shanghai
const hour = 60 * 60 * 1000;

// Below-minimum staffing only warns, so the longest leave can go all the way to approval.
// The phone team's channel reads English; the GM's leave goes to a deputy who is not in the org file.
const policy = parsePolicy(
  readFileSync(path.join(repoRoot, 'policy.yml'), 'utf8')
    .replace('below_minimum: strict', 'below_minimum: warn')
    .replace('    announce_channel: C0PHONEANN', '    locale: en\n    announce_channel: C0PHONEANN')
    .replace('top_of_org: self_recorded', 'top_of_org: U0DEPUTY'),
);
const maxSpan = policy.teams.phone?.rules.leave.max_span_days as number;
const firstDay = '2027-01-04' as LocalDate;
const lastDay = addDays(firstDay, maxSpan - 1);

const { gm, manager, lead, amy } = ids;
const staff = [department.gm, englishManager, { ...department.lead, name: '孙组长', slackLocale: 'zh-CN' }, department.amy];

let app: TestApp;
/** The certificate as Slack describes a file picked in the form's file_input. */
let certificate: Record<string, unknown>;

beforeAll(async () => {
  app = await startTestApp({
    now: new Date(start).toISOString(),
    policy,
    users: slackUsersOf(staff),
  });
  certificate = app.fake.uploadFile(amy, {
    name: 'certificate.pdf',
    mimetype: 'application/pdf',
    content: Buffer.from('%PDF-1.4 certificate'),
  });
  await insertPeople(app.db, peopleOf(staff));
  const days = Array.from({ length: maxSpan }, (_, i) => addDays(firstDay, i));
  await insertShifts(
    app.db,
    days.flatMap((date) => ['R', 'W'].map((shiftCode) => ({ personId: amy, date, shiftCode }))),
  );
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled();
  app.fake.clearCalls();
});

const values = (first: string, last: string): ViewStateValues => ({
  'leave.type': { value: { type: 'static_select', selected_option: { value: 'maternity' } } },
  'leave.first_day': { 'leave.date_picked': { type: 'datepicker', selected_date: first } },
  'leave.last_day': { 'leave.date_picked': { type: 'datepicker', selected_date: last } },
  'leave.reason': { value: { type: 'plain_text_input', value: 'maternity' } },
  'leave.proof': { value: { type: 'file_input', files: [certificate] } },
});

const cardTo = (userId: string) =>
  app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === userId && hasButton(c.args.blocks, 'leave.approve'));
const dmTo = (userId: string, text: string) =>
  app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === userId && String(c.args.text).includes(text));
const refused = () => app.fake.calls().filter((c) => !c.ok);
const approve = async (userId: string, card: RecordedCall) => {
  const buttons = (card.args.blocks as { elements?: { action_id?: string; value?: string }[] }[]).flatMap((b) => b.elements ?? []);
  const value = buttons.find((e) => e.action_id === 'leave.approve')?.value as string;
  const posted = app.fake
    .messages()
    .find((m) => m.channel === app.fake.dmChannel(userId) && JSON.stringify(m.blocks) === JSON.stringify(card.args.blocks));
  await app.slack.blockAction({
    userId,
    actionId: 'leave.approve',
    value,
    blockId: 'leave.decision',
    message: { channel: posted?.channel as string, ts: posted?.ts as string },
  });
};
const tickAt = async (ms: number) => {
  await app.running.settled(); // the last click's cards are posted and stored
  app.clock.set(new Date(start + ms));
  await app.running.scheduler.tick();
  await app.running.settled();
};

describe(`leave of the longest span the policy allows (${maxSpan} days, two shifts a day)`, () => {
  it('previews the shifts in the modal within Slack’s limits, summarised', async () => {
    await app.slack.slashCommand({ command: '/leave', text: '', userId: amy });
    await app.fake.waitForCall('views.open', (c) => c.ok);
    const viewId = app.fake.topView(amy)?.id as string;
    await app.slack.blockAction({
      userId: amy,
      actionId: 'leave.date_picked',
      blockId: 'leave.last_day',
      viewId,
      values: values(firstDay, lastDay),
    });
    const updated = await app.fake.waitForCall('views.update');
    expect(updated.ok, updated.error).toBe(true);
    expect(textOf(app.fake.view(viewId)?.view)).toContain(`${maxSpan * 2} shifts, Mon 4 Jan – Mon 12 Jul`);
  });

  it('reaches every approver, is reminded, passes up and is approved, each message accepted by Slack', async () => {
    await app.slack.slashCommand({ command: '/leave', text: '', userId: amy });
    await app.fake.waitForCall('views.open', (c) => c.ok);
    const reply = await app.slack.viewSubmission({
      userId: amy,
      viewId: app.fake.topView(amy)?.id as string,
      values: values(firstDay, lastDay),
    });
    expect(reply.body).toBe('');
    const leadCard = await cardTo(lead);
    expect(textOf(leadCard.args.blocks)).toContain(`${maxSpan * 2} 个班次,1月4日 周一 至 7月12日 周一`);
    await dmTo(amy, 'It now waits for 孙组长');

    await tickAt(4 * hour);
    await dmTo(lead, '已等待你审批');
    await approve(lead, leadCard);
    const managerCard = await cardTo(manager);
    expect(textOf(managerCard.args.blocks)).toContain(`${maxSpan * 2} shifts, Mon 4 Jan – Mon 12 Jul`);

    await tickAt(12 * hour + 1);
    const escalated = await app.fake.waitForCall('chat.update', (c) => JSON.stringify(c.args.blocks).includes('passed up to'));
    expect(escalated.ok).toBe(true);
    const gmCard = await cardTo(gm);
    await approve(gm, gmCard);
    await dmTo(amy, 'is approved by 赵总');
    const approvedCard = await app.fake.waitForCall('chat.update', (c) => JSON.stringify(c.args.blocks).includes('现需顶班'));
    expect(approvedCard.ok).toBe(true);
    const notice = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0PHONEANN');
    expect(notice.args.text).toBe('Amy is absent Mon 4 Jan – Mon 12 Jul.');
    expect(refused()).toEqual([]);
    const [request] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.personId, amy));
    expect(request?.status).toBe('approved');
  });

  it('lists it in /leave list within Slack’s limits', async () => {
    const list = await app.slack.slashCommand({ command: '/leave', text: 'list', userId: amy });
    const blocks = (list.body as { blocks: unknown[] }).blocks;
    expect(textOf(blocks)).toContain('Maternity leave');
    expect(blockKitProblems('message', blocks)).toEqual([]);
  });
});

describe('the top of the org when the deputy the policy names cannot approve', () => {
  it('refuses the GM’s leave on the form, in their language, and files nothing', async () => {
    await insertShifts(app.db, [{ personId: gm, date: '2026-12-15', shiftCode: 'R' }]);
    await app.slack.slashCommand({ command: '/leave', text: '', userId: gm });
    await app.fake.waitForCall('views.open', (c) => c.ok);
    const reply = await app.slack.viewSubmission({
      userId: gm,
      viewId: app.fake.topView(gm)?.id as string,
      values: {
        ...values('2026-12-15', '2026-12-15'),
        'leave.type': { value: { type: 'static_select', selected_option: { value: 'annual' } } },
      },
    });
    expect(reply.body).toEqual({
      response_action: 'errors',
      errors: { 'leave.type': expect.stringContaining('今天没有人能审批组织最高负责人的请假') },
    });
    expect(await app.db.select().from(leaveRequests).where(eq(leaveRequests.personId, gm))).toEqual([]);
  });
});
