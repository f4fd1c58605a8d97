import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import {
  handoverEvents,
  handoverMisses,
  handoverMissedShifts,
  handovers,
  leaveRequests,
  swapRequests,
  weeklyReports,
} from '../../src/db/schema.js';
import { gatherTeamWeek } from '../../src/use-cases/team-week.js';
import { useCaseDeps } from '../fixtures/deps.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';
import type { LocalDate } from '../../src/policy/time.js';

let testDb: TestDatabase;
let db: Db;
const policy = shippedPolicy();
const phone = policy.teams.phone as NonNullable<(typeof policy.teams)[string]>;

beforeAll(async () => {
  testDb = await createTestDatabase({ policy });
  db = testDb.database.db;
  await insertPeople(db, [
    aPerson({ slackId: 'U0LEAD', name: 'Lead', role: 'lead' }),
    ...['U0A1', 'U0A2', 'U0A3', 'U0A4'].map((slackId) => aPerson({ slackId, name: `Agent ${slackId.slice(2)}`, reportsTo: 'U0LEAD' })),
  ]);
  await insertShifts(db, [
    { personId: 'U0A1', date: '2026-12-01', shiftCode: 'R' },
    { personId: 'U0A2', date: '2026-12-01', shiftCode: 'R' },
    { personId: 'U0A3', date: '2026-12-02', shiftCode: 'R' },
    { personId: 'U0A4', date: '2026-12-02', shiftCode: 'W' },
    // a shift of the week before: not this week's
    { personId: 'U0A1', date: '2026-11-24', shiftCode: 'R' },
  ]);
  const report = (personId: string, late: boolean, submittedAt: string) => ({
    personId,
    teamId: 'phone',
    weekStart: '2026-11-30' as LocalDate,
    done: 'x'.repeat(200),
    improve: 'y',
    late,
    submittedAt: new Date(submittedAt),
  });
  await db.insert(weeklyReports).values([report('U0A1', false, '2026-12-04T02:00:00Z'), report('U0A3', true, '2026-12-05T11:00:00Z')]);
  await db.insert(leaveRequests).values({
    submissionKey: 'leave-a4',
    personId: 'U0A4',
    teamId: 'phone',
    type: 'sick',
    firstDay: '2026-12-03' as LocalDate,
    lastDay: '2026-12-04' as LocalDate,
    reason: 'a private reason',
    status: 'approved',
    calendarDays: 2,
    leaveDays: 2,
    hours: 22,
    noticeMinutes: 60,
    lateNotice: false,
    proof: 'owed',
  });
  await db.insert(swapRequests).values({
    submissionKey: 'swap-a1',
    teamId: 'phone',
    requesterId: 'U0A1',
    colleagueId: 'U0A3',
    giveDate: '2026-12-01' as LocalDate,
    giveShift: 'R',
    status: 'approved',
    leadId: 'U0LEAD',
    deadline: new Date('2026-11-30T00:00:00Z'),
  });
  const content = {
    equipmentOk: true,
    equipmentIssue: '',
    staffing: '',
    process: '',
    instructions: '',
    feedback: '',
    notes: '',
    openCaseIds: [],
  };
  const [handover] = await db
    .insert(handovers)
    .values({
      teamId: 'phone',
      shiftDate: '2026-12-01' as LocalDate,
      shiftCode: 'R',
      nextDate: '2026-12-01' as LocalDate,
      nextShiftCode: 'W',
      authorId: 'U0A1',
      status: 'refused',
      content,
      takeOverDueAt: new Date('2026-12-01T13:00:00Z'),
    })
    .returning();
  await db.insert(handoverEvents).values({
    handoverId: handover?.id ?? 0,
    at: new Date('2026-12-01T12:40:00Z'),
    actorId: 'U0A4',
    kind: 'refused',
    version: 1,
    reason: 'record_unclear',
    note: 'a note',
  });
  await db.insert(handoverMissedShifts).values({
    teamId: 'phone',
    shiftDate: '2026-12-02' as LocalDate,
    shiftCode: 'W',
    rostered: 1,
    recordedAt: new Date('2026-12-03T01:00:00Z'),
  });
  await db.insert(handoverMisses).values({
    teamId: 'phone',
    shiftDate: '2026-12-02' as LocalDate,
    shiftCode: 'W',
    personId: 'U0A4',
    recordedAt: new Date('2026-12-03T01:00:00Z'),
  });
});

afterAll(async () => {
  await testDb?.drop();
});

describe('the week gathered for the team meeting', () => {
  it('gathers the current report week: summaries in, late and missing, leave without its type, swaps, refused and missed handovers', async () => {
    // Saturday 20:00 in Shanghai: past the 17:00 deadline
    const week = await gatherTeamWeek(useCaseDeps(db, policy, '2026-12-05T12:00:00Z'), phone, 'U0LEAD');
    expect(week.week.start).toBe('2026-11-30');
    expect(week.pastDeadline).toBe(true);
    // U0A4 is owed a summary too: rostered that week, on leave only part of it
    expect(week.summaries).toEqual({ onTime: ['Agent A1'], late: ['Agent A3'], missing: ['Agent A2', 'Agent A4'] });
    expect(week.leave).toEqual([
      expect.objectContaining({ name: 'Agent A4', firstDay: '2026-12-03', lastDay: '2026-12-04', type: undefined }),
    ]);
    expect(JSON.stringify(week)).not.toContain('a private reason');
    expect(week.swaps).toEqual([
      { requesterName: 'Agent A1', colleagueName: 'Agent A3', giveDate: '2026-12-01', giveShift: 'R', takeDate: null, takeShift: null },
    ]);
    expect(week.refusals).toEqual([{ shiftDate: '2026-12-01', shiftCode: 'R', reason: 'record_unclear', byName: 'Agent A4' }]);
    expect(week.missed).toEqual([{ shiftDate: '2026-12-02', shiftCode: 'W', names: ['Agent A4'] }]);
  });

  it('before the deadline, a summary not in is not missing yet', async () => {
    const week = await gatherTeamWeek(useCaseDeps(db, policy, '2026-12-04T02:00:00Z'), phone, 'U0LEAD');
    expect(week.pastDeadline).toBe(false);
    expect(week.summaries.missing).toContain('Agent A2');
  });

  it('is the next week once that one has begun', async () => {
    const week = await gatherTeamWeek(useCaseDeps(db, policy, '2026-12-07T02:00:00Z'), phone, 'U0LEAD');
    expect(week.week.start).toBe('2026-12-07');
    expect(week.swaps).toEqual([]);
    expect(week.leave).toEqual([]);
  });
});
