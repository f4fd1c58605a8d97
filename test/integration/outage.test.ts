import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaveRequests, submissions } from '../../src/db/schema.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import type { InteractionReply, ViewStateValues } from '../harness/slack-requests.js';
import { TcpProxy } from '../harness/tcp-proxy.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { waitUntil } from '../harness/wait-until.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const manager = 'U0MGR';
const lead = 'U0LEAD';
const agents = Array.from({ length: 27 }, (_, i) => `U0AG${String(i).padStart(2, '0')}`);
const unreachable = "shiftdesk can't reach its database; try again in a minute.";

let app: TestApp;
let proxy: TcpProxy;

const leaveForm = (day: string): ViewStateValues => ({
  'leave.type': { value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'annual' }, value: 'annual' } } },
  'leave.first_day': { 'leave.date_picked': { type: 'datepicker', selected_date: day } },
  'leave.last_day': { 'leave.date_picked': { type: 'datepicker', selected_date: day } },
  'leave.reason': { value: { type: 'plain_text_input', value: 'family matters' } },
  'leave.proof': { value: { type: 'file_input', files: [] } },
  'leave.proof_later': { value: { type: 'checkboxes', selected_options: [] } },
});

const healthz = async () => (await fetch(`${app.baseUrl}/healthz`)).status;

const timeUntil = (ok: () => Promise<boolean>, withinMs: number) => waitUntil(ok, { withinMs });

describe.skipIf(!serverUrl)('a PostgreSQL outage (needs TEST_DATABASE_URL)', () => {
  beforeAll(async () => {
    const server = new URL(serverUrl as string);
    proxy = await TcpProxy.start({ host: server.hostname, port: Number(server.port || 5432) });
    app = await startTestApp({
      now: '2026-12-01T02:00:00Z',
      users: [manager, lead, ...agents].map((id) => ({ id, name: id, locale: 'en-US' })),
      appDatabase: (target) => (target.kind === 'postgres' ? { kind: 'postgres', url: proxy.rewrite(target.url) } : target),
    });
    await insertPeople(app.db, [
      aPerson({ slackId: manager, name: 'Manager Qian', role: 'manager' }),
      aPerson({ slackId: lead, name: 'Lead Sun', role: 'lead', reportsTo: manager }),
      ...agents.map((slackId) => aPerson({ slackId, name: slackId, reportsTo: lead })),
    ]);
    await insertShifts(
      app.db,
      agents.map((personId, i) => ({ personId, date: `2026-12-${String(10 + (i % 15)).padStart(2, '0')}`, shiftCode: 'R' })),
    );
  });

  afterAll(async () => {
    await app?.stop();
    await proxy?.stop();
  });

  it('loses no acknowledged submission: each is filed, or its author told it was not', async () => {
    // every modal is open before the stream starts, as people's forms would be
    const views = new Map<string, string>();
    for (const userId of agents) {
      await app.slack.slashCommand({ command: '/leave', text: '', userId });
      await app.fake.waitForCall(
        'views.open',
        (c) => c.ok && (c.args.view as { callback_id?: string }).callback_id === 'leave.request' && app.fake.topView(userId) !== undefined,
      );
      views.set(userId, app.fake.topView(userId)?.id as string);
    }
    const phase = performance.now();
    const replies = new Map<string, InteractionReply>();
    // three at a time; the database goes away after the sixth and comes back after the fifteenth, and
    // goes away again just after the last three were answered, before they are written
    for (let i = 0; i < agents.length; i += 3) {
      if (i === 6) proxy.cut();
      if (i === 15) proxy.restore();
      await Promise.all(
        agents.slice(i, i + 3).map(async (userId, j) => {
          const day = `2026-12-${String(10 + ((i + j) % 15)).padStart(2, '0')}`;
          replies.set(userId, await app.slack.viewSubmission({ userId, viewId: views.get(userId) as string, values: leaveForm(day) }));
        }),
      );
    }
    const streamed = performance.now();
    proxy.cut();
    await app.running.settled();
    const settledAt = performance.now();
    proxy.restore();
    const leftForTheSweep = (
      await app.db
        .select({ id: submissions.id })
        .from(submissions)
        .where(inArray(submissions.status, ['pending']))
    ).length;
    for (let i = 0; i < 15; i += 1) {
      const pending = await app.db
        .select({ id: submissions.id })
        .from(submissions)
        .where(inArray(submissions.status, ['pending']));
      if (pending.length === 0) break;
      app.clock.advance(16 * 60_000);
      await app.running.scheduler.tick(app.clock.now());
      await app.running.settled();
    }

    const acked = [...replies].filter(([, reply]) => reply.body === '').map(([userId]) => userId);
    const toldOnForm = [...replies].filter(([, reply]) => JSON.stringify(reply.body).includes(unreachable)).map(([userId]) => userId);
    expect(acked.length + toldOnForm.length).toBe(agents.length);
    expect(Math.max(...[...replies.values()].map((r) => r.ackMs))).toBeLessThan(3000);
    const filed = new Set((await app.db.select({ key: leaveRequests.submissionKey }).from(leaveRequests)).map((r) => r.key));
    const toldByDm = new Set(
      app.fake
        .calls('chat.postMessage')
        .filter((c) => String(c.args.text).includes('could not be filed'))
        .map((c) => String(c.args.channel)),
    );
    if (process.env.OUTAGE_FIGURES)
      console.info({
        streamMs: Math.round(streamed - phase),
        settleMs: Math.round(settledAt - streamed),
        sweepMs: Math.round(performance.now() - settledAt),
        leftForTheSweep,
        acked: acked.length,
        toldOnForm: toldOnForm.length,
        filed: filed.size,
        toldByDm: toldByDm.size,
        maxAckMs: Math.round(Math.max(...[...replies.values()].map((r) => r.ackMs))),
      });
    const lost = acked.filter((userId) => !filed.has(`${userId}:${views.get(userId)}`) && !toldByDm.has(userId));
    expect(lost).toEqual([]);
    // told on the form, nothing was filed behind their back
    for (const userId of toldOnForm) expect(filed.has(`${userId}:${views.get(userId)}`)).toBe(false);
    expect(toldOnForm.length).toBeGreaterThan(0);
  }, 90_000);

  it('answers within the ack while the database is away, shows 503, and serves again soon after it is back', async () => {
    proxy.cut();
    const during = await app.slack.slashCommand({ command: '/swap', text: 'list', userId: agents[0] as string });
    expect(during.ackMs).toBeLessThan(3000);
    const told =
      JSON.stringify(during.body).includes(unreachable) ||
      (await app.fake
        .waitForCall('response_url', (c) => String(c.args.text).includes(unreachable), 3000)
        .then(
          () => true,
          () => false,
        ));
    expect(told).toBe(true);
    expect(await healthz()).toBe(503);

    proxy.restore();
    const healthyAfter = await timeUntil(async () => (await healthz()) === 200, 5000);
    const servedAfter = await timeUntil(async () => {
      const reply = await app.slack.slashCommand({ command: '/swap', text: 'list', userId: agents[0] as string });
      return reply.status === 200 && !JSON.stringify(reply.body).includes(unreachable) && reply.body !== '';
    }, 5000);
    if (process.env.OUTAGE_FIGURES)
      console.info({
        duringAckMs: Math.round(during.ackMs),
        healthyAfterMs: Math.round(healthyAfter),
        servedAfterMs: Math.round(servedAfter),
      });
    expect(healthyAfter).toBeLessThan(5000);
    expect(servedAfter).toBeLessThan(5000);
  }, 30_000);
});
