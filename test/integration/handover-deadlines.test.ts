import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handoverMisses, handoverMissedShifts, handovers, teams } from '../../src/db/schema.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { pino } from 'pino';
import { startShiftdesk, type RunningApp } from '../../src/start.js';
import { FakeClock } from '../harness/fake-clock.js';
import { botToken, signingSecret, startTestApp, type TestApp } from '../harness/test-app.js';
import type { LocalDate } from '../../src/policy/time.js';

const lead = 'U0DLEAD'; // lead of the online team
const lead2 = 'U0DLEAD2'; // the online team's other lead
const manager = 'U0DMGR'; // whom the phone and after-sales people report to; the phone team has no lead
const wu = 'U0DWU'; // phone, day shift R on 2 December
const xu = 'U0DXU'; // phone, office shift C on 2 December: it lies inside the day shift and hands over to nobody
const ma = 'U0DMA'; // after-sales (no handover channel), office shift C on 2 December
const gao = 'U0DGAO'; // early shift E
const song = 'U0DSONG'; // late shift L
const he = 'U0DHE'; // phone, night shift W on 3 December

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T16:50:00Z', // 00:50 on 2 December in Shanghai: the late shift L ends at 01:00, the early shift E starts at 08:00
    users: [
      { id: lead, name: 'lead', locale: 'en-US' },
      { id: gao, name: 'gao', locale: 'en-US' },
      { id: song, name: 'song', locale: 'en-US' },
      { id: lead2, name: 'lead2', locale: 'en-US' },
      { id: manager, name: 'manager', locale: 'en-US' },
      { id: wu, name: 'wu', locale: 'en-US' },
      { id: xu, name: 'xu', locale: 'en-US' },
      { id: ma, name: 'ma', locale: 'en-US' },
      { id: he, name: 'he', locale: 'zh-CN' },
    ],
  });
  await insertPeople(app.db, [
    aPerson({ slackId: lead, name: 'Liu Yang', role: 'lead', teamId: 'online' }),
    aPerson({ slackId: gao, name: 'Gao Peng', teamId: 'online', reportsTo: lead }),
    aPerson({ slackId: song, name: 'Song Yu', teamId: 'online', reportsTo: lead }),
    aPerson({ slackId: lead2, name: 'Zhao Min', role: 'lead', teamId: 'online' }),
    aPerson({ slackId: manager, name: 'Qian Hua', role: 'manager' }),
    aPerson({ slackId: wu, name: 'Wu Di', reportsTo: manager }),
    aPerson({ slackId: xu, name: 'Xu Lan', reportsTo: manager }),
    aPerson({ slackId: ma, name: 'Ma Lin', teamId: 'after_sales', reportsTo: manager }),
  ]);
  await insertShifts(app.db, [
    { personId: song, date: '2026-12-01', shiftCode: 'L', teamId: 'online' },
    { personId: gao, date: '2026-12-02', shiftCode: 'E', teamId: 'online' },
    { personId: wu, date: '2026-12-02', shiftCode: 'R' },
    { personId: xu, date: '2026-12-02', shiftCode: 'C' },
    { personId: ma, date: '2026-12-02', shiftCode: 'C', teamId: 'after_sales' },
  ]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled(); // what an earlier test set going is over before its calls are forgotten
  app.fake.clearCalls();
});

const tickAt = async (iso: string) => {
  app.clock.set(iso);
  await app.running.scheduler.tick();
};
const alertsTo = (userId: string) =>
  app.fake.calls('chat.postMessage').filter((c) => c.args.channel === userId && String(c.args.text).includes('Nobody has taken over'));

async function writeHandover(userId: string, shift: string): Promise<void> {
  await app.slack.slashCommand({ command: '/handover', text: '', userId });
  await app.fake.waitForCall('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === 'handover.write');
  const viewId = app.fake.topView(userId)?.id as string;
  const values: ViewStateValues = {
    'handover.shift': { 'handover.shift_picked': { type: 'static_select', selected_option: { value: shift } } },
    'handover.equipment': { value: { type: 'radio_buttons', selected_option: { value: 'ok' } } },
  };
  expect((await app.slack.viewSubmission({ userId, viewId, values })).body).toBe('');
  await app.fake.waitForCall(
    'chat.postMessage',
    (c) => c.args.channel === userId && String(c.args.text).includes(shift.endsWith('L') ? 'Late' : 'Early'),
  );
}

describe('the unanswered alert', () => {
  it('waits for the next shift to start when there is a gap between the shifts', async () => {
    await writeHandover(song, '2026-12-01|L');
    const [row] = await app.db.select().from(handovers).where(eq(handovers.shiftCode, 'L'));
    expect(row?.takeOverDueAt.toISOString()).toBe('2026-12-02T00:15:00.000Z'); // 08:15: the early shift starts at 08:00
    await tickAt('2026-12-01T17:15:00Z'); // 01:15: nobody can take over yet
    await tickAt('2026-12-02T00:14:00Z');
    expect(alertsTo(lead)).toEqual([]);
    await tickAt('2026-12-02T00:15:00Z');
    await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === lead && String(c.args.text).includes('Nobody has taken over the handover of Tue 1 Dec Late shift L'),
    );
  });
});

const emptyContent = {
  equipmentOk: true,
  equipmentIssue: '',
  staffing: '',
  process: '',
  instructions: '',
  feedback: '',
  notes: '',
  openCaseIds: [],
};

describe('the scheduled handover jobs', () => {
  it('tell every other item and recipient when one cannot be told', async () => {
    // a handover of a team since taken out of the policy cannot be drawn; it comes first
    await app.db.insert(teams).values({ id: 'retired', name: 'Retired', timezone: 'Asia/Shanghai' });
    const due = new Date('2026-12-02T03:00:00Z');
    await app.db.insert(handovers).values([
      {
        teamId: 'retired',
        shiftDate: '2026-12-02' as LocalDate,
        shiftCode: 'E',
        nextDate: '2026-12-02' as LocalDate,
        nextShiftCode: 'L',
        authorId: song,
        content: emptyContent,
        takeOverDueAt: due,
      },
      {
        teamId: 'online',
        shiftDate: '2026-12-02' as LocalDate,
        shiftCode: 'E',
        nextDate: '2026-12-02' as LocalDate,
        nextShiftCode: 'L',
        authorId: gao,
        content: emptyContent,
        takeOverDueAt: due,
      },
    ]);
    app.fake.failNext('chat.postMessage', 'ratelimited'); // the first lead's alert
    await tickAt('2026-12-02T03:00:00Z');
    const sent = app.fake
      .calls('chat.postMessage')
      .filter((c) => String(c.args.text).includes('Nobody has taken over the handover of Wed 2 Dec Early shift E'));
    expect(sent.map((c) => [c.args.channel, c.ok])).toEqual([
      [lead, false],
      [lead2, true],
    ]);
    const claimed = await app.db
      .select()
      .from(handovers)
      .where(eq(handovers.shiftDate, '2026-12-02' as LocalDate));
    expect(claimed.map((h) => h.unansweredAlertedAt?.toISOString())).toEqual([due.toISOString(), due.toISOString()]);
  });
});

describe('missed handovers', () => {
  it('are never recorded for a shift that hands over to nobody', async () => {
    await tickAt('2026-12-02T10:30:00Z'); // 18:30: the office shifts C ended at 18:00; the day shift R around the phone team's carries on
    expect(await app.db.select().from(handoverMisses)).toEqual([]);
    expect(await app.db.select().from(handoverMissedShifts).where(eq(handoverMissedShifts.shiftCode, 'C'))).toEqual([]);
    expect(app.fake.calls('chat.postMessage').filter((c) => String(c.args.text).includes('No handover was written'))).toEqual([]);
  });

  it('are recorded only for teams with a handover channel, and told to whom the people report when the team has no lead', async () => {
    await tickAt('2026-12-02T13:00:00Z'); // 21:00: the day shift R ended at 20:30 with no handover
    const told = await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === manager && String(c.args.text).includes('No handover was written for Wed 2 Dec Day shift R'),
    );
    expect(told.args.text).toContain('Wu Di (1 this month');
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === manager)).toHaveLength(1);
    const misses = await app.db.select().from(handoverMisses);
    expect(misses.map((m) => [m.teamId, m.personId])).toEqual([['phone', wu]]);
  });

  it('records a shift nobody was rostered on once, so it is not looked at again', async () => {
    await tickAt('2026-12-02T17:30:00Z'); // 01:30 on the 3rd: the late shift L of the 2nd ended at 01:00 with nobody on it
    const recorded = await app.db.select().from(handoverMissedShifts).where(eq(handoverMissedShifts.teamId, 'online'));
    expect(recorded.map((r) => [r.shiftDate, r.shiftCode, r.rostered])).toContainEqual(['2026-12-02', 'L', 0]);
    expect(await app.db.select().from(handoverMisses).where(eq(handoverMisses.teamId, 'online'))).toEqual([]);
    expect(app.fake.calls('chat.postMessage')).toEqual([]);
  });
});

describe('handover reminders', () => {
  const dmsTo = (userId: string) => app.fake.calls('chat.postMessage').filter((c) => c.args.channel === userId);

  it('remind the outgoing shift before its end, once, with a button that opens the form, and the incoming shift before it starts', async () => {
    await insertPeople(app.db, [aPerson({ slackId: he, name: '何平', reportsTo: manager })]);
    await insertShifts(app.db, [
      { personId: wu, date: '2026-12-03', shiftCode: 'R' },
      { personId: xu, date: '2026-12-03', shiftCode: 'C' },
      { personId: he, date: '2026-12-03', shiftCode: 'W' },
      { personId: ma, date: '2026-12-03', shiftCode: 'C', teamId: 'after_sales' },
    ]);
    await tickAt('2026-12-03T09:45:00Z'); // 17:45: the office shifts C end at 18:00, but hand over to nobody or belong to a team without handovers
    await tickAt('2026-12-03T12:14:00Z');
    expect([...dmsTo(xu), ...dmsTo(ma), ...dmsTo(wu)]).toEqual([]);

    await tickAt('2026-12-03T12:15:00Z'); // 20:15: the day shift R ends at 20:30, and the policy starts the handover 15 minutes before
    const reminder = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === wu);
    expect(reminder.args.text).toBe(
      'Your shift Thu 3 Dec Day shift R ends at Thu 3 Dec 20:30: start the handover now, and write it before you leave, for Thu 3 Dec Night shift W.',
    );
    await tickAt('2026-12-03T12:16:00Z');
    expect(dmsTo(wu)).toHaveLength(1);
    expect(dmsTo(he)).toEqual([]);

    const buttons = (reminder.args.blocks as { elements?: { action_id?: string; value?: string }[] }[]).flatMap((b) => b.elements ?? []);
    const open = buttons.find((e) => e.action_id === 'handover.open');
    await app.slack.blockAction({
      userId: wu,
      actionId: 'handover.open',
      value: open?.value as string,
      blockId: 'handover.decision',
      message: { channel: app.fake.dmChannel(wu), ts: '1764764100.000001' },
    });
    const opened = await app.fake.waitForCall('views.open');
    expect(opened.ok, JSON.stringify(opened.error)).toBe(true);
    expect(JSON.stringify(opened.args.view)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"Thu 3 Dec Day shift R","emoji":true},"value":"2026-12-03|R"}',
    );

    await tickAt('2026-12-03T12:25:00Z'); // 20:25: the night shift arrives 5 minutes before it starts
    const incoming = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === he);
    expect(incoming.args.text).toBe(
      '你的 12月3日 周四 夜班 W 将于 12月3日 周四 20:30 上班:请提前 5 分钟 到岗,检查设备并接收 12月3日 周四 长白班 R 的交接。',
    );
    await tickAt('2026-12-03T12:26:00Z');
    expect(dmsTo(he)).toHaveLength(1);
    expect([...dmsTo(xu), ...dmsTo(ma)]).toEqual([]);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'handover reminders with two app copies on one PostgreSQL (needs TEST_DATABASE_URL)',
  () => {
    let copy: RunningApp | undefined;

    beforeAll(async () => {
      copy = await startShiftdesk({
        config: { slack: { mode: 'http', botToken, signingSecret, apiUrl: `${app.fake.url}/api/` }, port: 0, database: app.target },
        policy: app.policy,
        clock: new FakeClock('2026-12-04T12:00:00Z'),
        logger: pino({ level: 'silent' }),
        clientOptions: { retryConfig: { retries: 0 } },
        runScheduler: false,
      });
    });

    afterAll(async () => {
      await copy?.stop();
    });

    it('remind the outgoing shift once when the copies tick in different minutes at once', async () => {
      await insertShifts(app.db, [{ personId: wu, date: '2026-12-04', shiftCode: 'R' }]);
      const copies = [app.running, copy as RunningApp];
      await Promise.all(copies.map((c, i) => c.scheduler.tick(new Date(Date.parse('2026-12-04T12:15:00Z') + i * 60_000))));
      await Promise.all(copies.map((c) => c.settled()));
      expect(
        app.fake
          .calls('chat.postMessage')
          .filter((c) => c.args.channel === wu && String(c.args.text).includes('Fri 4 Dec Day shift R ends')),
      ).toHaveLength(1);
    });
  },
);
