import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { peopleChangedChannel } from '../../src/db/read-model/read-model.js';
import { addDays, type LocalDate } from '../../src/policy/time.js';
import { importOrg, importRosterStream } from '../../src/use-cases/org.js';
import { shippedPolicy } from '../harness/test-app.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const policy = shippedPolicy();
const exampleOrg = await readFile(path.join(repoRoot, 'examples/org.csv'), 'utf8');
const exampleRoster = await readFile(path.join(repoRoot, 'examples/roster.csv'), 'utf8');

/** Each rostered person of the example on one shift of theirs, every day of `days` from 2027-01-01. */
function longRoster(days: number): { text: string; rows: number } {
  const shiftOf = new Map<string, string>();
  for (const line of exampleRoster.trim().split('\n').slice(1)) {
    const [, shift, slackId] = line.split(',') as [string, string, string];
    if (!shiftOf.has(slackId)) shiftOf.set(slackId, shift);
  }
  const lines = ['date,shift,slack_id'];
  for (let d = 0; d < days; d++) {
    const date = addDays('2027-01-01' as LocalDate, d);
    for (const [slackId, shift] of shiftOf) lines.push(`${date},${shift},${slackId}`);
  }
  return { text: `${lines.join('\n')}\n`, rows: lines.length - 1 };
}

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (Array.isArray(result) ? result : (result as { rows: Row[] }).rows);

/** The roster table's indexes, constraints and triggers, as the database describes them. */
async function rosterTableShape(db: Db): Promise<string[]> {
  const indexes = await db.execute(sql`select indexdef as d from pg_indexes where tablename = 'roster_entries'`);
  const constraints = await db.execute(
    sql`select conname || ' ' || pg_get_constraintdef(oid) as d from pg_constraint where conrelid = 'roster_entries'::regclass`,
  );
  const triggers = await db.execute(
    sql`select tgname || ' ' || tgenabled::text as d from pg_trigger where tgrelid = 'roster_entries'::regclass and not tgisinternal`,
  );
  return [...rowsOf(indexes), ...rowsOf(constraints), ...rowsOf(triggers)].map((r) => String(r.d)).sort();
}

describe('a roster import large enough to load in bulk', () => {
  let testDb: TestDatabase;
  let db: Db;
  let shapeBefore: string[];
  const file = longRoster(1000);

  beforeAll(async () => {
    testDb = await createTestDatabase({ policy });
    db = testDb.database.db;
    expect(await importOrg(db, policy, exampleOrg)).toMatchObject({ ok: true });
    shapeBefore = await rosterTableShape(db);
  }, 60_000);
  afterAll(() => testDb.drop());

  it('adds every row, tells every copy whose roster changed, and leaves the table with the same indexes, keys and triggers', async () => {
    expect(file.rows).toBeGreaterThanOrEqual(20_000);
    const noticed = new Set<string>();
    const unlisten = await testDb.database.listen(
      peopleChangedChannel,
      (id) => noticed.add(id),
      () => {},
    );
    const result = await importRosterStream(db, policy, Readable.from([file.text]));
    expect(result).toEqual({ ok: true, summary: { added: file.rows, removed: 0, unchanged: 0 } });
    const rostered = new Set(
      file.text
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[2]),
    );
    await expect.poll(() => [...noticed].sort(), { timeout: 10_000 }).toEqual([...rostered].sort());
    await unlisten();
    const [counted] = rowsOf(await db.execute(sql`select count(*)::integer as n from roster_entries`));
    expect(counted?.n).toBe(file.rows);
    expect(await rosterTableShape(db)).toEqual(shapeBefore);
  }, 240_000);

  it('keeps the keys after the load: a second row for the same shift or an unknown person is refused', async () => {
    await expect(
      db.execute(sql`insert into roster_entries (person_id, team_id, date, shift_code)
        select person_id, team_id, date, shift_code from roster_entries limit 1`),
    ).rejects.toThrow();
    await expect(
      db.execute(sql`insert into roster_entries (person_id, team_id, date, shift_code) values ('U0NOBODY9', 'phone', '2027-01-01', 'R')`),
    ).rejects.toThrow();
  });

  it('finds the same file unchanged when imported again', async () => {
    const again = await importRosterStream(db, policy, Readable.from([file.text]));
    expect(again).toEqual({ ok: true, summary: { added: 0, removed: 0, unchanged: file.rows } });
  }, 240_000);
});
