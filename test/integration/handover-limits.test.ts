import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handoverCases, handovers } from '../../src/db/schema.js';
import { blockKitLimits } from '../../src/slack/blockkit-limits.js';
import { messageTextBudget } from '../../src/slack/handover/views.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import type { LocalDate } from '../../src/policy/time.js';
import { textOf } from '../fixtures/blocks-text.js';

const lead = 'U0OLEAD';
const gao = 'U0GAO'; // early shift E on 1 December
const song = 'U0SONG'; // late shift L on 1 December
const channel = 'C0ONLINEHND';

let app: TestApp;
let oldHandoverId: number;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T09:20:00Z', // 17:20 in Shanghai: the early shift E ends at 17:30
    users: [
      { id: lead, name: 'lead', locale: 'en-US' },
      { id: gao, name: 'gao', locale: 'en-US' },
      { id: song, name: 'song', locale: 'en-US' },
    ],
  });
  await insertPeople(app.db, [
    aPerson({ slackId: lead, name: 'Liu Yang', role: 'lead', teamId: 'online' }),
    aPerson({ slackId: gao, name: 'Gao Peng', teamId: 'online', reportsTo: lead }),
    aPerson({ slackId: song, name: 'Song Yu', teamId: 'online', reportsTo: lead }),
  ]);
  await insertShifts(app.db, [
    { personId: gao, date: '2026-12-01', shiftCode: 'E', teamId: 'online' },
    { personId: song, date: '2026-12-01', shiftCode: 'L', teamId: 'online' },
  ]);
  const [old] = await app.db
    .insert(handovers)
    .values({
      teamId: 'online',
      shiftDate: '2026-11-30' as LocalDate,
      shiftCode: 'L',
      nextDate: '2026-12-01' as LocalDate,
      nextShiftCode: 'E',
      authorId: song,
      status: 'taken_over',
      content: {
        equipmentOk: true,
        equipmentIssue: '',
        staffing: '',
        process: '',
        instructions: '',
        feedback: '',
        notes: '',
        openCaseIds: [],
      },
      takeOverDueAt: new Date('2026-11-30T17:15:00Z'),
    })
    .returning();
  oldHandoverId = old?.id as number;
  await addCases(40);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled(); // what an earlier test set going is over before its calls are forgotten
  app.fake.clearCalls();
});

/** Open cases with the longest texts the form allows. */
async function addCases(count: number): Promise<void> {
  const existing = (await app.db.select().from(handoverCases)).length;
  await app.db.insert(handoverCases).values(
    Array.from({ length: count }, (_, i) => ({
      teamId: 'online',
      openedIn: oldHandoverId,
      what: `Customer ${existing + i}: ${'order stuck in the warehouse, '.repeat(10)}`.slice(0, 300),
      promise: 'a call back with the new delivery date '.repeat(8).slice(0, 300),
      dueAt: new Date('2026-12-02T02:00:00Z'),
      ownerId: i % 2 === 0 ? gao : song,
    })),
  );
}

async function openModal(userId: string): Promise<string> {
  const reply = await app.slack.slashCommand({ command: '/handover', text: '', userId });
  expect(reply.status).toBe(200);
  const opened = await app.fake.waitForCall('views.open');
  expect(opened.ok, JSON.stringify(opened.error)).toBe(true);
  return app.fake.topView(userId)?.id as string;
}

type ModalBlock = { block_id?: string; type: string; elements?: { action_id?: string }[] };
const blocksOf = (viewId: string) => (app.fake.view(viewId)!.view as { blocks: ModalBlock[] }).blocks;
const resolutionBlocks = (viewId: string) => blocksOf(viewId).filter((b) => b.block_id?.startsWith('handover.resolution.'));

describe('a handover with many open cases stays within Slack’s limits', () => {
  it('shows 40 open cases in the modal, and room for more new cases up to the limit', async () => {
    const viewId = await openModal(gao);
    expect(resolutionBlocks(viewId)).toHaveLength(40);
    expect(blocksOf(viewId).length).toBeLessThanOrEqual(blockKitLimits.viewBlocks);
    for (let slots = 2; slots <= 5; slots += 1) {
      app.fake.clearCalls();
      await app.slack.blockAction({
        userId: gao,
        actionId: 'handover.add_case',
        value: String(slots),
        blockId: 'handover.add_case_row',
        viewId,
      });
      const update = await app.fake.waitForCall('views.update');
      expect(update.ok, JSON.stringify(update.error)).toBe(true);
      expect(blocksOf(viewId).filter((b) => b.block_id?.startsWith('handover.case_what.'))).toHaveLength(slots);
    }
    expect(blocksOf(viewId).some((b) => b.block_id === 'handover.add_case_row')).toBe(false);
    expect(resolutionBlocks(viewId)).toHaveLength(40);
  });

  it('redraws the modal for another of today’s shifts, with that shift’s incoming people', async () => {
    const viewId = await openModal(gao);
    const values: ViewStateValues = {
      'handover.shift': { 'handover.shift_picked': { type: 'static_select', selected_option: { value: '2026-12-01|L' } } },
    };
    await app.slack.blockAction({
      userId: gao,
      actionId: 'handover.shift_picked',
      blockId: 'handover.shift',
      viewId,
      values,
      action: { type: 'static_select', selected_option: { value: '2026-12-01|L' } },
    });
    const update = await app.fake.waitForCall('views.update');
    expect(update.ok).toBe(true);
    const shown = JSON.stringify(app.fake.view(viewId)?.view);
    expect(shown).toContain('Handing over to *Wed 2 Dec Early shift E*');
    expect(blocksOf(viewId).some((b) => b.block_id === 'handover.staffing.2026-12-02.E')).toBe(true);
  });

  it('posts a handover carrying 40 long cases as a message Slack accepts, summarizing what does not fit', async () => {
    const viewId = await openModal(gao);
    const cases = await app.db.select().from(handoverCases).where(eq(handoverCases.teamId, 'online'));
    const values: ViewStateValues = {
      'handover.shift': { 'handover.shift_picked': { type: 'static_select', selected_option: { value: '2026-12-01|E' } } },
      'handover.equipment': { value: { type: 'radio_buttons', selected_option: { value: 'ok' } } },
      [`handover.resolution.${cases[0]?.id}`]: { value: { type: 'plain_text_input', value: 'delivered this afternoon' } },
      [`handover.resolution.${cases[1]?.id}`]: { value: { type: 'plain_text_input', value: 'customer cancelled' } },
      'handover.case_what.0': { value: { type: 'plain_text_input', value: 'Chat 88: wrong size' } },
      'handover.case_owner.0': { value: { type: 'users_select', selected_user: song } },
      'handover.notes': { value: { type: 'plain_text_input', value: 'x'.repeat(2000) } },
    };
    const reply = await app.slack.viewSubmission({ userId: gao, viewId, values });
    expect(reply.body).toBe('');
    const post = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === channel);
    expect(post.ok, JSON.stringify(post.error)).toBe(true);
    const posted = JSON.stringify(post.args.blocks);
    // the channel reads the department's language
    expect(posted).toMatch(/移交的未结事项\(39\).*……另有 \d+ 项——`\/handover history` 可查看全部/);
    expect(posted).toContain(`#${cases[2]?.id} Customer`);
    expect(posted).toContain('本次交接已解决(2)');
    const sectionTexts = (post.args.blocks as { type: string; text?: { text: string } }[])
      .filter((b) => b.type === 'section')
      .map((b) => [...(b.text?.text ?? '')].length);
    expect(sectionTexts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(messageTextBudget);
    const dm = await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === song && JSON.stringify(c.args.blocks ?? []).includes('handover.take_over'),
    );
    expect(dm.ok).toBe(true);
    const open = (await app.db.select().from(handoverCases).where(eq(handoverCases.teamId, 'online'))).filter((c) => c.status === 'open');
    expect(open).toHaveLength(39);
  });

  it('opens the modal with 120 open cases, showing what fits and counting the rest, which stay open', async () => {
    await addCases(81);
    app.clock.set('2026-12-01T16:50:00Z'); // 00:50 on the 2nd: the late shift L ends at 01:00
    const viewId = await openModal(song);
    const shown = resolutionBlocks(viewId).length;
    expect(shown).toBeGreaterThan(60);
    expect(blocksOf(viewId).length).toBeLessThanOrEqual(blockKitLimits.viewBlocks);
    expect(textOf(app.fake.view(viewId)?.view)).toContain(`${120 - shown} more open case(s) are not shown here`);

    app.fake.clearCalls();
    const values: ViewStateValues = {
      'handover.shift': { 'handover.shift_picked': { type: 'static_select', selected_option: { value: '2026-12-01|L' } } },
      'handover.equipment': { value: { type: 'radio_buttons', selected_option: { value: 'ok' } } },
    };
    expect((await app.slack.viewSubmission({ userId: song, viewId, values })).body).toBe('');
    const post = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === channel);
    expect(post.ok, JSON.stringify(post.error)).toBe(true);
    expect(JSON.stringify(post.args.blocks)).toMatch(/移交的未结事项\(120\).*……另有 \d+ 项/);
    expect((await app.db.select().from(handoverCases).where(eq(handoverCases.status, 'open'))).length).toBe(120);
  });

  it('writes a handover once when Slack delivers the same submission twice at once', async () => {
    await insertShifts(app.db, [{ personId: gao, date: '2026-12-02', shiftCode: 'E', teamId: 'online' }]);
    app.clock.set('2026-12-02T09:20:00Z');
    const viewId = await openModal(gao);
    app.fake.clearCalls();
    const values: ViewStateValues = {
      'handover.shift': { 'handover.shift_picked': { type: 'static_select', selected_option: { value: '2026-12-02|E' } } },
      'handover.equipment': { value: { type: 'radio_buttons', selected_option: { value: 'ok' } } },
      'handover.notes': { value: { type: 'plain_text_input', value: 'quiet shift' } },
    };
    const replies = await Promise.all([
      app.slack.viewSubmission({ userId: gao, viewId, values }),
      app.slack.viewSubmission({ userId: gao, viewId, values }, { retryNum: 1 }),
    ]);
    expect(replies.map((r) => r.body)).toEqual(['', '']);
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === gao && String(c.args.text).includes('is posted'));
    await app.running.settled(); // the second delivery's work after its ack
    const written = await app.db
      .select()
      .from(handovers)
      .where(eq(handovers.shiftDate, '2026-12-02' as LocalDate));
    expect(written.map((h) => h.version)).toEqual([1]);
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === channel)).toHaveLength(1);
  });
});
