import { and, asc, between, inArray, sql } from 'drizzle-orm';
import type { ClockRow } from '../../policy/attendance/clock-rows.js';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import { clockIns } from '../schema.js';

/** Rows per statement: five values each, well under PostgreSQL's 65,535 parameters. */
const batchSize = 1000;

const clockRowColumns = {
  personId: clockIns.personId,
  date: clockIns.date,
  shiftCode: clockIns.shiftCode,
  clockedIn: clockIns.clockedIn,
  clockedOut: clockIns.clockedOut,
};

const toClockRow = (row: Omit<ClockRow, 'date'> & { date: string }): ClockRow => ({ ...row, date: row.date as LocalDate });

/** Every clock-in row whose shift starts in [from, to], by date, person and shift. */
export async function listClockIns(db: DbOrTx, range: { from: LocalDate; to: LocalDate }): Promise<ClockRow[]> {
  const rows = await db
    .select(clockRowColumns)
    .from(clockIns)
    .where(between(clockIns.date, range.from, range.to))
    .orderBy(asc(clockIns.date), asc(clockIns.personId), asc(clockIns.shiftCode));
  return rows.map(toClockRow);
}

/** Adds or overwrites rows by (person, date, shift). */
export async function upsertClockIns(tx: DbOrTx, rows: readonly ClockRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    await tx
      .insert(clockIns)
      .values(
        rows
          .slice(i, i + batchSize)
          .map(({ personId, date, shiftCode, clockedIn, clockedOut }) => ({ personId, date, shiftCode, clockedIn, clockedOut })),
      )
      .onConflictDoUpdate({
        target: [clockIns.personId, clockIns.date, clockIns.shiftCode],
        set: { clockedIn: sql`excluded.clocked_in`, clockedOut: sql`excluded.clocked_out`, updatedAt: sql`now()` },
      });
  }
}

export async function deleteClockIns(tx: DbOrTx, rows: readonly Pick<ClockRow, 'personId' | 'date' | 'shiftCode'>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    const keys = rows.slice(i, i + batchSize).map((row) => sql`(${row.personId}, ${row.date}::date, ${row.shiftCode})`);
    await tx.delete(clockIns).where(sql`(${clockIns.personId}, ${clockIns.date}, ${clockIns.shiftCode}) in (${sql.join(keys, sql`, `)})`);
  }
}

/** The stored rows of some people on days in [from, to]. */
export async function clockInsOf(db: DbOrTx, p: { personIds: readonly string[]; from: LocalDate; to: LocalDate }): Promise<ClockRow[]> {
  const out: ClockRow[] = [];
  for (let i = 0; i < p.personIds.length; i += batchSize) {
    const rows = await db
      .select(clockRowColumns)
      .from(clockIns)
      .where(and(inArray(clockIns.personId, p.personIds.slice(i, i + batchSize)), between(clockIns.date, p.from, p.to)));
    out.push(...rows.map(toClockRow));
  }
  return out;
}
