import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import { approvedSwapsOn } from './swap.js';
import {
  handoverCases,
  handoverEvents,
  handoverMisses,
  handoverMissedShifts,
  handoverRecipients,
  handoverReminders,
  handovers,
  handoverVersions,
  leaveCoveredShifts,
  leaveRequests,
  people,
  rosterEntries,
  type Handover,
  type HandoverCase,
  type HandoverContent,
  type HandoverRecipient,
  type HandoverVersion,
} from '../schema.js';

type NewHandover = typeof handovers.$inferInsert;
type NewCase = typeof handoverCases.$inferInsert;
type NewEvent = typeof handoverEvents.$inferInsert;

export async function findHandover(db: DbOrTx, id: number): Promise<Handover | undefined> {
  const [row] = await db.select().from(handovers).where(eq(handovers.id, id)).limit(1);
  return row;
}

/** The handover row, locked until the transaction ends: take-overs, refusals and amendments take turns. */
export async function lockHandover(tx: DbOrTx, id: number): Promise<Handover | undefined> {
  const [row] = await tx.select().from(handovers).where(eq(handovers.id, id)).for('update');
  return row;
}

export async function findHandoverOfShift(
  db: DbOrTx,
  shift: { teamId: string; shiftDate: LocalDate; shiftCode: string },
): Promise<Handover | undefined> {
  const [row] = await db
    .select()
    .from(handovers)
    .where(and(eq(handovers.teamId, shift.teamId), eq(handovers.shiftDate, shift.shiftDate), eq(handovers.shiftCode, shift.shiftCode)))
    .limit(1);
  return row;
}

export async function findVersionBySubmission(db: DbOrTx, submissionKey: string): Promise<HandoverVersion | undefined> {
  const [row] = await db.select().from(handoverVersions).where(eq(handoverVersions.submissionKey, submissionKey)).limit(1);
  return row;
}

/** Inserts a handover unless its shift already has one; undefined when it had. */
export async function insertHandover(tx: DbOrTx, row: NewHandover): Promise<Handover | undefined> {
  const [inserted] = await tx
    .insert(handovers)
    .values(row)
    .onConflictDoNothing({ target: [handovers.teamId, handovers.shiftDate, handovers.shiftCode] })
    .returning();
  return inserted;
}

type HandoverChange = Partial<
  Pick<
    Handover,
    | 'status'
    | 'version'
    | 'content'
    | 'takenOverVersion'
    | 'takenOverBy'
    | 'takenOverAt'
    | 'lastRefusalReason'
    | 'lastRefusalNote'
    | 'lastRefusedBy'
    | 'channelId'
    | 'messageTs'
  >
>;

export async function updateHandover(tx: DbOrTx, id: number, set: HandoverChange): Promise<void> {
  await tx
    .update(handovers)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(handovers.id, id));
}

export async function insertVersion(
  tx: DbOrTx,
  row: {
    handoverId: number;
    version: number;
    submissionKey: string;
    authorId: string;
    content: HandoverContent;
    addendum: boolean;
    at: Date;
  },
): Promise<void> {
  await tx.insert(handoverVersions).values(row);
}

export async function listVersions(db: DbOrTx, handoverId: number): Promise<HandoverVersion[]> {
  return db.select().from(handoverVersions).where(eq(handoverVersions.handoverId, handoverId)).orderBy(asc(handoverVersions.version));
}

export async function recordHandoverEvent(tx: DbOrTx, event: NewEvent): Promise<void> {
  await tx.insert(handoverEvents).values(event);
}

/** The team's open cases, those with the earliest due time first, then the oldest. */
export async function listOpenCases(db: DbOrTx, teamId: string): Promise<HandoverCase[]> {
  return db
    .select()
    .from(handoverCases)
    .where(and(eq(handoverCases.teamId, teamId), eq(handoverCases.status, 'open')))
    .orderBy(sql`${handoverCases.dueAt} asc nulls last`, asc(handoverCases.id));
}

export async function insertCases(tx: DbOrTx, rows: readonly NewCase[]): Promise<void> {
  if (rows.length > 0) await tx.insert(handoverCases).values([...rows]);
}

/** Resolves a case that is still open (a case closed meanwhile keeps its first resolution); false when it was not open. */
export async function resolveCase(
  tx: DbOrTx,
  p: { caseId: number; teamId: string; resolution: string; by: string; at: Date; handoverId: number | null },
): Promise<boolean> {
  const rows = await tx
    .update(handoverCases)
    .set({
      status: 'resolved',
      resolution: p.resolution,
      resolvedBy: p.by,
      resolvedAt: p.at,
      resolvedIn: p.handoverId,
      updatedAt: sql`now()`,
    })
    .where(and(eq(handoverCases.id, p.caseId), eq(handoverCases.teamId, p.teamId), eq(handoverCases.status, 'open')))
    .returning({ id: handoverCases.id });
  return rows.length === 1;
}

export async function findCases(db: DbOrTx, ids: readonly number[]): Promise<HandoverCase[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(handoverCases)
    .where(inArray(handoverCases.id, [...ids]))
    .orderBy(asc(handoverCases.id));
}

/** Cases a handover opened or resolved, in id order. */
export async function listCasesOfHandover(db: DbOrTx, handoverId: number): Promise<HandoverCase[]> {
  return db
    .select()
    .from(handoverCases)
    .where(or(eq(handoverCases.openedIn, handoverId), eq(handoverCases.resolvedIn, handoverId)))
    .orderBy(asc(handoverCases.id));
}

/** Who is scheduled (not on leave, not swapped away) on a team's shift. */
export async function scheduledOn(db: DbOrTx, shift: { teamId: string; date: LocalDate; shiftCode: string }): Promise<string[]> {
  const rows = await db
    .select({ personId: rosterEntries.personId })
    .from(rosterEntries)
    .where(
      and(
        eq(rosterEntries.teamId, shift.teamId),
        eq(rosterEntries.date, shift.date),
        eq(rosterEntries.shiftCode, shift.shiftCode),
        eq(rosterEntries.status, 'scheduled'),
      ),
    )
    .orderBy(asc(rosterEntries.personId));
  return rows.map((r) => r.personId);
}

/** A change to who works a shift, as the handover's staffing section lists it. */
export interface StaffingChange {
  readonly kind: 'leave' | 'swap';
  readonly personId: string;
  readonly name: string;
  /** For leave: the leave type code. */
  readonly leaveType?: string;
  /** For a swap: who works the shift instead. */
  readonly coveredBy?: string;
}

/**
 * Everyone taken off a team's shift: approved leave covering it, and roster rows marked swapped (or on
 * leave without a request, e.g. imported so). Swaps will name who comes instead once they are recorded.
 */
export async function staffingChangesForShift(
  db: DbOrTx,
  shift: { teamId: string; date: LocalDate; shiftCode: string },
): Promise<StaffingChange[]> {
  const leave = await db
    .select({ personId: leaveRequests.personId, name: people.name, type: leaveRequests.type })
    .from(leaveCoveredShifts)
    .innerJoin(leaveRequests, eq(leaveRequests.id, leaveCoveredShifts.requestId))
    .innerJoin(people, eq(people.slackId, leaveRequests.personId))
    .where(
      and(
        eq(leaveRequests.teamId, shift.teamId),
        eq(leaveRequests.status, 'approved'),
        eq(leaveCoveredShifts.date, shift.date),
        eq(leaveCoveredShifts.shiftCode, shift.shiftCode),
      ),
    )
    .orderBy(asc(people.name));
  const offRoster = await db
    .select({ personId: rosterEntries.personId, name: people.name, status: rosterEntries.status })
    .from(rosterEntries)
    .innerJoin(people, eq(people.slackId, rosterEntries.personId))
    .where(
      and(
        eq(rosterEntries.teamId, shift.teamId),
        eq(rosterEntries.date, shift.date),
        eq(rosterEntries.shiftCode, shift.shiftCode),
        ne(rosterEntries.status, 'scheduled'),
      ),
    )
    .orderBy(asc(people.name));
  const onLeave = new Set(leave.map((l) => l.personId));
  const coveredBy = await whoCovers(db, shift);
  return [
    ...leave.map((l): StaffingChange => ({ kind: 'leave', personId: l.personId, name: l.name, leaveType: l.type })),
    ...offRoster
      .filter((r) => !onLeave.has(r.personId))
      .map((r): StaffingChange => {
        if (r.status === 'on_leave') return { kind: 'leave', personId: r.personId, name: r.name };
        const by = coveredBy.get(r.personId);
        return by === undefined
          ? { kind: 'swap', personId: r.personId, name: r.name }
          : { kind: 'swap', personId: r.personId, name: r.name, coveredBy: by };
      }),
  ];
}

/** For the shift, who took it over from whom by an approved swap: giver's id → taker's name. */
async function whoCovers(db: DbOrTx, shift: { teamId: string; date: LocalDate; shiftCode: string }): Promise<Map<string, string>> {
  const swaps = await approvedSwapsOn(db, { teamId: shift.teamId, dates: [shift.date] });
  const moves = swaps.flatMap((s) => [
    ...(s.giveDate === shift.date && s.giveShift === shift.shiftCode ? [{ from: s.requesterId, to: s.colleagueId }] : []),
    ...(s.takeDate === shift.date && s.takeShift === shift.shiftCode ? [{ from: s.colleagueId, to: s.requesterId }] : []),
  ]);
  if (moves.length === 0) return new Map();
  const names = new Map(
    (
      await db
        .select({ id: people.slackId, name: people.name })
        .from(people)
        .where(
          inArray(
            people.slackId,
            moves.map((m) => m.to),
          ),
        )
    ).map((r) => [r.id, r.name]),
  );
  return new Map(moves.map((m) => [m.from, names.get(m.to) ?? m.to]));
}

/** The team's active leads. */
export async function teamLeads(db: DbOrTx, teamId: string): Promise<string[]> {
  const rows = await db
    .select({ slackId: people.slackId })
    .from(people)
    .where(and(eq(people.teamId, teamId), eq(people.role, 'lead'), eq(people.active, true)))
    .orderBy(asc(people.slackId));
  return rows.map((r) => r.slackId);
}

/** Adds the incoming shift's people a handover is sent to; those already there stay as they are. */
export async function addRecipients(tx: DbOrTx, handoverId: number, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  await tx
    .insert(handoverRecipients)
    .values(personIds.map((personId) => ({ handoverId, personId })))
    .onConflictDoNothing();
}

export async function listRecipients(db: DbOrTx, handoverId: number): Promise<HandoverRecipient[]> {
  return db
    .select()
    .from(handoverRecipients)
    .where(eq(handoverRecipients.handoverId, handoverId))
    .orderBy(asc(handoverRecipients.personId));
}

export async function setRecipientMessage(
  db: DbOrTx,
  p: { handoverId: number; personId: string; channelId: string; messageTs: string },
): Promise<void> {
  await db
    .update(handoverRecipients)
    .set({ channelId: p.channelId, messageTs: p.messageTs })
    .where(and(eq(handoverRecipients.handoverId, p.handoverId), eq(handoverRecipients.personId, p.personId)));
}

/** Claims, in one statement, every handover not taken over whose alert is due and not yet sent: each is returned once, ever. */
export async function claimUnansweredAlerts(db: DbOrTx, now: Date): Promise<Handover[]> {
  return db
    .update(handovers)
    .set({ unansweredAlertedAt: now, updatedAt: sql`now()` })
    .where(and(ne(handovers.status, 'taken_over'), isNull(handovers.unansweredAlertedAt), lte(handovers.takeOverDueAt, now)))
    .returning();
}

/** Claims, in one statement, every open case whose promised time has come and whose owner was not reminded. */
export async function claimDueCaseReminders(db: DbOrTx, now: Date): Promise<HandoverCase[]> {
  return db
    .update(handoverCases)
    .set({ dueRemindedAt: now, updatedAt: sql`now()` })
    .where(and(eq(handoverCases.status, 'open'), isNull(handoverCases.dueRemindedAt), lte(handoverCases.dueAt, now)))
    .returning();
}

/** The (date, shift) keys of a team's handovers whose shift starts in [from, to]. */
export async function handoverKeys(db: DbOrTx, p: { teamId: string; from: LocalDate; to: LocalDate }): Promise<Set<string>> {
  const rows = await db
    .select({ date: handovers.shiftDate, shiftCode: handovers.shiftCode })
    .from(handovers)
    .where(and(eq(handovers.teamId, p.teamId), gte(handovers.shiftDate, p.from), lte(handovers.shiftDate, p.to)));
  return new Set(rows.map((r) => `${r.date}|${r.shiftCode}`));
}

/** The (date, shift) keys of a team's shifts already recorded as missed (with or without anyone on them), whose shift starts in [from, to]. */
export async function missedKeys(db: DbOrTx, p: { teamId: string; from: LocalDate; to: LocalDate }): Promise<Set<string>> {
  const rows = await db
    .select({ date: handoverMissedShifts.shiftDate, shiftCode: handoverMissedShifts.shiftCode })
    .from(handoverMissedShifts)
    .where(
      and(
        eq(handoverMissedShifts.teamId, p.teamId),
        gte(handoverMissedShifts.shiftDate, p.from),
        lte(handoverMissedShifts.shiftDate, p.to),
      ),
    );
  return new Set(rows.map((r) => `${r.date}|${r.shiftCode}`));
}

/** Records a shift as missed, once: true for the one caller whose row went in. */
export async function claimMissedShift(
  db: DbOrTx,
  p: { teamId: string; shiftDate: LocalDate; shiftCode: string; rostered: number; at: Date },
): Promise<boolean> {
  const rows = await db
    .insert(handoverMissedShifts)
    .values({ teamId: p.teamId, shiftDate: p.shiftDate, shiftCode: p.shiftCode, rostered: p.rostered, recordedAt: p.at })
    .onConflictDoNothing()
    .returning({ shiftCode: handoverMissedShifts.shiftCode });
  return rows.length === 1;
}

/** Records a missed handover for each person; returns those whose row went in (every other copy gets none). */
export async function recordMisses(
  db: DbOrTx,
  p: { teamId: string; shiftDate: LocalDate; shiftCode: string; personIds: readonly string[]; at: Date },
): Promise<string[]> {
  if (p.personIds.length === 0) return [];
  const rows = await db
    .insert(handoverMisses)
    .values(
      p.personIds.map((personId) => ({ teamId: p.teamId, shiftDate: p.shiftDate, shiftCode: p.shiftCode, personId, recordedAt: p.at })),
    )
    .onConflictDoNothing()
    .returning({ personId: handoverMisses.personId });
  return rows.map((r) => r.personId);
}

/** Missed handovers per person on shifts starting in [from, to]. */
export async function missCounts(
  db: DbOrTx,
  p: { personIds: readonly string[]; from: LocalDate; to: LocalDate },
): Promise<Map<string, number>> {
  if (p.personIds.length === 0) return new Map();
  const rows = await db
    .select({ personId: handoverMisses.personId, count: sql<number>`count(*)::int` })
    .from(handoverMisses)
    .where(
      and(inArray(handoverMisses.personId, [...p.personIds]), gte(handoverMisses.shiftDate, p.from), lte(handoverMisses.shiftDate, p.to)),
    )
    .groupBy(handoverMisses.personId);
  return new Map(rows.map((r) => [r.personId, Number(r.count)]));
}

/** The texts of a handover's content that a search reads (not its keys or flags). */
const searchedFields: readonly (keyof HandoverContent)[] = ['equipmentIssue', 'staffing', 'process', 'instructions', 'feedback', 'notes'];

/** Escapes LIKE's wildcards so a search term matches as typed. */
const likePattern = (term: string) => `%${term.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_')}%`;

/** The team's latest handovers, newest shift first; with a term, those whose text (in any version) or cases mention it. */
export async function listRecentHandovers(db: DbOrTx, p: { teamId: string; limit: number; term?: string }): Promise<Handover[]> {
  const pattern = p.term ? likePattern(p.term) : undefined;
  const matches = pattern
    ? or(
        // every version, so a word that an amendment replaced is still found
        sql`exists (select 1 from ${handoverVersions} where ${handoverVersions.handoverId} = ${handovers.id} and concat_ws(' ', ${sql.join(
          searchedFields.map((f) => sql`${handoverVersions.content}->>${f}`),
          sql`, `,
        )}) ilike ${pattern})`,
        sql`exists (select 1 from ${handoverCases} where ${handoverCases.openedIn} = ${handovers.id} and (${handoverCases.what} ilike ${pattern} or coalesce(${handoverCases.promise}, '') ilike ${pattern} or coalesce(${handoverCases.resolution}, '') ilike ${pattern}))`,
      )
    : undefined;
  return db
    .select()
    .from(handovers)
    .where(and(eq(handovers.teamId, p.teamId), matches))
    .orderBy(desc(handovers.shiftDate), desc(handovers.id))
    .limit(p.limit);
}

/** The team's open cases that mention a term (or all of them). */
export async function searchOpenCases(db: DbOrTx, p: { teamId: string; term?: string }): Promise<HandoverCase[]> {
  const open = await listOpenCases(db, p.teamId);
  if (!p.term) return open;
  const term = p.term.toLowerCase();
  return open.filter((c) => c.what.toLowerCase().includes(term) || (c.promise ?? '').toLowerCase().includes(term));
}

/** The handovers a person wrote for shifts starting in [from, to], and the open cases they own (for the weekly summary). */
export async function handoverFactsOf(db: DbOrTx, p: { personId: string; from: LocalDate; to: LocalDate }) {
  const [written, cases] = await Promise.all([
    db
      .select({ date: handovers.shiftDate, shiftCode: handovers.shiftCode })
      .from(handovers)
      .where(and(eq(handovers.authorId, p.personId), gte(handovers.shiftDate, p.from), lte(handovers.shiftDate, p.to)))
      .orderBy(asc(handovers.shiftDate), asc(handovers.shiftCode)),
    db
      .select({ id: handoverCases.id, what: handoverCases.what })
      .from(handoverCases)
      .where(and(eq(handoverCases.ownerId, p.personId), eq(handoverCases.status, 'open')))
      .orderBy(asc(handoverCases.id)),
  ]);
  return {
    handoversWritten: written.map((h) => ({ date: h.date, shiftCode: h.shiftCode })),
    openCases: cases.map((c) => ({ reference: `#${c.id}`, title: c.what })),
  };
}

/** Claims a reminder about a shift's handover: true for the one caller whose row went in. */
export async function claimHandoverReminder(
  db: DbOrTx,
  p: { teamId: string; shiftDate: LocalDate; shiftCode: string; kind: 'outgoing' | 'incoming'; at: Date },
): Promise<boolean> {
  const rows = await db
    .insert(handoverReminders)
    .values({ teamId: p.teamId, shiftDate: p.shiftDate, shiftCode: p.shiftCode, kind: p.kind, sentAt: p.at })
    .onConflictDoNothing()
    .returning({ kind: handoverReminders.kind });
  return rows.length === 1;
}

/** The (date, shift) keys of a team's handovers taken over, whose shift starts in [from, to]. */
export async function takenOverKeys(db: DbOrTx, p: { teamId: string; from: LocalDate; to: LocalDate }): Promise<Set<string>> {
  const rows = await db
    .select({ date: handovers.shiftDate, shiftCode: handovers.shiftCode })
    .from(handovers)
    .where(
      and(
        eq(handovers.teamId, p.teamId),
        eq(handovers.status, 'taken_over'),
        gte(handovers.shiftDate, p.from),
        lte(handovers.shiftDate, p.to),
      ),
    );
  return new Set(rows.map((r) => `${r.date}|${r.shiftCode}`));
}
