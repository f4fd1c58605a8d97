import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leaveEvents, leaveRequests, rosterEntries } from '../../src/db/schema.js';
import { department, ids, peopleOf, slackUsersOf } from '../fixtures/department.js';
import { insertPeople, insertShifts } from '../fixtures/org.js';
import type { RecordedCall } from '../harness/fake-slack/index.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { option, picked } from '../fixtures/view-state.js';
import type { LocalDate } from '../../src/policy/time.js';
import { hasButton, textOf } from '../fixtures/blocks-text.js';

const { gm, manager, lead, otherLead, wang, amy, li, zhou } = ids;
const staff = [
  department.gm,
  department.manager,
  department.lead,
  department.otherLead,
  department.wang, // zh-CN agent
  department.amy, // en agent
  department.li,
  department.zhou,
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
    ...day('2026-12-01', amy, li, zhou),
    ...day('2026-12-02', wang, li, zhou),
    ...day('2026-12-03', wang, amy, li, zhou),
    ...day('2026-12-04', wang, amy, li),
    ...day('2026-12-05', wang, li),
    ...day('2026-12-08', wang, amy, li),
  ]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled(); // what an earlier test set going is over before its calls are forgotten
  app.fake.clearCalls(); // messages stay, so later decisions can still update earlier cards
});

function form(p: { type?: string; first?: string | null; last?: string | null; reason?: string | null; later?: boolean }): ViewStateValues {
  return {
    'leave.type': { value: p.type === undefined ? { type: 'static_select', selected_option: null } : option(p.type) },
    'leave.first_day': { 'leave.date_picked': picked(p.first ?? null) },
    'leave.last_day': { 'leave.date_picked': picked(p.last ?? null) },
    'leave.reason': { value: { type: 'plain_text_input', value: p.reason ?? null } },
    'leave.proof': { value: { type: 'file_input', files: [] } },
    'leave.proof_later': { value: { type: 'checkboxes', selected_options: p.later ? [{ value: 'later' }] : [] } },
  };
}

/** Opens the /leave modal as `userId` and returns its view id. */
async function openModal(userId: string): Promise<string> {
  const reply = await app.slack.slashCommand({ command: '/leave', text: '', userId });
  expect(reply.status).toBe(200);
  const opened = await app.fake.waitForCall(
    'views.open',
    (c) => c.ok && (c.args.view as { callback_id?: string }).callback_id === 'leave.request',
  );
  expect(opened.ok).toBe(true);
  return app.fake.topView(userId)?.id as string;
}

async function submit(userId: string, values: ViewStateValues) {
  const viewId = await openModal(userId);
  return app.slack.viewSubmission({ userId, viewId, values });
}

const cardTo = (userId: string) =>
  app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === userId && hasButton(c.args.blocks, 'leave.approve'));
const dmTo = (userId: string, text: string) =>
  app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === userId && String(c.args.text).includes(text));
const stepIdOf = (card: RecordedCall) => {
  const buttons = (card.args.blocks as { elements?: { action_id?: string; value?: string }[] }[]).flatMap((b) => b.elements ?? []);
  return buttons.find((e) => e.action_id === 'leave.approve')?.value as string;
};
const messageOf = async (card: RecordedCall) => {
  const posted = app.fake
    .messages()
    .find(
      (m) =>
        m.channel === app.fake.dmChannel(card.args.channel as string) &&
        m.blocks &&
        JSON.stringify(m.blocks) === JSON.stringify(card.args.blocks),
    );
  return { channel: posted?.channel as string, ts: posted?.ts as string };
};
const click = async (userId: string, actionId: 'leave.approve' | 'leave.reject', card: RecordedCall) =>
  app.slack.blockAction({ userId, actionId, value: stepIdOf(card), blockId: 'leave.decision', message: await messageOf(card) });
const ephemeralTo = (text: string) => app.fake.waitForCall('response_url', (c) => String(c.args.text).includes(text));

describe('the request modal', () => {
  it('opens with the leave types of my team and the shifts of the picked dates', async () => {
    const viewId = await openModal(wang);
    const modal = app.fake.view(viewId)?.view as { title: { text: string }; blocks: unknown[] };
    expect(modal.title.text).toBe('请假申请');
    expect(textOf(modal.blocks)).toContain('事假');
    await app.slack.blockAction({
      userId: wang,
      actionId: 'leave.date_picked',
      blockId: 'leave.last_day',
      viewId,
      values: form({ first: '2026-12-02', last: '2026-12-05' }),
    });
    await app.fake.waitForCall('views.update');
    const updated = textOf(app.fake.view(viewId)?.view);
    expect(updated).toContain('这段日期涉及 4 个工作日,共 44 小时');
    expect(updated).toContain('12月5日 周六 长白班 R');
  });

  it('shows every broken field where it broke, in the user’s language, and stores nothing', async () => {
    const reply = await submit(amy, form({}));
    expect(reply.body).toEqual({
      response_action: 'errors',
      errors: {
        'leave.type': 'Pick one of the leave types in the list.',
        'leave.first_day': 'Pick a date.',
        'leave.last_day': 'Pick a date.',
        'leave.reason': 'Say why you need the leave; only your approvers see it.',
      },
    });
    expect(await app.db.select().from(leaveRequests).where(eq(leaveRequests.personId, amy))).toEqual([]);
  });

  it('survives garbage in every field: unknown type, impossible dates, an overlong reason', async () => {
    const reply = await submit(amy, {
      'leave.type': { value: { type: 'static_select', selected_option: { value: '<script>' } } },
      'leave.first_day': { 'leave.date_picked': { type: 'datepicker', selected_date: '2026-02-30' } },
      'leave.last_day': { 'leave.date_picked': { type: 'datepicker', selected_date: 'yesterday' } },
      'leave.reason': { value: { type: 'plain_text_input', value: 'x'.repeat(5000) } },
      'leave.proof': { value: { type: 'file_input', files: 'not a list' } },
    });
    expect(reply.body).toEqual({
      response_action: 'errors',
      errors: {
        'leave.type': 'Pick one of the leave types in the list.',
        'leave.first_day': 'Pick a date.',
        'leave.last_day': 'Pick a date.',
        'leave.reason': 'Keep the reason under 500 characters.',
      },
    });
    const typed = await submit(amy, form({ type: '<script>', first: '2026-12-08', last: '2026-12-08', reason: 'x'.repeat(5000) }));
    expect(typed.body).toEqual({
      response_action: 'errors',
      errors: { 'leave.type': 'Pick one of the leave types in the list.', 'leave.reason': 'Keep the reason under 500 characters.' },
    });
  });

  it('refuses a first day years away or long past on its field, in the reader’s language, and writes nothing', async () => {
    const far = await submit(amy, form({ type: 'annual', first: '9999-12-31', last: '9999-12-31', reason: 'x' }));
    expect(far.body).toEqual({
      response_action: 'errors',
      errors: {
        'leave.first_day': 'This day is too far ahead; pick one no later than Thu 2 Dec 2027.',
        'leave.last_day': 'This day is too far ahead; pick one no later than Thu 8 Jun 2028.',
      },
    });
    const ancient = await submit(amy, form({ type: 'annual', first: '0001-01-01', last: '2026-12-08', reason: 'x' }));
    expect(ancient.body).toEqual({
      response_action: 'errors',
      errors: { 'leave.first_day': 'This day has passed; the earliest first day is today, Tue 1 Dec.' },
    });
    expect(
      await app.db
        .select()
        .from(leaveRequests)
        .where(eq(leaveRequests.lastDay, '9999-12-31' as LocalDate)),
    ).toEqual([]);
    expect(
      await app.db
        .select()
        .from(leaveRequests)
        .where(eq(leaveRequests.firstDay, '0001-01-01' as LocalDate)),
    ).toEqual([]);
  });

  it('says so in Chinese to a Chinese reader', async () => {
    const far = await submit(wang, form({ type: 'annual', first: '9999-12-31', last: '9999-12-31', reason: '休假' }));
    expect(far.body).toEqual({
      response_action: 'errors',
      errors: {
        'leave.first_day': '该日期太远了,请选择不晚于 2027年12月2日 周四 的日期。',
        'leave.last_day': '该日期太远了,请选择不晚于 2028年6月8日 周四 的日期。',
      },
    });
    expect(
      await app.db
        .select()
        .from(leaveRequests)
        .where(eq(leaveRequests.lastDay, '9999-12-31' as LocalDate)),
    ).toEqual([]);
  });

  it('refuses short notice on the first-day field with the number that applies and the earliest shift', async () => {
    const reply = await submit(wang, form({ type: 'personal', first: '2026-12-02', last: '2026-12-02', reason: '家里有事' }));
    expect(reply.body).toEqual({
      response_action: 'errors',
      errors: { 'leave.first_day': '事假须提前 1 天申请 — 最早可申请 12月3日 周四的班次' },
    });
  });

  it('refuses a last day before the first, and a range without my shifts', async () => {
    const backwards = await submit(amy, form({ type: 'annual', first: '2026-12-08', last: '2026-12-04', reason: 'x' }));
    expect(backwards.body).toMatchObject({ errors: { 'leave.last_day': 'The last day must be on or after the first day (Tue 8 Dec).' } });
    const empty = await submit(amy, form({ type: 'annual', first: '2026-12-06', last: '2026-12-07', reason: 'x' }));
    expect(empty.body).toMatchObject({
      errors: { 'leave.first_day': 'You have no rostered shift from Sun 6 Dec to Mon 7 Dec, so there is nothing to take off.' },
    });
  });

  it('asks for proof with marriage and maternity leave, on its field, and takes no promise to hand it in later', async () => {
    const reply = await submit(amy, form({ type: 'marriage', first: '2027-01-10', last: '2027-01-10', reason: 'wedding' }));
    expect(reply.body).toEqual({
      response_action: 'errors',
      errors: { 'leave.proof': 'Marriage leave needs its proof with the request: attach it here.' },
    });
    const later = await submit(wang, form({ type: 'maternity', first: '2027-01-10', last: '2027-01-10', reason: '生育', later: true }));
    expect(later.body).toEqual({ response_action: 'errors', errors: { 'leave.proof': '产假须随申请附上证明材料,请在这里上传。' } });
  });

  it('labels each proof input differently and offers "later" only for the types whose proof may follow', async () => {
    const viewId = await openModal(amy);
    const blocks = (app.fake.view(viewId)!.view as { blocks: { block_id?: string; label?: { text: string }; hint?: { text: string } }[] })
      .blocks;
    const proof = blocks.find((b) => b.block_id === 'leave.proof');
    const later = blocks.find((b) => b.block_id === 'leave.proof_later');
    expect(proof?.label?.text).not.toBe(later?.label?.text);
    expect(proof?.hint?.text).toBe(
      'Marriage leave, Maternity leave: attach it with the request. Sick leave, Paternity leave, Bereavement leave: attach it now or hand it in when you are back.',
    );
  });
});

describe('a two-step approval', () => {
  it('goes lead → manager, refuses strangers and double clicks, and marks the roster', async () => {
    const reply = await submit(wang, form({ type: 'personal', first: '2026-12-03', last: '2026-12-03', reason: '搬家' }));
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('');
    const leadCard = await cardTo(lead);
    const leadText = textOf(leadCard.args.blocks);
    expect(leadText).toContain('王芳 asks for Personal leave');
    expect(leadText).toContain('Reason:* 搬家');
    expect(leadText).toContain('Thu 3 Dec R: 3 (minimum 2)');
    expect(leadText).toContain('Step 1 of 2');
    await dmTo(wang, '你的事假申请(12月3日 周四)已提交,等待Lead Sun审批。');

    app.fake.clearCalls();
    await click(otherLead, 'leave.approve', leadCard);
    await ephemeralTo('This is not yours to decide: it waits for Lead Sun.');
    expect(app.fake.calls('chat.update')).toEqual([]);

    await click(lead, 'leave.approve', leadCard);
    const managerCard = await cardTo(manager);
    expect(textOf(managerCard.args.blocks)).toContain('第 2/2 步');
    const updatedLeadCard = await app.fake.waitForCall('chat.update');
    expect(textOf(updatedLeadCard.args.blocks)).toContain('Approved by Lead Sun');
    expect(JSON.stringify(updatedLeadCard.args.blocks)).not.toContain('leave.approve');
    await dmTo(wang, '已由Lead Sun批准,现等待钱经理审批');

    app.fake.clearCalls();
    await click(lead, 'leave.approve', leadCard);
    await ephemeralTo('This was already decided');
    expect(app.fake.calls('chat.postMessage')).toEqual([]);

    await click(manager, 'leave.approve', managerCard);
    await dmTo(wang, '已由钱经理批准');
    const notice = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0PHONEANN');
    expect(notice.args.text).toBe('王芳 12月3日 周四 缺勤。');
    const rows = await app.db.select().from(rosterEntries).where(eq(rosterEntries.personId, wang));
    expect(rows.find((r) => r.date === '2026-12-03')?.status).toBe('on_leave');
    expect(rows.find((r) => r.date === '2026-12-04')?.status).toBe('scheduled');

    const [request] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.personId, wang));
    expect(request?.status).toBe('approved');
    const events = await app.db
      .select()
      .from(leaveEvents)
      .where(eq(leaveEvents.requestId, request?.id as number));
    expect(events.map((e) => [e.actorId, e.fromStatus, e.toStatus])).toEqual([
      [wang, null, 'pending'],
      [lead, 'pending', 'pending'],
      [manager, 'pending', 'approved'],
    ]);
  });
});

describe('emergencies, rejection and staffing', () => {
  it('takes sick leave after the shift started, flagged late for the lead', async () => {
    const reply = await submit(amy, form({ type: 'sick', first: '2026-12-01', last: '2026-12-01', reason: 'fever' }));
    expect(reply.body).toBe('');
    const card = await cardTo(lead);
    expect(textOf(card.args.blocks)).toContain('Late notice');
    expect(textOf(card.args.blocks)).toContain('Step 1 of 1');
    await dmTo(amy, 'Hand in the proof when you are back');
  });

  it('rejects with a reason the agent reads', async () => {
    await submit(li, form({ type: 'annual', first: '2026-12-08', last: '2026-12-08', reason: 'trip' }));
    const card = await cardTo(lead);
    await click(lead, 'leave.reject', card);
    const modal = await app.fake.waitForCall(
      'views.open',
      (c) => (c.args.view as { callback_id?: string }).callback_id === 'leave.reject_reason',
    );
    expect(modal.ok).toBe(true);
    const viewId = app.fake.topView(lead)?.id as string;
    const empty = await app.slack.viewSubmission({
      userId: lead,
      viewId,
      values: { 'leave.reject_reason': { value: { type: 'plain_text_input', value: ' ' } } },
    });
    expect(empty.body).toMatchObject({ response_action: 'errors' });
    const done = await app.slack.viewSubmission({
      userId: lead,
      viewId,
      values: { 'leave.reject_reason': { value: { type: 'plain_text_input', value: '那天人手不够' } } },
    });
    expect(done.body).toBe('');
    await dmTo(li, '未被Lead Sun批准:那天人手不够');
  });

  it("refuses to approve leave that leaves a shift below the team's minimum", async () => {
    await submit(li, form({ type: 'annual', first: '2026-12-05', last: '2026-12-05', reason: 'wedding of a friend' }));
    const card = await cardTo(lead);
    expect(textOf(card.args.blocks)).toContain('1 short');
    await click(lead, 'leave.approve', card);
    await ephemeralTo("Can't approve: Sat 5 Dec R (1 of 2) would fall below the team's minimum staffing.");
    const [row] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, 'wedding of a friend'));
    expect(row?.status).toBe('pending');
  });

  it('decides exactly once when two approvers click at the same moment', async () => {
    await submit(zhou, form({ type: 'annual', first: '2026-12-03', last: '2026-12-03', reason: 'race' }));
    const card = await cardTo(lead);
    await Promise.all([click(lead, 'leave.approve', card), click(manager, 'leave.approve', card), click(lead, 'leave.approve', card)]);
    await dmTo(zhou, '批准,这几天的班次'); // whichever of the two came first
    await ephemeralTo('already decided');
    const [row] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, 'race'));
    expect(row?.status).toBe('approved');
    const events = await app.db
      .select()
      .from(leaveEvents)
      .where(eq(leaveEvents.requestId, row?.id as number));
    expect(events.filter((e) => e.toStatus === 'approved')).toHaveLength(1);
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === zhou && String(c.args.text).includes('批准,'))).toHaveLength(
      1,
    );
  });
});

describe('the top of the org', () => {
  it('records the GM’s leave as approved when filed (leave.top_of_org: self_recorded), with a note in its history', async () => {
    await insertShifts(app.db, [{ personId: gm, date: '2026-12-15', shiftCode: 'R' }]);
    const reply = await submit(gm, form({ type: 'annual', first: '2026-12-15', last: '2026-12-15', reason: '休息' }));
    expect(reply.body).toBe('');
    await dmTo(gm, '已按制度记为批准');
    const notice = await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === 'C0PHONEANN' && String(c.args.text).includes('赵总'),
    );
    expect(notice.args.text).toBe('赵总 12月15日 周二 缺勤。');
    const [request] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.personId, gm));
    expect(request?.status).toBe('approved');
    const events = await app.db
      .select()
      .from(leaveEvents)
      .where(eq(leaveEvents.requestId, request?.id as number));
    expect(events.at(-1)?.note).toContain('self-recorded');
    const rows = await app.db.select().from(rosterEntries).where(eq(rosterEntries.personId, gm));
    expect(rows.map((r) => r.status)).toEqual(['on_leave']);
  });
});

describe('a submission Slack delivers again', () => {
  it('files one request and closes the modal each time, without calling its own request an overlap', async () => {
    const viewId = await openModal(li);
    const values = form({ type: 'annual', first: '2026-12-04', last: '2026-12-04', reason: 'again' });
    const first = await app.slack.viewSubmission({ userId: li, viewId, values });
    expect(first.body).toBe('');
    await cardTo(lead);
    expect((await app.slack.viewSubmission({ userId: li, viewId, values }, { retryNum: 1 })).body).toBe('');
    expect(await app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, 'again'))).toHaveLength(1);
  });
});

describe('two overlapping requests sent at once', () => {
  it('files exactly one; the other is told why, on its field or by DM', async () => {
    const viewA = await openModal(amy);
    app.fake.clearCalls();
    const viewB = await openModal(amy);
    expect(viewB).not.toBe(viewA);
    const replies = await Promise.all(
      [viewA, viewB].map((viewId) =>
        app.slack.viewSubmission({
          userId: amy,
          viewId,
          values: form({ type: 'annual', first: '2026-12-08', last: '2026-12-08', reason: 'twice' }),
        }),
      ),
    );
    await cardTo(lead); // the write happens after the modal closed
    const refusedOnField = replies.filter((r) => JSON.stringify(r.body).includes('You already have leave'));
    if (refusedOnField.length === 0) await dmTo(amy, 'could not be filed after all');
    const stored = await app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, 'twice'));
    expect(stored).toHaveLength(1);
  });
});

describe('/leave list and withdrawing', () => {
  const listOf = async (userId: string) => {
    const reply = await app.slack.slashCommand({ command: '/leave', text: 'list', userId });
    return reply.body as { blocks: { text?: { text: string }; accessory?: { value: string } }[] };
  };
  const withdraw = (userId: string, requestId: string) =>
    app.slack.blockAction({
      userId,
      actionId: 'leave.withdraw',
      value: requestId,
      blockId: 'list',
      message: { channel: app.fake.dmChannel(userId), ts: '1764547200.000001' },
    });

  it('lists my requests with where they stand', async () => {
    const list = await listOf(wang);
    expect(list.blocks[0]?.text?.text).toBe('*我的请假申请*');
    expect(list.blocks.map((b) => b.text?.text)).toContain('*事假* 12月3日 周四 — 已批准');
  });

  it('withdraws approved leave before it starts: roster restored, approvers told, cards redrawn', async () => {
    const [request] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, '搬家'));
    const id = String(request?.id);
    await withdraw(amy, id);
    await ephemeralTo('Only the person who asked for this leave can withdraw it.');

    await withdraw(wang, id);
    await ephemeralTo('已撤回:事假 12月3日 周四。 这几天的班次已恢复到排班表。');
    await dmTo(lead, 'withdrew the Personal leave for Thu 3 Dec that you approved');
    await dmTo(manager, '撤回了你批准的事假');
    const redrawn = await app.fake.waitForCall('chat.update', (c) => JSON.stringify(c.args.blocks).includes('Withdrawn by 王芳'));
    expect(redrawn.ok).toBe(true);
    const corrected = await app.fake.waitForCall('chat.update', (c) => c.args.channel === 'C0PHONEANN');
    expect(corrected.ok).toBe(true);
    expect(app.fake.messages('C0PHONEANN').find((m) => m.ts === corrected.args.ts)?.text).toBe(
      '~王芳 12月3日 周四 缺勤。~ 已撤回:王芳 12月3日 周四 按排班正常上班。',
    );
    const rows = await app.db.select().from(rosterEntries).where(eq(rosterEntries.personId, wang));
    expect(rows.find((r) => r.date === '2026-12-03')?.status).toBe('scheduled');
    const [after] = await app.db
      .select()
      .from(leaveRequests)
      .where(eq(leaveRequests.id, request?.id as number));
    expect(after?.status).toBe('cancelled');

    app.fake.clearCalls();
    await withdraw(wang, id);
    await ephemeralTo('该申请当前为"已撤销",未做任何更改。');
  });
});

describe('approving leave on a shift that is no longer the person’s', () => {
  it('tells the approver there is nothing left to approve, and changes nothing', async () => {
    await insertShifts(
      app.db,
      [zhou, wang, amy].map((personId) => ({ personId, date: '2026-12-10', shiftCode: 'R' })),
    );
    await submit(zhou, form({ type: 'annual', first: '2026-12-10', last: '2026-12-10', reason: 'swapped away' }));
    const card = await cardTo(lead);
    // the shift went to someone else after the leave was filed
    await app.db
      .update(rosterEntries)
      .set({ status: 'swapped' })
      .where(and(eq(rosterEntries.personId, zhou), eq(rosterEntries.date, '2026-12-10' as LocalDate)));
    await click(lead, 'leave.approve', card);
    await ephemeralTo("Can't approve: 周杰 no longer works Thu 10 Dec Day shift R; the roster changed after the request was filed");
    const [row] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, 'swapped away'));
    expect(row?.status).toBe('pending');
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === 'C0PHONEANN')).toEqual([]);
  });
});
