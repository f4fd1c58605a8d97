import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/environment.js';
import { runExport } from '../../src/cli/export.js';
import { runImport } from '../../src/cli/import.js';
import { leaveCoveredShifts, leaveRequests, rosterEntries } from '../../src/db/schema.js';
import type { LocalDate } from '../../src/policy/time.js';
import { attendanceSheetFile, buildAttendanceSheet } from '../../src/use-cases/attendance-sheet.js';
import { importClockIns } from '../../src/use-cases/clock-ins.js';
import { importOrg, importRoster } from '../../src/use-cases/org.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const policy = shippedPolicy();
const example = (name: string) => readFile(path.join(repoRoot, 'examples', name), 'utf8');
const december = { first: '2026-12-01' as LocalDate, last: '2026-12-31' as LocalDate };
const afterDecember = new Date('2027-01-02T00:00:00Z');
let testDb: TestDatabase;
const db = () => testDb.database.db;

/** The sheet's rows as objects keyed by header; the BOM is checked and dropped. */
function read(file: string): Record<string, string>[] {
  expect(file.startsWith('\uFEFF')).toBe(true);
  return parse(file.slice(1), { columns: true, relax_column_count: true }) as Record<string, string>[];
}

beforeAll(async () => {
  testDb = await createTestDatabase({ policy });
  expect(await importOrg(db(), policy, await example('org.csv'))).toMatchObject({ ok: true });
  expect(await importRoster(db(), policy, await example('roster.csv'))).toMatchObject({ ok: true });
});
afterAll(async () => {
  await testDb?.drop();
});

describe('the attendance sheet', () => {
  it('without the month’s clock-in data says so, and counts nobody absent', async () => {
    const sheet = await buildAttendanceSheet(db(), policy, december, afterDecember);
    expect(sheet.teamsWithoutClockData).toEqual(['phone', 'online', 'after_sales', 'complaints']);
    expect(sheet.rows.every((row) => row.absences.month === 0 && row.shiftsWorked === 0)).toBe(true);
    const sunLi = sheet.rows.find((row) => row.personId === 'U0PH0NE01');
    expect(sunLi?.fullAttendance.award).toBe('unknown');
    const file = attendanceSheetFile(sheet, policy);
    const rows = read(file);
    expect(rows.find((row) => row['Slack ID'] === 'U0PH0NE01')).toMatchObject({ 全勤奖: '无法判定', 旷工天数: '0' });
    expect(rows.find((row) => row.打卡数据?.startsWith('2'))?.打卡数据).toMatch(/^\d+ 个出勤日缺少数据:2026-12-/);
    expect(Object.values(rows.at(-1) ?? {})).toEqual([
      '2026-12 没有打卡数据(团队:电话团队, 在线团队, 售后团队, 投诉团队):这些日子的旷工、迟到早退和出勤班次未计入。',
    ]);
  });

  it('with the clock-ins has one row per person, in the policy’s default language, with leave and its proof files', async () => {
    expect(await importClockIns(db(), policy, await example('clock.csv'))).toMatchObject({ ok: true });
    // Zhou Qiang's R shift on 30 December, which nobody clocked, was approved sick leave with a certificate.
    await db().transaction(async (tx) => {
      const [leave] = await tx
        .insert(leaveRequests)
        .values({
          submissionKey: 'sheet-test',
          personId: 'U0PH0NE02',
          teamId: 'phone',
          type: 'sick',
          firstDay: '2026-12-30' as LocalDate,
          lastDay: '2026-12-30' as LocalDate,
          reason: 'flu',
          status: 'approved',
          calendarDays: 1,
          leaveDays: 1,
          hours: 11,
          noticeMinutes: 60,
          lateNotice: false,
          proof: 'attached',
          proofFiles: [{ id: 'F0CERT', name: 'certificate.jpg', permalink: 'https://example.slack.com/files/F0CERT' }],
        })
        .returning();
      await tx.insert(leaveCoveredShifts).values({ requestId: leave?.id as number, date: '2026-12-30' as LocalDate, shiftCode: 'R' });
      await tx
        .update(rosterEntries)
        .set({ status: 'on_leave' })
        .where(and(eq(rosterEntries.personId, 'U0PH0NE02'), eq(rosterEntries.date, '2026-12-30' as LocalDate)));
    });

    const sheet = await buildAttendanceSheet(db(), policy, december, afterDecember);
    expect(sheet.teamsWithoutClockData).toEqual([]);
    expect(sheet.rows).toHaveLength(22); // the rostered agents; nobody else has a duty in the month
    const clockRows = (await example('clock.csv')).trim().split('\n').length - 1;
    expect(sheet.rows.reduce((sum, row) => sum + row.shiftsWorked, 0)).toBe(clockRows);
    const absences = new Map(sheet.rows.map((row) => [row.personId, row.absenceDays]));
    expect(absences.get('U0AFTSL01')).toEqual([{ date: '2026-12-02', cause: 'no_clock_in' }]);
    expect(absences.get('U0PH0NE07')).toContainEqual({ date: '2026-12-18', cause: 'no_clock_in' });
    expect(absences.get('U0PH0NE02')?.filter((day) => day.cause === 'no_clock_in')).toEqual([]);
    // a late arrival in the example file beyond the absence threshold
    expect([...absences.values()].flat().filter((day) => day.cause === 'late').length).toBeGreaterThan(0);

    const zh = read(attendanceSheetFile(sheet, policy));
    const zhou = zh.find((row) => row['Slack ID'] === 'U0PH0NE02');
    expect(zhou).toMatchObject({
      团队: '电话团队',
      '病假(天)': '1',
      旷工天数: '0',
      全勤奖: '否',
      请假单据: '病假 2026-12-30–2026-12-30:certificate.jpg <https://example.slack.com/files/F0CERT>',
    });
    expect(zhou?.未获原因).toContain('病假 1 天');
    const xie = zh.find((row) => row['Slack ID'] === 'U0AFTSL01');
    expect(xie).toMatchObject({ 旷工天数: '1', 旷工明细: '2026-12-02 未打卡且无批准的请假', 全勤奖: '否', 打卡数据: '完整' });
    const nights = zh.filter((row) => Number(row.夜班数) > 0);
    expect(nights.length).toBeGreaterThan(0);
    for (const row of nights) expect(Number(row['夜班补贴(元)'])).toBe(Number(row.夜班数) * 10);

    const en = read(attendanceSheetFile(sheet, policy, 'en'));
    expect(Object.keys(en[0] ?? {})).toEqual(expect.arrayContaining(['Shifts worked', 'Sick leave (days)', 'Full-attendance award']));
    expect(en.find((row) => row['Slack ID'] === 'U0PH0NE02')?.['Why not']).toContain('1 day(s) of Sick leave');
  });
});

describe('npm run export -- attendance', () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'shiftdesk-sheet-'));
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it.skipIf(process.env.TEST_DATABASE_URL !== undefined)(
    'writes the month’s sheet, and names on stderr the teams without clock-in data',
    async () => {
      const io = (extra: Record<string, string> = {}) => {
        const out = { stdout: '', stderr: '' };
        const value: CliIo = {
          stdout: { write: (text: string) => (out.stdout += text) },
          stderr: { write: (text: string) => (out.stderr += text) },
          env: { DATA_DIR: path.join(workDir, 'data'), ...extra },
          cwd: repoRoot,
        };
        return { io: value, out };
      };
      expect(await runImport(['org', 'examples/org.csv'], io().io)).toBe(0);
      expect(await runImport(['roster', 'examples/roster.csv'], io().io)).toBe(0);
      const before = io({ LANG: 'en_US.UTF-8' });
      expect(await runExport(['attendance', '--month', '2026-12'], before.io)).toBe(0);
      expect(before.out.stderr).toBe(
        'No clock-in data for 2026-12 (teams: Phone team, Online chat team, After-sales team, Complaints team): absences, lateness and shifts worked are not counted for those days.\n',
      );
      expect(await runImport(['clock', 'examples/clock.csv'], io().io)).toBe(0);
      const after = io();
      expect(await runExport(['attendance', '--month=2026-12'], after.io)).toBe(0);
      expect(after.out.stderr).toBe('');
      expect(read(after.out.stdout)).toHaveLength(22);
      const usage = io({ LANG: 'en' });
      expect(await runExport(['attendance'], usage.io)).toBe(2);
      expect(usage.out.stderr).toContain('--month is required');
    },
  );
});
