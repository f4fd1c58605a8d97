import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  handoverCases,
  handoverEvents,
  handoverMisses,
  handovers,
  handoverVersions,
  leaveCoveredShifts,
  leaveRequests,
} from '../../src/db/schema.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { weekFactsFor } from '../../src/db/queries/report.js';
import type { LocalDate } from '../../src/policy/time.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { textOf } from '../fixtures/blocks-text.js';

const lead = 'U0LEAD';
const amy = 'U0AMY'; // en, day shift R on 1 December
const wang = 'U0WANG'; // zh-CN, day shift R on 1 December
const li = 'U0LI'; // zh-CN, night shift W on 1 December
const zhou = 'U0ZHOU'; // zh-CN, night shift W on 1 December
const hu = 'U0HU'; // on leave from the night shift W on 1 December
const bob = 'U0BOB'; // en, not on the night shift
const channel = 'C0PHONEHND';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T12:10:00Z', // 20:10 on Tuesday 1 December in Shanghai: the day shift R ends at 20:30
    users: [
      { id: lead, name: 'lead', locale: 'en-US' },
      { id: amy, name: 'amy', locale: 'en-US' },
      { id: wang, name: 'wang', locale: 'zh-CN' },
      { id: li, name: 'li', locale: 'zh-CN' },
      { id: zhou, name: 'zhou', locale: 'zh-CN' },
      { id: hu, name: 'hu', locale: 'zh-CN' },
      { id: bob, name: 'bob', locale: 'en-US' },
    ],
  });
  await insertPeople(app.db, [
    aPerson({ slackId: lead, name: 'Lead Sun', role: 'lead' }),
    aPerson({ slackId: amy, name: 'Amy', reportsTo: lead }),
    aPerson({ slackId: wang, name: '王芳', reportsTo: lead }),
    aPerson({ slackId: li, name: '李雷', reportsTo: lead }),
    aPerson({ slackId: zhou, name: '周杰', reportsTo: lead }),
    aPerson({ slackId: hu, name: '胡兰', reportsTo: lead }),
    aPerson({ slackId: bob, name: 'Bob', reportsTo: lead }),
  ]);
  await insertShifts(app.db, [
    { personId: amy, date: '2026-12-01', shiftCode: 'R' },
    { personId: wang, date: '2026-12-01', shiftCode: 'R' },
    { personId: li, date: '2026-12-01', shiftCode: 'W' },
    { personId: zhou, date: '2026-12-01', shiftCode: 'W' },
    { personId: hu, date: '2026-12-01', shiftCode: 'W', status: 'on_leave' },
    { personId: bob, date: '2026-12-01', shiftCode: 'C' },
  ]);
  const [leave] = await app.db
    .insert(leaveRequests)
    .values({
      submissionKey: 'fixture',
      personId: hu,
      teamId: 'phone',
      type: 'annual',
      firstDay: '2026-12-01' as LocalDate,
      lastDay: '2026-12-01' as LocalDate,
      reason: 'trip',
      status: 'approved',
      calendarDays: 1,
      leaveDays: 1,
      hours: 12,
      noticeMinutes: 9000,
      lateNotice: false,
      proof: 'not_needed',
    })
    .returning();
  await app.db.insert(leaveCoveredShifts).values({ requestId: leave?.id as number, date: '2026-12-01' as LocalDate, shiftCode: 'W' });
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled(); // what an earlier test set going is over before its calls are forgotten
  app.fake.clearCalls();
});

const text = (value: string | null) => ({ value: { type: 'plain_text_input', value } });

interface CaseInput {
  what?: string;
  promise?: string;
  due?: string;
  owner?: string;
}

function handoverForm(p: {
  shift?: string;
  equipment?: 'ok' | 'issue';
  issue?: string;
  cases?: CaseInput[];
  resolutions?: Record<number, string>;
  notes?: string;
  staffingBlock?: string;
}): ViewStateValues {
  const values: ViewStateValues = {
    ...(p.shift ? { 'handover.shift': { 'handover.shift_picked': { type: 'static_select', selected_option: { value: p.shift } } } } : {}),
    'handover.equipment': { value: { type: 'radio_buttons', selected_option: p.equipment ? { value: p.equipment } : null } },
    'handover.equipment_issue': text(p.issue ?? null),
    [p.staffingBlock ?? 'handover.staffing']: text('胡兰 on leave'),
    'handover.process': text(null),
    'handover.instructions': text('Push the new refund script'),
    'handover.feedback': text(null),
    'handover.notes': text(p.notes ?? null),
  };
  (p.cases ?? [{}]).forEach((c, slot) => {
    values[`handover.case_what.${slot}`] = text(c.what ?? null);
    values[`handover.case_promise.${slot}`] = text(c.promise ?? null);
    values[`handover.case_due.${slot}`] = {
      value: { type: 'datetimepicker', selected_date_time: c.due ? Date.parse(c.due) / 1000 : null },
    };
    values[`handover.case_owner.${slot}`] = { value: { type: 'users_select', selected_user: c.owner ?? null } };
  });
  for (const [id, line] of Object.entries(p.resolutions ?? {})) values[`handover.resolution.${id}`] = text(line);
  return values;
}

/** Opens the /handover modal as `userId` and returns its view id. */
async function openModal(userId: string): Promise<string> {
  app.fake.clearCalls();
  const reply = await app.slack.slashCommand({ command: '/handover', text: '', userId });
  expect(reply.status).toBe(200);
  const opened = await app.fake.waitForCall(
    'views.open',
    (c) => (c.args.view as { callback_id?: string }).callback_id === 'handover.write',
  );
  expect(opened.ok, JSON.stringify(opened)).toBe(true);
  return app.fake.topView(userId)?.id as string;
}

const modalOf = (viewId: string) =>
  app.fake.view(viewId)?.view as { blocks: { block_id?: string; type: string }[]; title: { text: string } };
const staffingBlockOf = (viewId: string) =>
  modalOf(viewId).blocks.find((b) => b.block_id?.startsWith('handover.staffing'))?.block_id as string;
const dmTo = (userId: string, words: string) =>
  app.fake.waitForCall(
    'chat.postMessage',
    (c) => c.args.channel === userId && JSON.stringify([c.args.text, c.args.blocks ?? []]).includes(words),
  );
const ephemeralTo = (words: string) => app.fake.waitForCall('response_url', (c) => String(c.args.text).includes(words));
const channelMessage = () => app.fake.messages(channel).at(-1) as { channel: string; ts: string; blocks?: unknown[] };
const handoverIdOf = (blocks: unknown) => {
  const buttons = (blocks as { elements?: { action_id?: string; value?: string }[] }[]).flatMap((b) => b.elements ?? []);
  return buttons.find((e) => e.action_id === 'handover.take_over' || e.action_id === 'handover.amend')?.value as string;
};
const click = (userId: string, actionId: string, message: { channel: string; ts: string; blocks?: unknown[] }) =>
  app.slack.blockAction({
    userId,
    actionId,
    value: handoverIdOf(message.blocks),
    blockId: 'handover.decision',
    message: { channel: message.channel, ts: message.ts },
  });
const tickAt = async (iso: string) => {
  app.clock.set(iso);
  await app.running.scheduler.tick();
};

describe('writing, refusing, amending and taking over a handover', () => {
  it('opens the modal for the shift that is ending, with the incoming shift and its staffing changes', async () => {
    const viewId = await openModal(amy);
    const modal = modalOf(viewId);
    expect(modal.title.text).toBe('Shift handover');
    const shown = JSON.stringify(modal);
    expect(shown).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"Tue 1 Dec Day shift R","emoji":true},"value":"2026-12-01|R"}',
    );
    expect(shown).toContain('Handing over to *Tue 1 Dec Night shift W* (starts Tue 1 Dec 20:30): 李雷, 周杰');
    expect(shown).toContain('胡兰: on leave');
    expect(shown).not.toContain('Annual leave');
    expect(shown).toContain('No open cases are waiting from earlier shifts.');
  });

  it('shows every mistake on its field, in the author’s language, and stores nothing', async () => {
    const viewId = await openModal(amy);
    const reply = await app.slack.viewSubmission({
      userId: amy,
      viewId,
      values: handoverForm({
        shift: '2026-12-01|R',
        equipment: 'issue',
        cases: [{ promise: 'refund by tonight' }],
        staffingBlock: staffingBlockOf(viewId),
      }),
    });
    expect(reply.body).toEqual({
      response_action: 'errors',
      errors: {
        'handover.equipment_issue': 'Say what is wrong with the equipment.',
        'handover.case_what.0': 'Say what the case is about.',
        'handover.case_owner.0': 'Pick who owns this case.',
        'handover.case_due.0': 'A promise to a customer needs a due time.',
      },
    });
    const past = await app.slack.viewSubmission({
      userId: amy,
      viewId,
      values: handoverForm({
        shift: '1999-01-01|Q',
        equipment: 'ok',
        cases: [{ what: 'Mr Li: refund', promise: 'call back', due: '2026-12-01T11:00:00Z', owner: 'U0NOBODY' }],
      }),
    });
    expect(past.body).toEqual({
      response_action: 'errors',
      errors: {
        'handover.shift': "Pick one of today's shifts of your team.",
        'handover.case_due.0': 'This time has passed; pick a time still to come.',
        'handover.case_owner.0': 'This person is not in the org file; pick a colleague who is.',
      },
    });
    expect(await app.db.select().from(handovers)).toEqual([]);
  });

  it('refuses a due time out of range on its field', async () => {
    const viewId = await openModal(amy);
    const values = handoverForm({
      shift: '2026-12-01|R',
      equipment: 'ok',
      cases: [{ what: 'Mr Li: refund', promise: 'call back', owner: wang }],
      notes: 'all\u0000 quiet\uD800',
      staffingBlock: staffingBlockOf(viewId),
    });
    for (const seconds of [99999999999999, 4_200_000_000]) {
      values['handover.case_due.0'] = { value: { type: 'datetimepicker', selected_date_time: seconds } };
      const far = await app.slack.viewSubmission({ userId: amy, viewId, values });
      expect(far.body).toEqual({
        response_action: 'errors',
        errors: { 'handover.case_due.0': 'Pick a due time within the next 366 days.' },
      });
    }
    expect(await app.db.select().from(handovers)).toEqual([]);
  });

  it('posts the handover to the channel and asks each person of the incoming shift to take it over', async () => {
    const viewId = await openModal(amy);
    const reply = await app.slack.viewSubmission({
      userId: amy,
      viewId,
      values: handoverForm({
        shift: '2026-12-01|R',
        equipment: 'issue',
        issue: 'Headset 3 crackles',
        cases: [
          { what: 'Mr Zhang <VIP>: double charge', promise: 'call back with the refund number', due: '2026-12-01T15:00:00Z', owner: li },
        ],
        staffingBlock: staffingBlockOf(viewId),
      }),
    });
    expect(reply.body).toBe('');
    const post = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === channel);
    const posted = JSON.stringify(post.args.blocks);
    expect(posted).toContain('交接班 · 12月1日 周二 长白班 R');
    expect(posted).toContain('设备问题:* Headset 3 crackles');
    expect(posted).toContain(
      'Mr Zhang &lt;VIP&gt;: double charge — 承诺:call back with the refund number — 期限 12月1日 周二 23:00 — 负责人 李雷',
    );
    expect(posted).toContain('handover.take_over');
    const dmLi = await dmTo(li, 'Amy 向你交接 12月1日 周二 长白班 R');
    expect(JSON.stringify(dmLi.args.blocks)).toContain('handover.refuse');
    await dmTo(zhou, 'Amy 向你交接');
    await dmTo(amy, 'is posted and sent to 李雷, 周杰');
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === hu)).toEqual([]);
    const [row] = await app.db.select().from(handovers);
    expect(row).toMatchObject({
      status: 'submitted',
      version: 1,
      authorId: amy,
      shiftDate: '2026-12-01',
      shiftCode: 'R',
      nextShiftCode: 'W',
      channelId: channel,
    });
    expect(await app.db.select().from(handoverCases)).toHaveLength(1);
  });

  it('tells a stranger clicking Take over that it is not their shift, and changes nothing', async () => {
    await click(bob, 'handover.take_over', channelMessage());
    await ephemeralTo('This is not your shift: only the people rostered on Tue 1 Dec Night shift W can take over or refuse this handover.');
    await click(wang, 'handover.refuse', channelMessage());
    await ephemeralTo('这不是你的班次');
    expect(app.fake.calls('views.open')).toEqual([]);
    const [row] = await app.db.select().from(handovers);
    expect(row?.status).toBe('submitted');
    expect(app.fake.calls('chat.update')).toEqual([]);
  });

  it('lets the incoming shift refuse for a reason of the policy: back to the author, the lead alerted', async () => {
    const dm = app.fake.messages(app.fake.dmChannel(li)).find((m) => JSON.stringify(m.blocks ?? []).includes('handover.refuse')) as {
      channel: string;
      ts: string;
      blocks?: unknown[];
    };
    await click(li, 'handover.refuse', dm);
    await app.fake.waitForCall('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === 'handover.refuse_reason');
    const viewId = app.fake.topView(li)?.id as string;
    expect(textOf(app.fake.view(viewId)?.view)).toContain('记录不清');
    const empty = await app.slack.viewSubmission({
      userId: li,
      viewId,
      values: { 'handover.refuse_reason': { value: { type: 'radio_buttons', selected_option: null } }, 'handover.refuse_note': text(' ') },
    });
    expect(empty.body).toEqual({
      response_action: 'errors',
      errors: { 'handover.refuse_reason': '请选择一个原因。', 'handover.refuse_note': '请写明具体问题,以便改正。' },
    });
    const forged = await app.slack.viewSubmission({
      userId: li,
      viewId,
      values: {
        'handover.refuse_reason': { value: { type: 'radio_buttons', selected_option: { value: 'too_lazy' } } },
        'handover.refuse_note': text('x'),
      },
    });
    expect(forged.body).toEqual({ response_action: 'errors', errors: { 'handover.refuse_reason': '请选择一个原因。' } });
    const done = await app.slack.viewSubmission({
      userId: li,
      viewId,
      values: {
        'handover.refuse_reason': { value: { type: 'radio_buttons', selected_option: { value: 'record_unclear' } } },
        'handover.refuse_note': text('Which refund number? Case 1 has none.'),
      },
    });
    expect(done.body).toBe('');
    const toAuthor = await dmTo(
      amy,
      '李雷 refused your handover of Tue 1 Dec Day shift R: The record is unclear — Which refund number? Case 1 has none.',
    );
    expect(JSON.stringify(toAuthor.args.blocks)).toContain('handover.amend');
    await dmTo(lead, '李雷 refused the handover of Tue 1 Dec Day shift R written by Amy: The record is unclear');
    const redrawn = await app.fake.waitForCall('chat.update', (c) => c.args.channel === channel);
    expect(textOf(redrawn.args.blocks)).toContain('*被拒接*,李雷:记录不清');
    const [row] = await app.db.select().from(handovers);
    expect(row).toMatchObject({ status: 'refused', lastRefusalReason: 'record_unclear', lastRefusedBy: li });

    // the same refusal sent again (the form submitted twice) tells nobody twice
    app.fake.clearCalls();
    const again = await app.slack.viewSubmission({
      userId: li,
      viewId,
      values: {
        'handover.refuse_reason': { value: { type: 'radio_buttons', selected_option: { value: 'record_unclear' } } },
        'handover.refuse_note': text('Which refund number? Case 1 has none.'),
      },
    });
    expect(again.body).toEqual({
      response_action: 'errors',
      errors: { 'handover.refuse_reason': '你已拒收此版本,交接记录已退回交班人修改。' },
    });
    expect(app.fake.calls('chat.postMessage')).toEqual([]);
  });

  it('lets only the author or the lead amend; the amendment is a new version the incoming shift is told of', async () => {
    await click(wang, 'handover.amend', channelMessage());
    await ephemeralTo('只有交接记录的填写人或本团队组长可以修改。');

    const refusalDm = app.fake.messages(app.fake.dmChannel(amy)).find((m) => JSON.stringify(m.blocks ?? []).includes('handover.amend')) as {
      channel: string;
      ts: string;
      blocks?: unknown[];
    };
    await click(amy, 'handover.amend', refusalDm);
    await app.fake.waitForCall('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === 'handover.write');
    const viewId = app.fake.topView(amy)?.id as string;
    const modal = JSON.stringify(modalOf(viewId));
    expect(modal).toContain('this becomes version 2');
    expect(modal).toContain('Headset 3 crackles');
    const [open] = await app.db.select().from(handoverCases);
    const reply = await app.slack.viewSubmission({
      userId: amy,
      viewId,
      values: handoverForm({ equipment: 'issue', issue: 'Headset 3 crackles', notes: `Refund number for case #${open?.id}: RF-2231` }),
    });
    expect(reply.body).toBe('');
    await dmTo(li, 'Amy 修改了 12月1日 周二 长白班 R 的交接记录(现为第 2 版)');
    const redrawn = await app.fake.waitForCall(
      'chat.update',
      (c) => c.args.channel === channel && JSON.stringify(c.args.blocks).includes('RF-2231'),
    );
    expect(textOf(redrawn.args.blocks)).toContain('第 2 版,Amy 修改于');
    const [row] = await app.db.select().from(handovers);
    expect(row).toMatchObject({ status: 'submitted', version: 2 });
  });

  it('records who took over and when, once, and updates the message for everyone', async () => {
    // the amendment redraws zhou's message with version 2 after it tells li
    const dm = await vi.waitFor(() => {
      const found = app.fake.messages(app.fake.dmChannel(zhou)).find((m) => JSON.stringify(m.blocks ?? []).includes('handover.take_over'));
      expect(handoverIdOf(found?.blocks)).toMatch(/:2$/);
      return found as { channel: string; ts: string; blocks?: unknown[] };
    });
    app.clock.set('2026-12-01T12:33:00Z');
    await Promise.all([click(zhou, 'handover.take_over', dm), click(zhou, 'handover.take_over', dm)]);
    await ephemeralTo('已由 周杰 于 12月1日 周二 20:33 接班,未做任何更改。');
    await dmTo(amy, '周杰 took over your handover of Tue 1 Dec Day shift R, Tue 1 Dec 20:33. You may leave.');
    const channelUpdate = await app.fake.waitForCall(
      'chat.update',
      (c) => c.args.channel === channel && JSON.stringify(c.args.blocks).includes('已接班'),
    );
    expect(JSON.stringify(channelUpdate.args.blocks)).not.toContain('handover.take_over');
    await app.fake.waitForCall(
      'chat.update',
      (c) => c.args.channel === app.fake.dmChannel(li) && JSON.stringify(c.args.blocks).includes('已接班*,周杰'),
    );
    const [row] = await app.db.select().from(handovers);
    expect(row).toMatchObject({ status: 'taken_over', takenOverBy: zhou, takenOverVersion: 2 });
    const events = await app.db
      .select()
      .from(handoverEvents)
      .where(eq(handoverEvents.handoverId, row?.id as number));
    expect(events.map((e) => e.kind)).toEqual(['submitted', 'refused', 'amended', 'taken_over']);
    expect(
      app.fake.calls('chat.postMessage').filter((c) => c.args.channel === amy && String(c.args.text).includes('took over')),
    ).toHaveLength(1);

    app.fake.clearCalls();
    await click(li, 'handover.refuse', channelMessage());
    await ephemeralTo('已由 周杰 于 12月1日 周二 20:33 接班');
  });

  it('appends an amendment after the take-over as a new version, keeping the version taken over', async () => {
    await click(amy, 'handover.amend', channelMessage());
    await app.fake.waitForCall('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === 'handover.write');
    const viewId = app.fake.topView(amy)?.id as string;
    expect(textOf(modalOf(viewId))).toContain('is added as version 3');
    await app.slack.viewSubmission({
      userId: amy,
      viewId,
      values: handoverForm({ equipment: 'ok', notes: 'Headset 3 replaced after all' }),
    });
    await dmTo(zhou, 'Amy 为你已接班的 12月1日 周二 长白班 R 交接记录追加了第 3 版。');
    const [row] = await app.db.select().from(handovers);
    expect(row).toMatchObject({ status: 'taken_over', version: 3, takenOverVersion: 2 });
    const versions = await app.db
      .select()
      .from(handoverVersions)
      .where(eq(handoverVersions.handoverId, row?.id as number));
    expect(versions.map((v) => [v.version, v.addendum, v.content.equipmentOk])).toEqual([
      [1, false, false],
      [2, false, false],
      [3, true, true],
    ]);
    const update = await app.fake.waitForCall(
      'chat.update',
      (c) => c.args.channel === channel && JSON.stringify(c.args.blocks).includes('第 3 版'),
    );
    expect(textOf(update.args.blocks)).toContain('第 2 版已接班');
  });

  it('reminds the owner of a promised callback when it falls due, once', async () => {
    await tickAt('2026-12-01T14:59:00Z');
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === li)).toEqual([]);
    await tickAt('2026-12-01T15:00:00Z');
    const reminder = await dmTo(li, '到期提醒');
    expect(reminder.args.text).toContain('Mr Zhang &lt;VIP&gt;: double charge — 承诺:call back with the refund number');
    await tickAt('2026-12-01T15:01:00Z');
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === li)).toHaveLength(1);
  });

  it('carries the open case into the next handover until someone resolves it', async () => {
    app.clock.set('2026-12-02T00:15:00Z'); // 08:15 on the 2nd: the night shift W ends at 08:30
    const viewId = await openModal(li);
    const modal = JSON.stringify(modalOf(viewId));
    expect(modal).toContain('12月1日 周二 夜班 W');
    expect(modal).toContain('未结事项(1)');
    const [open] = await app.db.select().from(handoverCases);
    expect(modal).toContain(`handover.resolution.${open?.id}`);
    // someone whose own shift ended long ago gets the team's shift that is ending now
    const amysView = await openModal(amy);
    const picker = modalOf(amysView).blocks.find((b) => b.block_id === 'handover.shift') as unknown as {
      element: { initial_option: { value: string } };
    };
    expect(picker.element.initial_option.value).toBe('2026-12-01|W');
    // left blank: carried on
    await app.slack.viewSubmission({ userId: li, viewId, values: handoverForm({ shift: '2026-12-01|W', equipment: 'ok' }) });
    await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === channel && JSON.stringify(c.args.blocks).includes('移交的未结事项(1)'),
    );
    const [still] = await app.db.select().from(handoverCases);
    expect(still?.status).toBe('open');
    // the weekly summary starts from the handovers written and the open cases owned
    const week = { start: '2026-11-30' as LocalDate, end: '2026-12-06' as LocalDate };
    expect((await weekFactsFor(app.db, amy, week)).handoversWritten).toEqual([{ date: '2026-12-01', shiftCode: 'R' }]);
    expect((await weekFactsFor(app.db, li, week)).openCases).toEqual([
      { reference: `#${still?.id}`, title: 'Mr Zhang <VIP>: double charge' },
    ]);
  });
});

describe('nobody takes over', () => {
  it('alerts the lead once, the policy’s delay after the shift change', async () => {
    // li's handover of the night shift (ending 08:30 on the 2nd) was written above; nobody is on the morning roster
    await tickAt('2026-12-02T00:44:00Z');
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === lead)).toEqual([]);
    await tickAt('2026-12-02T00:45:00Z');
    const alert = await dmTo(
      lead,
      'Nobody has taken over the handover of Tue 1 Dec Night shift W by 李雷 15 minutes after the shift change',
    );
    expect(alert.ok).toBe(true);
    await tickAt('2026-12-02T00:46:00Z');
    await tickAt('2026-12-02T01:30:00Z');
    expect(
      app.fake.calls('chat.postMessage').filter((c) => c.args.channel === lead && String(c.args.text).includes('Nobody has taken over')),
    ).toHaveLength(1);
    const [night] = await app.db.select().from(handovers).where(eq(handovers.shiftCode, 'W'));
    expect(night?.unansweredAlertedAt?.toISOString()).toBe('2026-12-02T00:45:00.000Z');
  });
});

describe('a shift without a handover', () => {
  it('is recorded as missed for the people on it, the lead told once, with the count this month', async () => {
    await insertShifts(app.db, [
      { personId: wang, date: '2026-12-02', shiftCode: 'R' },
      { personId: wang, date: '2026-12-03', shiftCode: 'R' },
    ]);
    await tickAt('2026-12-02T12:59:00Z'); // 20:59: the day shift ended at 20:30, the policy allows 30 minutes
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === lead)).toEqual([]);
    await tickAt('2026-12-02T13:00:00Z');
    const first = await dmTo(lead, 'No handover was written for Wed 2 Dec Day shift R within 30 minutes of its end');
    expect(first.args.text).toContain('王芳 (1 this month: 30 yuan fine under the rules)');
    await tickAt('2026-12-02T13:01:00Z');
    expect(
      app.fake.calls('chat.postMessage').filter((c) => c.args.channel === lead && String(c.args.text).includes('Day shift R')),
    ).toHaveLength(1);

    await tickAt('2026-12-03T13:00:00Z');
    const second = await dmTo(lead, 'Thu 3 Dec Day shift R');
    expect(second.args.text).toContain('王芳 (2 this month: 50 yuan fine under the rules)');
    const misses = await app.db.select().from(handoverMisses).where(eq(handoverMisses.personId, wang));
    expect(misses.map((m) => m.shiftDate)).toEqual(['2026-12-02', '2026-12-03']);
  });
});

describe('history', () => {
  it('lists the team’s recent handovers and open cases, and finds them by a word', async () => {
    const reply = await app.slack.slashCommand({ command: '/handover', text: 'history', userId: amy });
    const shown = JSON.stringify(reply.body);
    expect(shown).toContain('Recent handovers of your team');
    expect(shown).toContain('*Tue 1 Dec Day shift R* — by Amy, version 3, taken over by 周杰, Tue 1 Dec 20:33');
    expect(shown).toContain('Open cases handed on (1)');
    const search = await app.slack.slashCommand({ command: '/handover', text: 'history RF-2231', userId: amy });
    expect(textOf(search.body)).toContain('Day shift R');
    expect(JSON.stringify(search.body)).not.toContain('Night shift W*');
    for (const word of ['notes', '100%_']) {
      const none = await app.slack.slashCommand({ command: '/handover', text: `history ${word}`, userId: amy });
      expect(textOf(none.body)).toContain('No handovers found.');
    }
  });
});
