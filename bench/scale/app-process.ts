/**
 * shiftdesk in a process of its own, so that its resident memory is its own: started on the
 * department's database and, once ready, leave and swap eligibility checks beside a one-row read.
 * Prints one JSON line. argv: <slack api url> <agents> <days> <first day> <checks>; the database from
 * DATABASE_URL or DATA_DIR.
 */
import { pino } from 'pino';
import { loadStorageConfig } from '../../src/config.js';
import { findPerson } from '../../src/db/queries/people.js';
import type { Person } from '../../src/db/schema.js';
import { addDays, type LocalDate } from '../../src/policy/time.js';
import { startShiftdesk } from '../../src/start.js';
import { mb, settle } from './process-memory.js';
import { checkLeaveRequest } from '../../src/use-cases/leave.js';
import { checkSwapRequest } from '../../src/use-cases/swap.js';
import { FakeClock } from '../../test/harness/fake-clock.js';
import { botToken, repoRoot, shippedPolicy, signingSecret, withoutDailyDigest } from '../../test/harness/test-app.js';
import { departmentSlackIds } from '../department.js';

const [apiUrl, agentsText, daysText, firstDayText, checksText] = process.argv.slice(2) as string[];
const agents = Number(agentsText);
const days = Number(daysText);
const firstDay = firstDayText as LocalDate;
const checks = Number(checksText);

{
  const storage = loadStorageConfig(process.env, { policyFile: `${repoRoot}/policy.yml`, cwd: repoRoot });
  const policy = withoutDailyDigest(shippedPolicy());
  const clock = new FakeClock(`${firstDay}T02:00:00Z`);
  const started = performance.now();
  const running = await startShiftdesk({
    config: { slack: { mode: 'http', botToken, signingSecret, apiUrl }, port: 0, database: storage.database },
    policy,
    clock,
    logger: pino({ level: 'warn' }),
    runScheduler: false,
  });
  await running.deps.readModel?.caughtUp();
  const startMs = performance.now() - started;
  await settle();
  const rssMb = mb(process.memoryUsage().rss);
  const peakMb = process.resourceUsage().maxRSS / 1024;

  const deps = running.deps;
  const agentIds = departmentSlackIds(agents).slice(2 + agents / 20);
  const people = new Map<string, Person>();
  const personOf = async (id: string) => {
    const known = people.get(id);
    if (known) return known;
    const person = (await findPerson(deps.db, id)) as Person;
    people.set(id, person);
    return person;
  };
  // agent a works day d when (d + a) % 6 < 4, as bench/department.ts rosters them
  const worksOn = (agent: number, day: number) => (day + agent) % 6 < 4;
  const span = Math.max(1, days - 20);
  // the swap form offers shifts up to swap.offer_days_ahead and refuses others: the checks ask within it
  const offered = Math.min(...Object.values(policy.teams).map((team) => team.rules.swap.offer_days_ahead));
  const swapSpan = Math.max(1, Math.min(span, offered - 10));
  const swapDraft = (i: number) => {
    const a = (i * 7919) % agents;
    let giveDay = 5 + ((i * 31) % swapSpan);
    while (!worksOn(a, giveDay)) giveDay += 1;
    let b = (a + 1 + (i % 50)) % agents;
    while (worksOn(b, giveDay)) b = (b + 1) % agents;
    let takeDay = giveDay + 1;
    while (worksOn(a, takeDay) || !worksOn(b, takeDay)) takeDay += 1;
    return {
      requesterId: agentIds[a] as string,
      draft: {
        colleagueId: agentIds[b] as string,
        give: { date: addDays(firstDay, giveDay), shiftCode: 'R' },
        take: i % 3 === 0 ? undefined : { date: addDays(firstDay, takeDay), shiftCode: 'R' },
        note: '',
      },
    };
  };
  const leaveDraft = (i: number) => {
    const a = (i * 104_729) % agents;
    const first = addDays(firstDay, 5 + ((i * 37) % span));
    return {
      personId: agentIds[a] as string,
      draft: { type: 'annual', firstDay: first, lastDay: addDays(first, i % 3), reason: 'benchmark', proofFiles: [], proofLater: false },
    };
  };

  const samples = { leave: [] as number[], swap: [] as number[], read: [] as number[] };
  const passed = { leave: 0, swap: 0 };
  const warmUp = 50;
  for (let i = 0; i < checks + warmUp; i++) {
    const leave = leaveDraft(i);
    const swap = swapDraft(i);
    const [asker, requester] = [await personOf(leave.personId), await personOf(swap.requesterId)];
    let t = performance.now();
    const leaveResult = await checkLeaveRequest(deps, asker, leave.draft);
    const leaveMs = performance.now() - t;
    t = performance.now();
    const swapResult = await checkSwapRequest(deps, requester, swap.draft);
    const swapMs = performance.now() - t;
    t = performance.now();
    await findPerson(deps.db, swap.draft.colleagueId);
    const readMs = performance.now() - t;
    if (i < warmUp) continue;
    samples.leave.push(leaveMs);
    samples.swap.push(swapMs);
    samples.read.push(readMs);
    if (leaveResult.ok) passed.leave += 1;
    if (swapResult.ok) passed.swap += 1;
  }
  console.log(JSON.stringify({ startMs, rssMb, peakMb, samples, passed, database: running.database.kind }));
  await running.stop();
}
