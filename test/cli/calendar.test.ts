import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCalendar } from '../../src/cli/calendar.js';
import type { CliIo } from '../../src/cli/environment.js';
import { openDatabase } from '../../src/db/client.js';
import { calendarTokens } from '../../src/db/schema.js';
import { teamCalendar } from '../../src/use-cases/calendar.js';
import { FakeClock } from '../harness/fake-clock.js';
import { repoRoot, shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase } from '../harness/test-database.js';
import type { DatabaseTarget } from '../../src/config.js';

const policy = shippedPolicy();

describe('npm run calendar', () => {
  let workDir: string;
  let env: Record<string, string>;
  let target: DatabaseTarget;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'shiftdesk-calendar-'));
    if (process.env.TEST_DATABASE_URL) {
      const testDb = await createTestDatabase();
      if (testDb.target.kind !== 'postgres') throw new Error('expected PostgreSQL');
      await testDb.database.close();
      target = testDb.target;
      env = { DATABASE_URL: testDb.target.url };
      drop = () => testDb.drop();
    } else {
      target = { kind: 'pglite', dataDir: path.join(workDir, 'data') };
      env = { DATA_DIR: target.dataDir };
      drop = async () => {};
    }
  });
  afterEach(async () => {
    await drop();
    await rm(workDir, { recursive: true, force: true });
  });

  function io(extraEnv: Record<string, string> = {}) {
    const out = { stdout: '', stderr: '' };
    const value: CliIo = {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
      env: { ...env, ...extraEnv },
      cwd: repoRoot,
    };
    return { io: value, out };
  }

  /** What the app would answer for this link, read from the database the command wrote. */
  async function feedFor(team: string, token: string) {
    const database = await openDatabase(target);
    try {
      const hashes = (await database.db.select().from(calendarTokens)).map((row) => row.tokenHash);
      const deps = { db: database.db, policy, clock: new FakeClock('2026-12-01T02:00:00Z') };
      return { hashes, feed: await teamCalendar(deps, team, token) };
    } finally {
      await database.close();
    }
  }

  it('prints a new link once, keeps only its hash, adds it beside the others, and --revoke ends them all', async () => {
    const first = io({ LANG: 'en_US.UTF-8', PUBLIC_URL: 'https://shiftdesk.example.com/' });
    expect(await runCalendar(['token', 'phone'], first.io)).toBe(0);
    const [issued, tokenLine, urlLine, ...rest] = first.out.stdout.split('\n');
    expect(issued).toBe(
      'A new link to the leave calendar of Phone team. It is shown only this once; links issued before keep working (--revoke ends them all).',
    );
    const token = tokenLine?.replace(/^token: /, '') as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(urlLine).toBe(`URL:   https://shiftdesk.example.com/calendar/phone.ics?token=${token}`);
    expect(rest).toEqual(['']);

    const second = io({ LC_ALL: 'zh_CN.UTF-8', PORT: '8080' });
    expect(await runCalendar(['token', 'phone'], second.io)).toBe(0);
    expect(second.out.stdout).toContain('电话团队缺勤日历的新链接');
    expect(second.out.stdout).toContain('未设置 PUBLIC_URL:请把 http://localhost:8080 换成大家访问本应用的地址。');
    const secondToken = /令牌:(\S+)/.exec(second.out.stdout)?.[1] as string;
    expect(second.out.stdout).toContain(`链接:http://localhost:8080/calendar/phone.ics?token=${secondToken}`);

    const stored = await feedFor('phone', token);
    expect(stored.hashes.sort()).toEqual([token, secondToken].map((t) => createHash('sha256').update(t).digest('hex')).sort());
    expect(stored.feed?.team.id).toBe('phone');
    expect((await feedFor('phone', secondToken)).feed?.team.id).toBe('phone');

    const revoke = io({ LANG: 'en_US.UTF-8' });
    expect(await runCalendar(['token', 'phone', '--revoke'], revoke.io)).toBe(0);
    expect(revoke.out.stdout).toBe('The leave calendar of Phone team: every link revoked (2); they answer 404 from now on.\n');
    expect((await feedFor('phone', token)).feed).toBeUndefined();
    expect((await feedFor('phone', secondToken)).feed).toBeUndefined();
    const again = io({ LANG: 'en_US.UTF-8' });
    expect(await runCalendar(['token', 'phone', '--revoke'], again.io)).toBe(0);
    expect(again.out.stdout).toBe('The leave calendar of Phone team has no link to revoke.\n');
  });

  it('refuses an unknown team with the known ones and status 1, in the terminal language', async () => {
    const en = io({ LANG: 'en_US.UTF-8' });
    expect(await runCalendar(['token', 'sales'], en.io)).toBe(1);
    expect(en.out.stderr).toBe('unknown team "sales" (known: phone, online, after_sales, complaints)\n');
    expect(en.out.stdout).toBe('');
    const zh = io({ LANG: 'zh_CN.UTF-8' });
    expect(await runCalendar(['token', 'constructor', '--revoke'], zh.io)).toBe(1);
    expect(zh.out.stderr).toBe('未知团队"constructor"(可用的团队:phone, online, after_sales, complaints)\n');
  });

  it('answers a usage mistake with the usage and status 2', async () => {
    const cases: [string[], string][] = [
      [[], 'say what to do: token'],
      [['link', 'phone'], '"link" is not a calendar command (known: token)'],
      [['token'], 'name the team whose calendar link to issue or revoke'],
      [['token', 'phone', 'online'], 'unexpected argument "online"'],
      [['token', 'phone', '--all'], 'unknown option --all'],
    ];
    for (const [argv, problem] of cases) {
      const run = io({ LANG: 'en' });
      expect(await runCalendar(argv, run.io), argv.join(' ')).toBe(2);
      expect(run.out.stderr).toBe(
        `${problem}\nusage: npm run calendar -- token <team>\n       npm run calendar -- token <team> --revoke\n`,
      );
    }
    const badUrl = io({ LANG: 'en', PUBLIC_URL: 'shiftdesk.example.com' });
    expect(await runCalendar(['token', 'phone'], badUrl.io)).toBe(1);
    expect(badUrl.out.stderr).toMatch(/^shiftdesk: PUBLIC_URL must be an http\(s\) URL: /);
  });
});
