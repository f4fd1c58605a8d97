import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport } from '../../src/cli/export.js';
import { runImport } from '../../src/cli/import.js';
import type { CliIo } from '../../src/cli/environment.js';
import { clockIns } from '../../src/db/schema.js';
import { exportClockIns, importClockIns } from '../../src/use-cases/clock-ins.js';
import { importOrg, importRoster } from '../../src/use-cases/org.js';
import type { LocalDate } from '../../src/policy/time.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const policy = shippedPolicy();
const example = (name: string) => readFile(path.join(repoRoot, 'examples', name), 'utf8');
const december = { from: '2026-12-01' as LocalDate, to: '2026-12-31' as LocalDate };
let testDb: TestDatabase;
const db = () => testDb.database.db;
const stored = () => db().select().from(clockIns).orderBy(clockIns.date, clockIns.personId, clockIns.shiftCode);
const problemsOf = (result: Awaited<ReturnType<typeof importClockIns>>) =>
  result.ok ? [] : result.problems.map((p) => [p.line, p.code] as const);

beforeAll(async () => {
  testDb = await createTestDatabase({ policy });
  expect(await importOrg(db(), policy, await example('org.csv'))).toMatchObject({ ok: true });
  expect(await importRoster(db(), policy, await example('roster.csv'))).toMatchObject({ ok: true });
});
afterAll(async () => {
  await testDb?.drop();
});

describe('importing clock-ins', () => {
  it('names every kind of bad line, each with its line number, and writes nothing', async () => {
    const file = [
      'slack_id,date,shift,in,out',
      'U0NOBODY1,2026-12-01,R,08:25,20:35', // 2 unknown person
      'U0PH0NE01,2026-12-32,R,08:25,20:35', // 3 not a date
      'U0PH0NE01,2026-12-01,X,08:25,20:35', // 4 unknown shift
      'U0PH0NE01,2026-12-01,E,08:00,17:30', // 5 shift the team does not work
      'U0PH0NE01,2026-12-02,R,8:25,20:35', // 6 bad in
      'U0PH0NE01,2026-12-03,W,20:25,24:00', // 7 bad out
      'U0PH0NE02,2026-12-01,R,,', // 8 neither time
      'U0PH0NE02,2026-12-02,R,15:00,20:35', // 9 in 6.5 h after the start
      'U0PH0NE02,2026-12-03,W,20:25,14:40', // 10 out 6 h 10 m after the end
      'U0AFTSL01,2026-12-01,C,14:00,13:30', // 11 out before in
      'U0AFTSL01,2026-12-02,C,09:25,18:05', // 12 fine
      'U0AFTSL01,2026-12-02,C,09:20,18:05', // 13 the same shift again
      'U0AFTSL01,2026-12-03,C,09:25', // 14 a value short
    ].join('\n');
    expect(await importClockIns(db(), policy, file)).toMatchObject({ ok: false, problems: [{ line: 14, code: 'import.field_count' }] });
    const withoutShortLine = file.split('\n').slice(0, -1).join('\n');
    expect(problemsOf(await importClockIns(db(), policy, withoutShortLine))).toEqual([
      [2, 'roster_import.unknown_person'],
      [3, 'roster_import.bad_date'],
      [4, 'roster_import.unknown_shift'],
      [5, 'roster_import.shift_not_for_team'],
      [6, 'clock_import.bad_in'],
      [7, 'clock_import.bad_out'],
      [8, 'clock_import.no_times'],
      [9, 'clock_import.in_far'],
      [10, 'clock_import.out_far'],
      [11, 'clock_import.out_before_in'],
      [13, 'clock_import.duplicate_row'],
    ]);
    expect(await stored()).toEqual([]);
  });

  it('refuses a header without a column, with an unknown one, or without rows', async () => {
    expect(problemsOf(await importClockIns(db(), policy, 'slack_id,date,shift,in\nU0PH0NE01,2026-12-01,R,08:25'))).toEqual([
      [1, 'import.missing_column'],
    ]);
    expect(problemsOf(await importClockIns(db(), policy, 'slack_id,date,shift,in,out,note\nU0PH0NE01,2026-12-01,R,08:25,20:30,x'))).toEqual(
      [[1, 'import.unknown_column']],
    );
    expect(problemsOf(await importClockIns(db(), policy, 'slack_id,date,shift,in,out\n'))).toEqual([[1, 'import.no_rows']]);
    expect(await stored()).toEqual([]);
  });

  it('places a night shift’s clock-out on the next day and an early clock-in on the day before', async () => {
    const file = ['slack_id,date,shift,in,out', 'U0PH0NE01,2026-12-03,W,20:20,08:40', 'U0ONL1NE1,2026-12-04,L,15:50,'].join('\n');
    expect(await importClockIns(db(), policy, file)).toEqual({ ok: true, summary: { added: 2, changed: 0, removed: 0, unchanged: 0 } });
    const [night, late] = await stored();
    expect(night).toMatchObject({ clockedIn: new Date('2026-12-03T12:20:00Z'), clockedOut: new Date('2026-12-04T00:40:00Z') });
    expect(late).toMatchObject({ clockedIn: new Date('2026-12-04T07:50:00Z'), clockedOut: null });
    await db().delete(clockIns);
  });

  it('imports the example once; the second time nothing changes; the export gives the file back', async () => {
    const file = await example('clock.csv');
    const first = await importClockIns(db(), policy, file);
    expect(first.ok).toBe(true);
    const rows = file.trim().split('\n').length - 1;
    expect(first.ok && first.summary).toEqual({ added: rows, changed: 0, removed: 0, unchanged: 0 });
    const before = await stored();
    expect(await importClockIns(db(), policy, file)).toEqual({ ok: true, summary: { added: 0, changed: 0, removed: 0, unchanged: rows } });
    expect(await stored()).toEqual(before);
    expect(await exportClockIns(db(), policy, december)).toBe(file);
  });

  it('a corrected file for a day replaces that person’s day and leaves every other day alone', async () => {
    const before = await stored();
    const sunLiDay = before.filter((row) => row.personId === 'U0PH0NE01' && row.date === '2026-12-01');
    expect(sunLiDay.map((row) => row.shiftCode)).toEqual(['R']);
    // 孙丽 worked the office shift that day, not R: the R row goes, the C row comes.
    const correction = ['slack_id,date,shift,in,out', 'U0PH0NE01,2026-12-01,C,09:28,18:02'].join('\n');
    expect(await importClockIns(db(), policy, correction)).toEqual({
      ok: true,
      summary: { added: 1, changed: 0, removed: 1, unchanged: 0 },
    });
    const after = await stored();
    expect(after.filter((row) => row.personId === 'U0PH0NE01' && row.date === '2026-12-01').map((row) => row.shiftCode)).toEqual(['C']);
    const others = (rows: typeof before) => rows.filter((row) => !(row.personId === 'U0PH0NE01' && row.date === '2026-12-01'));
    expect(others(after)).toEqual(others(before));
    const changedTime = ['slack_id,date,shift,in,out', 'U0PH0NE01,2026-12-01,C,09:31,18:02'].join('\n');
    expect(await importClockIns(db(), policy, changedTime)).toEqual({
      ok: true,
      summary: { added: 0, changed: 1, removed: 0, unchanged: 0 },
    });
  });
});

describe('npm run import -- clock / npm run export -- clock', () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'shiftdesk-clock-'));
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  function io(extraEnv: Record<string, string> = {}) {
    const out = { stdout: '', stderr: '' };
    const value: CliIo = {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
      env: { DATA_DIR: path.join(workDir, 'data'), ...extraEnv },
      cwd: repoRoot,
    };
    return { io: value, out };
  }

  it.skipIf(process.env.TEST_DATABASE_URL !== undefined)('imports, refuses in the terminal’s language, and exports a month', async () => {
    expect(await runImport(['org', 'examples/org.csv'], io().io)).toBe(0);
    expect(await runImport(['roster', 'examples/roster.csv'], io().io)).toBe(0);
    const imported = io({ LANG: 'en_US.UTF-8' });
    expect(await runImport(['clock', 'examples/clock.csv'], imported.io)).toBe(0);
    expect(imported.out.stdout).toMatch(/^clock-ins: \d+ shifts added, 0 changed, 0 removed, 0 unchanged\n$/);

    const bad = path.join(workDir, 'bad.csv');
    await writeFile(bad, ['slack_id,date,shift,in,out', 'U0PH0NE01,2026-12-01,R,8:30,20:30'].join('\n'));
    const zh = io({ LANG: 'zh_CN.UTF-8' });
    expect(await runImport(['clock', bad], zh.io)).toBe(1);
    expect(zh.out.stderr).toBe('第 2 行:in"8:30"不是 HH:MM 格式的时间(也可以留空)\n没有导入任何内容。请修正以上各行后重新导入。\n');

    const exported = io();
    expect(await runExport(['clock', '--month', '2026-12'], exported.io)).toBe(0);
    expect(exported.out.stdout).toBe(await example('clock.csv'));
    const badMonth = io({ LANG: 'en' });
    expect(await runExport(['clock', '--month', '2026-13'], badMonth.io)).toBe(2);
    expect(badMonth.out.stderr).toContain('--month expects a month written YYYY-MM, not "2026-13"');
  });
});
