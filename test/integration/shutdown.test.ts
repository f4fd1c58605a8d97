import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { isNotNull, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { openDatabase } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { syncTeams } from '../../src/db/queries/teams.js';
import { dailyDigestNotices, jobRuns, submissions } from '../../src/db/schema.js';
import { parsePolicy } from '../../src/policy/policy-file.js';
import { aPerson, insertPeople } from '../fixtures/org.js';
import { FakeSlack } from '../harness/fake-slack/index.js';
import { SilentServer } from '../harness/silent-server.js';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const botToken = 'xoxb-shutdown-test';
const lead = 'U0LEAD';
const graceMs = 10_000;

/**
 * A zone where it is about noon now, so the lead's digest of "today" is the same day for both starts.
 * `Etc/GMT-5` is five hours east of UTC.
 */
function noonZone(): string {
  const east = 12 - new Date().getUTCHours();
  return east === 0 ? 'Etc/GMT' : east > 0 ? `Etc/GMT-${east}` : `Etc/GMT+${-east}`;
}

let cwd: string;
let dataDir: string;
let policyFile: string;

beforeAll(async () => {
  cwd = mkdtempSync(path.join(tmpdir(), 'shiftdesk-shutdown-'));
  dataDir = path.join(cwd, 'data');
  policyFile = path.join(cwd, 'policy.yml');
  // the phone team's lead is owed a digest from midnight on: due the moment the app starts
  const raw = parse(readFileSync(path.join(root, 'policy.yml'), 'utf8')) as {
    digest: { time: string };
    teams: Record<string, { timezone?: string }>;
  };
  raw.digest.time = '00:00';
  for (const team of Object.values(raw.teams)) team.timezone = noonZone();
  writeFileSync(policyFile, stringify(raw));
  const policy = parsePolicy(readFileSync(policyFile, 'utf8'));
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    await migrateDatabase({ kind: 'pglite', dataDir }, database);
    await database.db.transaction((tx) => syncTeams(tx, policy));
    await insertPeople(database.db, [aPerson({ slackId: lead, role: 'lead', teamId: 'phone', locale: 'en' })]);
  } finally {
    await database.close();
  }
}, 120_000);

afterAll(() => {
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

/** The app as `npm start` runs it, in HTTP mode on a free port, with its log lines collected. */
function startApp(slackApiUrl: string): { child: ChildProcess; lines: string[]; listening: Promise<number> } {
  const child = spawn(process.execPath, ['--import', tsx, path.join(root, 'src/main.ts')], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: 'shutdown-signing-secret',
      SLACK_API_URL: slackApiUrl,
      DATA_DIR: dataDir,
      POLICY_FILE: policyFile,
      PORT: '0',
      SHUTDOWN_GRACE_MS: String(graceMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  const listening = new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening: ${lines.join('\n')}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(line);
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg === 'shiftdesk is running' && entry.port !== undefined) resolve(entry.port);
    });
  });
  return { child, lines, listening };
}

/** The exit code after SIGTERM. No timing is asserted: the process's own backstop exits 1 if stopping outlasts the grace. */
async function stopWith(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  child.kill(signal);
  const [code] = await exited;
  return code;
}

async function claimsLeft() {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return {
      unfinishedRuns: await database.db.select().from(jobRuns).where(isNull(jobRuns.finishedAt)),
      unsentDigests: await database.db.select().from(dailyDigestNotices).where(isNull(dailyDigestNotices.sentAt)),
      sentDigests: await database.db.select().from(dailyDigestNotices).where(isNotNull(dailyDigestNotices.sentAt)),
      heldSubmissions: await database.db.select().from(submissions).where(isNotNull(submissions.claimedBy)),
    };
  } finally {
    await database.close();
  }
}

describe('stopping the app as a process', () => {
  it('stops on SIGTERM during a tick blocked on a Slack that never answers, lets its claims go, and the next start sends the message once', async () => {
    const silent = await SilentServer.start();
    try {
      const first = startApp(`${silent.url}/api/`);
      await first.listening;
      // the start-up tick claims the lead's digest and waits on Slack for it
      await silent.reached('/api/chat.postMessage');
      expect(first.child.exitCode).toBe(null);
      expect(await stopWith(first.child, 'SIGTERM'), first.lines.join('\n')).toBe(0);
      const log = first.lines.join('\n');
      expect(log).toContain('"msg":"stopping"');
      expect(log).toContain('"msg":"stopped"');
      // cut off from Slack, the digest failed and its job let its claim go
      expect(log).toContain('a daily digest could not be sent');
    } finally {
      await silent.stop();
    }
    expect(await claimsLeft()).toEqual({ unfinishedRuns: [], unsentDigests: [], sentDigests: [], heldSubmissions: [] });

    const fake = await FakeSlack.start({ botToken, users: [{ id: lead, name: 'lead', locale: 'en-US' }] });
    try {
      const second = startApp(`${fake.url}/api/`);
      await second.listening;
      await fake.waitForCall('chat.postMessage', (call) => call.args.channel === lead, 120_000);
      expect(await stopWith(second.child, 'SIGINT'), second.lines.join('\n')).toBe(0);
      expect(fake.calls('chat.postMessage').filter((call) => call.args.channel === lead)).toHaveLength(1);
    } finally {
      await fake.stop();
    }
    const left = await claimsLeft();
    expect(left.sentDigests.map((row) => row.personId)).toEqual([lead]);
    expect(left.unfinishedRuns).toEqual([]);
  }, 300_000); // two starts of the app, each seconds on a busy machine, and up to a grace each to stop
});
