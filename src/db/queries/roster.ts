import { and, asc, between, eq } from 'drizzle-orm';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import { rosterEntries, type RosterEntry } from '../schema.js';

/** A person's roster rows whose start day lies in [from, to], in date order. */
export async function listShiftsOfPerson(
  db: DbOrTx,
  p: { personId: string; from: LocalDate; to: LocalDate },
): Promise<Pick<RosterEntry, 'date' | 'shiftCode' | 'status'>[]> {
  return db
    .select({ date: rosterEntries.date, shiftCode: rosterEntries.shiftCode, status: rosterEntries.status })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.personId, p.personId), between(rosterEntries.date, p.from, p.to)))
    .orderBy(asc(rosterEntries.date), asc(rosterEntries.shiftCode));
}
