import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handovers } from '../../src/db/schema.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

const lead = 'U0RLEAD';
const amy = 'U0RAMY'; // en, on the day shift R and the night shift W of 1 December
const li = 'U0RLI'; // zh-CN, on the night shift W of 1 December
const channel = 'C0PHONEHND';

let app: TestApp;
let handoverId: number;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T12:10:00Z', // 20:10 in Shanghai: the day shift R ends at 20:30
    users: [
      { id: lead, name: 'lead', locale: 'en-US' },
      { id: amy, name: 'amy', locale: 'en-US' },
      { id: li, name: 'li', locale: 'zh-CN' },
    ],
  });
  await insertPeople(app.db, [
    aPerson({ slackId: lead, name: 'Lead Sun', role: 'lead' }),
    aPerson({ slackId: amy, name: 'Amy', reportsTo: lead }),
    aPerson({ slackId: li, name: '李雷', reportsTo: lead }),
  ]);
  await insertShifts(app.db, [
    { personId: amy, date: '2026-12-01', shiftCode: 'R' },
    { personId: amy, date: '2026-12-01', shiftCode: 'W' },
    { personId: li, date: '2026-12-01', shiftCode: 'W' },
  ]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled(); // what an earlier test set going is over before its calls are forgotten
  app.fake.clearCalls();
});

type Message = { channel: string; ts: string; blocks?: unknown[] };
const form = (notes: string, shift?: string): ViewStateValues => ({
  ...(shift ? { 'handover.shift': { 'handover.shift_picked': { type: 'static_select', selected_option: { value: shift } } } } : {}),
  'handover.equipment': { value: { type: 'radio_buttons', selected_option: { value: 'ok' } } },
  'handover.notes': { value: { type: 'plain_text_input', value: notes } },
});
const buttonValue = (message: Message | undefined, actionId: string) =>
  (message?.blocks as { elements?: { action_id?: string; value?: string }[] }[] | undefined)
    ?.flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === actionId)?.value as string;
const channelMessage = () => app.fake.messages(channel).at(-1) as Message;
const dmCardOf = (userId: string) =>
  app.fake.messages(app.fake.dmChannel(userId)).find((m) => JSON.stringify(m.blocks ?? []).includes('handover.take_over')) as Message;
const click = (userId: string, actionId: string, message: Message, value = buttonValue(message, actionId)) =>
  app.slack.blockAction({ userId, actionId, value, blockId: 'handover.decision', message: { channel: message.channel, ts: message.ts } });
const ephemeralTo = (words: string) => app.fake.waitForCall('response_url', (c) => String(c.args.text).includes(words));
const ephemeralsWith = (words: string, count: number) =>
  vi.waitFor(() => expect(app.fake.calls('response_url').filter((c) => String(c.args.text).includes(words))).toHaveLength(count));
const statusOf = async () => (await app.db.select().from(handovers).where(eq(handovers.id, handoverId)))[0];

async function amend(notes: string): Promise<void> {
  await click(amy, 'handover.amend', channelMessage());
  await app.fake.waitForCall('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === 'handover.write');
  const viewId = app.fake.topView(amy)?.id as string;
  expect((await app.slack.viewSubmission({ userId: amy, viewId, values: form(notes) })).body).toBe('');
}

describe('answering a handover', () => {
  it('writes the handover with the version on its Take over and Refuse buttons', async () => {
    await app.slack.slashCommand({ command: '/handover', text: '', userId: amy });
    await app.fake.waitForCall('views.open');
    const viewId = app.fake.topView(amy)?.id as string;
    expect((await app.slack.viewSubmission({ userId: amy, viewId, values: form('Printer jammed twice', '2026-12-01|R') })).body).toBe('');
    await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === li && JSON.stringify(c.args.blocks ?? []).includes('handover.take_over'),
    );
    handoverId = (await app.db.select().from(handovers))[0]?.id as number;
    expect(buttonValue(dmCardOf(li), 'handover.take_over')).toBe(`${handoverId}:1`);
    expect(buttonValue(dmCardOf(li), 'handover.refuse')).toBe(`${handoverId}:1`);
  });

  it('does not let the author take over or refuse their own handover, though rostered on the next shift', async () => {
    await click(amy, 'handover.take_over', channelMessage());
    await ephemeralTo('You wrote this handover, so you cannot take it over or refuse it yourself');
    await click(amy, 'handover.refuse', channelMessage());
    await ephemeralsWith('You wrote this handover', 2);
    expect(app.fake.calls('views.open')).toEqual([]);
    expect(await statusOf()).toMatchObject({ status: 'submitted', takenOverBy: null });
  });

  it('does not take over a version the taker was not shown, and redraws their message with the new one', async () => {
    const seen = dmCardOf(li);
    const stale = buttonValue(seen, 'handover.take_over');
    await amend('Printer replaced; use tray 2');
    await app.fake.waitForCall(
      'chat.update',
      (c) => c.args.channel === app.fake.dmChannel(li) && JSON.stringify(c.args.blocks).includes(`${handoverId}:2`),
    );
    app.fake.clearCalls();

    await click(li, 'handover.take_over', seen, stale);
    await ephemeralTo('你点击的消息之后,交接记录已被修改(现为第 2 版)');
    await app.fake.waitForCall(
      'chat.update',
      (c) => c.args.channel === app.fake.dmChannel(li) && JSON.stringify(c.args.blocks).includes(`${handoverId}:2`),
    );
    expect(await statusOf()).toMatchObject({ status: 'submitted', takenOverBy: null });

    await click(li, 'handover.refuse', seen, stale);
    await ephemeralsWith('现为第 2 版', 2);
    expect(app.fake.calls('views.open')).toEqual([]);

    // a message from before buttons carried a version: the click is answered, never dropped
    await click(li, 'handover.take_over', seen, String(handoverId));
    await ephemeralsWith('现为第 2 版', 3);
    expect(await statusOf()).toMatchObject({ status: 'submitted', takenOverBy: null });

    await click(li, 'handover.take_over', dmCardOf(li));
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === amy && String(c.args.text).includes('李雷 took over'));
    expect(await statusOf()).toMatchObject({ status: 'taken_over', takenOverBy: li, takenOverVersion: 2 });
  });

  it('keeps showing the version taken over, with a later addendum after it, labelled with its version, author and time', async () => {
    app.clock.set('2026-12-01T12:40:00Z');
    await amend('Tray 2 is empty too');
    const update = await app.fake.waitForCall(
      'chat.update',
      (c) => c.args.channel === channel && JSON.stringify(c.args.blocks).includes('Tray 2 is empty too'),
    );
    const texts = (update.args.blocks as { text?: { text?: string } }[]).map((b) => b.text?.text ?? '');
    const record = texts.findIndex((t) => t.includes('Printer replaced; use tray 2'));
    const addendum = texts.findIndex(
      (t) => t.startsWith('*追加 — 第 3 版,Amy,12月1日 周二 20:40(接班之后)*') && t.includes('Tray 2 is empty too'),
    );
    expect(record).toBeGreaterThan(0);
    expect(addendum).toBeGreaterThan(record);
    expect(texts.join('\n')).toContain(':handshake: *已接班*,李雷');
    expect(await statusOf()).toMatchObject({ status: 'taken_over', version: 3, takenOverVersion: 2 });
  });
});
