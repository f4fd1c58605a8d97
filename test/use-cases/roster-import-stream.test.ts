import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../src/csv.js';
import type { Db } from '../../src/db/client.js';
import { listPeople } from '../../src/db/queries/people.js';
import { listRoster } from '../../src/db/queries/roster.js';
import { rosterEntries } from '../../src/db/schema.js';
import { checkRosterRows, rosterFileScope } from '../../src/policy/roster-rows.js';
import type { LineProblem } from '../../src/policy/table.js';
import { addDays, type LocalDate } from '../../src/policy/time.js';
import { importOrg, importRoster, importRosterStream } from '../../src/use-cases/org.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const policy = shippedPolicy();
const exampleOrg = await readFile(path.join(repoRoot, 'examples/org.csv'), 'utf8');
const exampleRoster = await readFile(path.join(repoRoot, 'examples/roster.csv'), 'utf8');

/** What the rule core says of the file, read whole, against the database as it is. */
async function reference(db: Db, text: string): Promise<LineProblem[] | 'ok'> {
  const parsed = parseCsvTable(text);
  if ('problems' in parsed) return parsed.problems;
  const people = new Map((await listPeople(db)).map((p) => [p.slackId, { teamId: p.teamId, active: p.active }]));
  const scope = rosterFileScope(parsed.table);
  const existing =
    scope === undefined
      ? []
      : (await listRoster(db, { from: addDays(scope.from, -1), to: addDays(scope.to, 1) })).map((r) => ({
          ...r,
          date: r.date as LocalDate,
        }));
  const checked = checkRosterRows(parsed.table, { policy, people, existing });
  return 'problems' in checked ? checked.problems : 'ok';
}

const roster = (db: Db) => db.select().from(rosterEntries).orderBy(asc(rosterEntries.id));
const sorted = (problems: readonly LineProblem[]) =>
  [...problems].sort((a, b) => a.line - b.line || a.code.localeCompare(b.code) || JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('the streamed roster import', () => {
  let testDb: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    testDb = await createTestDatabase({ policy });
    db = testDb.database.db;
    expect(await importOrg(db, policy, exampleOrg)).toMatchObject({ ok: true });
    expect(await importRoster(db, policy, exampleRoster)).toMatchObject({ ok: true });
    // a shift on leave, which a file may list with its status but never drop
    await db.update(rosterEntries).set({ status: 'on_leave' }).where(eq(rosterEntries.id, 3));
  }, 60_000);
  afterAll(() => testDb.drop());

  const files: [string, string[], LineProblem['code'][]][] = [
    [
      'every rule at once',
      [
        'date,shift,slack_id,status',
        '2026-12-05,R,U0PH0NE01,', // overlaps the C of line 3
        '2026-12-05,C,U0PH0NE01,',
        '2026-12-05,R,U0PH0NE01,', // a duplicate of line 2
        '2026-12-06,R,U0PH0NE02,on_leave', // the roster has it scheduled
        '2026-12-06,R,U0PH0NE03,maybe',
        '2026-12-32,R,U0PH0NE03,',
        '2026-12-07,X,U0PH0NE03,',
        '2026-12-07,R,U0NOBODY1,',
        '2026-12-07,E,U0PH0NE03,', // not a phone shift
        '2026-12-10,L,U0ONL1NE1,', // runs past midnight into the early shift the roster keeps on the 11th? (the file ends on the 10th)
        '2026-12-10,E,U0ONL1NE2,',
      ],
      ['roster_import.overlap', 'roster_import.duplicate_row', 'roster_import.status_differs', 'roster_import.unknown_status'],
    ],
    [
      'a shift on leave left out, and one kept just outside the file overlapped',
      ['date,shift,slack_id', '2026-12-02,E,U0ONL1NE1', '2026-12-03,E,U0ONL1NE1', '2026-12-04,W,U0PH0NE02', '2026-12-01,R,U0PH0NE01'],
      ['roster_import.drops_on_leave'],
    ],
    ['a person on a night shift before the first day', ['date,shift,slack_id', '2026-12-05,W,U0PH0NE01', '2026-12-06,R,U0PH0NE01'], []],
  ];

  for (const [name, lines, codes] of files) {
    it(`reports what the rule core reports, and writes nothing: ${name}`, async () => {
      const text = `${lines.join('\n')}\n`;
      const expected = await reference(db, text);
      if (expected !== 'ok') for (const code of codes) expect(expected.map((p) => p.code)).toContain(code);
      const before = await roster(db);
      const result = await importRoster(db, policy, text);
      if (expected === 'ok') {
        expect(result.ok).toBe(true);
      } else {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(sorted(result.problems)).toEqual(sorted(expected));
        expect(await roster(db)).toEqual(before);
      }
    });
  }

  it('reads a file of thousands of lines with CRLF ends in parts, a bad line after the first part by its number', async () => {
    const agents = ['U0PH0NE01', 'U0PH0NE02', 'U0PH0NE03'];
    const lines = ['date,shift,slack_id'];
    for (let d = 0; d < 2400; d++)
      for (const agent of agents.slice(0, d % 3 === 0 ? 3 : 2)) lines.push(`${addDays('2027-01-01' as LocalDate, d)},R,${agent}`);
    const badAt = lines.length; // the 1-based number of the line pushed next
    lines.push('2027-01-01,R,U0PH0NE01,extra');
    lines.push(`${addDays('2027-01-01' as LocalDate, 2400)},R,U0PH0NE01`);
    const before = await roster(db);
    const refused = await importRosterStream(db, policy, Readable.from([`\uFEFF${lines.join('\r\n')}\r\n`]));
    expect(refused).toEqual({ ok: false, problems: [{ line: badAt + 1, code: 'import.field_count', params: { count: 4, expected: 3 } }] });
    expect(await roster(db)).toEqual(before);

    lines.splice(badAt, 1);
    const text = `${lines.join('\r\n')}\r\n`;
    // cut between the \r and the \n, and mid-line
    const parts = [text.slice(0, 1000), text.slice(1000, text.indexOf('\r\n', 40_000) + 1), text.slice(text.indexOf('\r\n', 40_000) + 1)];
    const imported = await importRosterStream(db, policy, Readable.from(parts));
    expect(imported).toEqual({ ok: true, summary: { added: lines.length - 1, removed: 0, unchanged: 0 } });
    const again = await importRosterStream(db, policy, Readable.from(parts));
    expect(again).toEqual({ ok: true, summary: { added: 0, removed: 0, unchanged: lines.length - 1 } });
  }, 120_000);
});
