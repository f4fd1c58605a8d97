import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leaveRequests, submissions } from '../../src/db/schema.js';
import { startShiftdesk } from '../../src/start.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { botToken, signingSecret, startTestApp, type TestApp } from '../harness/test-app.js';
import { waitUntil } from '../harness/wait-until.js';

const manager = 'U0MGR';
const lead = 'U0LEAD';
const amy = 'U0AMY';
const ben = 'U0BEN';
const cho = 'U0CHO';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T02:00:00Z',
    users: [manager, lead, amy, ben, cho].map((id) => ({ id, name: id, locale: 'en-US' })),
  });
  await insertPeople(app.db, [
    aPerson({ slackId: manager, name: 'Manager Qian', role: 'manager' }),
    aPerson({ slackId: lead, name: 'Lead Sun', role: 'lead', reportsTo: manager }),
    aPerson({ slackId: amy, name: 'Amy', reportsTo: lead }),
    aPerson({ slackId: ben, name: 'Ben', reportsTo: lead }),
    aPerson({ slackId: cho, name: 'Cho', reportsTo: lead }),
  ]);
  await insertShifts(
    app.db,
    ['2026-12-10', '2026-12-11', '2026-12-12'].flatMap((date) => [amy, ben, cho].map((personId) => ({ personId, date, shiftCode: 'R' }))),
  );
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled();
  app.fake.clearCalls();
});

const leaveForm = (day: string, reason: string): ViewStateValues => ({
  'leave.type': { value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'annual' }, value: 'annual' } } },
  'leave.first_day': { 'leave.date_picked': { type: 'datepicker', selected_date: day } },
  'leave.last_day': { 'leave.date_picked': { type: 'datepicker', selected_date: day } },
  'leave.reason': { value: { type: 'plain_text_input', value: reason } },
  'leave.proof': { value: { type: 'file_input', files: [] } },
  'leave.proof_later': { value: { type: 'checkboxes', selected_options: [] } },
});

async function submitLeave(userId: string, day: string, reason: string) {
  await app.slack.slashCommand({ command: '/leave', text: '', userId });
  await app.fake.waitForCall('views.open', (c) => c.ok && (c.args.view as { callback_id?: string }).callback_id === 'leave.request');
  const viewId = app.fake.topView(userId)?.id as string;
  return app.slack.viewSubmission({ userId, viewId, values: leaveForm(day, reason) });
}

const cardsTo = (userId: string) =>
  app.fake
    .calls('chat.postMessage')
    .filter((c) => c.args.channel === userId && JSON.stringify(c.args.blocks ?? []).includes('leave.approve'));
const requestsWith = (reason: string) => app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, reason));

/** Makes the insert of a leave request with this reason fail: once (a sequence counts, whatever rolls back), or always. */
async function failInsertsOf(reason: string, times: 'once' | 'always') {
  await app.db.execute(sql.raw(`create sequence if not exists leave_faults`));
  await app.db.execute(
    sql.raw(`create or replace function leave_fault() returns trigger language plpgsql as $$
      begin
        if new.reason = '${reason}' and (${times === 'always' ? 'true' : "nextval('leave_faults') = 1"}) then
          raise exception 'injected fault';
        end if;
        return new;
      end $$`),
  );
  await app.db.execute(sql.raw(`drop trigger if exists leave_fault on leave_requests`));
  await app.db.execute(sql.raw(`create trigger leave_fault before insert on leave_requests for each row execute function leave_fault()`));
}

async function clearFaults() {
  await app.db.execute(sql.raw(`drop trigger if exists leave_fault on leave_requests`));
}

/** Runs the scheduled jobs a minute later each time, as the scheduler would. */
async function tickLater(ms: number) {
  app.clock.advance(ms);
  await app.running.scheduler.tick(app.clock.now());
  await app.running.settled();
}

describe('a submission written after its ack', () => {
  it('is tried again when its write fails, and filed once', async () => {
    await failInsertsOf('flaky write', 'once');
    const reply = await submitLeave(amy, '2026-12-10', 'flaky write');
    expect(reply.body).toBe('');
    await app.running.settled();
    expect(await requestsWith('flaky write')).toHaveLength(1);
    expect(cardsTo(lead)).toHaveLength(1);
    const [item] = await app.db.select().from(submissions).where(eq(submissions.userId, amy));
    expect(item?.status).toBe('done');
    expect(item?.attempts).toBe(2);
    await clearFaults();
  });

  it('that never goes in ends in a message to its author saying to send it again', async () => {
    await failInsertsOf('doomed write', 'always');
    const reply = await submitLeave(ben, '2026-12-11', 'doomed write');
    expect(reply.body).toBe('');
    await app.running.settled();
    for (let i = 0; i < 12; i += 1) {
      const [item] = await app.db.select().from(submissions).where(eq(submissions.userId, ben));
      if (item?.status !== 'pending') break;
      await tickLater(16 * 60_000);
    }
    const [item] = await app.db.select().from(submissions).where(eq(submissions.userId, ben));
    expect(item?.status).toBe('failed');
    expect(item?.toldAt).not.toBeNull();
    const told = app.fake.calls('chat.postMessage').filter((c) => c.args.channel === ben);
    expect(told).toHaveLength(1);
    expect(String(told[0]?.args.text)).toContain('please send it again with `/leave`');
    expect(await requestsWith('doomed write')).toEqual([]);
    // later sweeps do not tell them again
    await tickLater(16 * 60_000);
    expect(app.fake.calls('chat.postMessage').filter((c) => c.args.channel === ben)).toHaveLength(1);
    await clearFaults();
  });
});

describe('a copy that died holding a submission', () => {
  it('leaves it to another start, which files it exactly once when the claim runs out', async () => {
    const now = app.clock.now();
    // what a copy stores before its ack, claimed until its lease runs out; then it died
    await app.db.insert(submissions).values({
      kind: 'leave',
      userId: cho,
      submissionKey: `${cho}:V0DEADCOPY`,
      payload: {
        draft: { type: 'annual', firstDay: '2026-12-12', lastDay: '2026-12-12', reason: 'left behind', proofFiles: [], proofLater: false },
      },
      nextAttemptAt: now,
      claimedBy: 'a-copy-that-died',
      claimedUntil: new Date(now.getTime() + 2 * 60_000),
      createdAt: now,
    });
    const second = await startShiftdesk({
      config: { slack: { mode: 'http', botToken, signingSecret, apiUrl: `${app.fake.url}/api/` }, port: 0, database: app.target },
      database: app.running.database,
      policy: app.policy,
      clock: app.clock,
      logger: pino({ level: 'silent' }),
      clientOptions: { retryConfig: { retries: 0 } },
      runScheduler: false,
    });
    try {
      const both = [app.running, second];
      const tickBoth = async () => {
        const minute = app.clock.now().getTime();
        await Promise.all(both.map((copy, i) => copy.scheduler.tick(new Date(minute + i * 60_000))));
        await Promise.all(both.map((copy) => copy.settled()));
      };
      await tickBoth();
      expect(await requestsWith('left behind')).toEqual([]); // still claimed: the copy may only be slow
      app.clock.advance(3 * 60_000);
      await tickBoth();
      app.clock.advance(3 * 60_000);
      await tickBoth();
      expect(await requestsWith('left behind')).toHaveLength(1);
      expect(cardsTo(lead)).toHaveLength(1);
      const [item] = await app.db.select().from(submissions).where(eq(submissions.userId, cho));
      expect(item?.status).toBe('done');
    } finally {
      await second.stop();
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('a submission its author was told was not filed (needs TEST_DATABASE_URL)', () => {
  it('is never filed, though its insert went in after the answer and the database refused to drop it then', async () => {
    const reason = 'told not filed';
    const its = `new.payload::text like '%${reason}%'`;
    // the insert outlasts the time before the ack; dropping the row fails until the fault is cleared
    await app.db.execute(
      sql.raw(`create or replace function slow_submission() returns trigger language plpgsql as $$
        begin perform pg_sleep(2.5); return new; end $$`),
    );
    await app.db.execute(
      sql.raw(`create or replace function undroppable_submission() returns trigger language plpgsql as $$
        begin raise exception 'injected fault'; end $$`),
    );
    await app.db.execute(
      sql.raw(`create trigger slow_submission before insert on submissions for each row when (${its}) execute function slow_submission()`),
    );
    await app.db.execute(
      sql.raw(
        `create trigger undroppable_submission before delete on submissions for each row when (${its.replace('new.', 'old.')}) execute function undroppable_submission()`,
      ),
    );
    try {
      const reply = await submitLeave(amy, '2026-12-12', reason);
      expect(JSON.stringify(reply.body)).toContain("shiftdesk can't reach its database");
      const stored = () => app.db.select().from(submissions).where(eq(submissions.userId, amy));
      await waitUntil(async () => (await stored()).some((s) => JSON.stringify(s.payload).includes(reason)), { withinMs: 60_000 });
      await app.running.settled();
    } finally {
      await app.db.execute(sql.raw('drop trigger if exists slow_submission on submissions'));
      await app.db.execute(sql.raw('drop trigger if exists undroppable_submission on submissions'));
    }
    // the claim runs out; the retry job's sweeps find the row
    await tickLater(16 * 60_000);
    await tickLater(16 * 60_000);
    expect(await requestsWith(reason)).toEqual([]);
    expect(
      (await app.db.select().from(submissions).where(eq(submissions.userId, amy))).filter((s) =>
        JSON.stringify(s.payload).includes(reason),
      ),
    ).toEqual([]);
    expect(app.fake.calls('chat.postMessage').filter((c) => String(c.args.text).includes(reason))).toEqual([]);
  });
});
