import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { attendanceChecks } from '../schema.js';

export type AttendanceCheckKind = 'absence' | 'comp_time';

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

/** Makes every check of the kind due again (new clock-in data reopens today's absence check). */
export async function forgetAttendanceChecks(db: DbOrTx, kind: AttendanceCheckKind): Promise<void> {
  await db.delete(attendanceChecks).where(eq(attendanceChecks.kind, kind));
}
