import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { startShiftdesk } from '../../src/start.js';
import { FakeClock } from '../harness/fake-clock.js';
import { FakeSlack } from '../harness/fake-slack/index.js';
import { botToken, manifestScopes, shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase } from '../harness/test-database.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { option, picked } from '../fixtures/view-state.js';
import type { RecordedCall } from '../harness/fake-slack/index.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { hasButton } from '../fixtures/blocks-text.js';

const lead = 'U0OBSLEAD';
const manager = 'U0OBSMGR';
const agent = 'U0OBSAGENT';
/** What nobody may find in a log line: the reason, the people's names (in the org and in Slack). */
const reason = 'Xylophone surgery for Grandma Quenby';
const secrets = [
  reason,
  'Zebulon Marchetti',
  'Ottoline Vasquez',
  'Percival Lindqvist',
  'zebulon.slack',
  'ottoline.slack',
  'percival.slack',
];

interface Line {
  readonly [key: string]: unknown;
  readonly msg?: string;
}

const lines: string[] = [];
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T02:00:00Z',
    users: [
      { id: manager, name: 'percival.slack', locale: 'en-US' },
      { id: lead, name: 'ottoline.slack', locale: 'en-US' },
      { id: agent, name: 'zebulon.slack', locale: 'en-US' },
    ],
    logger: createLogger('trace', { write: (line: string) => void lines.push(line) }),
    // the client's own retries, without their waits: a 429 is tried again at once after its Retry-After of 0
    clientOptions: { retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0, factor: 1 } },
  });
  await insertPeople(app.db, [
    aPerson({ slackId: manager, name: 'Percival Lindqvist', role: 'manager' }),
    aPerson({ slackId: lead, name: 'Ottoline Vasquez', role: 'lead', reportsTo: manager }),
    aPerson({ slackId: agent, name: 'Zebulon Marchetti', reportsTo: lead }),
  ]);
  await insertShifts(app.db, [{ personId: agent, date: '2026-12-03', shiftCode: 'R' }]);
  await app.running.deps.readModel?.caughtUp();
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

const parsed = (): Line[] => lines.map((line) => JSON.parse(line) as Line);

async function scrape(): Promise<string> {
  const response = await fetch(`${app.baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** The value of one sample, `name{labels}`, or undefined when it is not there. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const has = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => has[key] === value)) return Number(match[3]);
  }
  return undefined;
}

const cardTo = (userId: string) =>
  app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === userId && hasButton(c.args.blocks, 'leave.approve'));

async function approve(userId: string, card: RecordedCall) {
  const buttons = (card.args.blocks as { elements?: { action_id?: string; value?: string }[] }[]).flatMap((b) => b.elements ?? []);
  const posted = app.fake
    .messages()
    .find((m) => m.channel === app.fake.dmChannel(userId) && JSON.stringify(m.blocks) === JSON.stringify(card.args.blocks));
  return app.slack.blockAction({
    userId,
    actionId: 'leave.approve',
    value: buttons.find((e) => e.action_id === 'leave.approve')?.value as string,
    blockId: 'leave.decision',
    message: { channel: posted?.channel as string, ts: posted?.ts as string },
  });
}

describe('a leave flow, logged at trace and measured', () => {
  let before: string;
  let flowLines: Line[];

  beforeAll(async () => {
    before = await scrape();
    lines.length = 0;
    const command = await app.slack.slashCommand({ command: '/leave', text: '', userId: agent });
    expect(command.status).toBe(200);
    await app.fake.waitForCall('views.open', (c) => c.ok);
    const viewId = app.fake.topView(agent)?.id as string;
    // the lead's card meets a 429 first: the client waits its Retry-After and sends it again
    app.fake.rateLimitNext('chat.postMessage', 0);
    const submitted = await app.slack.viewSubmission({
      userId: agent,
      viewId,
      values: {
        'leave.type': { value: option('personal') },
        'leave.first_day': { 'leave.date_picked': picked('2026-12-03') },
        'leave.last_day': { 'leave.date_picked': picked('2026-12-03') },
        'leave.reason': { value: { type: 'plain_text_input', value: reason } },
        'leave.proof': { value: { type: 'file_input', files: [] } },
        'leave.proof_later': { value: { type: 'checkboxes', selected_options: [] } },
      },
    });
    expect(submitted.status).toBe(200);
    const card = await cardTo(lead);
    await app.running.settled();
    const approved = await approve(lead, card);
    expect(approved.status).toBe(200);
    await cardTo(manager);
    await app.running.settled();
    await app.slack.blockAction({ userId: lead, actionId: 'leave.no_such_button', value: 'x', blockId: 'x' });
    await app.running.settled();
    flowLines = parsed();
  }, 60_000);

  it('counts requests by route and outcome, and their acks', async () => {
    const text = await scrape();
    const delta = (name: string, labels: Record<string, string>) => (sample(text, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    expect(delta('shiftdesk_slack_requests_total', { route: 'command:/leave', outcome: 'ok' })).toBe(1);
    expect(delta('shiftdesk_slack_requests_total', { route: 'view:leave.request', outcome: 'ok' })).toBe(1);
    expect(delta('shiftdesk_slack_requests_total', { route: 'action:leave.approve', outcome: 'ok' })).toBe(1);
    // a name the app does not know is never a label of its own
    expect(delta('shiftdesk_slack_requests_total', { route: 'action:unknown', outcome: 'ok' })).toBe(1);
    expect(text).not.toContain('leave.no_such_button');
    expect(delta('shiftdesk_slack_ack_seconds_count', { route: 'command:/leave' })).toBe(1);
    expect(delta('shiftdesk_slack_ack_seconds_count', { route: 'view:leave.request' })).toBe(1);
    expect(sample(text, 'shiftdesk_slack_ack_seconds_bucket', { route: 'view:leave.request', le: '+Inf' })).toBeGreaterThanOrEqual(1);
    // no user id is ever a label
    expect(text).not.toContain(agent);
    expect(text).not.toContain(lead);
  });

  it('counts Web API calls by method and result, a 429 as rate_limited and its retry', async () => {
    const text = await scrape();
    expect(sample(text, 'shiftdesk_slack_api_calls_total', { method: 'views.open', result: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'shiftdesk_slack_api_calls_total', { method: 'chat.postMessage', result: 'rate_limited' })).toBe(1);
    expect(sample(text, 'shiftdesk_slack_api_retries_total', { method: 'chat.postMessage' })).toBe(1);
    expect(sample(text, 'shiftdesk_slack_api_calls_total', { method: 'chat.postMessage', result: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'shiftdesk_slack_api_seconds_count', { method: 'chat.postMessage' })).toBeGreaterThanOrEqual(3);
    expect(app.fake.calls('chat.postMessage').filter((c) => c.status === 429)).toHaveLength(1);
  });

  it('reports the read model and the database pool', async () => {
    await app.running.deps.readModel?.caughtUp();
    const text = await scrape();
    expect(sample(text, 'shiftdesk_read_model_serving')).toBe(1);
    expect(sample(text, 'shiftdesk_read_model_people')).toBe(3);
    expect(sample(text, 'shiftdesk_read_model_pending_people')).toBe(0);
    expect(sample(text, 'shiftdesk_read_model_lag_seconds')).toBe(0);
    expect(sample(text, 'shiftdesk_db_connections', { state: 'size' })).toBe(app.running.database.kind === 'pglite' ? 1 : 10);
    expect(sample(text, 'shiftdesk_db_connections', { state: 'in_use' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'shiftdesk_db_connections', { state: 'waiting' })).toBe(0);
  });

  it('logs no reason, name or message text at any level', () => {
    const all = lines.join('\n');
    expect(flowLines.some((l) => l.level === 10 || l.level === 20)).toBe(true);
    for (const secret of secrets) expect(all).not.toContain(secret);
    const texts = app.fake
      .calls()
      .flatMap((c) => [c.args.text, c.args.blocks === undefined ? undefined : JSON.stringify(c.args.blocks)])
      .filter((t): t is string => typeof t === 'string' && t.length > 12);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(all).not.toContain(text);
  });

  it('names the request, its user and route on every line logged while it is handled, after its ack too', () => {
    const ofRequests = flowLines.filter((l) => l.reqId !== undefined);
    expect(ofRequests.length).toBeGreaterThan(0);
    for (const line of ofRequests) {
      expect(line).toMatchObject({ reqId: expect.any(String), route: expect.any(String) });
      expect(typeof line.userId === 'string' || line.msg?.includes('no listener')).toBe(true);
    }
    const routes = new Set(ofRequests.map((l) => l.route));
    expect(routes).toEqual(new Set(['command:/leave', 'view:leave.request', 'action:leave.approve', 'action:unknown']));
    // Bolt's own lines go through the same logger, as JSON, and name the request too
    expect(ofRequests.some((l) => l.component === 'bolt' || l.component === 'WebClient')).toBe(true);
    // the 429 is logged by the Web API client inside the request whose work after the ack sent the card
    const rateLimited = flowLines.find((l) => String(l.msg).includes('rate limiting'));
    expect(rateLimited).toMatchObject({ route: 'view:leave.request', userId: agent });
    // each request has an id of its own
    const ids = new Map<string, Set<unknown>>();
    for (const line of ofRequests) ids.set(String(line.route), (ids.get(String(line.route)) ?? new Set()).add(line.reqId));
    expect([...ids.values()].every((set) => set.size === 1)).toBe(true);
    expect(new Set(ofRequests.map((l) => l.reqId)).size).toBe(4);
  });
});

describe('scheduled jobs', () => {
  it('counts each job minute by outcome, its duration and its claim', async () => {
    const at = new Date('2026-12-01T02:10:00Z');
    await app.running.scheduler.tick(at);
    await app.running.scheduler.tick(at);
    const text = await scrape();
    expect(sample(text, 'shiftdesk_job_runs_total', { job: 'leave.remind', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'shiftdesk_job_runs_total', { job: 'leave.remind', outcome: 'already_claimed' })).toBe(1);
    expect(sample(text, 'shiftdesk_job_duration_seconds_count', { job: 'leave.remind', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'shiftdesk_claims_total', { kind: 'job_run', event: 'taken' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'shiftdesk_claims_total', { kind: 'job_run', event: 'lost' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'shiftdesk_claims_total', { kind: 'job_run', event: 'finished' })).toBe(
      sample(text, 'shiftdesk_claims_total', { kind: 'job_run', event: 'taken' }),
    );
  });
});

describe('in Socket Mode', () => {
  it('serves /metrics on PORT beside /healthz, and names the envelope on the request’s lines', async () => {
    const appToken = 'xapp-test-app-token';
    const fake = await FakeSlack.start({
      botToken,
      appToken,
      users: [{ id: agent, name: 'zebulon.slack', locale: 'en-US' }],
      scopes: manifestScopes(),
    });
    const testDb = await createTestDatabase();
    const socketLines: string[] = [];
    const running = await startShiftdesk({
      config: { slack: { mode: 'socket', botToken, appToken, apiUrl: `${fake.url}/api/` }, port: 0, database: testDb.target },
      database: testDb.database,
      policy: shippedPolicy(),
      clock: new FakeClock('2026-12-01T02:00:00Z'),
      logger: createLogger('debug', { write: (line: string) => void socketLines.push(line) }),
      clientOptions: { retryConfig: { retries: 0 } },
      runScheduler: false,
    });
    try {
      const ack = await fake.socketMode.deliver('slash_commands', {
        command: '/leave',
        text: 'help',
        user_id: agent,
        team_id: fake.identity.teamId,
        channel_id: 'C0GENERAL',
        trigger_id: fake.issueTrigger(agent),
        response_url: fake.issueResponseUrl(agent, { channel: 'C0GENERAL' }),
      });
      expect(ack).toMatchObject({ response_type: 'ephemeral' });
      await running.settled();
      const ofRequest = socketLines.map((l) => JSON.parse(l) as Line).filter((l) => l.reqId !== undefined);
      expect(ofRequest.length).toBeGreaterThan(0);
      for (const line of ofRequest) expect(line).toMatchObject({ route: 'command:/leave', userId: agent, envelopeId: expect.any(String) });
      const response = await fetch(`http://127.0.0.1:${running.port}/metrics`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(sample(text, 'shiftdesk_slack_requests_total', { route: 'command:/leave', outcome: 'ok' })).toBe(1);
      expect(sample(text, 'shiftdesk_slack_api_calls_total', { method: 'apps.connections.open', result: 'ok' })).toBeGreaterThanOrEqual(1);
    } finally {
      await running.stop();
      await testDb.drop();
      await fake.stop();
    }
  }, 60_000);
});
