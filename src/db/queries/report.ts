import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Role } from '../../policy/policy-file.js';
import type { RosterStatus } from '../../policy/roster-status.js';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import { approvedLeaveTouching } from './leave.js';
import { handoverFactsOf } from './handover.js';
import { swappedShiftsOf } from './swap.js';
import {
  leaveRequests,
  people,
  reportMisses,
  reportNotices,
  reportRuns,
  rosterEntries,
  weeklyReports,
  type Person,
  type WeeklyReport,
} from '../schema.js';
import { AppError } from '../../errors.js';

/** Rows per statement: well under PostgreSQL's 65,535 parameters. */
const batchSize = 1000;

export interface WeekRange {
  readonly start: LocalDate;
  readonly end: LocalDate;
}

/**
 * What the bot knows about a person's week, to pre-fill the summary: shifts, leave, swaps, the
 * handovers they wrote and the open cases they own.
 */
export interface WeekFacts {
  readonly shifts: readonly { readonly date: LocalDate; readonly shiftCode: string; readonly status: RosterStatus }[];
  readonly leave: readonly { readonly type: string; readonly firstDay: LocalDate; readonly lastDay: LocalDate }[];
  readonly swaps: readonly { readonly date: LocalDate; readonly shiftCode: string; readonly withName: string }[];
  readonly handoversWritten: readonly { readonly date: LocalDate; readonly shiftCode: string }[];
  readonly openCases: readonly { readonly reference: string; readonly title: string }[];
}

export async function weekFactsFor(db: DbOrTx, personId: string, week: WeekRange): Promise<WeekFacts> {
  const [shifts, leave, swaps, handover] = await Promise.all([
    db
      .select({ date: rosterEntries.date, shiftCode: rosterEntries.shiftCode, status: rosterEntries.status })
      .from(rosterEntries)
      .where(and(eq(rosterEntries.personId, personId), gte(rosterEntries.date, week.start), lte(rosterEntries.date, week.end)))
      .orderBy(asc(rosterEntries.date), asc(rosterEntries.shiftCode)),
    db
      .select({ type: leaveRequests.type, firstDay: leaveRequests.firstDay, lastDay: leaveRequests.lastDay })
      .from(leaveRequests)
      .where(and(eq(leaveRequests.personId, personId), approvedLeaveTouching(week.start, week.end)))
      .orderBy(asc(leaveRequests.firstDay)),
    swappedShiftsOf(db, { personId, from: week.start, to: week.end }),
    handoverFactsOf(db, { personId, from: week.start, to: week.end }),
  ]);
  return {
    shifts,
    leave,
    swaps,
    handoversWritten: handover.handoversWritten,
    openCases: handover.openCases,
  };
}

export async function findReport(db: DbOrTx, personId: string, weekStart: LocalDate): Promise<WeeklyReport | undefined> {
  const [row] = await db
    .select()
    .from(weeklyReports)
    .where(and(eq(weeklyReports.personId, personId), eq(weeklyReports.weekStart, weekStart)))
    .limit(1);
  return row;
}

export async function insertReport(tx: DbOrTx, row: typeof weeklyReports.$inferInsert): Promise<WeeklyReport> {
  const [inserted] = await tx.insert(weeklyReports).values(row).returning();
  if (!inserted) throw new AppError('db.no_row', 'insert returned no row');
  return inserted;
}

export async function updateReportText(
  tx: DbOrTx,
  id: number,
  set: { done: string; improve: string; editedAt: Date },
): Promise<WeeklyReport> {
  const [updated] = await tx.update(weeklyReports).set(set).where(eq(weeklyReports.id, id)).returning();
  if (!updated) throw new AppError('db.no_row', 'update returned no row');
  return updated;
}

export interface LeavePeriod {
  readonly firstDay: LocalDate;
  readonly lastDay: LocalDate;
}

/** One agent of a team in a report week: who they are, the shifts they worked (not on leave, not swapped away), their leave and their report. */
export interface WeekDutyRow {
  readonly person: Pick<Person, 'slackId' | 'name' | 'role' | 'active' | 'reportsTo' | 'locale'>;
  readonly shiftsWorked: number;
  readonly leavePeriods: readonly LeavePeriod[];
  readonly report: Pick<WeeklyReport, 'submittedAt' | 'late'> | undefined;
}

/** Every active agent of the team, with their week: four queries whatever the team's size. */
export async function listWeekDuties(db: DbOrTx, teamId: string, week: WeekRange): Promise<WeekDutyRow[]> {
  const agents = await db
    .select({
      slackId: people.slackId,
      name: people.name,
      role: people.role,
      active: people.active,
      reportsTo: people.reportsTo,
      locale: people.locale,
    })
    .from(people)
    .where(and(eq(people.teamId, teamId), eq(people.role, 'agent'), eq(people.active, true)))
    .orderBy(asc(people.slackId));
  if (agents.length === 0) return [];
  const inTeam = and(eq(people.teamId, teamId), eq(people.role, 'agent'), eq(people.active, true));
  const [worked, leave, reports] = await Promise.all([
    db
      .select({ personId: rosterEntries.personId, shifts: sql<number>`count(*)::int` })
      .from(rosterEntries)
      .innerJoin(people, eq(people.slackId, rosterEntries.personId))
      .where(and(inTeam, eq(rosterEntries.status, 'scheduled'), gte(rosterEntries.date, week.start), lte(rosterEntries.date, week.end)))
      .groupBy(rosterEntries.personId),
    db
      .select({ personId: leaveRequests.personId, firstDay: leaveRequests.firstDay, lastDay: leaveRequests.lastDay })
      .from(leaveRequests)
      .innerJoin(people, eq(people.slackId, leaveRequests.personId))
      .where(and(inTeam, approvedLeaveTouching(week.start, week.end))),
    db
      .select({ personId: weeklyReports.personId, submittedAt: weeklyReports.submittedAt, late: weeklyReports.late })
      .from(weeklyReports)
      .where(and(eq(weeklyReports.teamId, teamId), eq(weeklyReports.weekStart, week.start))),
  ]);
  const shifts = new Map(worked.map((w) => [w.personId, Number(w.shifts)]));
  const periods = new Map<string, { firstDay: LocalDate; lastDay: LocalDate }[]>();
  for (const l of leave) periods.set(l.personId, [...(periods.get(l.personId) ?? []), { firstDay: l.firstDay, lastDay: l.lastDay }]);
  const byPerson = new Map(reports.map((r) => [r.personId, { submittedAt: r.submittedAt, late: r.late }]));
  return agents.map((person) => ({
    person: { ...person, role: person.role as Role },
    shiftsWorked: shifts.get(person.slackId) ?? 0,
    leavePeriods: periods.get(person.slackId) ?? [],
    report: byPerson.get(person.slackId),
  }));
}

/** Records the misses of a week; a miss already recorded stays as it was. */
export async function recordMisses(
  tx: DbOrTx,
  rows: readonly { personId: string; teamId: string; weekStart: LocalDate; recordedAt: Date }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    await tx
      .insert(reportMisses)
      .values(rows.slice(i, i + batchSize))
      .onConflictDoNothing();
  }
}

/** The weeks each person missed, up to and including `upTo`, as recorded. */
export async function missedWeeks(db: DbOrTx, personIds: readonly string[], upTo: LocalDate): Promise<Map<string, Set<LocalDate>>> {
  const missed = new Map<string, Set<LocalDate>>();
  for (let i = 0; i < personIds.length; i += batchSize) {
    const rows = await db
      .select({ personId: reportMisses.personId, weekStart: reportMisses.weekStart })
      .from(reportMisses)
      .where(and(inArray(reportMisses.personId, personIds.slice(i, i + batchSize)), lte(reportMisses.weekStart, upTo)));
    for (const r of rows) missed.set(r.personId, (missed.get(r.personId) ?? new Set()).add(r.weekStart));
  }
  return missed;
}

/** The reports each person sent for weeks up to and including `upTo`, by week start: whether each was late. */
export async function sentReports(
  db: DbOrTx,
  personIds: readonly string[],
  upTo: LocalDate,
): Promise<Map<string, Map<LocalDate, { late: boolean }>>> {
  const sent = new Map<string, Map<LocalDate, { late: boolean }>>();
  for (let i = 0; i < personIds.length; i += batchSize) {
    const rows = await db
      .select({ personId: weeklyReports.personId, weekStart: weeklyReports.weekStart, late: weeklyReports.late })
      .from(weeklyReports)
      .where(and(inArray(weeklyReports.personId, personIds.slice(i, i + batchSize)), lte(weeklyReports.weekStart, upTo)));
    for (const r of rows) sent.set(r.personId, (sent.get(r.personId) ?? new Map()).set(r.weekStart, { late: r.late }));
  }
  return sent;
}

/** The late reports of a team's week sent after `after` (all of them without it), with who sent them, in Slack id order. */
export async function lateReportsOf(
  db: DbOrTx,
  p: { teamId: string; weekStart: LocalDate; after: Date | undefined },
): Promise<{ slackId: string; name: string; submittedAt: Date }[]> {
  return db
    .select({ slackId: people.slackId, name: people.name, submittedAt: weeklyReports.submittedAt })
    .from(weeklyReports)
    .innerJoin(people, eq(people.slackId, weeklyReports.personId))
    .where(
      and(
        eq(weeklyReports.teamId, p.teamId),
        eq(weeklyReports.weekStart, p.weekStart),
        eq(weeklyReports.late, true),
        p.after === undefined ? undefined : gt(weeklyReports.submittedAt, sql`${p.after.toISOString()}::timestamptz`),
      ),
    )
    .orderBy(asc(people.slackId));
}

/** When the run of (kind, scope, week) was claimed, if it was. */
export async function reportRunClaimedAt(db: DbOrTx, run: RunKey): Promise<Date | undefined> {
  const [row] = await db
    .select({ claimedAt: reportRuns.claimedAt })
    .from(reportRuns)
    .where(and(eq(reportRuns.kind, run.kind), eq(reportRuns.scope, run.scope), eq(reportRuns.weekStart, run.weekStart)))
    .limit(1);
  return row?.claimedAt;
}

export async function listActiveManagers(db: DbOrTx): Promise<Person[]> {
  return db
    .select()
    .from(people)
    .where(and(eq(people.role, 'manager'), eq(people.active, true)))
    .orderBy(asc(people.slackId));
}

export interface RunKey {
  readonly kind: string;
  readonly scope: string;
  readonly weekStart: LocalDate;
}

/**
 * True for the one app copy whose claim on (kind, scope, week) went in — or that took over a claim its
 * copy left unfinished since before `staleBefore`.
 */
export async function claimReportRun(db: DbOrTx, run: RunKey & { claimedBy: string; at: Date; staleBefore: Date }): Promise<boolean> {
  const rows = await db
    .insert(reportRuns)
    .values({ kind: run.kind, scope: run.scope, weekStart: run.weekStart, claimedBy: run.claimedBy, claimedAt: run.at })
    .onConflictDoUpdate({
      target: [reportRuns.kind, reportRuns.scope, reportRuns.weekStart],
      set: { claimedBy: run.claimedBy, claimedAt: run.at },
      setWhere: and(isNull(reportRuns.finishedAt), lt(reportRuns.claimedAt, sql`${run.staleBefore.toISOString()}::timestamptz`)),
    })
    .returning({ kind: reportRuns.kind });
  return rows.length === 1;
}

export async function finishReportRun(db: DbOrTx, run: RunKey & { at: Date }): Promise<void> {
  await db
    .update(reportRuns)
    .set({ finishedAt: run.at })
    .where(and(eq(reportRuns.kind, run.kind), eq(reportRuns.scope, run.scope), eq(reportRuns.weekStart, run.weekStart)));
}

/** Whether any weekly job ran for the scope in the week starting `weekStart` or before it: the app was running then. */
export async function hasReportRunUpTo(db: DbOrTx, scope: string, weekStart: LocalDate): Promise<boolean> {
  const [row] = await db
    .select({ kind: reportRuns.kind })
    .from(reportRuns)
    .where(and(eq(reportRuns.scope, scope), lte(reportRuns.weekStart, weekStart)))
    .limit(1);
  return row !== undefined;
}

/** The scopes whose run of `kind` for the week has finished. */
export async function finishedRunScopes(db: DbOrTx, kind: string, weekStart: LocalDate): Promise<Set<string>> {
  const rows = await db
    .select({ scope: reportRuns.scope })
    .from(reportRuns)
    .where(and(eq(reportRuns.kind, kind), eq(reportRuns.weekStart, weekStart), isNotNull(reportRuns.finishedAt)));
  return new Set(rows.map((r) => r.scope));
}

/**
 * Claims a message to one person; false when it was sent already, or is claimed by a copy that may
 * still be sending it. A claim never marked sent and older than `staleBefore` is its dead copy's, and taken over.
 */
export async function claimNotice(
  db: DbOrTx,
  notice: { kind: string; weekStart: LocalDate; personId: string; at: Date; staleBefore: Date },
): Promise<boolean> {
  const rows = await db
    .insert(reportNotices)
    .values({ kind: notice.kind, weekStart: notice.weekStart, personId: notice.personId, claimedAt: notice.at })
    .onConflictDoUpdate({
      target: [reportNotices.kind, reportNotices.weekStart, reportNotices.personId],
      set: { claimedAt: notice.at },
      setWhere: and(isNull(reportNotices.sentAt), lt(reportNotices.claimedAt, sql`${notice.staleBefore.toISOString()}::timestamptz`)),
    })
    .returning({ personId: reportNotices.personId });
  return rows.length === 1;
}

export async function markNoticeSent(
  db: DbOrTx,
  notice: { kind: string; weekStart: LocalDate; personId: string; at: Date },
): Promise<void> {
  await db
    .update(reportNotices)
    .set({ sentAt: notice.at })
    .where(
      and(eq(reportNotices.kind, notice.kind), eq(reportNotices.weekStart, notice.weekStart), eq(reportNotices.personId, notice.personId)),
    );
}

/** A message that could not be sent is let go, so a later run may try again. */
export async function releaseNotice(db: DbOrTx, notice: { kind: string; weekStart: LocalDate; personId: string }): Promise<void> {
  await db
    .delete(reportNotices)
    .where(
      and(
        eq(reportNotices.kind, notice.kind),
        eq(reportNotices.weekStart, notice.weekStart),
        eq(reportNotices.personId, notice.personId),
        isNull(reportNotices.sentAt),
      ),
    );
}
