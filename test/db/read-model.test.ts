import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { teamRosterBetween } from '../../src/db/queries/coverage.js';
import { approvedLeaveOf, findLeaveBySubmission, pendingLeaveOf, scheduledCounts } from '../../src/db/queries/leave.js';
import { heldShifts, requestedSwapCounts, scheduledShiftsOf } from '../../src/db/queries/swap.js';
import { readLeaveFacts, type LeaveFacts, type LeaveFactsQuery } from '../../src/db/queries/leave-facts.js';
import { findPerson } from '../../src/db/queries/people.js';
import { ReadModel } from '../../src/db/read-model/read-model.js';
import { compTimeCredits, leaveCoveredShifts, leaveRequests, people, rosterEntries, swapHolds, swapRequests } from '../../src/db/schema.js';
import { groupCoverageRoster } from '../../src/policy/team-coverage.js';
import { addDays, type LocalDate } from '../../src/policy/time.js';
import { aPerson, insertPeople } from '../fixtures/org.js';
import { FakeClock } from '../harness/fake-clock.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';

const onPostgres = process.env.TEST_DATABASE_URL !== undefined;
const policy = shippedPolicy();
const logger = pino({ level: 'silent' });
const clock = new FakeClock('2026-12-01T02:00:00Z');
const today = '2026-12-01' as LocalDate;
const ids = ['U0RM1', 'U0RM2', 'U0RM3'] as const;
const day = (offset: number) => addDays(today, offset);

let testDb: TestDatabase;
let model: ReadModel;
let submissions = 0;

beforeAll(async () => {
  testDb = await createTestDatabase({ policy });
  await insertPeople(testDb.database.db, [
    aPerson({ slackId: 'U0RMLEAD', role: 'lead' }),
    ...ids.map((slackId) => aPerson({ slackId, reportsTo: 'U0RMLEAD' })),
  ]);
  model = await ReadModel.start(testDb.database, { clock, policy, logger });
  await model.caughtUp();
});

afterAll(async () => {
  await model?.stop();
  await testDb?.drop();
});

/** Facts in a fixed order: the database returns held leave in no particular one. */
function sorted(facts: LeaveFacts | undefined) {
  if (!facts) return undefined;
  const by = (a: object, b: object) => JSON.stringify(a).localeCompare(JSON.stringify(b));
  return {
    roster: facts.roster,
    periods: [...facts.held.periods].sort(by),
    days: [...facts.held.days].sort(by),
    credits: [...facts.credits].sort(by),
    spends: [...facts.spends].sort(by),
  };
}

const queries = (personId: string): LeaveFactsQuery[] => [
  { personId, roster: { from: day(0), to: day(40) }, held: { from: '2026-01-01' as LocalDate, to: '2027-12-31' as LocalDate } },
  { personId, roster: { from: day(3), to: day(9) }, held: { from: day(3), to: day(9) }, compTimeTypes: ['comp_time'] },
  { personId, roster: { from: day(-1), to: day(-1) }, held: { from: day(-1), to: day(20) }, compTimeTypes: ['comp_time'] },
  // past the roster the model holds (as far as the swap form offers shifts, 62 days): read from the database
  { personId, roster: { from: day(60), to: day(90) }, held: { from: day(60), to: day(90) } },
];
/** Past the last day of the roster the model holds. */
const pastTheWindow = (q: LeaveFactsQuery) => q.roster.to > day(63);

const teamRanges = [
  { teamId: 'phone', from: day(0), to: day(40) },
  { teamId: 'phone', from: day(-1), to: day(3) },
];
const countedDays = [day(-1), day(0), day(3), day(9), day(40)];

/** The team's roster and counts of people still scheduled, as the Home's coverage and inbox read them: the model's, when it answers, equal the database's. */
async function expectSameTeamFacts(db: Database['db'], mustAnswer: boolean): Promise<void> {
  for (const range of teamRanges) {
    const roster = model.coverageRoster(range);
    if (mustAnswer) expect(roster).toBeDefined();
    if (roster) expect(roster).toEqual(groupCoverageRoster(await teamRosterBetween(db, range)));
  }
  const counts = model.scheduledCounts({ teamId: 'phone', dates: countedDays });
  if (mustAnswer) expect(counts).toBeDefined();
  if (counts) expect(counts).toEqual(await scheduledCounts(db, { teamId: 'phone', dates: countedDays }));
}

const swapRanges = [
  { from: day(-2), to: day(12) },
  { from: day(30), to: day(62) },
];

/** Both people's shifts and leave as the swap check reads them: the model's, when it answers, equal the database's. */
async function expectSameSwapFacts(db: Database['db'], mustAnswer: boolean): Promise<void> {
  for (const range of swapRanges) {
    for (const personIds of [
      [ids[0], ids[1]],
      [ids[2], 'U0RMNOBODY'],
    ]) {
      const held = model.swapFacts({ personIds, ...range });
      if (mustAnswer) expect(held).toBeDefined();
      if (!held) continue;
      const [shifts, approved, pending] = await Promise.all([
        scheduledShiftsOf(db, { personIds, ...range }),
        approvedLeaveOf(db, personIds, { start: range.from, end: range.to }),
        pendingLeaveOf(db, personIds, { start: range.from, end: range.to }),
      ]);
      const periods = (by: Map<string, { firstDay: string; lastDay: string }[]>) =>
        new Map(
          [...by].map(([id, list]) => [
            id,
            [...list].sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.lastDay.localeCompare(b.lastDay)),
          ]),
        );
      for (const id of personIds) expect(held.shifts.filter((s) => s.personId === id)).toEqual(shifts.filter((s) => s.personId === id));
      expect(periods(held.approved)).toEqual(periods(approved));
      expect(periods(held.pending)).toEqual(periods(pending));
    }
  }
}

const countedMonths = [
  { from: '2026-11-01' as LocalDate, to: '2026-11-30' as LocalDate },
  { from: '2026-12-01' as LocalDate, to: '2026-12-31' as LocalDate },
  { from: '2027-01-01' as LocalDate, to: '2027-01-31' as LocalDate },
];
const heldAsked = [0, 1, 5, 30].flatMap((offset) =>
  [...ids, 'U0RMNOBODY'].flatMap((personId) => ['A', 'C'].map((shiftCode) => ({ personId, date: day(offset), shiftCode }))),
);

/** The month's swap counts and the shifts pending swaps hold, as the swap check reads them: the model's, when it answers, equal the database's. */
async function expectSameSwapCounts(db: Database['db'], mustAnswer: boolean): Promise<void> {
  // the latest swap, left out as when a swap is checked again
  const [latest] = await db.select({ id: sql<number | null>`max(${swapRequests.id})` }).from(swapRequests);
  const exceptSwapId = Number(latest?.id ?? 0);
  for (const month of countedMonths) {
    for (const except of [{}, { exceptSwapId }]) {
      const q = { personIds: [...ids, 'U0RMNOBODY'], ...month, ...except };
      const counts = model.swapCounts(q);
      if (mustAnswer) expect(counts).toBeDefined();
      if (counts) expect(counts).toEqual(await requestedSwapCounts(db, q));
    }
  }
  for (const except of [undefined, exceptSwapId]) {
    const held = model.heldShifts(heldAsked, except);
    if (mustAnswer) expect(held).toBeDefined();
    if (held) expect(held).toEqual(await heldShifts(db, heldAsked, except));
  }
}

/** Every answer the model gives equals the database's. */
async function expectSameAsDatabase(db: Database['db']): Promise<void> {
  await expectSameTeamFacts(db, true);
  await expectSameSwapFacts(db, true);
  await expectSameSwapCounts(db, true);
  for (const personId of [...ids, 'U0RMNOBODY']) {
    const known = model.personOf(personId);
    expect(known, personId).toBeDefined();
    expect(known?.person).toEqual(await findPerson(db, personId));
    for (const q of queries(personId)) {
      const fromModel = model.leaveFacts(q);
      if (known?.person && !pastTheWindow(q)) expect(fromModel, JSON.stringify(q)).toBeDefined();
      if (pastTheWindow(q)) expect(fromModel).toBeUndefined();
      if (fromModel) expect(sorted(fromModel)).toEqual(sorted(await readLeaveFacts(db, q)));
      const readingAhead = await model.leaveFactsReadingAhead(q);
      if (known?.person) expect(readingAhead, JSON.stringify(q)).toBeDefined();
      if (readingAhead) expect(sorted(readingAhead)).toEqual(sorted(await readLeaveFacts(db, q)));
    }
  }
}

type Change =
  | { kind: 'shift'; person: number; offset: number; code: 'A' | 'C' }
  | { kind: 'shift_status'; person: number; offset: number; status: 'scheduled' | 'on_leave' | 'swapped' }
  | { kind: 'drop_shifts'; person: number; offset: number }
  | {
      kind: 'leave';
      person: number;
      offset: number;
      length: number;
      type: 'annual' | 'comp_time' | 'sick';
      status: 'pending' | 'approved' | 'rejected';
    }
  | { kind: 'leave_status'; person: number; status: 'pending' | 'approved' | 'cancelled' }
  | { kind: 'credit'; person: number; offset: number; hours: number }
  | { kind: 'drop_covered'; person: number }
  | { kind: 'person'; person: number; annualLeaveDays: number | null; active: boolean }
  | {
      kind: 'swap';
      person: number;
      colleague: number;
      offset: number;
      status: 'pending_colleague' | 'pending_lead' | 'approved' | 'rejected';
      hold: boolean;
    }
  | { kind: 'swap_status'; person: number; status: 'pending_lead' | 'approved' | 'cancelled' }
  | { kind: 'release_holds'; person: number };

const person = fc.integer({ min: 0, max: ids.length - 1 });
const offset = fc.integer({ min: -5, max: 85 });
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('shift' as const), person, offset, code: fc.constantFrom('A' as const, 'C' as const) }),
  fc.record({
    kind: fc.constant('shift_status' as const),
    person,
    offset,
    status: fc.constantFrom('scheduled' as const, 'on_leave' as const, 'swapped' as const),
  }),
  fc.record({ kind: fc.constant('drop_shifts' as const), person, offset }),
  fc.record({
    kind: fc.constant('leave' as const),
    person,
    offset: fc.integer({ min: -400, max: 45 }),
    length: fc.integer({ min: 1, max: 4 }),
    type: fc.constantFrom('annual' as const, 'comp_time' as const, 'sick' as const),
    status: fc.constantFrom('pending' as const, 'approved' as const, 'rejected' as const),
  }),
  fc.record({
    kind: fc.constant('leave_status' as const),
    person,
    status: fc.constantFrom('pending' as const, 'approved' as const, 'cancelled' as const),
  }),
  fc.record({
    kind: fc.constant('credit' as const),
    person,
    offset: fc.integer({ min: -200, max: 0 }),
    hours: fc.integer({ min: 1, max: 16 }),
  }),
  fc.record({ kind: fc.constant('drop_covered' as const), person }),
  fc.record({
    kind: fc.constant('person' as const),
    person,
    annualLeaveDays: fc.option(fc.integer({ min: 0, max: 20 })),
    active: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('swap' as const),
    person,
    colleague: person,
    // from last month to the month after next: counted by the give date's month
    offset: fc.integer({ min: -35, max: 45 }),
    status: fc.constantFrom('pending_colleague' as const, 'pending_lead' as const, 'approved' as const, 'rejected' as const),
    hold: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('swap_status' as const),
    person,
    status: fc.constantFrom('pending_lead' as const, 'approved' as const, 'cancelled' as const),
  }),
  fc.record({ kind: fc.constant('release_holds' as const), person }),
);

async function apply(db: Database['db'], c: Change): Promise<void> {
  const personId = ids[c.person] as string;
  switch (c.kind) {
    case 'shift':
      await db
        .insert(rosterEntries)
        .values({ personId, teamId: 'phone', date: day(c.offset), shiftCode: c.code })
        .onConflictDoNothing();
      return;
    case 'shift_status':
      await db
        .update(rosterEntries)
        .set({ status: c.status })
        .where(and(eq(rosterEntries.personId, personId), eq(rosterEntries.date, day(c.offset))));
      return;
    case 'drop_shifts':
      await db.delete(rosterEntries).where(and(eq(rosterEntries.personId, personId), eq(rosterEntries.date, day(c.offset))));
      return;
    case 'leave':
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(leaveRequests)
          .values({
            submissionKey: `${personId}:VRM${++submissions}`,
            personId,
            teamId: 'phone',
            type: c.type,
            firstDay: day(c.offset),
            lastDay: day(c.offset + c.length - 1),
            reason: 'test',
            status: c.status,
            calendarDays: c.length,
            leaveDays: c.length,
            hours: c.length * 8,
            noticeMinutes: 0,
            lateNotice: false,
            proof: 'not_needed',
          })
          .returning({ id: leaveRequests.id });
        const covered = Array.from({ length: c.length }, (_, i) => ({
          requestId: row?.id as number,
          date: day(c.offset + i),
          shiftCode: 'A',
        }));
        await tx.insert(leaveCoveredShifts).values(covered);
      });
      return;
    case 'leave_status':
      await db.execute(
        sql`update leave_requests set status = ${c.status} where id = (select max(id) from leave_requests where person_id = ${personId})`,
      );
      return;
    case 'drop_covered':
      await db.execute(
        sql`delete from leave_covered_shifts where (request_id, date) in (select c.request_id, min(c.date) from leave_covered_shifts c join leave_requests r on r.id = c.request_id where r.person_id = ${personId} group by c.request_id order by c.request_id desc limit 1)`,
      );
      return;
    case 'credit':
      await db
        .insert(compTimeCredits)
        .values({ personId, earnedOn: day(c.offset), hours: c.hours })
        .onConflictDoNothing();
      return;
    case 'person':
      await db.update(people).set({ annualLeaveDays: c.annualLeaveDays, active: c.active }).where(eq(people.slackId, personId));
      return;
    case 'swap': {
      const colleagueId = ids[c.colleague] as string;
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(swapRequests)
          .values({
            submissionKey: `${personId}:VRMS${++submissions}`,
            teamId: 'phone',
            requesterId: personId,
            colleagueId,
            giveDate: day(c.offset),
            giveShift: 'A',
            status: c.status,
            deadline: new Date('2027-03-01T00:00:00Z'),
          })
          .returning({ id: swapRequests.id });
        if (c.hold)
          await tx
            .insert(swapHolds)
            .values({ personId, date: day(c.offset), shiftCode: 'A', swapId: row?.id as number })
            .onConflictDoNothing();
      });
      return;
    }
    case 'swap_status':
      await db.execute(
        sql`update swap_requests set status = ${c.status} where id = (select max(id) from swap_requests where requester_id = ${personId})`,
      );
      return;
    case 'release_holds':
      await db.delete(swapHolds).where(eq(swapHolds.personId, personId));
  }
}

describe('the read model', () => {
  // 40 runs of up to 8 changes, each compared with the database: minutes on two busy cores
  it('answers exactly what the database holds after any sequence of changes (property)', { timeout: 600_000 }, async () => {
    const db = testDb.database.db;
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 8 }), async (changes) => {
        for (const c of changes) {
          await apply(db, c);
          // Right after a commit, whatever the model answers is what the database holds: the changed person
          // is left to the database until read again, everyone else from memory. (On PostgreSQL a notice
          // takes a moment to arrive, so only the state after catching up is compared there.)
          if (onPostgres) continue;
          for (const personId of ids) {
            for (const q of queries(personId)) {
              const fromModel = model.leaveFacts(q);
              if (fromModel) expect(sorted(fromModel)).toEqual(sorted(await readLeaveFacts(db, q)));
              if (!pastTheWindow(q)) continue;
              const readingAhead = await model.leaveFactsReadingAhead(q);
              if (readingAhead) expect(sorted(readingAhead)).toEqual(sorted(await readLeaveFacts(db, q)));
            }
          }
          await expectSameTeamFacts(db, false);
          await expectSameSwapFacts(db, false);
          await expectSameSwapCounts(db, false);
        }
        await model.caughtUp();
        await expectSameAsDatabase(db);
      }),
      { numRuns: 40, seed: 20261130 },
    );
  });

  it('knows which submissions are filed, and says nothing of rows before its window', async () => {
    const db = testDb.database.db;
    await apply(db, { kind: 'leave', person: 0, offset: 2, length: 1, type: 'annual', status: 'pending' });
    await model.caughtUp();
    const key = `${ids[0]}:VRM${submissions}`;
    expect(model.hasLeaveSubmission(ids[0], key)).toBe(true);
    expect(await findLeaveBySubmission(db, key)).toBeDefined();
    expect(model.hasLeaveSubmission(ids[0], `${ids[0]}:VNEVER`)).toBe(false);
    expect(
      model.leaveFacts({ personId: ids[0], roster: { from: day(-30), to: day(0) }, held: { from: day(-30), to: day(0) } }),
    ).toBeUndefined();
    expect(
      model.leaveFacts({ personId: ids[0], roster: { from: day(0), to: day(5) }, held: { from: '2025-06-01' as LocalDate, to: day(5) } }),
    ).toBeUndefined();
  });

  it('learns of people added after it started, and of a table emptied', async () => {
    const db = testDb.database.db;
    await insertPeople(db, [aPerson({ slackId: 'U0RMNEW', reportsTo: 'U0RMLEAD' })]);
    await model.caughtUp();
    expect(model.personOf('U0RMNEW')?.person?.slackId).toBe('U0RMNEW');
    await db.execute(sql`truncate comp_time_credits`);
    await model.caughtUp();
    await expectSameAsDatabase(db);
  });

  // one process owns a PGlite database: only PostgreSQL has other connections
  it.skipIf(!onPostgres)('sees what another connection to the same database writes', async () => {
    const other = await openDatabase(testDb.target);
    try {
      await apply(other.db, { kind: 'shift', person: 1, offset: 44, code: 'C' });
      await model.caughtUp();
      const q = { personId: ids[1], roster: { from: day(44), to: day(44) }, held: { from: day(44), to: day(44) } };
      expect(model.leaveFacts(q)?.roster.map((r) => r.shiftCode)).toContain('C');
    } finally {
      await other.close();
    }
  });

  it.skipIf(!onPostgres)('reads everyone again once its connection for notices is back after being cut', async () => {
    const other = await openDatabase(testDb.target);
    try {
      await other.db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen%'`,
      );
      await apply(other.db, { kind: 'shift', person: 2, offset: 43, code: 'C' });
      const q = { personId: ids[2], roster: { from: day(43), to: day(43) }, held: { from: day(43), to: day(43) } };
      await expect.poll(() => model.leaveFacts(q)?.roster.map((r) => r.shiftCode), { timeout: 15_000 }).toContain('C');
      await model.caughtUp();
      await expectSameAsDatabase(testDb.database.db);
    } finally {
      await other.close();
    }
  });
});
