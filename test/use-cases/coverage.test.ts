import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { leaveApprovalSteps, leaveCoveredShifts, leaveRequests } from '../../src/db/schema.js';
import { parsePolicy, type Policy } from '../../src/policy/policy-file.js';
import { coverageOfTeam, teamsOverseenBy } from '../../src/use-cases/coverage.js';
import { useCaseDeps } from '../fixtures/deps.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { repoRoot, shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';
import type { LocalDate } from '../../src/policy/time.js';

// 02:00 on Wed 2 Dec in Shanghai; still Tue 1 Dec in UTC and in New York (13:00)
const now = '2026-12-01T18:00:00Z';
const policyText = readFileSync(path.join(repoRoot, 'policy.yml'), 'utf8');
const policyWith = (from: string, to: string): Policy => parsePolicy(policyText.replace(from, to));

let testDb: TestDatabase;
let db: Db;

async function insertLeave(p: {
  personId: string;
  status: 'approved' | 'pending';
  type: string;
  shifts: { date: string; shiftCode: string }[];
  approverId: string;
}) {
  const [row] = await db
    .insert(leaveRequests)
    .values({
      submissionKey: `${p.personId}-${p.status}-${p.shifts[0]?.date}`,
      personId: p.personId,
      teamId: 'phone',
      type: p.type,
      firstDay: (p.shifts[0]?.date ?? '2026-12-02') as LocalDate,
      lastDay: (p.shifts.at(-1)?.date ?? '2026-12-02') as LocalDate,
      reason: 'a private reason',
      status: p.status,
      calendarDays: 1,
      leaveDays: 1,
      hours: 11,
      noticeMinutes: 60,
      lateNotice: false,
      proof: 'not_needed',
    })
    .returning();
  if (!row) throw new Error('no leave row');
  await db.insert(leaveCoveredShifts).values(p.shifts.map((s) => ({ requestId: row.id, ...s, date: s.date as LocalDate })));
  await db.insert(leaveApprovalSteps).values({
    requestId: row.id,
    position: 0,
    role: 'lead',
    approverId: p.approverId,
    status: p.status === 'approved' ? 'approved' : 'pending',
  });
}

beforeAll(async () => {
  testDb = await createTestDatabase({ policy: shippedPolicy() });
  db = testDb.database.db;
  await insertPeople(db, [
    aPerson({ slackId: 'U0GM', name: 'GM', role: 'gm' }),
    aPerson({ slackId: 'U0MGR', name: 'Manager', role: 'manager', reportsTo: 'U0GM' }),
    aPerson({ slackId: 'U0LEAD', name: 'Lead', role: 'lead', reportsTo: 'U0MGR' }),
    aPerson({ slackId: 'U0OLEAD', name: 'Online lead', role: 'lead', teamId: 'online', reportsTo: 'U0GM' }),
    ...['U0A1', 'U0A2', 'U0A3', 'U0A4'].map((slackId) => aPerson({ slackId, name: `Agent ${slackId.slice(2)}`, reportsTo: 'U0LEAD' })),
  ]);
  await insertShifts(db, [
    // Tue 1 Dec: the night shift runs until 08:30 on Wednesday; the day shift is over in Shanghai
    { personId: 'U0A1', date: '2026-12-01', shiftCode: 'W' },
    { personId: 'U0A2', date: '2026-12-01', shiftCode: 'W' },
    { personId: 'U0A3', date: '2026-12-01', shiftCode: 'R' },
    // Wed 2 Dec: R has three and one off on approved leave; W one of two
    { personId: 'U0A1', date: '2026-12-02', shiftCode: 'R' },
    { personId: 'U0A2', date: '2026-12-02', shiftCode: 'R' },
    { personId: 'U0A3', date: '2026-12-02', shiftCode: 'R' },
    { personId: 'U0A4', date: '2026-12-02', shiftCode: 'R', status: 'on_leave' },
    { personId: 'U0A4', date: '2026-12-02', shiftCode: 'W' },
    // Thu 3 Dec: R at its minimum, with pending leave of one of the two
    { personId: 'U0A1', date: '2026-12-03', shiftCode: 'R' },
    { personId: 'U0A2', date: '2026-12-03', shiftCode: 'R' },
  ]);
  await insertLeave({
    personId: 'U0A4',
    status: 'approved',
    type: 'sick',
    shifts: [{ date: '2026-12-02', shiftCode: 'R' }],
    approverId: 'U0LEAD',
  });
  await insertLeave({
    personId: 'U0A2',
    status: 'pending',
    type: 'annual',
    shifts: [{ date: '2026-12-03', shiftCode: 'R' }],
    approverId: 'U0LEAD',
  });
});

afterAll(async () => {
  await testDb?.drop();
});

const deps = (policy: Policy = shippedPolicy()) => useCaseDeps(db, policy, now);
const phoneOf = (policy: Policy) => policy.teams.phone as NonNullable<Policy['teams'][string]>;
const find = <T extends { date: string; shiftCode: string }>(shifts: readonly T[], date: string, shiftCode: string): T | undefined =>
  shifts.find((s) => s.date === date && s.shiftCode === shiftCode);

describe('a team’s coverage', () => {
  it('counts every shift against its minimum from today in the team’s zone, with who is off and no leave type by default', async () => {
    const policy = shippedPolicy();
    const coverage = await coverageOfTeam(deps(policy), { team: phoneOf(policy), readerId: 'U0LEAD', days: 3 });
    expect(coverage.firstDay).toBe('2026-12-02');
    const keys = coverage.shifts.map((s) => `${s.date} ${s.shiftCode}`);
    // the night shift that started yesterday is still running; yesterday's day shift is over
    expect(keys[0]).toBe('2026-12-01 W');
    expect(keys).not.toContain('2026-12-01 R');
    expect(find(coverage.shifts, '2026-12-01', 'W')).toMatchObject({ scheduled: 2, minimum: 2, belowMinimum: false });
    expect(find(coverage.shifts, '2026-12-02', 'R')).toMatchObject({
      scheduled: 3,
      minimum: 2,
      belowMinimum: false,
      absent: [{ personId: 'U0A4', name: 'Agent A4', type: undefined }],
    });
    expect(find(coverage.shifts, '2026-12-02', 'W')).toMatchObject({ scheduled: 1, minimum: 2, belowMinimum: true });
    // nobody rostered on C, whose minimum is 1: below
    expect(find(coverage.shifts, '2026-12-02', 'C')).toMatchObject({ scheduled: 0, minimum: 1, belowMinimum: true });
    expect(keys.at(-1)?.startsWith('2026-12-04')).toBe(true);
  });

  it('names the pending leave that would drop a shift below its minimum', async () => {
    const policy = shippedPolicy();
    const coverage = await coverageOfTeam(deps(policy), { team: phoneOf(policy), readerId: 'U0LEAD', days: 3 });
    expect(find(coverage.shifts, '2026-12-03', 'R')).toMatchObject({
      scheduled: 2,
      belowMinimum: false,
      pendingDrops: [{ personId: 'U0A2', left: 1, type: undefined }],
    });
    expect(coverage.shifts.flatMap((s) => s.pendingDrops)).toHaveLength(1);
  });

  it('reads today in the team’s own zone: in New York it is still Tuesday and the day shift is on', async () => {
    const policy = policyWith(
      'timezone: Asia/Shanghai\n    announce_channel: C0PHONEANN',
      'timezone: America/New_York\n    announce_channel: C0PHONEANN',
    );
    const coverage = await coverageOfTeam(deps(policy), { team: phoneOf(policy), readerId: 'U0LEAD', days: 1 });
    expect(coverage.firstDay).toBe('2026-12-01');
    expect(find(coverage.shifts, '2026-12-01', 'R')).toMatchObject({ scheduled: 1, belowMinimum: true });
    expect(coverage.shifts.some((s) => s.date === '2026-12-02')).toBe(false);
  });

  it('shows the leave type only to an approver of that leave when the policy allows it', async () => {
    const policy = policyWith('show_leave_type_to_approvers: false', 'show_leave_type_to_approvers: true');
    const lead = await coverageOfTeam(deps(policy), { team: phoneOf(policy), readerId: 'U0LEAD', days: 3 });
    expect(find(lead.shifts, '2026-12-02', 'R')?.absent[0]?.type).toBe('sick');
    expect(find(lead.shifts, '2026-12-03', 'R')?.pendingDrops[0]?.type).toBe('annual');
    const manager = await coverageOfTeam(deps(policy), { team: phoneOf(policy), readerId: 'U0MGR', days: 3 });
    expect(find(manager.shifts, '2026-12-02', 'R')?.absent[0]?.type).toBeUndefined();
  });
});

describe('the teams someone looks after', () => {
  it('is the lead’s own team, the manager’s teams below them, every team for the GM, none for an agent', async () => {
    const ids = async (slackId: string, role: 'lead' | 'manager' | 'gm' | 'agent', teamId = 'phone') =>
      (await teamsOverseenBy(deps(), { slackId, role, active: true, teamId })).map((t) => t.id);
    expect(await ids('U0LEAD', 'lead')).toEqual(['phone']);
    expect(await ids('U0OLEAD', 'lead', 'online')).toEqual(['online']);
    expect(await ids('U0MGR', 'manager')).toEqual(['phone']);
    expect(await ids('U0GM', 'gm')).toEqual(Object.keys(shippedPolicy().teams));
    expect(await ids('U0A1', 'agent')).toEqual([]);
  });
});
