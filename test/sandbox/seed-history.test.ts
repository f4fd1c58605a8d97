import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockIns, handovers, rosterEntries, weeklyReports } from '../../src/db/schema.js';
import { buildAttendanceSheet } from '../../src/use-cases/attendance-sheet.js';
import { monthOf, shiftInterval, type LocalDate } from '../../src/policy/time.js';
import { recordMissedHandovers } from '../../src/use-cases/handover-deadlines.js';
import { closeReportWeek } from '../../src/use-cases/report-deadlines.js';
import { reportWeekAt } from '../../src/policy/report-week.js';
import { seedDemo } from '../../src/sandbox/seed.js';
import { useCaseDeps } from '../fixtures/deps.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';

const policy = shippedPolicy();
// Sunday 6 December 2026, 10:00 in Shanghai: the week's report deadline (Saturday 17:00) is past.
const sunday = new Date('2026-12-06T02:00:00Z');
let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase({ policy });
  await seedDemo(testDb.database.db, policy, sunday);
});
afterAll(async () => {
  await testDb?.drop();
});

describe('the demo department’s past, on a first start late in the week', () => {
  it('has every shift change since Monday handed over, so nothing is recorded missed', async () => {
    expect((await testDb.database.db.select().from(handovers)).length).toBeGreaterThan(20);
    const deps = useCaseDeps(testDb.database.db, policy, sunday.toISOString());
    expect(await recordMissedHandovers(deps, sunday)).toEqual([]);
  });

  it('has the week’s summaries in from everyone who owed one, so the digest counts no misses', async () => {
    const reports = await testDb.database.db.select().from(weeklyReports);
    expect(reports.length).toBeGreaterThan(20);
    expect(reports.every((r) => !r.late && r.done.length + r.improve.length >= (policy.teams.phone?.rules.report.min_chars ?? 200))).toBe(
      true,
    );
    const deps = useCaseDeps(testDb.database.db, policy, sunday.toISOString());
    for (const team of Object.values(policy.teams)) {
      const summary = await closeReportWeek(deps, team, reportWeekAt(sunday, team.rules.report, team.timezone), sunday);
      expect(summary.agents.length, team.id).toBeGreaterThan(0);
      expect(
        summary.agents.filter((a) => a.outcome === 'missing').map((a) => a.name),
        team.id,
      ).toEqual([]);
    }
  });

  it('has the clock-ins of the shifts already over, a few late or missing, so this month’s sheet has something to show', async () => {
    const db = testDb.database.db;
    const [clocked, roster] = await Promise.all([db.select().from(clockIns), db.select().from(rosterEntries)]);
    const over = roster.filter((row) => {
      const shift = policy.shifts[row.shiftCode];
      const zone = policy.teams[row.teamId]?.timezone ?? policy.default_timezone;
      return shift !== undefined && shiftInterval(row.date as LocalDate, shift, zone).end <= sunday;
    });
    expect(clocked.length).toBeGreaterThan(over.length * 0.9);
    expect(clocked.length).toBeLessThanOrEqual(over.length);
    const sheet = await buildAttendanceSheet(db, policy, monthOf('2026-12-06' as LocalDate), sunday);
    expect(sheet.teamsWithoutClockData).toEqual([]);
    expect(sheet.rows.reduce((sum, row) => sum + row.shiftsWorked, 0)).toBeGreaterThan(50);
    expect(sheet.rows.every((row) => row.daysWithoutClockData.length === 0)).toBe(true);
  });
});
