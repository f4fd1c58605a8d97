import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffingChangesForShift } from '../../src/db/queries/handover.js';
import type { Db } from '../../src/db/client.js';
import { leaveCoveredShifts, leaveRequests } from '../../src/db/schema.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';
import type { LocalDate } from '../../src/policy/time.js';

let testDb: TestDatabase;
let db: Db;

beforeAll(async () => {
  testDb = await createTestDatabase({ policy: shippedPolicy() });
  db = testDb.database.db;
  await insertPeople(
    db,
    ['U0A', 'U0B', 'U0C', 'U0D', 'U0E'].map((slackId) => aPerson({ slackId, name: `Name ${slackId}` })),
  );
  await insertShifts(db, [
    { personId: 'U0A', date: '2026-12-01', shiftCode: 'W', status: 'on_leave' },
    { personId: 'U0B', date: '2026-12-01', shiftCode: 'W', status: 'swapped' },
    { personId: 'U0C', date: '2026-12-01', shiftCode: 'W', status: 'on_leave' },
    { personId: 'U0D', date: '2026-12-01', shiftCode: 'W' },
    { personId: 'U0E', date: '2026-12-02', shiftCode: 'W', status: 'on_leave' },
  ]);
  const leave = (personId: string, status: 'approved' | 'pending') => ({
    submissionKey: `${personId}-${status}`,
    personId,
    teamId: 'phone',
    type: 'sick',
    firstDay: '2026-12-01' as LocalDate,
    lastDay: '2026-12-02' as LocalDate,
    reason: 'x',
    status,
    calendarDays: 2,
    leaveDays: 2,
    hours: 24,
    noticeMinutes: 60,
    lateNotice: false,
    proof: 'owed' as const,
  });
  const [approved, pending] = await db
    .insert(leaveRequests)
    .values([leave('U0A', 'approved'), leave('U0D', 'pending')])
    .returning();
  await db.insert(leaveCoveredShifts).values([
    { requestId: approved?.id as number, date: '2026-12-01' as LocalDate, shiftCode: 'W' },
    { requestId: pending?.id as number, date: '2026-12-01' as LocalDate, shiftCode: 'W' },
  ]);
});

afterAll(async () => {
  await testDb?.drop();
});

describe('staffing changes of a shift', () => {
  it('lists approved leave with its type, swaps, and rows off the roster without a request; not pending leave or other days', async () => {
    expect(await staffingChangesForShift(db, { teamId: 'phone', date: '2026-12-01' as LocalDate, shiftCode: 'W' })).toEqual([
      { kind: 'leave', personId: 'U0A', name: 'Name U0A', leaveType: 'sick' },
      { kind: 'swap', personId: 'U0B', name: 'Name U0B' },
      { kind: 'leave', personId: 'U0C', name: 'Name U0C' },
    ]);
    expect(await staffingChangesForShift(db, { teamId: 'phone', date: '2026-12-01' as LocalDate, shiftCode: 'R' })).toEqual([]);
  });
});
