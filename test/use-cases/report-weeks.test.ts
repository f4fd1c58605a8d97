import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPerson } from '../../src/db/queries/people.js';
import type { Person } from '../../src/db/schema.js';
import { reportWeekStarting } from '../../src/policy/report-week.js';
import type { LocalDate } from '../../src/policy/time.js';
import type { UseCaseDeps } from '../../src/use-cases/deps.js';
import { claimRun, closeReportWeek } from '../../src/use-cases/report-deadlines.js';
import { submitReport } from '../../src/use-cases/report.js';
import { useCaseDeps } from '../fixtures/deps.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';

let testDb: TestDatabase;
let deps: UseCaseDeps;

/** Shanghai local time, as an instant. */
const local = (text: string) => new Date(`${text}+08:00`);
const phone = () => deps.policy.teams.phone as NonNullable<UseCaseDeps['policy']['teams'][string]>;
const week = (start: string) => reportWeekStarting(start as LocalDate, phone().rules.report, phone().timezone);
const done = '本周共值长白班两天,接听客户来电一百二十通,处理投诉十五件,其中十二件当日办结,三件转交二线跟进。'.repeat(4);

async function send(slackId: string, weekStart: string, at: string) {
  const person = (await findPerson(deps.db, slackId)) as Person;
  const result = await submitReport(
    deps,
    person,
    { weekStart: weekStart as LocalDate, done, improve: '下周提高一次解决率。', prefilled: [] },
    local(at),
  );
  expect(result.kind).toBe('submitted');
}

/** What the scheduler does at a deadline: claim the digest run, then close the week. */
async function digest(weekStart: string, at: string) {
  const w = week(weekStart);
  expect(await claimRun(deps, { kind: 'digest', scope: 'phone', weekStart: w.start }, 'test', local(at))).toBe(true);
  return closeReportWeek(deps, phone(), w, local(at));
}

beforeAll(async () => {
  const policy = shippedPolicy();
  testDb = await createTestDatabase({ policy });
  deps = useCaseDeps(testDb.database.db, policy);
  await insertPeople(deps.db, [
    aPerson({ slackId: 'U0LEAD', role: 'lead' }),
    aPerson({ slackId: 'U0AMY', name: 'Amy', reportsTo: 'U0LEAD' }),
    aPerson({ slackId: 'U0BOB', name: 'Bob', reportsTo: 'U0LEAD' }),
  ]);
  await insertShifts(
    deps.db,
    ['2026-11-24', '2026-12-01', '2026-12-08'].flatMap((date) =>
      ['U0AMY', 'U0BOB'].map((personId) => ({ personId, date, shiftCode: 'R' })),
    ),
  );
});

afterAll(async () => {
  await testDb?.drop();
});

describe('a report sent after the deadline', () => {
  it('is late, not missed, in every count after it came, and the next digest lists it with its week', async () => {
    const first = await digest('2026-11-23', '2026-11-28T17:00');
    expect(first.agents.map((a) => [a.name, a.outcome, a.totalMisses])).toEqual([
      ['Amy', 'missing', 1],
      ['Bob', 'missing', 1],
    ]);
    await send('U0AMY', '2026-11-23', '2026-11-29T20:00');

    await send('U0AMY', '2026-11-30', '2026-12-05T10:00');
    await send('U0BOB', '2026-11-30', '2026-12-05T10:00');
    const second = await digest('2026-11-30', '2026-12-05T17:00');
    const byName = new Map(second.agents.map((a) => [a.name, a]));
    expect(byName.get('Amy')).toMatchObject({
      outcome: 'on_time',
      totalMisses: 0,
      consecutiveMisses: 0,
      lastMiss: undefined,
      escalation: undefined,
      totalLate: 1,
    });
    expect(byName.get('Bob')).toMatchObject({
      outcome: 'on_time',
      totalMisses: 1,
      consecutiveMisses: 0,
      lastMiss: '2026-11-23',
      escalation: { en: '50 yuan deducted' },
      totalLate: 0,
    });
    expect(second.lateAfterDigest?.week.start).toBe('2026-11-23');
    expect(second.lateAfterDigest?.agents).toEqual([
      { slackId: 'U0AMY', name: 'Amy', digestTo: 'U0LEAD', submittedAt: local('2026-11-29T20:00') },
    ]);
  });

  it('is not listed again when the digest it came before already showed it late', async () => {
    // the app was down at the deadline: Bob's late report is in before the digest runs at 18:00
    await send('U0BOB', '2026-12-07', '2026-12-12T17:30');
    const shownLate = await digest('2026-12-07', '2026-12-12T18:00');
    expect(shownLate.agents.find((a) => a.name === 'Bob')?.outcome).toBe('late');
    const next = await digest('2026-12-14', '2026-12-19T17:00');
    expect(next.lateAfterDigest?.agents).toEqual([]);
  });
});
