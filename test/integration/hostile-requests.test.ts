import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aPerson, insertPeople } from '../fixtures/org.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

const agent = 'U0AGENT1';
const lead = 'U0LEAD1';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    users: [
      { id: agent, name: 'amy', locale: 'en-US', tz: 'Asia/Shanghai' },
      { id: lead, name: 'zhang.lei', locale: 'zh-CN', tz: 'Asia/Shanghai' },
    ],
  });
  await insertPeople(app.db, [aPerson({ slackId: lead, role: 'lead' }), aPerson({ slackId: agent, reportsTo: lead })]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled();
  app.fake.reset();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
const form = 'application/x-www-form-urlencoded';
const teamId = 'T0SHIFTDESK';
const team = () => ({ id: teamId, domain: 'shiftdesk-test' });
const stillServes = async () => {
  const reply = await app.slack.slashCommand({ command: '/leave', text: 'help', userId: agent });
  expect(reply.status).toBe(200);
  expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
};

describe('request time', () => {
  it.each([
    ['ten minutes ahead', 600],
    ['a year ahead', 365 * 24 * 3600],
    ['ten minutes behind', -600],
  ])('refuses a correctly signed request %s of local time', async (_, offset) => {
    const reply = await app.slack.slashCommand({ command: '/leave', text: 'help', userId: agent }, { timestamp: nowSeconds() + offset });
    expect(reply.status).toBe(401);
    expect(app.fake.calls()).toEqual([]);
  });

  it('serves one signed a few minutes either side of local time', async () => {
    for (const offset of [-240, 240]) {
      expect(
        (await app.slack.slashCommand({ command: '/leave', text: 'help', userId: agent }, { timestamp: nowSeconds() + offset })).status,
      ).toBe(200);
    }
  });
});

describe('bodies the app cannot read', () => {
  it.each([
    ['payload=null as a form', form, 'payload=null'],
    ['a payload that is not JSON', form, 'payload=%7Bnope'],
    ['a payload that is a list', form, 'payload=%5B1%5D'],
    ['two payloads', form, 'payload=%7B%7D&payload=%7B%7D'],
    ['null as JSON', 'application/json', 'null'],
    ['a number as JSON', 'application/json', '42'],
    ['JSON that is not JSON', 'application/json', '{"type":'],
    ['an unknown content type', 'text/plain', 'hello'],
  ])('answers %s with 400 and goes on serving', async (_, contentType, body) => {
    const reply = await app.slack.signed(contentType, body);
    expect(reply.status).toBe(400);
    await stillServes();
  });

  it('answers them 401 when they are not signed', async () => {
    expect((await app.slack.signed(form, 'payload=null', { unsigned: true })).status).toBe(401);
  });
});

describe('signed requests in shapes Slack never sends', () => {
  const user = () => ({ id: agent, team_id: teamId });
  const view = (extra: Record<string, unknown>) => ({
    id: 'V0FORGED',
    callback_id: 'leave.request',
    hash: 'h',
    type: 'modal',
    private_metadata: '',
    blocks: [],
    state: { values: {} },
    ...extra,
  });
  it.each([
    ['actions: null', { type: 'block_actions', user: user(), team: team(), actions: null }],
    ['no user', { type: 'block_actions', team: team(), actions: [{ action_id: 'leave.approve', value: '1' }] }],
    ['actions that are not objects', { type: 'block_actions', user: user(), team: team(), actions: [null] }],
    ['view.state: null', { type: 'view_submission', user: user(), team: team(), view: view({ state: null }) }],
    ['view.blocks not a list', { type: 'view_submission', user: user(), team: team(), view: view({ blocks: 'x' }) }],
    ['view.state.values null', { type: 'view_submission', user: user(), team: team(), view: view({ state: { values: null } }) }],
    ['a user that is a string', { type: 'view_submission', user: agent, team: team(), view: view({}) }],
    ['a shortcut, which the app does not serve', { type: 'shortcut', user: user(), team: team(), callback_id: 'x', trigger_id: 't' }],
    ['no type at all', { user: user() }],
  ])('answers %s with 200 at once and changes nothing', async (_, payload) => {
    const reply = await app.slack.payload(payload);
    expect(reply.status).toBe(200);
    expect(reply.ackMs).toBeLessThan(3000);
    await app.running.settled();
    expect(app.fake.calls().filter((c) => c.method !== 'users.info')).toEqual([]);
    await stillServes();
  });

  it('answers an event whose user is null, and one whose event is a string', async () => {
    const base = {
      token: 't',
      team_id: app.fake.identity.teamId,
      api_app_id: app.fake.identity.appId,
      type: 'event_callback',
      event_id: 'Ev1',
      event_time: nowSeconds(),
    };
    for (const event of [{ type: 'app_home_opened', user: null, tab: 'home' }, 'app_home_opened', { type: null }]) {
      const reply = await app.slack.signed('application/json', JSON.stringify({ ...base, event }));
      expect(reply.status).toBe(200);
    }
    await stillServes();
  });

  it('answers a slash command form with the command field missing its slash or its text', async () => {
    for (const fields of [
      { command: 'leave', text: '', user_id: agent, team_id: 'T1' },
      { command: '/leave', user_id: agent, team_id: 'T1' },
      { command: '/leave', text: 'help', team_id: 'T1' },
    ] as Record<string, string>[]) {
      const reply = await app.slack.signed(form, new URLSearchParams(fields).toString());
      expect(reply.status).toBe(200);
    }
    await stillServes();
  });
});

describe('names nobody listens for', () => {
  it('answers an unknown command with what the app does answer, in the asker’s language', async () => {
    const reply = await app.slack.slashCommand({ command: '/lunch', text: '', userId: lead });
    expect(reply.status).toBe(200);
    expect(reply.ackMs).toBeLessThan(3000);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/leave、/swap') });
  });

  it('answers an unknown button at once and tells the clicker', async () => {
    const reply = await app.slack.blockAction({
      userId: agent,
      actionId: 'leave.no_such_button',
      value: '1',
      message: { channel: agent, ts: '1.000' },
    });
    expect(reply.status).toBe(200);
    expect(reply.ackMs).toBeLessThan(3000);
    await app.fake.waitForCall('response_url', (c) => String(c.args.text).includes('cannot use this button or form'));
  });

  it('answers an unknown form by showing why in the modal', async () => {
    const reply = await app.slack.viewSubmission({ userId: agent, view: { id: 'V0UNKNOWN', callback_id: 'lunch.order' }, values: {} });
    expect(reply.status).toBe(200);
    expect(reply.ackMs).toBeLessThan(3000);
    expect(reply.body).toMatchObject({ response_action: 'update', view: { type: 'modal' } });
  });
});
