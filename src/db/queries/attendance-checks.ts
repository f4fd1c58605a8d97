import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { attendanceChecks } from '../schema.js';

/** `absence_owed` (period `import`): clock-ins were imported since the last absence check. */
export type AttendanceCheckKind = 'absence' | 'absence_owed' | 'comp_time';

export async function attendanceCheckDone(db: DbOrTx, p: { kind: AttendanceCheckKind; period: string }): Promise<boolean> {
  const rows = await db
    .select({ kind: attendanceChecks.kind })
    .from(attendanceChecks)
    .where(and(eq(attendanceChecks.kind, p.kind), eq(attendanceChecks.period, p.period)))
    .limit(1);
  return rows.length > 0;
}

/** True when this transaction now holds the check; false when another copy did it already. */
export async function claimAttendanceCheck(db: DbOrTx, p: { kind: AttendanceCheckKind; period: string; at: Date }): Promise<boolean> {
  const rows = await db
    .insert(attendanceChecks)
    .values({ kind: p.kind, period: p.period, checkedAt: p.at })
    .onConflictDoNothing()
    .returning({ kind: attendanceChecks.kind });
  return rows.length === 1;
}

/** Marks a check as owed, once however often (an import's mark that the next minute must check again). */
export async function oweAttendanceCheck(db: DbOrTx, p: { kind: AttendanceCheckKind; period: string }): Promise<void> {
  await db.insert(attendanceChecks).values({ kind: p.kind, period: p.period, checkedAt: sql`now()` }).onConflictDoNothing();
}

/** Removes the check, true when it was there (an owed check is taken by the copy that removes it). */
export async function takeAttendanceCheck(db: DbOrTx, p: { kind: AttendanceCheckKind; period: string }): Promise<boolean> {
  const rows = await db
    .delete(attendanceChecks)
    .where(and(eq(attendanceChecks.kind, p.kind), eq(attendanceChecks.period, p.period)))
    .returning({ kind: attendanceChecks.kind });
  return rows.length > 0;
}
