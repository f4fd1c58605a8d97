import { eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { coverCalls, leaveRequests, rosterEntries, swapRequests } from '../../src/db/schema.js';
import type { Policy } from '../../src/policy/policy-file.js';
import { department, ids, peopleOf, slackUsersOf } from '../fixtures/department.js';
import { insertPeople, insertShifts } from '../fixtures/org.js';
import type { RecordedCall } from '../harness/fake-slack/index.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { shippedPolicy, startTestApp, type TestApp } from '../harness/test-app.js';
import { option, picked } from '../fixtures/view-state.js';
import type { LocalDate } from '../../src/policy/time.js';

const { lead, otherLead, amy, bob, chen, eve, fan, gao } = ids;
const staff = [
  department.manager,
  department.lead,
  { ...department.otherLead, teamId: 'online' },
  department.amy, // en, falls ill
  { ...department.bob, slackLocale: 'zh-CN' }, // zh-CN, on the same shift
  department.chen, // zh-CN, free
  department.eve, // en, free
  department.fan, // off a night shift that ends as the day shift starts
  department.gao, // on the office shift that day
];

let app: TestApp;

/** Emergency leave that would drop a shift below its minimum is refused, as under the strictest policy, until cover is found. */
function strictPolicy(): Policy {
  const policy = shippedPolicy();
  const phone = policy.teams.phone as NonNullable<Policy['teams']['phone']>;
  return {
    ...policy,
    teams: {
      ...policy.teams,
      phone: { ...phone, rules: { ...phone.rules, staffing: { ...phone.rules.staffing, below_minimum_emergency: 'strict' } } },
    },
  };
}

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T02:00:00Z', // 10:00, Tuesday 1 December, in Shanghai
    policy: strictPolicy(),
    users: slackUsersOf(staff),
  });
  await insertPeople(app.db, peopleOf(staff));
  await insertShifts(app.db, [
    { personId: amy, date: '2026-12-01', shiftCode: 'R' },
    { personId: bob, date: '2026-12-01', shiftCode: 'R' },
    { personId: fan, date: '2026-11-30', shiftCode: 'W' },
    { personId: gao, date: '2026-12-01', shiftCode: 'C' },
    { personId: lead, date: '2026-12-01', shiftCode: 'C' },
  ]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled();
  app.fake.clearCalls();
});

const sickToday: ViewStateValues = {
  'leave.type': { value: option('sick') },
  'leave.first_day': { 'leave.date_picked': picked('2026-12-01') },
  'leave.last_day': { 'leave.date_picked': picked('2026-12-01') },
  'leave.reason': { value: { type: 'plain_text_input', value: 'fever' } },
  'leave.proof': { value: { type: 'file_input', files: [] } },
  'leave.proof_later': { value: { type: 'checkboxes', selected_options: [{ value: 'later' }] } },
};

const buttonsOf = (call: RecordedCall) =>
  (call.args.blocks as { elements?: { action_id?: string; value?: string }[] }[]).flatMap((b) => b.elements ?? []);
const buttonValue = (call: RecordedCall, actionId: string) => buttonsOf(call).find((e) => e.action_id === actionId)?.value as string;
const posted = (userId: string, actionId: string) =>
  app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === userId && buttonsOf(c).some((e) => e.action_id === actionId));
const messageOf = (card: RecordedCall) => {
  const message = app.fake
    .messages()
    .find(
      (m) => m.channel === app.fake.dmChannel(card.args.channel as string) && JSON.stringify(m.blocks) === JSON.stringify(card.args.blocks),
    );
  return { channel: message?.channel as string, ts: message?.ts as string };
};
/** Where each card was posted, remembered from the first click on: a redrawn card no longer matches the blocks it was posted with. */
const postedAt = new Map<RecordedCall, { channel: string; ts: string }>();
const click = (userId: string, actionId: string, card: RecordedCall, value = buttonValue(card, actionId)) => {
  if (!postedAt.has(card)) postedAt.set(card, messageOf(card));
  return app.slack.blockAction({
    userId,
    actionId,
    value,
    blockId: actionId.startsWith('leave.') ? 'leave.decision' : 'swap.answer',
    message: postedAt.get(card),
  });
};
const dmTo = (userId: string, text: string) =>
  app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === userId && String(c.args.text).includes(text));
const ephemeralTo = (text: string) => app.fake.waitForCall('response_url', (c) => String(c.args.text).includes(text));

describe('same-day sick leave on a shift at its minimum', () => {
  let card: RecordedCall;
  const offers = new Map<string, RecordedCall>();

  it('cannot be approved as it stands, and its card offers Find cover', async () => {
    const reply = await app.slack.slashCommand({ command: '/leave', text: '', userId: amy });
    expect(reply.status).toBe(200);
    await app.fake.waitForCall('views.open', (c) => c.ok);
    const viewId = app.fake.topView(amy)?.id as string;
    expect((await app.slack.viewSubmission({ userId: amy, viewId, values: sickToday })).body).toBe('');
    card = await posted(lead, 'leave.approve');
    expect(buttonValue(card, 'leave.find_cover')).toBe(buttonValue(card, 'leave.approve'));
    await click(lead, 'leave.approve', card);
    await ephemeralTo("Can't approve: Tue 1 Dec R (1 of 2) would fall below the team's minimum staffing.");
  });

  it('offers the shift to every colleague who could take it, once, and only at the approver’s click', async () => {
    app.fake.clearCalls();
    await click(otherLead, 'leave.find_cover', card);
    await ephemeralTo('This is not yours to decide');
    expect(await app.db.select().from(coverCalls)).toEqual([]);

    await click(lead, 'leave.find_cover', card);
    await ephemeralTo('Offered Tue 1 Dec Day shift R to 陈晨, Eve. The first to accept takes it');
    offers.set(chen, await posted(chen, 'swap.cover_accept'));
    offers.set(eve, await posted(eve, 'swap.cover_accept'));
    expect(String(offers.get(chen)?.args.text)).toBe(
      'Amy 缺勤,Lead Sun 在找人顶 12月1日 周二 长白班 R(08:30–20:30)。最先接受的人接班;Lead Sun 已同意。',
    );
    expect(String(offers.get(eve)?.args.text)).not.toMatch(/sick|病假|fever/i);
    await app.running.settled();
    // 范冰 would rest 0 minutes after his night shift, 高远 and Bob work that day already, Amy is the one away
    const offeredTo = app.fake
      .calls('chat.postMessage')
      .filter((c) => buttonsOf(c).some((e) => e.action_id === 'swap.cover_accept'))
      .map((c) => c.args.channel);
    expect(offeredTo.sort()).toEqual([chen, eve].sort());

    app.fake.clearCalls();
    await click(lead, 'leave.find_cover', card);
    await ephemeralTo('Cover was asked for already');
    await app.running.settled();
    expect(app.fake.calls('chat.postMessage')).toEqual([]);
    await click(fan, 'swap.cover_accept', offers.get(chen) as RecordedCall);
    await ephemeralTo('这个班次没有邀请你');
  });

  it('goes to the first of two colleagues accepting at once; the other offer says who took it', async () => {
    app.fake.clearCalls();
    await Promise.all([
      click(chen, 'swap.cover_accept', offers.get(chen) as RecordedCall),
      click(eve, 'swap.cover_accept', offers.get(eve) as RecordedCall),
      click(eve, 'swap.cover_accept', offers.get(eve) as RecordedCall),
    ]);
    await app.running.settled();
    const [call] = await app.db.select().from(coverCalls);
    const taker = call?.takenBy as string;
    expect([chen, eve]).toContain(taker);
    const takerName = taker === chen ? '陈晨' : 'Eve';
    await dmTo(lead, `${takerName} takes Tue 1 Dec Day shift R for Amy`);
    await dmTo(amy, `${takerName} covers your Tue 1 Dec Day shift R`);
    const loser = taker === chen ? eve : chen;
    const updated = await app.fake.waitForCall('chat.update', (c) => c.args.channel === app.fake.dmChannel(loser));
    expect(String(updated.args.text)).toContain(loser === eve ? `Taken by ${takerName}` : `已由 ${takerName} 接班`);
    await app.running.settled();

    const covers = await app.db.select().from(swapRequests).where(isNotNull(swapRequests.coverCallId));
    expect(covers).toHaveLength(1);
    expect(covers[0]).toMatchObject({
      status: 'approved',
      requesterId: amy,
      colleagueId: taker,
      giveDate: '2026-12-01',
      giveShift: 'R',
      takeDate: null,
      leadId: lead,
      decidedBy: lead,
    });
    const rows = await app.db
      .select()
      .from(rosterEntries)
      .where(eq(rosterEntries.date, '2026-12-01' as LocalDate));
    expect(
      rows
        .filter((r) => r.shiftCode === 'R' && r.status === 'scheduled')
        .map((r) => r.personId)
        .sort(),
    ).toEqual([amy, bob, taker].sort());

    app.fake.clearCalls();
    await click(taker, 'swap.cover_accept', offers.get(taker) as RecordedCall);
    await ephemeralTo(taker === chen ? '你接了 Amy 的 12月1日 周二 长白班 R' : 'You take Tue 1 Dec Day shift R for Amy');
    expect(await app.db.select().from(swapRequests).where(isNotNull(swapRequests.coverCallId))).toHaveLength(1);
  });

  it('then approves with the lead’s click: Amy is on leave and the shift keeps its minimum', async () => {
    const redrawn = app.fake
      .messages()
      .find((m) => m.channel === app.fake.dmChannel(lead) && JSON.stringify(m.blocks).includes('leave.approve'));
    expect(JSON.stringify(redrawn?.blocks)).not.toContain('leave.find_cover');
    app.fake.clearCalls();
    await click(lead, 'leave.approve', card);
    await dmTo(amy, 'approved by Lead Sun');
    const [request] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.personId, amy));
    expect(request?.status).toBe('approved');
    const rows = await app.db
      .select()
      .from(rosterEntries)
      .where(eq(rosterEntries.date, '2026-12-01' as LocalDate));
    expect(rows.find((r) => r.personId === amy)?.status).toBe('on_leave');
    expect(rows.filter((r) => r.shiftCode === 'R' && r.status === 'scheduled')).toHaveLength(2);
  });
});
