import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShiftdesk, type RunningApp } from '../../src/start.js';
import { issueCalendarToken } from '../../src/use-cases/calendar.js';
import { aPerson, insertPeople } from '../fixtures/org.js';
import { FakeClock } from '../harness/fake-clock.js';
import { FakeSlack } from '../harness/fake-slack/index.js';
import { botToken, manifestScopes, shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';

const appToken = 'xapp-test-app-token';
const agent = 'U0AGENT1';
const teamId = 'T0SHIFTDESK';

let fake: FakeSlack;
let testDb: TestDatabase;
let running: RunningApp;
const logLines: string[] = [];

beforeAll(async () => {
  fake = await FakeSlack.start({
    botToken,
    appToken,
    users: [{ id: agent, name: 'amy', locale: 'en-US', tz: 'Asia/Shanghai' }],
    scopes: manifestScopes(),
  });
  testDb = await createTestDatabase();
  running = await startShiftdesk({
    config: { slack: { mode: 'socket', botToken, appToken, apiUrl: `${fake.url}/api/` }, port: 0, database: testDb.target },
    database: testDb.database,
    policy: shippedPolicy(),
    clock: new FakeClock('2026-12-01T02:00:00Z'),
    logger: pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) }),
    clientOptions: { retryConfig: { retries: 0 } },
    runScheduler: false,
  });
  await insertPeople(testDb.database.db, [aPerson({ slackId: agent })]);
});

afterAll(async () => {
  await running?.stop();
  await testDb?.drop();
  await fake?.stop();
});

const command = (text: string) => ({
  command: '/leave',
  text,
  user_id: agent,
  team_id: teamId,
  channel_id: 'C0GENERAL',
  trigger_id: fake.issueTrigger(agent),
  response_url: fake.issueResponseUrl(agent, { channel: 'C0GENERAL' }),
});

/** An ack with nothing to say: no payload, or an empty one. */
const isEmpty = (ack: unknown) => ack === null || (typeof ack === 'object' && Object.keys(ack as object).length === 0);

describe('Socket Mode over a real WebSocket', () => {
  it('connects through apps.connections.open and answers a command in its envelope ack', async () => {
    const ack = await fake.socketMode.deliver('slash_commands', command('help'));
    expect(ack).toMatchObject({ response_type: 'ephemeral' });
    expect(fake.calls('apps.connections.open').every((c) => c.ok)).toBe(true);
  });

  it('answers malformed envelopes empty with a log line, and goes on serving', async () => {
    const before = logLines.length;
    expect(
      isEmpty(
        await fake.socketMode.deliver('interactive', { type: 'block_actions', user: { id: agent }, team: { id: teamId }, actions: 5 }),
      ),
    ).toBe(true);
    expect(
      isEmpty(await fake.socketMode.deliver('interactive', { type: 'view_submission', user: null, team: { id: teamId }, view: null })),
    ).toBe(true);
    expect(isEmpty(await fake.socketMode.deliver('slash_commands', { command: 42, user_id: agent, team_id: teamId, text: '' }))).toBe(true);
    expect(
      isEmpty(await fake.socketMode.deliver('events_api', { type: 'event_callback', team_id: teamId, event: 'app_home_opened' })),
    ).toBe(true);
    expect(logLines.slice(before).filter((line) => line.includes('has no use for'))).toHaveLength(4);
    expect(await fake.socketMode.deliver('slash_commands', command('help'))).toMatchObject({ response_type: 'ephemeral' });
    const health = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(health.status).toBe(200);
  });

  it('serves the team leave calendars beside /healthz, and 404 for a wrong token', async () => {
    const issued = await issueCalendarToken(running.deps, 'phone');
    if (issued.kind !== 'issued') throw new Error('phone is a team');
    const feed = await fetch(`http://127.0.0.1:${running.port}/calendar/phone.ics?token=${issued.token}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR$/);
    expect((await fetch(`http://127.0.0.1:${running.port}/calendar/phone.ics?token=nope`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${running.port}/calendar/phone.ics`)).status).toBe(404);
  });
});
