import type { App, ReceiverEvent } from '@slack/bolt';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp } from '../../src/slack/app.js';
import { AfterAck } from '../../src/slack/after-ack.js';
import { InFlight } from '../../src/slack/in-flight.js';
import { aPerson, insertPeople } from '../fixtures/org.js';
import { botToken, startTestApp, type TestApp } from '../harness/test-app.js';

const agent = 'U0AGENT1';
const teamId = 'T0SHIFTDESK';

let app: TestApp;
/** The same app built for Socket Mode (not connected): Socket Mode's receiver hands each envelope's body to processEvent. */
let socketApp: App;
const logLines: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ users: [{ id: agent, name: 'amy', locale: 'en-US', tz: 'Asia/Shanghai' }] });
  await insertPeople(app.db, [aPerson({ slackId: agent })]);
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) });
  const afterAck = new AfterAck(() => {});
  ({ app: socketApp } = await createSlackApp({
    slack: { mode: 'socket', botToken, appToken: 'xapp-test-app-token', apiUrl: `${app.fake.url}/api/` },
    deps: { ...app.running.deps, logger },
    inFlight: new InFlight(),
    afterAck,
    clientOptions: { retryConfig: { retries: 0 } },
  }));
});

afterAll(async () => {
  await app?.stop();
});

/** Delivers `body` as Socket Mode does: the envelope's payload with an ack that answers the envelope. */
async function deliver(body: unknown): Promise<{ acks: unknown[] }> {
  const acks: unknown[] = [];
  const event: ReceiverEvent = { body: body as ReceiverEvent['body'], ack: async (response?: unknown) => void acks.push(response ?? null) };
  await socketApp.processEvent(event);
  return { acks };
}

const user = { id: agent, team_id: teamId };
const team = { id: teamId, domain: 'shiftdesk-test' };

describe('Socket Mode: the same shape checks as over HTTP', () => {
  it.each([
    ['actions that are not a list', { type: 'block_actions', user, team, actions: 5 }],
    [
      'a click without a user',
      { type: 'block_actions', user: null, team, actions: [{ action_id: 'leave.approve', block_id: 'b', value: '1' }] },
    ],
    ['a form without its view', { type: 'view_submission', user, team, view: null }],
    [
      'a form whose state is not an object',
      { type: 'view_submission', user, team, view: { id: 'V1', callback_id: 'leave.request', state: 'x' } },
    ],
    ['a command that is not a string', { command: 42, user_id: agent, team_id: teamId, text: '' }],
    ['an event that is not an object', { type: 'event_callback', team_id: teamId, event: 'app_home_opened' }],
    ['a list instead of an object', []],
    ['nothing at all', null],
  ])('answers %s empty and logs why, without throwing', async (_, body) => {
    const before = logLines.length;
    const { acks } = await deliver(body);
    expect(acks).toEqual([null]);
    expect(logLines.slice(before).join('\n')).toContain('has no use for');
  });

  it('still serves a well-formed command through the same path', async () => {
    const { acks } = await deliver({
      command: '/leave',
      text: 'help',
      user_id: agent,
      team_id: teamId,
      channel_id: 'C0GENERAL',
      trigger_id: app.fake.issueTrigger(agent),
      response_url: app.fake.issueResponseUrl(agent, { channel: 'C0GENERAL' }),
    });
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({ response_type: 'ephemeral' });
  });
});
