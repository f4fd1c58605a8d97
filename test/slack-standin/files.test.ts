import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../src/slack-standin/index.js';

const botToken = 'xoxb-files-test';
let fake: FakeSlack;
let client: webApi.WebClient;

async function errorOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return (error as { data?: { error?: string } }).data?.error ?? String(error);
  }
}

const pdf = () => ({ name: 'certificate.pdf', mimetype: 'application/pdf', content: Buffer.from('%PDF-1.4 sick note') });
const asBot = { headers: { authorization: `Bearer ${botToken}` } };

/** What a GET of a file URL answers: the status, and the body when it is the file. */
async function open(url: string, init: RequestInit = {}): Promise<[number, string]> {
  const response = await fetch(url, init);
  return [response.status, await response.text()];
}

/** getUploadURLExternal, the bytes to its URL, completeUploadExternal: Slack's way to share a file. */
async function share(content: Buffer, complete: Record<string, unknown>): Promise<string> {
  const started = await client.files.getUploadURLExternal({ filename: 'copy.pdf', length: content.length });
  const posted = await fetch(started.upload_url as string, { method: 'POST', body: new Uint8Array(content) });
  expect(posted.status).toBe(200);
  await client.files.completeUploadExternal({ files: [{ id: started.file_id as string, title: 'copy.pdf' }], ...complete } as never);
  return started.file_id as string;
}

beforeAll(async () => {
  fake = await FakeSlack.start({
    botToken,
    scopes: ['chat:write', 'files:read', 'files:write'],
    users: [
      { id: 'U0AMY', name: 'amy' },
      { id: 'U0LEE', name: 'lee' },
    ],
  });
  client = new webApi.WebClient(botToken, { slackApiUrl: `${fake.url}/api/`, retryConfig: { retries: 0 } });
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => fake.reset());

describe('file visibility in the stand-in', () => {
  it('lets the uploader and the app whose modal took a file see it, and nobody else', async () => {
    const file = fake.uploadFile('U0AMY', pdf());
    expect(fake.canOpen('U0AMY', file.id as string)).toBe(true);
    expect(fake.canOpen('U0LEE', file.id as string)).toBe(false);
    expect(await open(`${file.permalink as string}?as=U0AMY`)).toEqual([200, '%PDF-1.4 sick note']);
    expect((await open(`${file.permalink as string}?as=U0LEE`))[0]).toBe(404);
    expect((await open(file.url_private as string))[0]).toBe(404);
    expect((await open(file.url_private as string, { headers: { authorization: 'Bearer xoxb-someone-else' } }))[0]).toBe(404);
    const info = await client.files.info({ file: file.id as string });
    expect(info.file).toMatchObject({ id: file.id, name: 'certificate.pdf', size: 18, user: 'U0AMY' });
    expect(await open(info.file?.url_private_download as string, asBot)).toEqual([200, '%PDF-1.4 sick note']);
  });

  it('answers files.info with file_not_found for an unknown file and file_deleted for a deleted one; a deleted file is served to nobody', async () => {
    expect(await errorOf(client.files.info({ file: 'F0NOPE' }))).toBe('file_not_found');
    const file = fake.uploadFile('U0AMY', pdf());
    fake.deleteFile(file.id as string);
    expect(await errorOf(client.files.info({ file: file.id as string }))).toBe('file_deleted');
    expect((await open(file.url_private_download as string, asBot))[0]).toBe(404);
    expect(fake.canOpen('U0AMY', file.id as string)).toBe(false);
  });

  it('needs files:read for files.info and files:write for an upload', async () => {
    const readOnly = await FakeSlack.start({ botToken, scopes: ['chat:write', 'files:read'] });
    try {
      const narrow = new webApi.WebClient(botToken, { slackApiUrl: `${readOnly.url}/api/`, retryConfig: { retries: 0 } });
      expect(await errorOf(narrow.files.getUploadURLExternal({ filename: 'a.pdf', length: 3 }))).toBe('missing_scope');
      expect(await errorOf(narrow.files.completeUploadExternal({ files: [{ id: 'F1' }] }))).toBe('missing_scope');
      const none = await FakeSlack.start({ botToken, scopes: ['chat:write'] });
      const bare = new webApi.WebClient(botToken, { slackApiUrl: `${none.url}/api/`, retryConfig: { retries: 0 } });
      expect(await errorOf(bare.files.info({ file: 'F1' }))).toBe('missing_scope');
      await none.stop();
    } finally {
      await readOnly.stop();
    }
  });
});

describe('sharing a file with files.getUploadURLExternal and files.completeUploadExternal', () => {
  it('posts the file into a DM, in the thread asked for, where the DM’s person can open it and nobody else can', async () => {
    const card = await client.chat.postMessage({ channel: 'U0LEE', text: 'card' });
    const id = await share(Buffer.from('copy of the note'), { channel_id: card.channel, thread_ts: card.ts, initial_comment: 'proof' });
    const message = fake.messages(card.channel as string).find((m) => m.files?.includes(id));
    expect(message).toMatchObject({ threadTs: card.ts, text: 'proof', files: [id] });
    expect(fake.canOpen('U0LEE', id)).toBe(true);
    expect(fake.canOpen('U0AMY', id)).toBe(false);
    const info = await client.files.info({ file: id });
    expect(info.file).toMatchObject({ name: 'copy.pdf', user: fake.identity.botUserId, ims: [card.channel] });
    expect(await open(`${info.file?.permalink as string}?as=U0LEE`)).toEqual([200, 'copy of the note']);
    expect((await open(`${info.file?.permalink as string}?as=U0AMY`))[0]).toBe(404);
  });

  it('takes the bytes as multipart/form-data too, as the Web API client sends them', async () => {
    const dm = fake.dmChannel('U0LEE');
    await client.chat.postMessage({ channel: 'U0LEE', text: 'open the DM' });
    const uploaded = await client.filesUploadV2({ channel_id: dm, file: Buffer.from('multipart bytes'), filename: 'note.pdf' });
    const id = (uploaded.files[0] as { files?: { id: string }[] }).files?.[0]?.id as string;
    expect(fake.file(id)?.content.toString()).toBe('multipart bytes');
    expect(fake.canOpen('U0LEE', id)).toBe(true);
  });

  it('refuses missing arguments, a zero length, unknown or unfinished files, unknown channels and channels the bot left', async () => {
    const missing = await fetch(`${fake.url}/api/files.getUploadURLExternal`, {
      method: 'POST',
      headers: { authorization: `Bearer ${botToken}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'filename=a.pdf',
    });
    expect(await missing.json()).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(await errorOf(client.files.getUploadURLExternal({ filename: 'a.pdf', length: 0 }))).toBe('missing_argument');
    expect(await errorOf(client.files.completeUploadExternal({ files: [{ id: 'F0NEVER' }] }))).toBe('file_not_found');
    const started = await client.files.getUploadURLExternal({ filename: 'a.pdf', length: 3 });
    // no bytes sent to the upload URL yet
    expect(await errorOf(client.files.completeUploadExternal({ files: [{ id: started.file_id as string }] }))).toBe('file_not_found');
    await fetch(started.upload_url as string, { method: 'POST', body: 'abc' });
    expect(await errorOf(client.files.completeUploadExternal({ files: [{ id: started.file_id as string }], channel_id: 'D0NOBODY' }))).toBe(
      'channel_not_found',
    );
    fake.removeBotFrom('C0TEAM');
    expect(await errorOf(client.files.completeUploadExternal({ files: [{ id: started.file_id as string }], channel_id: 'C0TEAM' }))).toBe(
      'not_in_channel',
    );
    expect((await fetch(`${fake.url}/upload/v1/UP-never`, { method: 'POST', body: 'x' })).status).toBe(404);
  });

  it('keeps a file completed without a channel private to the bot', async () => {
    const id = await share(Buffer.from('private'), {});
    expect(fake.canOpen('U0LEE', id)).toBe(false);
    expect((await client.files.info({ file: id })).file?.id).toBe(id);
  });
});
