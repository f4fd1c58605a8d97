import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPerson } from '../../src/db/queries/people.js';
import { leaveEvents, people } from '../../src/db/schema.js';
import { parsePolicy, type Policy, type TeamDefinition } from '../../src/policy/policy-file.js';
import type { LocalDate } from '../../src/policy/time.js';
import { approverCard } from '../../src/slack/leave/views.js';
import { viewIn } from '../../src/slack/view-context.js';
import type { UseCaseDeps } from '../../src/use-cases/deps.js';
import { leaveCardData, submitLeave } from '../../src/use-cases/leave.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { repoRoot } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';
import { useCaseDeps } from '../fixtures/deps.js';

// the shipped policy, but leave past the monthly cap is only flagged
const policy: Policy = parsePolicy(
  readFileSync(path.join(repoRoot, 'policy.yml'), 'utf8').replace(/(monthly_cap:[\s\S]*?enforce:) strict/, '$1 warn'),
);

let testDb: TestDatabase;
let deps: UseCaseDeps;

beforeAll(async () => {
  testDb = await createTestDatabase({ policy });
  deps = useCaseDeps(testDb.database.db, policy);
  await insertPeople(deps.db, [
    aPerson({ slackId: 'U0CAPGM', role: 'gm' }),
    aPerson({ slackId: 'U0CAPMGR', role: 'manager', reportsTo: 'U0CAPGM' }),
    aPerson({ slackId: 'U0CAPLEAD', role: 'lead', reportsTo: 'U0CAPMGR' }),
    aPerson({ slackId: 'U0CAP', name: 'Cap', reportsTo: 'U0CAPLEAD' }),
  ]);
  await insertShifts(
    deps.db,
    ['2026-12-10', '2026-12-11', '2026-12-14', '2026-12-15', '2026-12-16'].map((date) => ({ personId: 'U0CAP', date, shiftCode: 'R' })),
  );
});

afterAll(async () => {
  await testDb?.drop();
});

const draft = (firstDay: string, lastDay: string) => ({
  type: 'personal',
  firstDay: firstDay as LocalDate,
  lastDay: lastDay as LocalDate,
  reason: 'family',
  proofFiles: [],
  proofLater: false,
});

describe('the monthly cap under a policy that warns', () => {
  it('files leave past it, records that it is over, and shows the approver by how much', async () => {
    expect(policy.teams.phone?.rules.leave.monthly_cap.enforce).toBe('warn');
    const cap = await findPerson(deps.db, 'U0CAP');
    if (!cap) throw new Error('no test person');
    const within = await submitLeave(deps, cap, draft('2026-12-10', '2026-12-11'), 'U0CAP:V1');
    if (within.kind !== 'submitted') throw new Error(`expected it filed, got ${JSON.stringify(within)}`);
    const over = await submitLeave(deps, cap, draft('2026-12-14', '2026-12-16'), 'U0CAP:V2');
    if (over.kind !== 'submitted') throw new Error(`expected it filed, got ${JSON.stringify(over)}`);

    const [event] = await deps.db.select().from(leaveEvents).where(eq(leaveEvents.requestId, over.request.id));
    expect(event?.note).toContain('over the monthly cap (2026-12: 5 of 4 days)');
    const data = await leaveCardData(deps, over.request.id);
    expect(data.overMonthlyCap).toEqual([{ month: '2026-12', held: 5, cap: 4 }]);
    const firstData = await leaveCardData(deps, within.request.id);
    expect(firstData.overMonthlyCap).toEqual([{ month: '2026-12', held: 5, cap: 4 }]); // the earlier request's card tells the same month

    const step = data.steps[0];
    if (!step) throw new Error('no step');
    for (const [locale, words] of [
      ['en', 'Over the monthly cap* of 4 day(s) — December 2026: 5 day(s) held with this one'],
      ['zh-CN', '超出每月请假上限* 4 天 — 2026年12月含本次共 5 天'],
    ] as const) {
      const card = approverCard(viewIn(locale, policy, policy.teams.phone as TeamDefinition), { ...data, step });
      expect(JSON.stringify(card.blocks)).toContain(words);
    }
  });
});

describe('writing a request', () => {
  it('refuses leave longer than the policy lets one request cover', async () => {
    const cap = await findPerson(deps.db, 'U0CAP');
    if (!cap) throw new Error('no test person');
    const short = {
      ...deps,
      policy: parsePolicy(readFileSync(path.join(repoRoot, 'policy.yml'), 'utf8').replace(/max_span_days: \d+/, 'max_span_days: 3')),
    };
    const result = await submitLeave(short, cap, { ...draft('2027-03-01', '2027-03-04'), type: 'annual' }, 'U0CAP:VSPAN');
    expect(result).toEqual({ kind: 'refused', refusals: [{ code: 'leave.refusal.too_long', params: { max: 3 }, field: 'last_day' }] });
  });

  it('reads the person again when writing: someone made inactive since the form was checked is refused', async () => {
    const asked = await findPerson(deps.db, 'U0CAP');
    if (!asked) throw new Error('no test person');
    await deps.db.update(people).set({ active: false }).where(eq(people.slackId, 'U0CAP'));
    try {
      const result = await submitLeave(deps, asked, draft('2026-12-16', '2026-12-16'), 'U0CAP:VGONE');
      expect(result).toEqual({ kind: 'refused', refusals: [{ code: 'leave.refusal.not_active', params: {}, field: 'type' }] });
    } finally {
      await deps.db.update(people).set({ active: true }).where(eq(people.slackId, 'U0CAP'));
    }
  });
});
