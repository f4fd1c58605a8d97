import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobCommand } from '../../src/cli/job.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { syncTeams } from '../../src/db/queries/teams.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { FakeSlack } from '../harness/fake-slack/index.js';
import { botToken, shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';

let fake: FakeSlack;
let dataDir: string | undefined;
let testDb: TestDatabase | undefined;
let env: Record<string, string>;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
      env: { ...env, LANG: 'en_US.UTF-8', LOG_LEVEL: 'silent' },
    },
    out,
    err,
  };
}

beforeAll(async () => {
  fake = await FakeSlack.start({ botToken, users: [{ id: 'U0AMY', name: 'amy', locale: 'en-US' }] });
  let database: Database;
  if (process.env.TEST_DATABASE_URL) {
    testDb = await createTestDatabase();
    database = testDb.database;
    env = { DATABASE_URL: (testDb.target as { url: string }).url };
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), 'shiftdesk-job-'));
    database = await openDatabase({ kind: 'pglite', dataDir });
    await migrateDatabase({ kind: 'pglite', dataDir }, database);
    env = { DATA_DIR: dataDir };
  }
  env = { ...env, SLACK_BOT_TOKEN: botToken, SLACK_API_URL: `${fake.url}/api/` };
  const policy = shippedPolicy();
  await database.db.transaction((tx) => syncTeams(tx, policy));
  await insertPeople(database.db, [
    aPerson({ slackId: 'U0LEAD', role: 'lead' }),
    aPerson({ slackId: 'U0AMY', name: 'Amy', reportsTo: 'U0LEAD', locale: 'zh-CN' }),
  ]);
  await insertShifts(database.db, [{ personId: 'U0AMY', date: '2026-11-24', shiftCode: 'R' }]);
  if (!testDb) await database.close();
});

afterAll(async () => {
  await testDb?.drop();
  await fake?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run job', () => {
  it('runs a job for a given moment, and a second run for the same period sends nothing again', async () => {
    const first = io();
    expect(await runJobCommand(['report.remind', '--at', '2026-11-28T10:00'], first.io)).toBe(0);
    expect(first.out.join('')).toContain('report.remind ran for 2026-11-28T02:00:00.000Z');
    const reminders = fake.calls('chat.postMessage');
    expect(reminders.map((c) => c.args.channel)).toEqual(['U0AMY']);
    // Amy's org file says zh-CN, her Slack en-US: the command learns Slack languages as the app does.
    expect(fake.calls('users.list').length).toBeGreaterThan(0);
    expect(String(reminders[0]?.args.text)).toContain(
      'Your weekly summary for the week of Mon 23 Nov – Sun 29 Nov is due Sat 28 Nov 17:00',
    );

    expect(await runJobCommand(['report.remind', '--at=2026-11-28T10:05'], io().io)).toBe(0);
    expect(fake.calls('chat.postMessage')).toHaveLength(1);

    // the lead must be someone Slack knows, or the digest's message fails and so does the command
    fake.addUser({ id: 'U0LEAD', name: 'lead', locale: 'en-US' });
    expect(await runJobCommand(['report.digest', '--at', '2026-11-28T09:00Z'], io().io)).toBe(0);
    expect(fake.calls('chat.postMessage').map((c) => [c.args.channel, c.ok])).toEqual([
      ['U0AMY', true],
      ['U0LEAD', true],
    ]);
  });

  it('refuses an unknown job or a bad time with one line, listing the jobs', async () => {
    const unknown = io();
    expect(await runJobCommand(['report.remindd', '--at', '2026-11-28T10:00'], unknown.io)).toBe(2);
    expect(unknown.err).toHaveLength(1);
    expect(unknown.err[0]).toMatch(/^unknown job "report.remindd" \(known: .*report\.remind, report\.digest.*\)\n$/);
    const badAt = io();
    expect(await runJobCommand(['report.digest', '--at', 'saturday'], badAt.io)).toBe(2);
    expect(badAt.err).toEqual([
      '--at needs a time like 2026-11-28T17:00, read in Asia/Shanghai unless it ends in Z or an offset; "saturday" is not one\n',
    ]);
    const badDay = io();
    expect(await runJobCommand(['report.digest', '--at', '2026-02-30T17:00'], badDay.io)).toBe(2);
    const help = io();
    expect(await runJobCommand(['--help'], help.io)).toBe(0);
    expect(help.out.join('')).toContain('leave.remind');
  });
});

describe('npm run job -- digest.daily', () => {
  it('sends each lead the day’s digest once, however often it is run that day', async () => {
    fake.addUser({ id: 'U0LEAD', name: 'lead', locale: 'en-US' });
    const before = fake.calls('chat.postMessage').length;
    const first = io();
    expect(await runJobCommand(['digest.daily', '--at', '2026-11-30T08:30'], first.io)).toBe(0);
    expect(first.out.join('')).toContain('digest.daily ran for 2026-11-30T00:30:00.000Z');
    expect(await runJobCommand(['digest.daily', '--at', '2026-11-30T12:00'], io().io)).toBe(0);
    const sent = fake.calls('chat.postMessage').slice(before);
    expect(sent.map((c) => [c.args.channel, c.ok])).toEqual([['U0LEAD', true]]);
    expect(String(sent[0]?.args.text)).toContain('Phone team');
  });
});

describe('npm run job, when items fail', () => {
  it('lists each failed message in one line, without a stack, and exits 1', async () => {
    const database = testDb ? testDb.database : await openDatabase({ kind: 'pglite', dataDir: dataDir as string });
    await insertPeople(database.db, [aPerson({ slackId: 'U0BOB', name: 'Bob', reportsTo: 'U0LEAD', locale: 'en' })]);
    await insertShifts(database.db, [
      { personId: 'U0AMY', date: '2026-12-01', shiftCode: 'R' },
      { personId: 'U0BOB', date: '2026-12-01', shiftCode: 'R' },
    ]);
    if (!testDb) await database.close();
    const before = fake.calls('chat.postMessage').length;
    for (let i = 0; i < 2; i++) fake.failNext('chat.postMessage', 'channel_not_found');

    const run = io();
    const status = await runJobCommand(['report.remind', '--at', '2026-12-05T10:00'], run.io);
    expect(status).toBe(1);
    const sent = fake.calls('chat.postMessage').slice(before);
    expect(sent.map((c) => c.ok)).toEqual([false, false]);
    expect(run.out.join('')).not.toContain('ran for 2026-12-05T02:00:00.000Z\n');
    const lines = run.err.join('').split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    for (const who of ['U0AMY', 'U0BOB']) expect(lines.filter((l) => l.includes(`channel=${who}`))).toHaveLength(1);
    for (const line of lines.slice(0, 2))
      expect(line).toMatch(/^failed: channel=U0\w+ attempts=1: a direct message could not be sent \(.*channel_not_found\)$/);
    expect(lines[2]).toBe('report.remind ran for 2026-12-05T02:00:00.000Z, but 2 item(s) failed');
    expect(run.err.join('')).not.toMatch(/\n\s+at /);
  });
});
