import { and, asc, between, eq, inArray } from 'drizzle-orm';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import { rosterEntries, type NewRosterEntry, type RosterEntry } from '../schema.js';

export type RosterRow = Pick<RosterEntry, 'id' | 'personId' | 'teamId' | 'date' | 'shiftCode' | 'status'>;

/** Rows per statement: well under PostgreSQL's 65,535 parameters. */
const batchSize = 1000;

/** A person's roster rows whose start day lies in [from, to], in date and shift order. */
export async function listShiftsOfPerson(db: DbOrTx, p: { personId: string; from: LocalDate; to: LocalDate }) {
  const rows = await db
    .select({ id: rosterEntries.id, date: rosterEntries.date, shiftCode: rosterEntries.shiftCode, status: rosterEntries.status })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.personId, p.personId), between(rosterEntries.date, p.from, p.to)))
    .orderBy(asc(rosterEntries.date), asc(rosterEntries.shiftCode));
  return rows;
}

/** Every roster row whose start day lies in [from, to], by date and person. */
export async function listRoster(db: DbOrTx, range: { from: LocalDate; to: LocalDate }): Promise<RosterRow[]> {
  return db
    .select({
      id: rosterEntries.id,
      personId: rosterEntries.personId,
      teamId: rosterEntries.teamId,
      date: rosterEntries.date,
      shiftCode: rosterEntries.shiftCode,
      status: rosterEntries.status,
    })
    .from(rosterEntries)
    .where(between(rosterEntries.date, range.from, range.to))
    .orderBy(asc(rosterEntries.date), asc(rosterEntries.personId), asc(rosterEntries.shiftCode));
}

/** Adds scheduled shifts. */
export async function insertRosterEntries(
  db: DbOrTx,
  rows: readonly Pick<NewRosterEntry, 'personId' | 'teamId' | 'date' | 'shiftCode'>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    await db.insert(rosterEntries).values(rows.slice(i, i + batchSize));
  }
}

export async function deleteRosterEntries(db: DbOrTx, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += batchSize) {
    await db.delete(rosterEntries).where(inArray(rosterEntries.id, ids.slice(i, i + batchSize)));
  }
}
