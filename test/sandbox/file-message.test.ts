import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPolicyFile } from '../../src/read-policy-file.js';
import { Sandbox } from '../../src/sandbox/sandbox.js';

const root = path.resolve(import.meta.dirname, '../..');
let sandbox: Sandbox;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'shiftdesk-sandbox-files-'));
  sandbox = await Sandbox.start({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    policy: readPolicyFile(path.join(root, 'policy.yml')),
    logger: pino({ level: 'silent' }),
  });
}, 120_000);
afterAll(async () => {
  await sandbox?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const conversation = async (as: string, channel: string) =>
  ((await (await fetch(`${sandbox.url}/sandbox/api/conversation?as=${as}&channel=${channel}`)).json()) as { html: string }).html;

describe('a file shared into a DM, in the sandbox page', () => {
  it('shows as a file message whose link opens the file for the DM’s person, and for nobody else', async () => {
    const [someone, other] = sandbox.everyone();
    const me = someone?.id as string;
    const client = sandbox.running.app.client;
    const card = await client.chat.postMessage({ channel: me, text: 'card' });
    const started = await client.files.getUploadURLExternal({ filename: 'certificate.pdf', length: 8 });
    await fetch(started.upload_url as string, { method: 'POST', body: '%PDF-1.4' });
    await client.files.completeUploadExternal({
      files: [{ id: started.file_id as string, title: 'certificate.pdf' }],
      channel_id: card.channel as string,
      thread_ts: card.ts as string,
      initial_comment: 'proof',
    });

    const html = await conversation(me, card.channel as string);
    const href = /<a class="sb-file" href="([^"]+)"[^>]*>📄 certificate.pdf<\/a>/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(href).toBe(`${sandbox.fake.url}/files/${started.file_id as string}?as=${me}`);
    const opened = await fetch(href as string);
    expect([opened.status, await opened.text()]).toEqual([200, '%PDF-1.4']);
    // the same link, opened by someone else, is refused
    expect((await fetch((href as string).replace(`as=${me}`, `as=${other?.id as string}`))).status).toBe(404);
  });
});
