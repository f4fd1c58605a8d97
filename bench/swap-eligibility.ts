/**
 * The swap eligibility check (every rule, read from the database as `/swap` does on submit) over a
 * roster of 2,000 agents × 90 days, one check at a time, beside a one-row primary-key read of the same
 * database: the ratio says what the check costs beyond the cheapest query there is.
 */
import { pino } from 'pino';
import { findPerson } from '../src/db/queries/people.js';
import type { Person } from '../src/db/schema.js';
import { addDays, type LocalDate } from '../src/policy/time.js';
import type { UseCaseDeps } from '../src/use-cases/deps.js';
import { checkSwapRequest } from '../src/use-cases/swap.js';
import { FakeClock } from '../test/harness/fake-clock.js';
import { shippedPolicy } from '../test/harness/test-app.js';
import { createTestDatabase } from '../test/harness/test-database.js';
import { seedDepartment } from './department.js';
import { percentile } from './stats.js';

const agents = 2000;
const days = 90;
const checks = 1000;
const firstDay = '2026-12-01' as LocalDate;

export async function benchSwapEligibility(): Promise<void> {
  const policy = shippedPolicy();
  const testDb = await createTestDatabase({ policy });
  const deps: UseCaseDeps = {
    db: testDb.database.db,
    clock: new FakeClock('2026-11-20T02:00:00Z'),
    policy,
    logger: pino({ level: 'silent' }),
  };
  const setupStarted = performance.now();
  const agentIds = await seedDepartment(deps.db, { agents, days, firstDay });
  const setupSeconds = ((performance.now() - setupStarted) / 1000).toFixed(1);
  const people = new Map<string, Person>();
  for (const id of agentIds) people.set(id, (await findPerson(deps.db, id)) as Person);

  // agent a works day d when (d + a) % 6 < 4: pick a colleague who is off that day, and one of their shifts on a day a is off
  const draftFor = (i: number) => {
    const a = (i * 7919) % agents;
    const d = 10 + ((i * 31) % 70);
    const worksOn = (agent: number, day: number) => (day + agent) % 6 < 4;
    const dayOf = (offset: number) => addDays(firstDay, offset);
    let giveDay = d;
    while (!worksOn(a, giveDay)) giveDay += 1;
    let b = (a + 1 + (i % 50)) % agents;
    while (worksOn(b, giveDay)) b = (b + 1) % agents;
    let takeDay = giveDay + 1;
    while (worksOn(a, takeDay) || !worksOn(b, takeDay)) takeDay += 1;
    return {
      requester: people.get(agentIds[a] as string) as Person,
      draft: {
        colleagueId: agentIds[b] as string,
        give: { date: dayOf(giveDay), shiftCode: 'R' },
        take: i % 3 === 0 ? undefined : { date: dayOf(takeDay), shiftCode: 'R' },
        note: '',
      },
    };
  };

  const samples = { check: [] as number[], read: [] as number[] };
  let passed = 0;
  for (let i = 0; i < checks + 50; i++) {
    const { requester, draft } = draftFor(i);
    let started = performance.now();
    const result = await checkSwapRequest(deps, requester, draft);
    const checkMs = performance.now() - started;
    started = performance.now();
    await findPerson(deps.db, draft.colleagueId);
    const readMs = performance.now() - started;
    if (i < 50) continue; // warm-up
    samples.check.push(checkMs);
    samples.read.push(readMs);
    if (result.ok) passed += 1;
  }
  await testDb.drop();

  const row = (name: string, xs: number[]) =>
    `${name.padEnd(28)} p50 ${percentile(xs, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(xs, 99).toFixed(2).padStart(7)} ms   n=${xs.length}`;
  console.log(
    `swap eligibility, one check at a time, ${agents} agents × ${days} days of roster (set up in ${setupSeconds} s), database ${testDb.target.kind}; ${passed} of ${checks} checks passed every rule`,
  );
  console.log(row('swap check (every rule)', samples.check));
  console.log(row('one-row read (baseline)', samples.read));
  console.log(
    `ratio p50 ${(percentile(samples.check, 50) / percentile(samples.read, 50)).toFixed(2)}   p99 ${(percentile(samples.check, 99) / percentile(samples.read, 99)).toFixed(2)}`,
  );
}
