import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPerson } from '../../src/db/queries/people.js';
import { rosterEntries, swapHolds, swapRequests, type Person } from '../../src/db/schema.js';
import type { LocalDate } from '../../src/policy/time.js';
import type { UseCaseDeps } from '../../src/use-cases/deps.js';
import { answerSwap, claimMissingSwapCards, decideSwap, submitSwap } from '../../src/use-cases/swap.js';
import { weekFactsFor } from '../../src/db/queries/report.js';
import { staffingChangesForShift } from '../../src/db/queries/handover.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import type { FakeClock } from '../harness/fake-clock.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';
import { useCaseDeps } from '../fixtures/deps.js';

/** Swap use cases on the database itself; on PostgreSQL (TEST_DATABASE_URL) the races run truly in parallel. */
let testDb: TestDatabase;
let deps: UseCaseDeps;
const agents = ['U0A', 'U0B', 'U0C', 'U0D', 'U0E', 'U0F'];

beforeAll(async () => {
  const policy = shippedPolicy();
  testDb = await createTestDatabase({ policy });
  deps = useCaseDeps(testDb.database.db, policy);
  await insertPeople(deps.db, [
    aPerson({ slackId: 'U0MGR', role: 'manager' }),
    aPerson({ slackId: 'U0LEAD', role: 'lead', reportsTo: 'U0MGR' }),
    ...agents.map((slackId) => aPerson({ slackId, reportsTo: 'U0LEAD' })),
  ]);
  await insertShifts(deps.db, [
    { personId: 'U0A', date: '2026-12-10', shiftCode: 'R' },
    { personId: 'U0E', date: '2026-12-15', shiftCode: 'R' },
    { personId: 'U0F', date: '2026-12-16', shiftCode: 'R' },
    { personId: 'U0B', date: '2026-12-12', shiftCode: 'R' },
    { personId: 'U0C', date: '2026-12-12', shiftCode: 'C' },
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

describe('racing swaps', () => {
  it('five requests for one shift to five colleagues at once: exactly one is filed', async () => {
    const results = await Promise.all(
      ['U0B', 'U0C', 'U0D', 'U0E', 'U0F'].map(async (colleagueId, i) =>
        submitSwap(
          deps,
          await personOf('U0A'),
          { colleagueId, give: { date: day('2026-12-10'), shiftCode: 'R' }, take: undefined, note: '' },
          `race-${i}`,
        ),
      ),
    );
    expect(results.filter((r) => r.kind === 'submitted')).toHaveLength(1);
    const refused = results.filter((r) => r.kind === 'refused');
    expect(refused).toHaveLength(4);
    for (const r of refused) expect(r.kind === 'refused' && r.refusals.map((x) => x.code)).toEqual(['swap.refusal.pending']);
  });

  it('two swaps that each give one person a shift on the same day, approved at once: one wins, the other is cancelled', async () => {
    const [b, c] = await Promise.all(
      (['U0B', 'U0C'] as const).map(async (requesterId) => {
        const requester = await personOf(requesterId);
        const date = day('2026-12-12');
        const shiftCode = requesterId === 'U0B' ? 'R' : 'C';
        const filed = await submitSwap(
          deps,
          requester,
          { colleagueId: 'U0D', give: { date, shiftCode }, take: undefined, note: '' },
          `overlap-${requesterId}`,
        );
        if (filed.kind !== 'submitted') throw new Error(`not filed: ${JSON.stringify(filed)}`);
        expect((await answerSwap(deps, { swapId: filed.swap.id, actorId: 'U0D', accept: true })).kind).toBe('accepted');
        return filed.swap.id;
      }),
    );
    const decisions = await Promise.all(
      [b, c].map((swapId) => decideSwap(deps, { swapId: swapId as number, actorId: 'U0LEAD', approve: true })),
    );
    expect(decisions.map((d) => d.kind).sort()).toEqual(['approved', 'cancelled']);
    const cancelled = decisions.find((d) => d.kind === 'cancelled');
    expect(cancelled?.kind === 'cancelled' && cancelled.refusals.map((r) => r.code)).toEqual(['swap.refusal.overlap']);
    const rows = await deps.db.select().from(rosterEntries).where(eq(rosterEntries.personId, 'U0D'));
    expect(rows.filter((r) => r.status === 'scheduled')).toHaveLength(1);
    const statuses = await deps.db
      .select({ status: swapRequests.status })
      .from(swapRequests)
      .where(inArray(swapRequests.id, [b as number, c as number]));
    expect(statuses.map((s) => s.status).sort()).toEqual(['approved', 'cancelled']);
  });
});

describe('an approved swap in the weekly report', () => {
  it('shows in the week facts of both people, with the other one’s name', async () => {
    const week = { start: day('2026-12-07'), end: day('2026-12-13') };
    const taker = await weekFactsFor(deps.db, 'U0D', week);
    expect(taker.swaps).toHaveLength(1);
    expect(taker.swaps[0]).toMatchObject({ date: '2026-12-12', withName: expect.stringMatching(/^Agent U0[BC]$/) });
    const giver = taker.swaps[0]?.withName === 'Agent U0B' ? 'U0B' : 'U0C';
    expect((await weekFactsFor(deps.db, giver, week)).swaps).toEqual([
      { date: '2026-12-12', shiftCode: taker.swaps[0]?.shiftCode, withName: 'Agent U0D' },
    ]);
    expect((await weekFactsFor(deps.db, 'U0D', { start: day('2026-12-14'), end: day('2026-12-20') })).swaps).toEqual([]);
  });
});

describe('an approved swap in the next handover', () => {
  it('is listed under staffing changes with who works the shift instead', async () => {
    const [approved] = await deps.db.select().from(swapRequests).where(eq(swapRequests.status, 'approved'));
    const changes = await staffingChangesForShift(deps.db, {
      teamId: 'phone',
      date: '2026-12-12' as LocalDate,
      shiftCode: approved?.giveShift as string,
    });
    expect(changes).toEqual([
      { kind: 'swap', personId: approved?.requesterId, name: `Agent ${approved?.requesterId}`, coveredBy: 'Agent U0D' },
    ]);
  });
});

describe('who may decide', () => {
  it('never lets the colleague approve: when they are the requester’s lead the swap goes a level up', async () => {
    const filed = await submitSwap(
      deps,
      await personOf('U0E'),
      { colleagueId: 'U0LEAD', give: { date: day('2026-12-15'), shiftCode: 'R' }, take: undefined, note: '' },
      'lead-covers',
    );
    if (filed.kind !== 'submitted') throw new Error(JSON.stringify(filed));
    const accepted = await answerSwap(deps, { swapId: filed.swap.id, actorId: 'U0LEAD', accept: true });
    expect(accepted).toMatchObject({ kind: 'accepted', swap: { leadId: 'U0MGR' } });
    expect((await decideSwap(deps, { swapId: filed.swap.id, actorId: 'U0LEAD', approve: true })).kind).toBe('not_yours');
    expect((await decideSwap(deps, { swapId: filed.swap.id, actorId: 'U0E', approve: true })).kind).toBe('not_yours');
    expect((await decideSwap(deps, { swapId: filed.swap.id, actorId: 'U0MGR', approve: true })).kind).toBe('approved');
  });

  it('expires a swap answered after its notice deadline, before the expiry job got to it', async () => {
    const filed = await submitSwap(
      deps,
      await personOf('U0F'),
      { colleagueId: 'U0A', give: { date: day('2026-12-16'), shiftCode: 'R' }, take: undefined, note: '' },
      'late-answer',
    );
    if (filed.kind !== 'submitted') throw new Error(JSON.stringify(filed));
    const clock = deps.clock as FakeClock;
    clock.set('2026-12-15T00:31:00Z'); // 08:31 on the 15th: less than 24 h before the R shift on the 16th
    try {
      expect(await answerSwap(deps, { swapId: filed.swap.id, actorId: 'U0A', accept: true })).toMatchObject({
        kind: 'expired',
        swap: { status: 'expired' },
      });
      expect(await deps.db.select().from(swapHolds).where(eq(swapHolds.swapId, filed.swap.id))).toEqual([]);
    } finally {
      clock.set('2026-12-01T02:00:00Z');
    }
  });
});

describe('the card job', () => {
  it('lets one caller at a time take on a missing card, across app copies', async () => {
    const later = new Date('2026-12-01T02:36:00Z'); // the race winner's card was never posted (no Slack here)
    const [first, second] = await Promise.all([claimMissingSwapCards(deps, later), claimMissingSwapCards(deps, later)]);
    const claimed = [...(first ?? []), ...(second ?? [])];
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({ who: 'colleague', swap: { requesterId: 'U0A', status: 'pending_colleague' } });
    expect(await claimMissingSwapCards(deps, new Date('2026-12-01T02:40:00Z'))).toEqual([]);
    expect(await claimMissingSwapCards(deps, new Date('2026-12-01T03:12:00Z'))).toHaveLength(1); // the claim ran out: try again
  });
});
