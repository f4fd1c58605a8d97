import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../src/slack-standin/index.js';

const botToken = 'xoxb-fake-slack-test';
let now = Date.now();
let fake: FakeSlack;
let client: webApi.WebClient;

const modal = (overrides: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: { type: 'plain_text', text: 'Leave request' },
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hello' } }],
  ...overrides,
});
const sections = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'section', text: { type: 'mrkdwn', text: `line ${i}` } }));

/** Slack's SDK throws on ok:false; this returns the error code instead. */
async function errorOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return (error as { data?: { error?: string } }).data?.error ?? String(error);
  }
}

beforeAll(async () => {
  fake = await FakeSlack.start({
    botToken,
    now: () => now,
    users: [
      { id: 'U0ZH', name: 'wang.fang', locale: 'zh-CN', tz: 'Asia/Shanghai' },
      { id: 'U0EN', name: 'amy', locale: 'en-US' },
    ],
  });
  client = new webApi.WebClient(botToken, { slackApiUrl: `${fake.url}/api/`, retryConfig: { retries: 0 } });
});

afterAll(async () => {
  await fake.stop();
});

beforeEach(() => {
  now = Date.now();
  fake.reset();
});

describe('the Web API stand-in', () => {
  it('answers auth.test for the bot token and refuses any other token', async () => {
    const me = await client.auth.test();
    expect(me).toMatchObject({ ok: true, user_id: fake.identity.botUserId, bot_id: fake.identity.botId });
    const stranger = new webApi.WebClient('xoxb-wrong', { slackApiUrl: `${fake.url}/api/`, retryConfig: { retries: 0 } });
    expect(await errorOf(stranger.auth.test())).toBe('invalid_auth');
  });

  it('refuses unknown methods, unknown arguments and missing required ones, per Slack’s OpenAPI description', async () => {
    expect(await errorOf(client.apiCall('chat.postMesage', { channel: 'C1', text: 'x' }))).toBe('unknown_method');
    expect(await errorOf(client.apiCall('chat.postMessage', { text: 'no channel' }))).toBe('invalid_arguments');
    expect(await errorOf(client.apiCall('views.publish', { user: 'U0ZH', view: { type: 'home', blocks: [] } }))).toBe('invalid_arguments');
    expect(fake.calls().map((c) => c.error)).toEqual(['unknown_method', 'invalid_arguments', 'invalid_arguments']);
  });

  it('returns the locale from users.info only when include_locale is asked for', async () => {
    expect((await client.users.info({ user: 'U0ZH' })).user?.locale).toBeUndefined();
    expect((await client.users.info({ user: 'U0ZH', include_locale: true })).user?.locale).toBe('zh-CN');
    expect(await errorOf(client.users.info({ user: 'U0NOBODY' }))).toBe('user_not_found');
  });

  it('posts, updates and opens DMs like Slack', async () => {
    const im = await client.conversations.open({ users: 'U0EN' });
    const channel = im.channel?.id as string;
    const posted = await client.chat.postMessage({ channel, text: 'hi' });
    await client.chat.update({ channel, ts: posted.ts as string, text: 'edited' });
    expect(fake.messages(channel)).toEqual([expect.objectContaining({ text: 'edited', ts: posted.ts })]);
    expect(await errorOf(client.chat.update({ channel, ts: '1.2', text: 'x' }))).toBe('message_not_found');
    expect(await errorOf(client.chat.postMessage({ channel: 'U0NOBODY', text: 'x' }))).toBe('channel_not_found');
    expect(await errorOf(client.chat.postMessage({ channel, text: '' }))).toBe('no_text');
  });

  it('enforces the Block Kit limits of messages', async () => {
    expect(await errorOf(client.chat.postMessage({ channel: 'C0TEAM', text: 'x', blocks: sections(51) as never }))).toBe('invalid_blocks');
    const long = [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }];
    expect(await errorOf(client.chat.postMessage({ channel: 'C0TEAM', text: 'x', blocks: long as never }))).toBe('invalid_blocks');
    await client.chat.postMessage({ channel: 'C0TEAM', text: 'x', blocks: sections(50) as never });
  });

  it.each([
    ['a section text over 3000 characters', { type: 'section', text: { type: 'mrkdwn', text: '字'.repeat(3001) } }],
    ['11 section fields', { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'x' })) }],
    ['a section field over 2000 characters', { type: 'section', fields: [{ type: 'mrkdwn', text: 'x'.repeat(2001) }] }],
    ['a context text over 3000 characters', { type: 'context', elements: [{ type: 'mrkdwn', text: 'x'.repeat(3001) }] }],
  ])('refuses a message, an update and a modal with %s', async (_, block) => {
    expect(await errorOf(client.chat.postMessage({ channel: 'C0TEAM', text: 'x', blocks: [block] as never }))).toBe('invalid_blocks');
    const posted = await client.chat.postMessage({ channel: 'C0TEAM', text: 'x' });
    expect(await errorOf(client.chat.update({ channel: 'C0TEAM', ts: posted.ts as string, text: 'x', blocks: [block] as never }))).toBe(
      'invalid_blocks',
    );
    expect(await errorOf(client.views.open({ trigger_id: fake.issueTrigger('U0ZH'), view: modal({ blocks: [block] }) as never }))).toBe(
      'invalid_arguments',
    );
  });
});

describe('views and trigger_ids', () => {
  it('opens a modal with a fresh trigger once; a reused or unknown trigger is refused', async () => {
    const trigger = fake.issueTrigger('U0ZH');
    const opened = await client.views.open({ trigger_id: trigger, view: modal() as never });
    expect(fake.topView('U0ZH')?.id).toBe(opened.view?.id);
    expect(await errorOf(client.views.open({ trigger_id: trigger, view: modal() as never }))).toBe('exchanged_trigger_id');
    expect(await errorOf(client.views.open({ trigger_id: '123.456.nope', view: modal() as never }))).toBe('invalid_trigger_id');
  });

  it('refuses a trigger older than 3 seconds', async () => {
    const trigger = fake.issueTrigger('U0ZH');
    now += 3001;
    expect(await errorOf(client.views.open({ trigger_id: trigger, view: modal() as never }))).toBe('expired_trigger_id');
  });

  it.each([
    ['a title over 24 characters', modal({ title: { type: 'plain_text', text: 'x'.repeat(25) } })],
    ['101 blocks', modal({ blocks: sections(101) })],
    ['private_metadata over 3000 characters', modal({ private_metadata: 'x'.repeat(3001) })],
    ['a home view', modal({ type: 'home' })],
  ])('refuses a modal with %s', async (_, view) => {
    expect(await errorOf(client.views.open({ trigger_id: fake.issueTrigger('U0ZH'), view: view as never }))).toBe('invalid_arguments');
  });

  it('refuses a modal with a file_input when the app was installed without files:read', async () => {
    const withInput = modal({
      blocks: [
        {
          type: 'input',
          block_id: 'proof',
          label: { type: 'plain_text', text: 'Proof' },
          element: { type: 'file_input', action_id: 'value' },
        },
      ],
      submit: { type: 'plain_text', text: 'OK' },
    });
    for (const [scopes, error] of [
      [['commands', 'chat:write'], 'missing_scope'],
      [['commands', 'chat:write', 'files:read'], undefined],
    ] as const) {
      const scoped = await FakeSlack.start({ botToken, now: () => now, users: [{ id: 'U0ZH', name: 'wang.fang' }], scopes });
      const scopedClient = new webApi.WebClient(botToken, { slackApiUrl: `${scoped.url}/api/`, retryConfig: { retries: 0 } });
      expect(await errorOf(scopedClient.views.open({ trigger_id: scoped.issueTrigger('U0ZH'), view: withInput as never }))).toBe(error);
      expect(await errorOf(scopedClient.views.open({ trigger_id: scoped.issueTrigger('U0ZH'), view: modal() as never }))).toBeUndefined();
      await scoped.stop();
    }
  });

  it('pushes at most two views onto a modal', async () => {
    await client.views.open({ trigger_id: fake.issueTrigger('U0ZH'), view: modal() as never });
    await client.views.push({ trigger_id: fake.issueTrigger('U0ZH'), view: modal() as never });
    await client.views.push({ trigger_id: fake.issueTrigger('U0ZH'), view: modal() as never });
    expect(await errorOf(client.views.push({ trigger_id: fake.issueTrigger('U0ZH'), view: modal() as never }))).toBe('push_limit_reached');
  });

  it('updates a view by id and refuses a stale hash', async () => {
    const opened = await client.views.open({ trigger_id: fake.issueTrigger('U0ZH'), view: modal() as never });
    const id = opened.view?.id as string;
    const hash = opened.view?.hash as string;
    now += 1;
    await client.views.update({ view_id: id, hash, view: modal({ private_metadata: 'v2' }) as never });
    expect(fake.view(id)?.view.private_metadata).toBe('v2');
    expect(await errorOf(client.views.update({ view_id: id, hash, view: modal() as never }))).toBe('hash_conflict');
    expect(await errorOf(client.views.update({ view_id: 'V0NONE', view: modal() as never }))).toBe('not_found');
  });

  it('publishes a Home tab per user', async () => {
    await client.views.publish({ user_id: 'U0EN', view: { type: 'home', blocks: sections(100) } as never });
    expect(fake.homeView('U0EN')?.blocks).toHaveLength(100);
    expect(await errorOf(client.views.publish({ user_id: 'U0EN', view: { type: 'home', blocks: sections(101) } as never }))).toBe(
      'invalid_arguments',
    );
  });
});

describe('faults and response URLs', () => {
  it('answers 429 with Retry-After, which Slack’s client waits out before retrying', async () => {
    const patient = new webApi.WebClient(botToken, {
      slackApiUrl: `${fake.url}/api/`,
      retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 },
    });
    fake.rateLimitNext('chat.postMessage', 1);
    const started = Date.now();
    await patient.chat.postMessage({ channel: 'C0TEAM', text: 'once' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.calls('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(fake.messages('C0TEAM')).toHaveLength(1);
  });

  it('fails the next call of a method with the error asked for', async () => {
    fake.failNext('chat.postMessage', 'channel_not_found');
    expect(await errorOf(client.chat.postMessage({ channel: 'C0TEAM', text: 'x' }))).toBe('channel_not_found');
    await client.chat.postMessage({ channel: 'C0TEAM', text: 'x' });
  });

  it('accepts a response_url five times within 30 minutes, then answers 404', async () => {
    const url = fake.issueResponseUrl('U0ZH');
    const post = () =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hi' }) });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await post()).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    const late = fake.issueResponseUrl('U0ZH');
    now += 30 * 60 * 1000 + 1;
    expect((await fetch(late, { method: 'POST', body: JSON.stringify({ text: 'late' }) })).status).toBe(404);
  });

  it('waits for a call still to come, and says what it saw when none comes', async () => {
    const waiting = fake.waitForCall('chat.postMessage', (c) => c.args.text === 'later');
    await client.chat.postMessage({ channel: 'C0TEAM', text: 'later' });
    expect((await waiting).args.channel).toBe('C0TEAM');
    await expect(fake.waitForCall('views.open', () => true, 50)).rejects.toThrow('no matching views.open call within 50 ms');
  });
});
