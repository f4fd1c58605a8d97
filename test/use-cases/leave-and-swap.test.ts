import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPerson } from '../../src/db/queries/people.js';
import { leaveCoveredShifts, leaveRequests, rosterEntries, type Person } from '../../src/db/schema.js';
import type { LocalDate } from '../../src/policy/time.js';
import type { UseCaseDeps } from '../../src/use-cases/deps.js';
import { decideLeave, submitLeave } from '../../src/use-cases/leave.js';
import { answerSwap, decideSwap, submitSwap } from '../../src/use-cases/swap.js';
import { listSteps } from '../../src/db/queries/leave.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';
import { useCaseDeps } from '../fixtures/deps.js';

/** Leave and swaps of the same shifts see each other; on PostgreSQL (TEST_DATABASE_URL) the race runs truly in parallel. */
let testDb: TestDatabase;
let deps: UseCaseDeps;

beforeAll(async () => {
  const policy = shippedPolicy();
  testDb = await createTestDatabase({ policy });
  deps = useCaseDeps(testDb.database.db, policy);
  await insertPeople(deps.db, [
    aPerson({ slackId: 'U0GM', role: 'gm' }),
    aPerson({ slackId: 'U0MGR', role: 'manager', reportsTo: 'U0GM' }),
    aPerson({ slackId: 'U0LEAD', role: 'lead', reportsTo: 'U0MGR' }),
    ...['U0A', 'U0B', 'U0C', 'U0D', 'U0E', 'U0F', 'U0G', 'U0H'].map((slackId) => aPerson({ slackId, reportsTo: 'U0LEAD' })),
  ]);
  // the R shift needs two people: U0G and U0H keep each day staffed
  await insertShifts(deps.db, [
    ...['2026-12-16', '2026-12-17', '2026-12-18', '2026-12-19'].flatMap((date) =>
      ['U0G', 'U0H'].map((personId) => ({ personId, date, shiftCode: 'R' })),
    ),
    { personId: 'U0A', date: '2026-12-16', shiftCode: 'R' },
    { personId: 'U0B', date: '2026-12-17', shiftCode: 'R' },
    { personId: 'U0C', date: '2026-12-16', shiftCode: 'R' },
    { personId: 'U0C', date: '2026-12-18', shiftCode: 'R' },
    { personId: 'U0D', date: '2026-12-19', shiftCode: 'R' },
    { personId: 'U0F', date: '2026-12-19', shiftCode: 'R' },
  ]);
});

afterAll(async () => {
  await testDb?.drop();
});

const day = (text: string) => text as LocalDate;
async function personOf(slackId: string): Promise<Person> {
  const person = await findPerson(deps.db, slackId);
  if (!person) throw new Error(`no person ${slackId}`);
  return person;
}
const personal = (first: string, last = first) => ({
  type: 'personal',
  firstDay: day(first),
  lastDay: day(last),
  reason: 'family',
  proofFiles: [],
  proofLater: false,
});
async function fileLeave(personId: string, first: string, last = first, key = `leave-${personId}-${first}`) {
  const filed = await submitLeave(deps, await personOf(personId), personal(first, last), key);
  if (filed.kind !== 'submitted') throw new Error(`not filed: ${JSON.stringify(filed)}`);
  return filed.request;
}
/** Every step of the chain, each by its approver; the last decision is returned. */
async function approveLeave(requestId: number) {
  const [first] = await listSteps(deps.db, requestId);
  let decided = await decideLeave(deps, { stepId: first?.id as number, actorId: first?.approverId as string, approve: true });
  while (decided.kind === 'advanced')
    decided = await decideLeave(deps, { stepId: decided.next.id, actorId: decided.next.approverId, approve: true });
  return decided;
}
const rowOf = async (personId: string, date: string) =>
  (
    await deps.db
      .select()
      .from(rosterEntries)
      .where(and(eq(rosterEntries.personId, personId), eq(rosterEntries.date, date as LocalDate)))
  )[0]?.status;

describe('a swap of a shift with leave waiting for a decision', () => {
  it('is refused to the requester who asked leave for that shift, on their shift’s field', async () => {
    await fileLeave('U0A', '2026-12-16');
    const result = await submitSwap(
      deps,
      await personOf('U0A'),
      { colleagueId: 'U0E', give: { date: day('2026-12-16'), shiftCode: 'R' }, take: undefined, note: '' },
      'swap-a',
    );
    expect(result).toMatchObject({
      kind: 'refused',
      refusals: [{ code: 'swap.refusal.leave_pending_self', field: 'my_shift', params: { date: '2026-12-16' } }],
    });
  });

  it('is cancelled at approval when the colleague asked leave for that day after accepting', async () => {
    const filed = await submitSwap(
      deps,
      await personOf('U0B'),
      { colleagueId: 'U0E', give: { date: day('2026-12-17'), shiftCode: 'R' }, take: undefined, note: '' },
      'swap-b',
    );
    if (filed.kind !== 'submitted') throw new Error(JSON.stringify(filed));
    expect((await answerSwap(deps, { swapId: filed.swap.id, actorId: 'U0E', accept: true })).kind).toBe('accepted');
    await insertShifts(deps.db, [{ personId: 'U0E', date: '2026-12-17', shiftCode: 'C' }]);
    await fileLeave('U0E', '2026-12-17');
    const decided = await decideSwap(deps, { swapId: filed.swap.id, actorId: 'U0LEAD', approve: true });
    expect(decided).toMatchObject({
      kind: 'cancelled',
      refusals: [{ code: 'swap.refusal.leave_pending', params: { person: 'U0E', date: '2026-12-17' } }],
    });
    expect(await rowOf('U0B', '2026-12-17')).toBe('scheduled');
  });
});

describe('approving leave whose shifts are no longer the person’s', () => {
  it('leaves out a shift swapped away meanwhile: not marked, not charged, and says so', async () => {
    const request = await fileLeave('U0C', '2026-12-16', '2026-12-18');
    expect(request).toMatchObject({ leaveDays: 2, hours: 22 });
    // the 16th went to someone else after the leave was filed (a swap approved before these checks existed, say)
    await deps.db
      .update(rosterEntries)
      .set({ status: 'swapped' })
      .where(and(eq(rosterEntries.personId, 'U0C'), eq(rosterEntries.date, '2026-12-16' as LocalDate)));
    const decided = await approveLeave(request.id);
    expect(decided).toMatchObject({ kind: 'approved', leftOut: [{ date: '2026-12-16', shiftCode: 'R' }] });
    expect(await rowOf('U0C', '2026-12-16')).toBe('swapped');
    expect(await rowOf('U0C', '2026-12-18')).toBe('on_leave');
    const [stored] = await deps.db.select().from(leaveRequests).where(eq(leaveRequests.id, request.id));
    expect(stored).toMatchObject({ status: 'approved', leaveDays: 1, hours: 11 });
    expect(
      (await deps.db.select().from(leaveCoveredShifts).where(eq(leaveCoveredShifts.requestId, request.id))).map((s) => s.date),
    ).toEqual(['2026-12-18']);
  });

  it('is refused when none of its shifts is left, and the request stays pending', async () => {
    const request = await fileLeave('U0D', '2026-12-19');
    await deps.db
      .update(rosterEntries)
      .set({ status: 'swapped' })
      .where(and(eq(rosterEntries.personId, 'U0D'), eq(rosterEntries.date, '2026-12-19' as LocalDate)));
    const decided = await approveLeave(request.id);
    expect(decided).toMatchObject({ kind: 'not_rostered', shifts: [{ date: '2026-12-19', shiftCode: 'R' }] });
    const [stored] = await deps.db.select().from(leaveRequests).where(eq(leaveRequests.id, request.id));
    expect(stored?.status).toBe('pending');
    expect(await rowOf('U0D', '2026-12-19')).toBe('swapped');
  });
});

describe('leave filed while a swap of the same shift is approved', () => {
  it('never ends with both: the leave does not cover the swapped shift, or the swap is cancelled', async () => {
    const pairs = Array.from({ length: 6 }, (_, i) => ({
      giver: `U0RG${i}`,
      taker: `U0RT${i}`,
      date: `2026-12-${String(20 + i).padStart(2, '0')}`,
    }));
    await insertPeople(
      deps.db,
      pairs.flatMap((p) => [aPerson({ slackId: p.giver, reportsTo: 'U0LEAD' }), aPerson({ slackId: p.taker, reportsTo: 'U0LEAD' })]),
    );
    await insertShifts(
      deps.db,
      pairs.flatMap((p) => [p.giver, 'U0G', 'U0H'].map((personId) => ({ personId, date: p.date, shiftCode: 'R' }))),
    );
    const swapIds = await Promise.all(
      pairs.map(async (p) => {
        const filed = await submitSwap(
          deps,
          await personOf(p.giver),
          { colleagueId: p.taker, give: { date: day(p.date), shiftCode: 'R' }, take: undefined, note: '' },
          `swap-${p.giver}`,
        );
        if (filed.kind !== 'submitted') throw new Error(JSON.stringify(filed));
        expect((await answerSwap(deps, { swapId: filed.swap.id, actorId: p.taker, accept: true })).kind).toBe('accepted');
        return filed.swap.id;
      }),
    );
    const givers = await Promise.all(pairs.map((p) => personOf(p.giver)));
    const outcomes = await Promise.all(
      pairs.map(async (p, i) => {
        const [leave, swap] = await Promise.all([
          submitLeave(deps, givers[i] as Person, personal(p.date), `leave-${p.giver}-race`),
          decideSwap(deps, { swapId: swapIds[i] as number, actorId: 'U0LEAD', approve: true }),
        ]);
        return { p, leave, swap };
      }),
    );
    for (const { p, leave, swap } of outcomes) {
      const leaveCovers =
        leave.kind === 'submitted' &&
        (await deps.db.select().from(leaveCoveredShifts).where(eq(leaveCoveredShifts.requestId, leave.request.id))).length > 0;
      if (swap.kind === 'approved') {
        expect(leaveCovers).toBe(false);
        expect(await rowOf(p.giver, p.date)).toBe('swapped');
      } else {
        expect(swap).toMatchObject({ kind: 'cancelled', refusals: [{ code: 'swap.refusal.leave_pending_self' }] });
        expect(leaveCovers).toBe(true);
        expect(await rowOf(p.giver, p.date)).toBe('scheduled');
      }
    }
  });
});
