import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { attendanceSheetSends, people, type Person } from '../schema.js';

export interface SheetSendKey {
  readonly month: string;
  readonly recipientId: string;
  readonly kind: 'sheet' | 'notice';
}

const keyIs = (p: SheetSendKey) =>
  and(eq(attendanceSheetSends.month, p.month), eq(attendanceSheetSends.recipientId, p.recipientId), eq(attendanceSheetSends.kind, p.kind));

/** True when this copy now holds the send: its row went in, or it took over a claim older than `staleBefore` never marked sent. */
export async function claimSheetSend(db: DbOrTx, p: SheetSendKey & { claimedBy: string; at: Date; staleBefore: Date }): Promise<boolean> {
  const rows = await db
    .insert(attendanceSheetSends)
    .values({ month: p.month, recipientId: p.recipientId, kind: p.kind, claimedBy: p.claimedBy, claimedAt: p.at })
    .onConflictDoUpdate({
      target: [attendanceSheetSends.month, attendanceSheetSends.recipientId, attendanceSheetSends.kind],
      set: { claimedBy: p.claimedBy, claimedAt: p.at },
      setWhere: and(
        isNull(attendanceSheetSends.sentAt),
        lt(attendanceSheetSends.claimedAt, sql`${p.staleBefore.toISOString()}::timestamptz`),
      ),
    })
    .returning({ recipientId: attendanceSheetSends.recipientId });
  return rows.length === 1;
}

export async function markSheetSent(db: DbOrTx, p: SheetSendKey & { at: Date }): Promise<void> {
  await db.update(attendanceSheetSends).set({ sentAt: p.at }).where(keyIs(p));
}

/** A send that failed is let go (only by the copy holding it), so a later minute tries again. */
export async function releaseSheetSend(db: DbOrTx, p: SheetSendKey & { claimedBy: string }): Promise<void> {
  await db
    .delete(attendanceSheetSends)
    .where(and(keyIs(p), eq(attendanceSheetSends.claimedBy, p.claimedBy), isNull(attendanceSheetSends.sentAt)));
}

/** Who has had the month's sheet or notice. */
export async function sheetSendsOf(db: DbOrTx, month: string): Promise<{ recipientId: string; kind: string; sentAt: Date | null }[]> {
  return db
    .select({ recipientId: attendanceSheetSends.recipientId, kind: attendanceSheetSends.kind, sentAt: attendanceSheetSends.sentAt })
    .from(attendanceSheetSends)
    .where(eq(attendanceSheetSends.month, month));
}

/** Active people with one of the roles, by Slack id. */
export async function activePeopleWithRole(db: DbOrTx, role: 'hr' | 'manager'): Promise<Person[]> {
  return db
    .select()
    .from(people)
    .where(and(eq(people.role, role), eq(people.active, true)))
    .orderBy(asc(people.slackId));
}
