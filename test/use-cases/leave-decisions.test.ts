import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaveApprovalSteps, leaveEvents, leaveRequests, rosterEntries } from '../../src/db/schema.js';
import type { LocalDate } from '../../src/policy/time.js';
import type { UseCaseDeps } from '../../src/use-cases/deps.js';
import { callForCover } from '../../src/use-cases/cover.js';
import { cancelLeave, decideLeave, submitLeave } from '../../src/use-cases/leave.js';
import { openLeaveRejection, rejectLeave } from '../../src/use-cases/leave-form.js';
import { escalateSlowApprovals } from '../../src/use-cases/leave-deadlines.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';
import { useCaseDeps } from '../fixtures/deps.js';

let testDb: TestDatabase;
let deps: UseCaseDeps;
const deciders = ['U0GM', 'U0MGR', 'U0LEAD', 'U0LEAD2', 'U0OTHER'] as const;

beforeAll(async () => {
  const policy = shippedPolicy();
  testDb = await createTestDatabase({ policy });
  deps = useCaseDeps(testDb.database.db, policy);
  await insertPeople(deps.db, [
    aPerson({ slackId: 'U0GM', role: 'gm' }),
    aPerson({ slackId: 'U0MGR', role: 'manager', reportsTo: 'U0GM' }),
    aPerson({ slackId: 'U0LEAD', role: 'lead', reportsTo: 'U0MGR' }),
    aPerson({ slackId: 'U0LEAD2', role: 'lead', reportsTo: 'U0MGR' }),
    aPerson({ slackId: 'U0OTHER', reportsTo: 'U0LEAD2' }),
  ]);
  // someone else on each day, so approvals keep the C shift at its minimum of 1
  await insertShifts(
    deps.db,
    ['2026-12-20', '2026-12-21', '2026-12-22', '2026-12-23'].map((date) => ({ personId: 'U0OTHER', date, shiftCode: 'C' })),
  );
});

afterAll(async () => {
  await testDb?.drop();
});

async function snapshot(requestId: number, personId: string) {
  const [request] = await deps.db.select().from(leaveRequests).where(eq(leaveRequests.id, requestId));
  const steps = await deps.db.select().from(leaveApprovalSteps).where(eq(leaveApprovalSteps.requestId, requestId));
  const events = await deps.db.select().from(leaveEvents).where(eq(leaveEvents.requestId, requestId));
  const roster = await deps.db.select().from(rosterEntries).where(eq(rosterEntries.personId, personId));
  return {
    status: request?.status,
    steps: steps.map((s) => [s.position, s.status, s.decidedBy, s.note]),
    events: events.length,
    roster: roster.map((r) => [r.date, r.status]),
  };
}

let run = 0;
const outcomes = new Map<string, number>();

describe('deciding leave', () => {
  it('changes nothing when any sequence of decisions is delivered again (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('annual', 'personal'),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ actor: fc.constantFrom(...deciders), approve: fc.boolean() }), { minLength: 1, maxLength: 6 }),
        async (type, length, attempts) => {
          run += 1;
          const agent = `U0AGENT${run}`;
          await insertPeople(deps.db, [aPerson({ slackId: agent, reportsTo: 'U0LEAD', annualLeaveDays: 20 })]);
          const days = Array.from({ length }, (_, i) => `2026-12-${String(20 + i).padStart(2, '0')}`);
          await insertShifts(
            deps.db,
            days.map((date) => ({ personId: agent, date, shiftCode: 'C' })),
          );
          const person = {
            ...aPerson({ slackId: agent, reportsTo: 'U0LEAD' }),
            annualLeaveDays: 20,
            locale: null,
            timezone: null,
            active: true,
            createdAt: new Date(),
            updatedAt: new Date(),
            reportsTo: 'U0LEAD',
          } as const;
          const draft = {
            type,
            firstDay: days[0] as LocalDate,
            lastDay: days.at(-1) as LocalDate,
            reason: 'property',
            proofFiles: [],
            proofLater: false,
          };
          const submitted = await submitLeave(deps, person as never, draft, `property-${run}`);
          if (submitted.kind !== 'submitted') throw new Error(`not submitted: ${JSON.stringify(submitted)}`);

          const delivered: { stepId: number; actorId: string; approve: boolean }[] = [];
          for (const attempt of attempts) {
            const steps = await deps.db.select().from(leaveApprovalSteps).where(eq(leaveApprovalSteps.requestId, submitted.request.id));
            const pending = steps.find((s) => s.status === 'pending') ?? steps[0];
            const decision = { stepId: pending?.id as number, actorId: attempt.actor, approve: attempt.approve };
            await decideLeave(deps, { ...decision, note: 'no' });
            delivered.push(decision);
          }
          const before = await snapshot(submitted.request.id, agent);
          outcomes.set(String(before.status), (outcomes.get(String(before.status)) ?? 0) + 1);
          for (const decision of delivered) await decideLeave(deps, { ...decision, note: 'no' });
          expect(await snapshot(submitted.request.id, agent)).toEqual(before);

          // whatever happened, the roster is on leave exactly when the request is approved
          const onLeave = before.roster.filter(([, status]) => status === 'on_leave').length;
          expect(onLeave).toBe(before.status === 'approved' ? length : 0);
        },
      ),
      // a fixed seed keeps CI deterministic; the outcome check below proves it still reaches every state
      { numRuns: 40, seed: 20261201 },
    );
    // the runs reached every outcome, so the property was not checked on pending requests alone
    expect([...outcomes.keys()].sort()).toEqual(['approved', 'pending', 'rejected']);
  });
});

describe('one person decides once per request', () => {
  const agentOf = async (slackId: string, date: string) => {
    await insertPeople(deps.db, [aPerson({ slackId, reportsTo: 'U0LEAD' })]);
    await insertShifts(deps.db, [{ personId: slackId, date, shiftCode: 'C' }]);
    return {
      ...aPerson({ slackId, reportsTo: 'U0LEAD' }),
      annualLeaveDays: null,
      locale: null,
      timezone: null,
      active: true,
      createdAt: new Date(),
      updatedAt: new Date(),
      reportsTo: 'U0LEAD',
    } as const;
  };
  const personal = (day: string) => ({
    type: 'personal',
    firstDay: day as LocalDate,
    lastDay: day as LocalDate,
    reason: 'once',
    proofFiles: [],
    proofLater: false,
  });

  it('approves the manager’s own step with their click on the lead’s', async () => {
    const person = await agentOf('U0ONCE1', '2026-12-21');
    const submitted = await submitLeave(deps, person as never, personal('2026-12-21'), 'once-1');
    if (submitted.kind !== 'submitted') throw new Error('not submitted');
    const result = await decideLeave(deps, { stepId: submitted.steps[0]?.id as number, actorId: 'U0MGR', approve: true });
    expect(result.kind).toBe('approved');
    expect((await snapshot(submitted.request.id, 'U0ONCE1')).steps.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [0, 'approved', 'U0MGR', null],
      [1, 'approved', 'U0MGR', 'already approved this request at an earlier step'],
    ]);
  });

  it('asks the manager once the GM approved the lead’s step, and the GM not again', async () => {
    const person = await agentOf('U0ONCE2', '2026-12-22');
    const long = { ...personal('2026-12-22'), type: 'sick', reason: 'long' };
    const submitted = await submitLeave(deps, person as never, { ...long, lastDay: '2026-12-24' as LocalDate }, 'once-2');
    if (submitted.kind !== 'submitted') throw new Error(`not submitted: ${JSON.stringify(submitted)}`);
    expect(submitted.steps.map((s) => s.approverId)).toEqual(['U0LEAD', 'U0MGR', 'U0GM']);
    const first = await decideLeave(deps, { stepId: submitted.steps[0]?.id as number, actorId: 'U0GM', approve: true });
    expect(first.kind === 'advanced' && first.next.approverId).toBe('U0MGR');
    const second = await decideLeave(deps, { stepId: submitted.steps[1]?.id as number, actorId: 'U0MGR', approve: true });
    expect(second.kind).toBe('approved');
  });

  it('takes the approval of someone who decided already when a later step is passed up to them', async () => {
    const person = await agentOf('U0ONCE3', '2026-12-23');
    const submitted = await submitLeave(
      deps,
      person as never,
      { ...personal('2026-12-23'), type: 'sick', lastDay: '2026-12-25' as LocalDate },
      'once-3',
    );
    if (submitted.kind !== 'submitted') throw new Error(`not submitted: ${JSON.stringify(submitted)}`);
    await decideLeave(deps, { stepId: submitted.steps[0]?.id as number, actorId: 'U0GM', approve: true }); // the GM, on the lead's step
    const [escalation] = await escalateSlowApprovals(deps, new Date(deps.clock.now().getTime() + 8 * 60 * 60_000)); // the manager's step, unanswered
    expect(escalation).toMatchObject({ decided: true, step: { approverId: 'U0GM' } });
    const after = await snapshot(submitted.request.id, 'U0ONCE3');
    expect(after.status).toBe('approved');
    expect(after.steps.map(([position, status, by]) => [position, status, by]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [0, 'approved', 'U0GM'],
      [1, 'approved', 'U0GM'],
      [2, 'approved', 'U0GM'],
    ]);
  });

  it('answers an approval step or a request that is not there with unknown, as every use case a click reaches does', async () => {
    const missing = 2_000_000_000;
    expect(await decideLeave(deps, { stepId: missing, actorId: 'U0LEAD', approve: true })).toEqual({ kind: 'unknown' });
    expect(await rejectLeave(deps, { stepId: missing, actorId: 'U0LEAD', reason: 'no' })).toEqual({ kind: 'unknown' });
    expect(await openLeaveRejection(deps, { stepId: missing, actorId: 'U0LEAD' })).toEqual({ kind: 'unknown' });
    expect(await callForCover(deps, { stepId: missing, actorId: 'U0LEAD' })).toEqual({ kind: 'unknown' });
    expect(await cancelLeave(deps, { requestId: missing, actorId: 'U0LEAD' })).toEqual({ kind: 'unknown' });
  });
});
