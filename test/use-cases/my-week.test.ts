import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compTimeCredits, coverCalls, leaveApprovalSteps, leaveCoveredShifts, leaveRequests, swapRequests } from '../../src/db/schema.js';
import type { UseCaseDeps } from '../../src/use-cases/deps.js';
import { loadMyWeek } from '../../src/use-cases/my-week.js';
import { findPerson } from '../../src/db/queries/people.js';
import { useCaseDeps } from '../fixtures/deps.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';
import type { LocalDate } from '../../src/policy/time.js';

const lead = 'U0LEAD';
const me = 'U0ME';
const bo = 'U0BO';
const cai = 'U0CAI';

let testDb: TestDatabase;
let deps: UseCaseDeps;

// 03:00 on Wednesday 2 December in Shanghai, still 1 December in UTC: the night shift of the 1st is on
const now = '2026-12-01T19:00:00Z';

let nextKey = 0;
async function leave(p: {
  type: string;
  status: 'pending' | 'approved' | 'rejected';
  days: { date: string; shiftCode: string }[];
  hours?: number;
}) {
  const first = p.days[0]?.date as string;
  const last = p.days.at(-1)?.date as string;
  const [row] = await deps.db
    .insert(leaveRequests)
    .values({
      submissionKey: `leave-${nextKey++}`,
      personId: me,
      teamId: 'phone',
      type: p.type,
      firstDay: first as LocalDate,
      lastDay: last as LocalDate,
      reason: 'a private reason',
      status: p.status,
      calendarDays: p.days.length,
      leaveDays: p.days.length,
      hours: p.hours ?? 11 * p.days.length,
      noticeMinutes: 9999,
      lateNotice: false,
      proof: 'not_needed',
    })
    .returning();
  const id = row?.id as number;
  await deps.db.insert(leaveCoveredShifts).values(p.days.map((d) => ({ requestId: id, ...d, date: d.date as LocalDate })));
  await deps.db
    .insert(leaveApprovalSteps)
    .values({ requestId: id, position: 0, role: 'lead', approverId: lead, status: p.status === 'pending' ? 'pending' : p.status });
  return id;
}

async function swap(p: {
  from: string;
  to: string;
  give: string;
  giveShift?: string;
  take?: string;
  takeShift?: string;
  status: 'approved' | 'pending_colleague' | 'pending_lead' | 'declined';
}) {
  await deps.db.insert(swapRequests).values({
    submissionKey: `swap-${nextKey++}`,
    teamId: 'phone',
    requesterId: p.from,
    colleagueId: p.to,
    giveDate: p.give as LocalDate,
    giveShift: p.giveShift ?? 'R',
    takeDate: (p.take ?? null) as LocalDate | null,
    takeShift: p.take ? (p.takeShift ?? 'R') : null,
    status: p.status,
    deadline: new Date('2026-12-20T00:00:00Z'),
    leadId: p.status === 'pending_colleague' ? null : lead,
  });
}

beforeAll(async () => {
  const policy = shippedPolicy();
  testDb = await createTestDatabase({ policy });
  deps = useCaseDeps(testDb.database.db, policy, now);
  await insertPeople(deps.db, [
    aPerson({ slackId: lead, name: 'Lead Sun', role: 'lead' }),
    aPerson({ slackId: me, name: 'Me', reportsTo: lead, annualLeaveDays: 7 }),
    aPerson({ slackId: bo, name: 'Bo', reportsTo: lead }),
    aPerson({ slackId: cai, name: 'Cai', reportsTo: lead }),
  ]);
  await insertShifts(deps.db, [
    { personId: me, date: '2026-11-30', shiftCode: 'R' }, // over yesterday morning's end: not listed
    { personId: me, date: '2026-12-01', shiftCode: 'W' }, // the night shift still on
    { personId: me, date: '2026-12-03', shiftCode: 'W' },
    { personId: me, date: '2026-12-04', shiftCode: 'R', status: 'on_leave' },
    { personId: me, date: '2026-12-05', shiftCode: 'R', status: 'swapped' },
    { personId: me, date: '2026-12-06', shiftCode: 'R' }, // Cai's, by an approved swap
    { personId: me, date: '2026-12-08', shiftCode: 'C' }, // Bo's, taken in exchange for the 5th
    { personId: me, date: '2026-12-09', shiftCode: 'W' }, // Bo's, covered for his sick leave at the lead's call
    { personId: me, date: '2026-12-10', shiftCode: 'R' },
    { personId: me, date: '2026-12-13', shiftCode: 'L' }, // 16:00 to 01:00: past midnight, no night allowance
    { personId: me, date: '2026-12-15', shiftCode: 'R' }, // the 14th day from today
    { personId: me, date: '2026-12-16', shiftCode: 'R' }, // the 15th: not listed
    { personId: bo, date: '2026-12-05', shiftCode: 'R' },
    { personId: bo, date: '2026-12-08', shiftCode: 'C', status: 'swapped' },
    { personId: cai, date: '2026-12-06', shiftCode: 'R', status: 'swapped' },
    { personId: bo, date: '2026-12-09', shiftCode: 'W' },
  ]);
  const [sick] = await deps.db
    .insert(leaveRequests)
    .values({
      submissionKey: 'bo-sick',
      personId: bo,
      teamId: 'phone',
      type: 'sick',
      firstDay: '2026-12-09' as LocalDate,
      lastDay: '2026-12-09' as LocalDate,
      reason: 'flu',
      calendarDays: 1,
      leaveDays: 1,
      hours: 12,
      noticeMinutes: 60,
      lateNotice: true,
      proof: 'owed',
    })
    .returning();
  const [call] = await deps.db
    .insert(coverCalls)
    .values({
      requestId: sick?.id as number,
      teamId: 'phone',
      personId: bo,
      date: '2026-12-09' as LocalDate,
      shiftCode: 'W',
      calledBy: lead,
      calledAt: new Date(now),
      takenBy: me,
      takenAt: new Date(now),
    })
    .returning();
  await deps.db.insert(swapRequests).values({
    submissionKey: `cover:${call?.id}`,
    teamId: 'phone',
    requesterId: bo,
    colleagueId: me,
    giveDate: '2026-12-09' as LocalDate,
    giveShift: 'W',
    status: 'approved',
    leadId: lead,
    deadline: new Date(now),
    coverCallId: call?.id as number,
  });
  await swap({ from: me, to: bo, give: '2026-12-05', take: '2026-12-08', takeShift: 'C', status: 'approved' });
  await swap({ from: cai, to: me, give: '2026-12-06', status: 'approved' });
  await swap({ from: me, to: bo, give: '2026-12-10', status: 'pending_colleague' });
  await swap({ from: cai, to: me, give: '2026-12-11', status: 'pending_lead' });
  await swap({ from: bo, to: me, give: '2026-12-12', status: 'pending_colleague' }); // asks me: the inbox's, not here
  await swap({ from: me, to: cai, give: '2026-12-15', status: 'declined' });
  await leave({ type: 'annual', status: 'approved', days: [{ date: '2026-12-04', shiftCode: 'R' }] });
  await leave({ type: 'annual', status: 'approved', days: [{ date: '2026-03-02', shiftCode: 'R' }] });
  await leave({ type: 'annual', status: 'approved', days: [{ date: '2025-12-30', shiftCode: 'R' }] }); // last year
  await leave({ type: 'annual', status: 'pending', days: [{ date: '2026-12-10', shiftCode: 'R' }] });
  await leave({ type: 'annual', status: 'rejected', days: [{ date: '2026-12-15', shiftCode: 'R' }] });
  await leave({ type: 'comp_time', status: 'approved', days: [{ date: '2026-11-20', shiftCode: 'R' }], hours: 5 });
  await deps.db.insert(compTimeCredits).values([
    { personId: me, earnedOn: '2026-05-01' as LocalDate, hours: 6 }, // expired on 1 November
    { personId: me, earnedOn: '2026-07-01' as LocalDate, hours: 8 }, // 5 of them spent on 20 November
    { personId: me, earnedOn: '2026-10-01' as LocalDate, hours: 4 },
  ]);
});

afterAll(async () => {
  await testDb?.drop();
});

async function week() {
  const person = await findPerson(deps.db, me);
  if (!person) throw new Error('no person');
  return loadMyWeek(deps, person);
}

describe('my shifts on the Home', () => {
  it("lists 14 days from today in the team's zone, the night shift still on first", async () => {
    const { today, days, shifts } = await week();
    expect(today).toBe('2026-12-02');
    expect(days).toBe(14);
    expect(shifts.map((s) => `${s.date} ${s.shiftCode}`)).toEqual([
      '2026-12-01 W',
      '2026-12-03 W',
      '2026-12-04 R',
      '2026-12-05 R',
      '2026-12-06 R',
      '2026-12-08 C',
      '2026-12-09 W',
      '2026-12-10 R',
      '2026-12-13 L',
      '2026-12-15 R',
    ]);
    expect(shifts[0]).toMatchObject({
      today: true,
      night: true,
      state: 'scheduled',
      start: new Date('2026-12-01T12:30:00Z'),
      end: new Date('2026-12-02T00:30:00Z'),
    });
    expect(shifts.filter((s) => s.today)).toHaveLength(1);
  });

  it('ends a shift that crosses midnight on the next day, and marks only shifts with a night allowance as night', async () => {
    const { shifts } = await week();
    const night = shifts.find((s) => s.date === '2026-12-03');
    expect(night).toMatchObject({
      night: true,
      start: new Date('2026-12-03T12:30:00Z'),
      end: new Date('2026-12-04T00:30:00Z'),
      today: false,
    });
    expect(shifts.find((s) => s.date === '2026-12-13')).toMatchObject({
      night: false,
      start: new Date('2026-12-13T08:00:00Z'),
      end: new Date('2026-12-13T17:00:00Z'),
    });
    expect(shifts.filter((s) => s.night).map((s) => s.date)).toEqual(['2026-12-01', '2026-12-03', '2026-12-09']);
  });

  it('says which shifts are on leave, swapped away (and to whom) or taken over (and from whom)', async () => {
    const { shifts, people } = await week();
    const state = (date: string) => {
      const s = shifts.find((x) => x.date === date);
      return `${s?.state}${s?.otherId ? ` ${people.get(s.otherId)?.name}` : ''}`;
    };
    expect(state('2026-12-04')).toBe('on_leave');
    expect(state('2026-12-05')).toBe('swapped_away Bo');
    expect(state('2026-12-06')).toBe('taken_over Cai');
    expect(state('2026-12-08')).toBe('taken_over Bo');
    expect(state('2026-12-09')).toBe('taken_over Bo'); // an emergency cover
    expect(state('2026-12-10')).toBe('scheduled');
  });

  it('follows home.days of the team', async () => {
    const policy = shippedPolicy();
    const shorter = {
      ...policy,
      teams: {
        ...policy.teams,
        phone: { ...policy.teams.phone!, rules: { ...policy.teams.phone!.rules, home: { ...policy.teams.phone!.rules.home, days: 3 } } },
      },
    };
    const person = await findPerson(deps.db, me);
    const mine = await loadMyWeek({ ...deps, policy: shorter }, person!);
    expect(mine.days).toBe(3);
    expect(mine.shifts.map((s) => s.date)).toEqual(['2026-12-01', '2026-12-03', '2026-12-04']);
  });
});

describe('my balances on the Home', () => {
  it("counts this year's annual leave: approved, waiting and left of the entitlement", async () => {
    const { balances } = await week();
    expect(balances.annual).toEqual([{ type: 'annual', entitled: 7, taken: 2, pending: 1, left: 4 }]);
  });

  it('lists comp-time credits still usable with their hours left, the next to expire first', async () => {
    const { balances } = await week();
    expect(balances.hasCompTime).toBe(true);
    expect(balances.compTime).toEqual([
      { earnedOn: '2026-07-01', hours: 8, left: 3, expiresOn: '2027-01-01' },
      { earnedOn: '2026-10-01', hours: 4, left: 4, expiresOn: '2027-04-01' },
    ]);
  });

  it("counts this month's capped leave days and voluntary swaps against their limits", async () => {
    const { balances } = await week();
    expect(balances.monthlyCap).toEqual({ month: '2026-12', used: 2, cap: 4 });
    // the approved exchange of the 5th and the pending one of the 10th; swaps others asked of me, and covers, do not count
    expect(balances.swaps).toEqual({ month: '2026-12', used: 2, max: 2 });
  });
});

describe('my requests in progress on the Home', () => {
  it('has my pending leave with the step it waits at, my approved leave still to begin (not that already taken), and the swaps waiting for a colleague or the lead', async () => {
    const { leave: inFlight, swaps, people } = await week();
    expect(inFlight.map((l) => [l.request.firstDay, l.request.status, l.step?.approverId])).toEqual([
      ['2026-12-04', 'approved', undefined],
      ['2026-12-10', 'pending', lead],
    ]);
    expect(people.get(lead)?.name).toBe('Lead Sun');
    expect(swaps.map((s) => [s.giveDate, s.requesterId, s.status])).toEqual([
      ['2026-12-10', me, 'pending_colleague'],
      ['2026-12-11', cai, 'pending_lead'],
    ]);
  });
});
