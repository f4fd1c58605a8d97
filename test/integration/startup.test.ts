import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../harness/fake-slack/index.js';
import { createSlackSender } from '../harness/slack-requests.js';
import { lockDataDir } from '../../src/db/data-dir-lock.js';
import { waitUntil } from '../harness/wait-until.js';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

/** Runs src/main.ts the way `npm start` runs the built file, in an empty folder with only `env`. */
function start(env: Record<string, string>) {
  const cwd = mkdtempSync(path.join(tmpdir(), 'shiftdesk-start-'));
  const result = spawnSync(process.execPath, ['--import', tsx, path.join(root, 'src/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr, cwd };
}

describe('start-up without a usable configuration', () => {
  it('with no Slack variable at all, npm start is the sandbox: one line with its address, the page there, and a clean stop', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'shiftdesk-sandbox-start-'));
    const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
      cwd,
      env: { PATH: process.env.PATH ?? '', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`exited with ${code} before listening: ${stderr}`)));
        createInterface({ input: child.stdout }).once('line', resolve);
      });
      const address = /^shiftdesk sandbox on (http:\/\/127\.0\.0\.1:\d+) — no Slack workspace needed$/.exec(line)?.[1];
      expect(address, line).toBeDefined();
      // A first start answers at once with a page saying it is setting up, until the sandbox takes over.
      const first = await fetch(`${address}/`);
      expect(first.status).toBe(200);
      expect(await first.text()).toMatch(/Setting up the demo department|SANDBOX/);
      let text = '';
      await waitUntil(
        async () => {
          text = await fetch(`${address}/`).then(
            (r) => r.text(),
            () => '',
          );
          return text.includes('SANDBOX');
        },
        { withinMs: 150_000, pauseMs: 250 },
      );
      expect(text).toContain('SANDBOX');
      expect((await fetch(`${address}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stderr).toBe('');
  }, 180_000); // a new embedded database's files take seconds to lay down, more on a busy machine

  it('with a Slack variable set but not all of them, the app prints which are missing, one line each, and exits 1 without a stack trace', () => {
    const { status, stderr } = start({ SLACK_SIGNING_SECRET: 'secret-123' });
    expect(status).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^shiftdesk: SLACK_BOT_TOKEN is not set: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names a malformed variable', () => {
    const { status, stderr } = start({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123', PORT: 'http' });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^shiftdesk: PORT must be a number: /);
  });

  it('names the key of a bad policy file and what was expected', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shiftdesk-policy-'));
    const file = path.join(dir, 'policy.yml');
    writeFileSync(file, 'default_locale: fr\n');
    const { status, stderr } = start({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123', POLICY_FILE: file });
    expect(status).toBe(1);
    expect(stderr).toContain(`shiftdesk: policy: ${file}: default_locale: expected zh-CN or en`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a data folder another process holds with one line naming it, and no hint about settings', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'shiftdesk-held-'));
    const held = lockDataDir(dataDir);
    try {
      const { status, stderr } = start({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123', DATA_DIR: dataDir });
      expect(status).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          new RegExp(
            `^shiftdesk: the data folder .* is in use by pid ${process.pid} .*stop it first, or point DATABASE_URL at PostgreSQL$`,
          ),
        ),
      ]);
    } finally {
      held.release();
    }
  });

  it('reads a .env file in the working folder', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'shiftdesk-env-'));
    writeFileSync(path.join(cwd, '.env'), 'SLACK_BOT_TOKEN=xoxp-wrong\nSLACK_SIGNING_SECRET=secret-123\n');
    const result = spawnSync(process.execPath, ['--import', tsx, path.join(root, 'src/main.ts')], {
      cwd,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^shiftdesk: SLACK_BOT_TOKEN must start with xoxb-: /);
  });
});

describe('the app as a process in HTTP mode', () => {
  const botToken = 'xoxb-process-test';
  const signingSecret = 'process-signing-secret';
  let fake: FakeSlack;

  beforeAll(async () => {
    fake = await FakeSlack.start({ botToken, users: [{ id: 'U0VISITOR', name: 'visitor', locale: 'en-US' }] });
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('survives bodies it cannot read, answers a signed /leave help within 3 s, refuses an unsigned one with 401, and stops on SIGTERM', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'shiftdesk-process-'));
    const child = spawn(process.execPath, ['--import', tsx, path.join(root, 'src/main.ts')], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: `${fake.url}/api/`,
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`exited with ${code} before listening`)));
        createInterface({ input: child.stdout }).on('line', (line) => {
          const entry = JSON.parse(line) as { msg?: string; port?: number };
          if (entry.msg === 'shiftdesk is running' && entry.port !== undefined) resolve(entry.port);
        });
      });
      const slack = createSlackSender({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret, fake });
      // Bodies Slack never sends, signed: each is refused, and the process goes on serving.
      expect((await slack.signed('application/x-www-form-urlencoded', 'payload=null')).status).toBe(400);
      expect((await slack.signed('application/json', 'null')).status).toBe(400);
      expect((await slack.payload({ type: 'block_actions', actions: null })).status).toBe(200);
      expect(child.exitCode).toBe(null);
      const signed = await slack.slashCommand({ command: '/leave', text: 'help', userId: 'U0VISITOR' });
      expect(signed.status).toBe(200);
      expect(signed.ackMs).toBeLessThan(3000);
      expect(signed.body).toMatchObject({ response_type: 'ephemeral', text: '/leave — leave requests (请假)' });
      expect((await slack.slashCommand({ command: '/leave', text: 'help', userId: 'U0VISITOR' }, { unsigned: true })).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  }, 60_000); // a new embedded database's files take seconds to lay down, more on a busy machine

  it('stops with one line when Slack refuses the bot token', async () => {
    const child = spawn(process.execPath, ['--import', tsx, path.join(root, 'src/main.ts')], {
      cwd: mkdtempSync(path.join(tmpdir(), 'shiftdesk-refused-')),
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: 'xoxb-not-this-one',
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: `${fake.url}/api/`,
        PORT: '0',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [status] = (await once(child, 'exit')) as [number | null];
    expect(status).toBe(1);
    expect(stderr).toMatch(/^shiftdesk: SLACK_BOT_TOKEN was refused by Slack \(invalid_auth\): /);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 180_000); // a new embedded database's files take seconds to lay down, more on a busy machine
});
