import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runExport } from '../../src/cli/export.js';
import { runImport } from '../../src/cli/import.js';
import type { CliIo } from '../../src/cli/environment.js';
import type { Db } from '../../src/db/client.js';
import { people, rosterEntries, teams } from '../../src/db/schema.js';
import type { LocalDate } from '../../src/policy/time.js';
import { exportRoster, importOrg, importRoster } from '../../src/use-cases/org.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const policy = shippedPolicy();
const exampleOrg = await readFile(path.join(repoRoot, 'examples/org.csv'), 'utf8');
const exampleRoster = await readFile(path.join(repoRoot, 'examples/roster.csv'), 'utf8');
/** The example roster as the export writes it: every shift with its status. */
const withStatus = (csv: string) =>
  csv.replace(/^date,shift,slack_id$/m, 'date,shift,slack_id,status').replace(/^(\d{4}-\d{2}-\d{2},.*)$/gm, '$1,scheduled');
const december = { from: '2026-12-01' as LocalDate, to: '2026-12-31' as LocalDate };

/** Everything an import may touch, timestamps included. */
async function dump(db: Db) {
  return {
    teams: await db.select().from(teams).orderBy(asc(teams.id)),
    people: await db.select().from(people).orderBy(asc(people.slackId)),
    roster: await db.select().from(rosterEntries).orderBy(asc(rosterEntries.id)),
  };
}

async function importExamples(db: Db): Promise<void> {
  expect(await importOrg(db, policy, exampleOrg)).toMatchObject({ ok: true });
  expect(await importRoster(db, policy, exampleRoster)).toMatchObject({ ok: true });
}

describe('importing the org and the roster', () => {
  let testDb: TestDatabase;
  let db: Db;

  beforeEach(async () => {
    testDb = await createTestDatabase({ policy });
    db = testDb.database.db;
  });
  afterEach(() => testDb.drop());

  it('imports the examples, and importing them again changes nothing', async () => {
    expect(await importOrg(db, policy, exampleOrg)).toEqual({ ok: true, summary: { added: 30, updated: 0, unchanged: 0, deactivated: 0 } });
    expect(await importRoster(db, policy, exampleRoster)).toEqual({ ok: true, summary: { added: 477, removed: 0, unchanged: 0 } });
    const before = await dump(db);

    expect(await importOrg(db, policy, exampleOrg)).toEqual({ ok: true, summary: { added: 0, updated: 0, unchanged: 30, deactivated: 0 } });
    expect(await importRoster(db, policy, exampleRoster)).toEqual({ ok: true, summary: { added: 0, removed: 0, unchanged: 477 } });
    expect(await dump(db)).toEqual(before);
  });

  it('with three bad rows, names exactly those lines and leaves the database unchanged', async () => {
    await importExamples(db);
    const before = await dump(db);
    const file = [
      'slack_id,name,team,role,reports_to,locale',
      'U0PH0NE01,孙丽,phone,agent,U0PHLEAD1,zh-CN',
      'U0NEW0001,New Person,sales,agent,U0PHLEAD1,', // unknown team
      'U0NEW0002,Another One,phone,agent,U0PHLEAD1,en',
      'U0PH0NE02,Zhou Qiang,phone,agent,U0PH0NE02,en', // reports to himself
      'U0PH0NE03,吴静静,phone,agent,U0PHLEAD1,zh-CN',
      'U0PH0NE05,马超,phone,agent,U0PHLEAD1,zh-CN',
      'U0PHLEAD1,张伟,phone,lead,U0PH0NE04,zh-CN', // U0PH0NE04 (not in the file) reports to this lead
    ].join('\n');

    const result = await importOrg(db, policy, file);
    if (result.ok) throw new Error('expected the file to be refused');
    expect(result.problems.map((p) => [p.line, p.code])).toEqual([
      [3, 'org_import.unknown_team'],
      [5, 'org_import.reports_to_self'],
      [8, 'org_import.reporting_cycle'],
    ]);
    expect(await dump(db)).toEqual(before);
  });

  it('imports 10,004 people, each lead listed after the agents who report to them', { timeout: 120_000 }, async () => {
    const leads = Array.from({ length: 4 }, (_, i) => `U0BIGLEAD${i}`);
    const agents = Array.from({ length: 10_000 }, (_, i) => `U0BIG${String(i).padStart(6, '0')},Agent ${i},phone,agent,${leads[i % 4]}`);
    const file = ['slack_id,name,team,role,reports_to', ...agents, ...leads.map((id) => `${id},Lead ${id},phone,lead,`)].join('\n');
    expect(await importOrg(db, policy, file)).toEqual({ ok: true, summary: { added: 10_004, updated: 0, unchanged: 0, deactivated: 0 } });
    expect((await db.select().from(people).where(eq(people.reportsTo, 'U0BIGLEAD3'))).length).toBe(2500);
  });

  it('names the line of a NUL or a 100,000-character name, and writes nothing', async () => {
    const file = [
      'slack_id,name,team,role,reports_to',
      'U0LEADX01,Lead,phone,lead,',
      'U0AGENT01,A\u0000B,phone,agent,U0LEADX01',
      `U0AGENT02,${'x'.repeat(100_000)},phone,agent,U0LEADX01`,
    ].join('\n');
    const result = await importOrg(db, policy, file);
    if (result.ok) throw new Error('expected the file to be refused');
    expect(result.problems.map((p) => [p.line, p.code, p.params])).toEqual([
      [3, 'import.value_unreadable', { column: 'name' }],
      [4, 'import.value_too_long', { column: 'name', max: 200 }],
    ]);
    expect(await db.select().from(people)).toEqual([]);
  });

  it('updates only the people who changed, keeps columns the file lacks, and deactivates the missing on request', async () => {
    await importExamples(db);
    const before = await dump(db);
    const file = [
      'slack_id,name,team,role,reports_to',
      'U0GM00001,王建国,phone,gm,',
      'U0MGR0001,Li Na (李娜),phone,manager,U0GM00001',
    ].join('\n');

    expect(await importOrg(db, policy, file)).toEqual({ ok: true, summary: { added: 0, updated: 1, unchanged: 1, deactivated: 0 } });
    const after = await dump(db);
    const changed = after.people.filter((person, i) => JSON.stringify(person) !== JSON.stringify(before.people[i]));
    expect(changed).toMatchObject([{ slackId: 'U0MGR0001', name: 'Li Na (李娜)', locale: 'en', annualLeaveDays: 10, active: true }]);

    // With --deactivate-missing nobody in the file may report to someone who is not.
    const managerOnly = ['slack_id,name,team,role,reports_to', 'U0MGR0001,Li Na,phone,manager,U0GM00001'].join('\n');
    expect(await importOrg(db, policy, managerOnly, { deactivateMissing: true })).toEqual({
      ok: false,
      problems: [{ line: 2, code: 'org_import.reports_to_leaving', params: { value: 'U0GM00001' } }],
    });
    expect(await importOrg(db, policy, file, { deactivateMissing: true })).toEqual({
      ok: true,
      summary: { added: 0, updated: 0, unchanged: 2, deactivated: 28 },
    });
    const active = await db.select({ slackId: people.slackId }).from(people).where(eq(people.active, true));
    expect(active.map((p) => p.slackId).sort()).toEqual(['U0GM00001', 'U0MGR0001']);
  });

  it('exports the roster in the file format, and the export imports back unchanged', async () => {
    await importExamples(db);
    const exported = await exportRoster(db, policy, december);
    expect(exported).toBe(withStatus(exampleRoster));
    expect(await exportRoster(db, policy, { from: '2026-12-31' as LocalDate, to: '2026-12-31' as LocalDate })).toBe(
      withStatus(`${['date,shift,slack_id', ...exampleRoster.split('\n').filter((line) => line.startsWith('2026-12-31'))].join('\n')}\n`),
    );

    const before = await dump(db);
    expect(await importRoster(db, policy, exported)).toEqual({ ok: true, summary: { added: 0, removed: 0, unchanged: 477 } });
    expect(await dump(db)).toEqual(before);
  });

  it('exports a shift on leave or swapped away with its status, and that file imports back unchanged', async () => {
    await importExamples(db);
    const [first, second] = await db
      .select()
      .from(rosterEntries)
      .where(eq(rosterEntries.personId, 'U0PH0NE01'))
      .orderBy(asc(rosterEntries.date))
      .limit(2);
    await db
      .update(rosterEntries)
      .set({ status: 'on_leave' })
      .where(eq(rosterEntries.id, first?.id as number));
    await db
      .update(rosterEntries)
      .set({ status: 'swapped' })
      .where(eq(rosterEntries.id, second?.id as number));
    const exported = await exportRoster(db, policy, december);
    const lines = exported.split('\n').filter((line) => line.endsWith(',U0PH0NE01,on_leave') || line.endsWith(',U0PH0NE01,swapped'));
    expect(lines).toEqual([
      `${first?.date},${first?.shiftCode},U0PH0NE01,on_leave`,
      `${second?.date},${second?.shiftCode},U0PH0NE01,swapped`,
    ]);

    const before = await dump(db);
    expect(await importRoster(db, policy, exported)).toEqual({ ok: true, summary: { added: 0, removed: 0, unchanged: 477 } });
    expect(await dump(db)).toEqual(before);
    // a file that means to change a status is refused: leave and swaps change it, the import does not
    const changed = exported.replace(`,U0PH0NE01,on_leave`, ',U0PH0NE01,scheduled');
    expect(await importRoster(db, policy, changed)).toMatchObject({
      ok: false,
      problems: [{ code: 'roster_import.status_differs', params: { value: 'scheduled', roster: 'on_leave' } }],
    });
    expect(await dump(db)).toEqual(before);
  });

  it('replaces the shifts of the people in the file within its dates, and keeps shifts on leave', async () => {
    await importExamples(db);
    // U0PH0NE01 works R on 1 and 2 December and W on 3 and 4 December; the new file makes the 2nd a C.
    const file = [
      'date,shift,slack_id',
      '2026-12-01,R,U0PH0NE01',
      '2026-12-02,C,U0PH0NE01',
      '2026-12-03,W,U0PH0NE01',
      '2026-12-04,W,U0PH0NE01',
    ].join('\n');
    const before = await dump(db);
    expect(await importRoster(db, policy, file)).toEqual({ ok: true, summary: { added: 1, removed: 1, unchanged: 3 } });
    const after = await dump(db);
    const shiftsOf = (rows: typeof before.roster, personId: string) =>
      rows
        .filter((r) => r.personId === personId)
        .map((r) => `${r.date} ${r.shiftCode}`)
        .sort();
    expect(shiftsOf(after.roster, 'U0PH0NE01').slice(0, 4)).toEqual(['2026-12-01 R', '2026-12-02 C', '2026-12-03 W', '2026-12-04 W']);
    expect(shiftsOf(after.roster, 'U0PH0NE01').slice(4)).toEqual(shiftsOf(before.roster, 'U0PH0NE01').slice(4));
    expect(after.roster.filter((r) => r.personId !== 'U0PH0NE01')).toEqual(before.roster.filter((r) => r.personId !== 'U0PH0NE01'));

    // A shift on leave is never dropped silently.
    await db.update(rosterEntries).set({ status: 'on_leave' }).where(eq(rosterEntries.personId, 'U0PH0NE01'));
    const onLeave = await dump(db);
    const withoutTheThird = ['date,shift,slack_id', '2026-12-01,R,U0PH0NE01', '2026-12-02,C,U0PH0NE01', '2026-12-04,W,U0PH0NE01'].join(
      '\n',
    );
    expect(await importRoster(db, policy, withoutTheThird)).toEqual({
      ok: false,
      problems: [{ line: 0, code: 'roster_import.drops_on_leave', params: { person: 'U0PH0NE01', shift: 'W', date: '2026-12-03' } }],
    });
    expect(await dump(db)).toEqual(onLeave);
  });

  it('refuses a roster for people not imported, and a file it cannot read, without writing', async () => {
    const before = await dump(db);
    expect(await importRoster(db, policy, 'date,shift,slack_id\n2026-12-01,R,U0PH0NE01\n')).toEqual({
      ok: false,
      problems: [{ line: 2, code: 'roster_import.unknown_person', params: { value: 'U0PH0NE01' } }],
    });
    expect(await importOrg(db, policy, 'slack_id,name\n"U0X,A\n')).toMatchObject({
      ok: false,
      problems: [{ line: 2, code: 'import.unclosed_quote' }],
    });
    expect(await dump(db)).toEqual(before);
  });
});

describe('npm run import / export', () => {
  let workDir: string;
  let env: Record<string, string>;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'shiftdesk-cli-'));
    if (process.env.TEST_DATABASE_URL) {
      const testDb = await createTestDatabase();
      if (testDb.target.kind !== 'postgres') throw new Error('expected PostgreSQL');
      env = { DATABASE_URL: testDb.target.url };
      drop = () => testDb.drop();
    } else {
      env = { DATA_DIR: path.join(workDir, 'data') };
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

  it("imports the examples, refuses a bad file with its line numbers in the terminal's language, and exports", async () => {
    const org = io({ LANG: 'en_US.UTF-8' });
    expect(await runImport(['org', 'examples/org.csv'], org.io)).toBe(0);
    expect(org.out.stdout).toBe('org: 30 added, 0 updated, 0 unchanged\n');
    expect(await runImport(['roster', 'examples/roster.csv'], io().io)).toBe(0);

    const bad = path.join(workDir, 'bad.csv');
    await writeFile(
      bad,
      ['slack_id,name,team,role,reports_to', 'U0NEW0001,A,sales,agent,', 'U0NEW0002,B,phone,agent,', 'U0NEW0003,C,phone,boss,'].join('\n'),
    );
    const en = io({ LANG: 'en_US.UTF-8' });
    expect(await runImport(['org', bad], en.io)).toBe(1);
    expect(en.out.stderr.split('\n')).toEqual([
      'line 2: unknown team "sales" (known: phone, online, after_sales, complaints)',
      'line 4: unknown role "boss" (known: agent, lead, manager, gm, qa, hr)',
      'Nothing was imported. Fix the lines above and run the import again.',
      '',
    ]);
    const zh = io({ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' });
    expect(await runImport(['org', bad], zh.io)).toBe(1);
    expect(zh.out.stderr).toMatch(/^第 2 行:未知团队"sales"/);
    expect(zh.out.stderr).toContain('\n第 4 行:未知角色"boss"');

    const exported = io();
    expect(await runExport(['roster', '--from', '2026-12-01', '--to=2026-12-31'], exported.io)).toBe(0);
    expect(exported.out.stdout).toBe(withStatus(exampleRoster));
  });

  it('answers a usage mistake with the usage and status 2, without opening the database', async () => {
    const noKind = io({ LANG: 'en' });
    expect(await runImport([], noKind.io)).toBe(2);
    expect(noKind.out.stderr).toContain('usage: npm run import -- org <file.csv> [--deactivate-missing]');
    const badDate = io({ LANG: 'zh_CN.UTF-8' });
    expect(await runExport(['roster', '--from', '2026-12-32', '--to', '2026-12-31'], badDate.io)).toBe(2);
    expect(badDate.out.stderr).toContain('--from 需要 YYYY-MM-DD 格式的日期');
    const missing = io({ LANG: 'en' });
    expect(await runImport(['roster', 'no-such-file.csv'], missing.io)).toBe(2);
    expect(missing.out.stderr).toBe('there is no file no-such-file.csv\n');
  });

  it('prints a configuration problem on one line', async () => {
    const broken = io({ DATABASE_URL: 'mysql://nope' });
    expect(await runImport(['org', 'examples/org.csv'], broken.io)).toBe(1);
    expect(broken.out.stderr).toMatch(/^shiftdesk: DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/: [^\n]*\n$/);
  });
});
