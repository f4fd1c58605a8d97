import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compTimeCredits, compTimeProposals } from '../../src/db/schema.js';
import { buildAttendanceSheet } from '../../src/use-cases/attendance-sheet.js';
import { importClockIns } from '../../src/use-cases/clock-ins.js';
import { importOrg, importRoster } from '../../src/use-cases/org.js';
import type { LocalDate } from '../../src/policy/time.js';
import type { RecordedCall } from '../harness/fake-slack/index.js';
import { repoRoot, shippedPolicy, startTestApp, withoutDailyDigest, type TestApp } from '../harness/test-app.js';
import { textOf } from '../fixtures/blocks-text.js';

// The examples' December, settled on 1 January 2027 at 09:00 in Shanghai; every lead reports to Li Na.
const shipped = withoutDailyDigest(shippedPolicy());
const policy = {
  ...shipped,
  rules: { ...shipped.rules, attendance: { ...shipped.rules.attendance, hr_sheet_by_dm: false, absence_notices: false } },
};
const example = (name: string) => readFile(path.join(repoRoot, 'examples', name), 'utf8');
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);
const manager = 'U0MGR0001';
const lead = 'U0PHLEAD1';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-12-31T20:00:00Z', policy, hrSheet: true });
  expect(await importOrg(app.db, policy, await example('org.csv'))).toMatchObject({ ok: true });
  expect(await importRoster(app.db, policy, await example('roster.csv'))).toMatchObject({ ok: true });
  expect(await importClockIns(app.db, policy, await example('clock.csv'))).toMatchObject({ ok: true });
  app.fake.addUser({ id: manager, name: 'Li Na', locale: 'en-US' });
  app.fake.addUser({ id: lead, name: '张伟', locale: 'zh-CN' });
});
afterAll(async () => {
  await app?.stop();
});

const cards = () =>
  app.fake
    .calls('chat.postMessage')
    .filter((c) => c.ok && c.args.channel === manager && JSON.stringify(c.args.blocks ?? []).includes('comp_time.approve'));
const cardOf = (name: string) => cards().find((c) => String(c.args.text).includes(name)) as RecordedCall;
const idOf = (card: RecordedCall) =>
  (card.args.blocks as { elements?: { action_id?: string; value?: string }[] }[])
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === 'comp_time.approve')?.value as string;
const messageOf = (card: RecordedCall) => {
  const posted = app.fake
    .messages(app.fake.dmChannel(manager))
    .find((m) => JSON.stringify(m.blocks) === JSON.stringify(card.args.blocks) || m.text === card.args.text);
  return { channel: posted?.channel as string, ts: posted?.ts as string };
};
const click = (userId: string, actionId: 'comp_time.approve' | 'comp_time.adjust', card: RecordedCall) =>
  app.slack.blockAction({ userId, actionId, value: idOf(card), blockId: 'comp_time.decision', message: messageOf(card) });
const ephemeralTo = (text: string) => app.fake.waitForCall('response_url', (c) => String(c.args.text).includes(text));
const hoursField = (value: string) => ({ 'comp_time.hours': { value: { type: 'plain_text_input', value } } });
const credits = (personId: string) => app.db.select().from(compTimeCredits).where(eq(compTimeCredits.personId, personId));
const proposalOf = async (personId: string) =>
  (
    await app.db
      .select()
      .from(compTimeProposals)
      .where(and(eq(compTimeProposals.personId, personId), eq(compTimeProposals.month, '2026-12')))
  )[0];

describe('comp time proposed from last month’s hours', () => {
  it('waits for attendance.comp_time_proposal_time on attendance.comp_time_proposal_day', async () => {
    await app.running.scheduler.tick(at('2027-01-01T08:59:00'));
    expect(cards()).toEqual([]);
  });

  it('sends the manager one card per person over the standard, once', async () => {
    await app.running.scheduler.tick(at('2027-01-01T09:00:00'));
    await app.running.scheduler.tick(at('2027-01-01T09:01:00'));
    await app.running.scheduler.tick(at('2027-01-02T09:00:00'));
    const sheet = await buildAttendanceSheet(
      app.db,
      policy,
      { first: '2026-12-01' as LocalDate, last: '2026-12-31' as LocalDate },
      at('2027-01-02T09:00:00'),
    );
    const over = sheet.rows.filter((row) => row.hours.over > 0);
    expect(over.length).toBeGreaterThan(1);
    expect(cards()).toHaveLength(over.length);
    const card = cardOf('马超');
    expect(textOf(card.args.blocks)).toContain('马超 has 46 h over the standard hours of December 2026');
    expect(textOf(card.args.blocks)).toContain('expiring on Wed 30 Jun');
  });

  it('refuses anyone but the manager, and changes nothing', async () => {
    await click(lead, 'comp_time.approve', cardOf('马超'));
    await ephemeralTo('只有此建议所发给的经理 Li Na 可以决定。');
    await click(lead, 'comp_time.adjust', cardOf('马超'));
    await ephemeralTo('只有此建议所发给的经理 Li Na 可以决定。');
    expect(app.fake.calls('views.open')).toEqual([]);
    expect(await proposalOf('U0PH0NE05')).toMatchObject({ status: 'proposed', decidedBy: null });
    expect(await credits('U0PH0NE05')).toEqual([]);
  });

  it('adjust: a modal on the click’s trigger, field errors in the manager’s language, then the hours credited', async () => {
    const clicked = await click(manager, 'comp_time.adjust', cardOf('马超'));
    const opened = await app.fake.waitForCall('views.open', (c) => c.args.trigger_id === clicked.triggerId);
    expect(opened.ok).toBe(true);
    const viewId = app.fake.topView(manager)?.id as string;
    for (const [typed, error] of [
      ['50', 'At most 46 h: comp time is earned by the hours over the standard.'],
      ['-4', 'Hours cannot be negative; enter 0 for no comp time.'],
      ['forty', 'Enter a number of hours, like 8 or 7.5.'],
    ] as const) {
      const reply = await app.slack.viewSubmission({ userId: manager, viewId, values: hoursField(typed) });
      expect(reply.body).toEqual({ response_action: 'errors', errors: { 'comp_time.hours': error } });
    }
    expect(await credits('U0PH0NE05')).toEqual([]);
    const done = await app.slack.viewSubmission({ userId: manager, viewId, values: hoursField('40') });
    expect(done.body).toBe('');
    await app.running.settled();
    expect(await proposalOf('U0PH0NE05')).toMatchObject({ status: 'adjusted', hours: 46, decidedHours: 40, decidedBy: manager });
    expect(await credits('U0PH0NE05')).toMatchObject([{ earnedOn: '2026-12-31', hours: 40 }]);
    const redrawn = await app.fake.waitForCall('chat.update', (c) => JSON.stringify(c.args.blocks).includes('Adjusted by Li Na'));
    expect(textOf(redrawn.args.blocks)).toContain('40 h credited instead of the 46 h proposed');
    expect(JSON.stringify(redrawn.args.blocks)).not.toContain('comp_time.approve');
  });

  it('approve: a double click credits once, and the second says what happened', async () => {
    const card = cardOf('Zhou Qiang');
    await Promise.all([click(manager, 'comp_time.approve', card), click(manager, 'comp_time.approve', card)]);
    await ephemeralTo('Already decided. Approved by Li Na');
    expect(await credits('U0PH0NE02')).toMatchObject([{ earnedOn: '2026-12-31', hours: 46 }]);
    expect(await proposalOf('U0PH0NE02')).toMatchObject({ status: 'approved', decidedHours: 46 });
  });

  it('a stale Adjust on a decided card opens nothing and says what happened', async () => {
    const card = cardOf('马超');
    app.fake.clearCalls();
    await click(manager, 'comp_time.adjust', card);
    await ephemeralTo('Already decided. Adjusted by Li Na');
    expect(app.fake.calls('views.open')).toEqual([]);
  });

  it('waits in the manager’s Home inbox until the sheet is due, and is decided there too', async () => {
    await app.running.settled();
    await app.slack.event({ type: 'app_home_opened', user: manager, channel: `D${manager}`, tab: 'home' });
    await app.fake.waitForCall('views.publish', (c) => c.args.user_id === manager && c.ok);
    await app.running.settled();
    const home = () => JSON.stringify(app.fake.homeView(manager) ?? {});
    const open = (await app.db.select().from(compTimeProposals).where(eq(compTimeProposals.status, 'proposed'))).length;
    expect(home()).toContain(`Waiting for you* (${open})`);
    expect(home()).toContain('*Comp time for 孙丽 (Phone team), December 2026*');
    expect(home()).not.toContain('Comp time for 马超');
    expect(home()).toContain(':hourglass_flowing_sand: By Sun 3 Jan 09:00');
    const sunLi = String((await proposalOf('U0PH0NE01'))?.id);
    app.fake.clearCalls();
    await app.slack.blockAction({
      userId: manager,
      actionId: 'comp_time.approve',
      value: sunLi,
      viewId: app.fake.homeViewId(manager) as string,
    });
    await app.fake.waitForCall('views.publish', (c) => c.args.user_id === manager && c.ok);
    await app.running.settled();
    expect(home()).not.toContain('Comp time for 孙丽');
    expect(home()).toContain(`Waiting for you* (${open - 1})`);
    expect(await proposalOf('U0PH0NE01')).toMatchObject({ status: 'approved', decidedBy: manager });
    expect(app.fake.calls('chat.update').some((c) => JSON.stringify(c.args.blocks).includes('Approved by Li Na'))).toBe(true);
  });

  it('the HR sheet reads the proposals and the ledger', async () => {
    const sheet = await buildAttendanceSheet(
      app.db,
      policy,
      { first: '2026-12-01' as LocalDate, last: '2026-12-31' as LocalDate },
      at('2027-01-03T09:00:00'),
    );
    const row = (id: string) => sheet.rows.find((r) => r.personId === id);
    expect(row('U0PH0NE05')).toMatchObject({ compTimeProposed: 46, compTimeApproved: 40 });
    expect(row('U0PH0NE02')).toMatchObject({ compTimeProposed: 46, compTimeApproved: 46 });
    expect(row('U0PH0NE07')).toMatchObject({ compTimeProposed: 0, hours: { short: 8 } });
  });
});
