import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compTimeCredits, type Person } from '../../src/db/schema.js';
import { findPerson } from '../../src/db/queries/people.js';
import type { LocalDate } from '../../src/policy/time.js';
import { checkLeaveRequest } from '../../src/use-cases/leave.js';
import { importCompTime, importOrg, importRoster } from '../../src/use-cases/org.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';
import { useCaseDeps } from '../fixtures/deps.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const policy = shippedPolicy();
const example = (name: string) => readFile(path.join(repoRoot, 'examples', name), 'utf8');
let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase({ policy });
  expect(await importOrg(testDb.database.db, policy, await example('org.csv'))).toMatchObject({ ok: true });
  expect(await importRoster(testDb.database.db, policy, await example('roster.csv'))).toMatchObject({ ok: true });
});
afterAll(async () => {
  await testDb?.drop();
});

describe('importing comp time', () => {
  it('names every bad line and writes nothing', async () => {
    const file = [
      'slack_id,earned_on,hours,note',
      'U0PH0NE01,2026-11-31,4,',
      'U0NOBODY,2026-11-01,4,',
      'U0PH0NE01,2026-11-01,25,',
      'U0PH0NE02,2026-11-01,4,ok',
      'U0PH0NE02,2026-11-01,2,again',
    ].join('\n');
    const result = await importCompTime(testDb.database.db, file);
    expect(result.ok ? [] : result.problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'comp_time_import.bad_date'],
      [3, 'roster_import.unknown_person'],
      [4, 'comp_time_import.bad_hours'],
      [6, 'comp_time_import.duplicate_day'],
    ]);
    expect(await testDb.database.db.select().from(compTimeCredits)).toEqual([]);
  });

  it('imports the example once; the second time nothing changes', async () => {
    expect(await importCompTime(testDb.database.db, await example('comp-time.csv'))).toEqual({
      ok: true,
      summary: { written: 4, unchanged: 0 },
    });
    const before = await testDb.database.db.select().from(compTimeCredits);
    expect(await importCompTime(testDb.database.db, await example('comp-time.csv'))).toEqual({
      ok: true,
      summary: { written: 0, unchanged: 4 },
    });
    expect(await testDb.database.db.select().from(compTimeCredits)).toEqual(before);
  });

  it('is what comp-time leave is checked against, hours expiring six months after they were earned', async () => {
    const deps = useCaseDeps(testDb.database.db, policy);
    const sunLi = (await findPerson(deps.db, 'U0PH0NE01')) as Person; // 11 h earned on 2 October
    const leaveOn = (day: string) => ({
      type: 'comp_time',
      firstDay: day as LocalDate,
      lastDay: day as LocalDate,
      reason: 'rest',
      proofFiles: [],
      proofLater: false,
    });
    expect(await checkLeaveRequest(deps, sunLi, leaveOn('2026-12-07'))).toEqual({ ok: true });
    const noHours = (await findPerson(deps.db, 'U0PH0NE05')) as Person;
    expect(await checkLeaveRequest(deps, noHours, leaveOn('2026-12-09'))).toMatchObject({
      ok: false,
      refusals: [{ code: 'leave.refusal.comp_time_balance', params: { left: 0, asked: 11 } }],
    });
  });
});
