import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { absenceNotices } from '../schema.js';

export interface AbsenceNoticeKey {
  readonly personId: string;
  readonly kind: string;
  readonly period: string;
  readonly recipientId: string;
}

export interface AbsenceNoticeRow extends AbsenceNoticeKey {
  readonly days: readonly string[];
}

/** Notices per statement: six values each, well under PostgreSQL's 65,535 parameters. */
const batchSize = 1000;

/** Adds the notices not known yet (a threshold told before is left alone); how many went in. */
export async function addAbsenceNotices(db: DbOrTx, rows: readonly AbsenceNoticeRow[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const written = await db
      .insert(absenceNotices)
      .values(batch.map((r) => ({ ...r, days: [...r.days] })))
      .onConflictDoNothing()
      .returning({ personId: absenceNotices.personId });
    added += written.length;
  }
  return added;
}

const keyIs = (p: AbsenceNoticeKey) =>
  and(
    eq(absenceNotices.personId, p.personId),
    eq(absenceNotices.kind, p.kind),
    eq(absenceNotices.period, p.period),
    eq(absenceNotices.recipientId, p.recipientId),
  );

/** The unsent notices this copy now holds: never claimed, or claimed before `staleBefore` by a copy that died. */
export async function claimUnsentAbsenceNotices(
  db: DbOrTx,
  p: { claimedBy: string; at: Date; staleBefore: Date },
): Promise<AbsenceNoticeRow[]> {
  const rows = await db
    .update(absenceNotices)
    .set({ claimedBy: p.claimedBy, claimedAt: p.at })
    .where(
      and(
        isNull(absenceNotices.sentAt),
        or(isNull(absenceNotices.claimedAt), lt(absenceNotices.claimedAt, sql`${p.staleBefore.toISOString()}::timestamptz`)),
      ),
    )
    .returning({
      personId: absenceNotices.personId,
      kind: absenceNotices.kind,
      period: absenceNotices.period,
      recipientId: absenceNotices.recipientId,
      days: absenceNotices.days,
    });
  return rows.sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : a.kind < b.kind ? -1 : 1));
}

export async function markAbsenceNoticeSent(db: DbOrTx, p: AbsenceNoticeKey & { at: Date }): Promise<void> {
  await db.update(absenceNotices).set({ sentAt: p.at }).where(keyIs(p));
}

/** A notice Slack refused is let go (only by the copy holding it), so a later minute tries again. */
export async function releaseAbsenceNotice(db: DbOrTx, p: AbsenceNoticeKey & { claimedBy: string }): Promise<void> {
  await db
    .update(absenceNotices)
    .set({ claimedBy: null, claimedAt: null })
    .where(and(keyIs(p), eq(absenceNotices.claimedBy, p.claimedBy), isNull(absenceNotices.sentAt)));
}
