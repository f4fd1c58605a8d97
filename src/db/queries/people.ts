import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { people, type NewPerson, type Person } from '../schema.js';

/** Everything the org file sets about a person. */
export type PersonValues = Pick<
  NewPerson,
  'slackId' | 'name' | 'teamId' | 'role' | 'reportsTo' | 'locale' | 'timezone' | 'annualLeaveDays' | 'active'
>;

export async function findPerson(db: DbOrTx, slackId: string): Promise<Person | undefined> {
  const [row] = await db.select().from(people).where(eq(people.slackId, slackId)).limit(1);
  return row;
}

/** Everyone, active or not, in Slack id order. */
export async function listPeople(db: DbOrTx): Promise<Person[]> {
  return db.select().from(people).orderBy(asc(people.slackId));
}

/** Rows per statement: nine values each, well under PostgreSQL's 65,535 parameters. */
const upsertBatch = 1000;

/**
 * Adds new people and updates those whose values differ; a row whose values are all the same is not
 * touched (its updated_at stays). Returns the Slack ids of the rows written. Written in batches, those
 * at the top of the reporting line first, so that everyone's lead is there before them.
 */
export async function upsertPeople(db: DbOrTx, rows: readonly PersonValues[]): Promise<string[]> {
  const ordered = topDown(rows);
  const written: string[] = [];
  for (let i = 0; i < ordered.length; i += upsertBatch) written.push(...(await upsertBatchOf(db, ordered.slice(i, i + upsertBatch))));
  return written;
}

/** The rows ordered by how far each is from the top of the reporting line within the rows. */
function topDown(rows: readonly PersonValues[]): PersonValues[] {
  const byId = new Map(rows.map((row) => [row.slackId, row]));
  const depth = new Map<string, number>();
  const depthOf = (row: PersonValues): number => {
    const known = depth.get(row.slackId);
    if (known !== undefined) return known;
    const chain: PersonValues[] = [];
    let at: PersonValues | undefined = row;
    // Walk up until someone outside the rows, or already placed; a circle (refused before writing) stops too.
    while (at && !depth.has(at.slackId) && !chain.includes(at)) {
      chain.push(at);
      at = at.reportsTo ? byId.get(at.reportsTo) : undefined;
    }
    let d = at ? (depth.get(at.slackId) ?? 0) : -1;
    for (const link of chain.reverse()) {
      d += 1;
      depth.set(link.slackId, d);
    }
    return depth.get(row.slackId) ?? 0;
  };
  return rows
    .map((row, index) => ({ row, index, depth: depthOf(row) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map((r) => r.row);
}

async function upsertBatchOf(db: DbOrTx, rows: readonly PersonValues[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const written = await db
    .insert(people)
    .values([...rows])
    .onConflictDoUpdate({
      target: people.slackId,
      set: {
        name: sql`excluded.name`,
        teamId: sql`excluded.team_id`,
        role: sql`excluded.role`,
        reportsTo: sql`excluded.reports_to`,
        locale: sql`excluded.locale`,
        timezone: sql`excluded.timezone`,
        annualLeaveDays: sql`excluded.annual_leave_days`,
        active: sql`excluded.active`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`(${people.name}, ${people.teamId}, ${people.role}, ${people.reportsTo}, ${people.locale}, ${people.timezone}, ${people.annualLeaveDays}, ${people.active})
        is distinct from (excluded.name, excluded.team_id, excluded.role, excluded.reports_to, excluded.locale, excluded.timezone, excluded.annual_leave_days, excluded.active)`,
    })
    .returning({ slackId: people.slackId });
  return written.map((row) => row.slackId);
}

/** Marks inactive every active person whose Slack id is not in `keep`; returns their Slack ids. */
export async function deactivatePeopleExcept(db: DbOrTx, keep: readonly string[]): Promise<string[]> {
  const deactivated = await db
    .update(people)
    .set({ active: false, updatedAt: sql`now()` })
    .where(and(eq(people.active, true), keep.length > 0 ? notInArray(people.slackId, [...keep]) : undefined))
    .returning({ slackId: people.slackId });
  return deactivated.map((row) => row.slackId);
}

/** Locks the person's row until the transaction ends (their own requests are written one at a time) and returns it as it is now. */
export async function lockPerson(tx: DbOrTx, slackId: string): Promise<Person | undefined> {
  const [row] = await tx.select().from(people).where(eq(people.slackId, slackId)).for('update');
  return row;
}

/** Rows per statement: well under PostgreSQL's 65,535 parameters. */
const batchSize = 1000;

export async function findPeople(db: DbOrTx, slackIds: readonly string[]): Promise<Person[]> {
  const ids = [...new Set(slackIds)];
  const found: Person[] = [];
  for (let i = 0; i < ids.length; i += batchSize)
    found.push(
      ...(await db
        .select()
        .from(people)
        .where(inArray(people.slackId, ids.slice(i, i + batchSize)))),
    );
  return found;
}

/** The people of `slackIds` that the org knows, by Slack id. */
export async function peopleByIds(db: DbOrTx, slackIds: readonly string[]): Promise<Map<string, Person>> {
  return new Map((await findPeople(db, slackIds)).map((p) => [p.slackId, p]));
}
