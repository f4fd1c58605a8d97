import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { startShiftdesk } from '../../src/start.js';
import { FakeClock } from '../harness/fake-clock.js';
import { FakeSlack } from '../harness/fake-slack/index.js';
import { SilentServer } from '../harness/silent-server.js';
import { botToken, manifestScopes, shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase } from '../harness/test-database.js';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const appToken = 'xapp-connecting-test';
const folders: string[] = [];

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A local address where nothing listens: connecting to it is refused at once. */
async function refusingUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/api/`;
}

interface LogEntry {
  readonly msg?: string;
  readonly port?: number;
}

/** The app as `npm start` runs it in Socket Mode, its log lines read as they come. */
function startSocketApp(slackApiUrl: string) {
  const cwd = mkdtempSync(path.join(tmpdir(), 'shiftdesk-socket-'));
  folders.push(cwd);
  const child = spawn(process.execPath, ['--import', tsx, path.join(root, 'src/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken, SLACK_API_URL: slackApiUrl, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogEntry[] = [];
  const waiters: (() => void)[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const wakeAll = () => {
    for (const wake of waiters.splice(0)) wake();
  };
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    lines.push(JSON.parse(line) as LogEntry);
    wakeAll();
  });
  // a copy that exits says so at once, with what it wrote, instead of leaving the test to time out
  child.once('exit', wakeAll);
  const exitedEarly = once(child, 'exit').then(([code]) => {
    throw new Error(`exited with ${code}: ${stderr}`);
  });
  exitedEarly.catch(() => undefined);
  /** The first log line `matches` accepts, once it is written. */
  const logged = async (matches: (entry: LogEntry) => boolean): Promise<LogEntry> => {
    for (;;) {
      const found = lines.find(matches);
      if (found) return found;
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr}`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  onTestFailed(() => {
    console.error(`the copy's log (exit ${child.exitCode}):\n${lines.map((l) => JSON.stringify(l)).join('\n')}\nstderr: ${stderr}`);
  });
  /** `reached` unless the copy exits first. */
  const unlessExited = <T>(reached: Promise<T>): Promise<T> => Promise.race([reached, exitedEarly]);
  return { child, lines, logged, unlessExited, stderr: () => stderr };
}

async function stopWith(child: ChildProcess): Promise<number | null> {
  const exited = once(child, 'exit') as Promise<[number | null]>;
  child.kill('SIGTERM');
  return (await exited)[0];
}

describe('Socket Mode while Slack cannot be reached', () => {
  it('serves /healthz as 503 "connecting", says what failed and that it tries again, and stops with 0 on SIGTERM', async () => {
    const app = startSocketApp(await refusingUrl());
    const { port } = await app.logged((entry) => entry.msg === 'shiftdesk is running');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ ok: false, database: 'up', slack: 'connecting' });
    await app.logged((entry) => entry.msg === 'connecting to Slack over Socket Mode');
    const failed = await app.logged((entry) => entry.msg?.startsWith('Slack is unreachable') === true);
    expect(failed.msg).toMatch(
      /^Slack is unreachable: apps\.connections\.open failed: connect ECONNREFUSED 127\.0\.0\.1:\d+; trying again in 1 s$/,
    );
    await app.logged((entry) => entry.msg === 'reconnecting to Slack over Socket Mode');
    // the Socket Mode client's own unnamed lines are not written at this level; the ones above say it once each
    expect(app.lines.filter((entry) => /WSS URL|WebSocket error/.test(entry.msg ?? ''))).toEqual([]);
    expect(await stopWith(app.child)).toBe(0);
    expect(app.stderr()).toBe('');
  }, 180_000); // a new embedded database's files take seconds to lay down, more on a busy machine

  it('stops with 0 on SIGTERM while apps.connections.open waits on a Slack that never answers', async () => {
    const silent = await SilentServer.start();
    try {
      const app = startSocketApp(`${silent.url}/api/`);
      await app.logged((entry) => entry.msg === 'shiftdesk is running');
      await app.unlessExited(silent.reached('/api/apps.connections.open'));
      expect(await stopWith(app.child)).toBe(0);
      expect(app.lines.map((entry) => entry.msg)).toContain('stopped');
    } finally {
      await silent.stop();
    }
  }, 180_000);
});

describe('Socket Mode connecting in the app', () => {
  it('answers /healthz 503 until the connection is up, then 200 with slack "connected"', async () => {
    const fake = await FakeSlack.start({ botToken, appToken, users: [], scopes: manifestScopes() });
    fake.failNext('apps.connections.open', 'internal_error');
    const testDb = await createTestDatabase();
    const logLines: string[] = [];
    const running = await startShiftdesk({
      config: { slack: { mode: 'socket', botToken, appToken, apiUrl: `${fake.url}/api/` }, port: 0, database: testDb.target },
      database: testDb.database,
      policy: shippedPolicy(),
      clock: new FakeClock('2026-12-01T02:00:00Z'),
      logger: pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }),
      clientOptions: { retryConfig: { retries: 0 } },
      runScheduler: false,
    });
    try {
      const first = await fetch(`http://127.0.0.1:${running.port}/healthz`);
      expect(first.status).toBe(503);
      expect(await first.json()).toMatchObject({ slack: 'connecting' });
      // the first try is refused with internal_error, the next one connects
      await fake.socketMode.deliver('slash_commands', {
        command: '/leave',
        text: 'help',
        user_id: 'U0NOBODY',
        team_id: 'T0SHIFTDESK',
        channel_id: 'C0GENERAL',
      });
      const connected = await fetch(`http://127.0.0.1:${running.port}/healthz`);
      expect(connected.status).toBe(200);
      expect(await connected.json()).toEqual({ ok: true, database: 'up', slack: 'connected' });
      const messages = logLines.map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages).toEqual(
        expect.arrayContaining([
          'Slack is unreachable: apps.connections.open answered internal_error; trying again in 1 s',
          'connected to Slack over Socket Mode',
        ]),
      );
    } finally {
      await running.stop();
      await testDb.drop();
      await fake.stop();
    }
  }, 60_000);

  it('stops trying when Slack refuses the app-level token, and says how to get one', async () => {
    const fake = await FakeSlack.start({ botToken, appToken: 'xapp-another-app', users: [], scopes: manifestScopes() });
    const testDb = await createTestDatabase();
    let refused!: (problem: string) => void;
    const problem = new Promise<string>((resolve) => (refused = resolve));
    const running = await startShiftdesk({
      config: { slack: { mode: 'socket', botToken, appToken, apiUrl: `${fake.url}/api/` }, port: 0, database: testDb.target },
      database: testDb.database,
      policy: shippedPolicy(),
      clock: new FakeClock('2026-12-01T02:00:00Z'),
      logger: pino({ level: 'silent' }),
      clientOptions: { retryConfig: { retries: 0 } },
      runScheduler: false,
      onSlackRefused: refused,
    });
    try {
      expect(await problem).toMatch(/^apps\.connections\.open refused SLACK_APP_TOKEN \(invalid_auth\): create an app-level token/);
      expect(fake.calls('apps.connections.open')).toHaveLength(1);
    } finally {
      await running.stop();
      await testDb.drop();
      await fake.stop();
    }
  }, 60_000);
});
