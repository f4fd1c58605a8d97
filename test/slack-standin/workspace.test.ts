import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack, type WorkspaceChange } from '../../src/slack-standin/index.js';
import type { Workspace } from '../../src/slack-standin/workspace.js';

const botToken = 'xoxb-workspace-test';
let fake: FakeSlack;
let workspace: Workspace;
let client: webApi.WebClient;
let changes: WorkspaceChange[];

const modal = (callbackId: string) => ({ type: 'modal', callback_id: callbackId, title: { type: 'plain_text', text: 'Form' }, blocks: [] });
const respond = (url: string, body: object) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  fake = await FakeSlack.start({
    botToken,
    workspace: true,
    users: [
      { id: 'U0AMY', name: 'amy', locale: 'en-US' },
      { id: 'U0BOB', name: 'bob', locale: 'zh-CN' },
    ],
  });
  workspace = fake.workspace as Workspace;
  workspace.onChange((change) => changes.push(change));
  client = new webApi.WebClient(botToken, { slackApiUrl: `${fake.url}/api/`, retryConfig: { retries: 0 } });
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.reset();
  changes = [];
});

describe('the stand-in as a workspace people see', () => {
  it('shows a command’s immediate answer to the asker only, unless it is in_channel', () => {
    workspace.showCommandAnswer('U0AMY', 'C0TEAM', { response_type: 'ephemeral', text: 'only amy' });
    workspace.showCommandAnswer('U0AMY', 'C0TEAM', { response_type: 'in_channel', text: 'everyone' });
    expect(workspace.conversation('C0TEAM', 'U0AMY').map((m) => m.text)).toEqual(['only amy', 'everyone']);
    expect(workspace.conversation('C0TEAM', 'U0BOB').map((m) => m.text)).toEqual(['everyone']);
  });

  it('replaces the clicked message in place through its response URL, and posts an ephemeral answer otherwise', async () => {
    const posted = await client.chat.postMessage({ channel: 'U0AMY', text: 'card' });
    const channel = posted.channel as string;
    const url = fake.issueResponseUrl('U0AMY', { channel, ts: posted.ts as string });
    await respond(url, { replace_original: true, text: 'card, decided' });
    await respond(url, { text: 'just so you know' });
    expect(workspace.conversation(channel, 'U0AMY').map((m) => [m.ts === posted.ts, m.text, m.visibleTo])).toEqual([
      [true, 'card, decided', undefined],
      [false, 'just so you know', 'U0AMY'],
    ]);
    expect(changes.filter((c) => c.kind === 'message')).toHaveLength(3);
  });

  it('applies a view_submission’s answer to the stack as Slack does: errors keep it, an empty answer closes the view, clear closes all', async () => {
    const opened = await client.views.open({ trigger_id: fake.issueTrigger('U0AMY'), view: modal('one') as never });
    const pushed = await client.views.push({ trigger_id: fake.issueTrigger('U0AMY'), view: modal('two') as never });
    const errors = workspace.submitted('U0AMY', pushed.view?.id as string, { response_action: 'errors', errors: { field: 'too short' } });
    expect(errors).toEqual({ kind: 'errors', errors: { field: 'too short' } });
    expect(workspace.stack('U0AMY').map((v) => v.view.callback_id)).toEqual(['one', 'two']);
    workspace.submitted('U0AMY', pushed.view?.id as string, '');
    expect(workspace.stack('U0AMY').map((v) => v.view.callback_id)).toEqual(['one']);
    workspace.submitted('U0AMY', opened.view?.id as string, { response_action: 'update', view: modal('one, again') });
    expect(workspace.stack('U0AMY').map((v) => v.view.callback_id)).toEqual(['one, again']);
    workspace.submitted('U0AMY', opened.view?.id as string, { response_action: 'clear' });
    expect(workspace.stack('U0AMY')).toEqual([]);
  });

  it('records what Slack refused and where, so the page can show it', async () => {
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    await expect(client.chat.postMessage({ channel: 'C0TEAM', text: 'x', blocks: tooMany as never })).rejects.toThrow();
    await expect(client.views.open({ trigger_id: 'never-issued', view: modal('x') as never })).rejects.toThrow();
    expect(
      workspace
        .refusals()
        .slice(-2)
        .map((r) => [r.method, r.error, r.channel]),
    ).toEqual([
      ['chat.postMessage', 'invalid_blocks', 'C0TEAM'],
      ['views.open', 'invalid_trigger_id', undefined],
    ]);
  });

  it('stores a file picked in a file_input and serves it back', async () => {
    const file = workspace.upload('U0AMY', { name: '证明.pdf', mimetype: 'application/pdf', content: Buffer.from('%PDF-1.4') });
    expect(file).toMatchObject({ name: '证明.pdf', mimetype: 'application/pdf', size: 8 });
    const served = await fetch(file.url_private as string, { headers: { authorization: `Bearer ${botToken}` } });
    expect(await served.text()).toBe('%PDF-1.4');
    expect((await fetch(`${file.permalink as string}?as=U0AMY`)).status).toBe(200);
    expect((await fetch(`${file.permalink as string}?as=U0BOB`)).status).toBe(404);
  });

  it('switches a person’s Slack language for users.info and users.list', async () => {
    workspace.setLocale('U0BOB', 'en-US');
    expect((await client.users.info({ user: 'U0BOB', include_locale: true })).user?.locale).toBe('en-US');
    workspace.setLocale('U0BOB', 'zh-CN');
    expect((await client.users.list({ include_locale: true })).members?.find((m) => m.id === 'U0BOB')?.locale).toBe('zh-CN');
  });

  it('stamps what is posted after a reset with the time then, not after what the clock was ahead at before', async () => {
    let now = Date.now() + 7 * 24 * 60 * 60_000;
    const ahead = await FakeSlack.start({ botToken, workspace: true, users: [{ id: 'U0AMY', name: 'amy' }], now: () => now });
    try {
      const web = new webApi.WebClient(botToken, { slackApiUrl: `${ahead.url}/api/`, retryConfig: { retries: 0 } });
      const before = await web.chat.postMessage({ channel: 'U0AMY', text: 'a week ahead' });
      expect(Number(before.ts) * 1000).toBeGreaterThanOrEqual(now);
      ahead.reset();
      now = Date.now();
      const after = await web.chat.postMessage({ channel: 'U0AMY', text: 'back to now' });
      expect(Math.abs(Number(after.ts) * 1000 - now)).toBeLessThan(60_000);
    } finally {
      await ahead.stop();
    }
  });
});
