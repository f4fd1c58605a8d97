/**
 * What the Saturday deadline does (POLICY §5): remind those who have not submitted, then record the
 * misses and sum the week up for each lead and for the managers. Each weekly run is claimed in
 * report_runs, so however many app copies run, and however often, it happens once per period.
 */
import { countedClaim } from '../metrics.js';
import {
  claimReportRun,
  finishReportRun,
  finishedRunScopes,
  hasReportRunUpTo,
  lateReportsOf,
  listWeekDuties,
  missedWeeks,
  recordMisses,
  reportRunClaimedAt,
  sentReports,
  type RunKey,
  type WeekDutyRow,
} from '../db/queries/report.js';
import { approvedLeaveOf } from '../db/queries/leave.js';
import { loadReportingLines } from '../db/queries/reporting-line.js';
import { lineAbove } from '../policy/approval.js';
import type { Label, TeamDefinition } from '../policy/policy-file.js';
import { consecutiveMisses, countedMisses, escalationFor, leaveDaysIn, owesReport, reachesManagerAlert } from '../policy/report.js';
import { digestDue, dueReminder, isOpen, reportWeekAt, reportWeekStarting, weekStartOf, type ReportWeek } from '../policy/report-week.js';
import { addDays, type LocalDate } from '../policy/time.js';
import type { UseCaseDeps } from './deps.js';

/** A claim whose app copy has not finished within this long is taken over by another (it died). */
const claimLeaseMs = 15 * 60 * 1000;

export interface DueRun extends RunKey {
  readonly team: TeamDefinition | undefined;
  readonly week: ReportWeek;
  /** For reminders, its position in the policy's list. */
  readonly reminder?: number;
}

/** The reminder due now per team, if any: the latest one whose time has come before the deadline. */
export function dueReminderRuns(deps: UseCaseDeps, now: Date): DueRun[] {
  return Object.values(deps.policy.teams).flatMap((team) => {
    const week = reportWeekAt(now, team.rules.report, team.timezone);
    const reminder = dueReminder(now, week);
    return reminder === undefined ? [] : [{ kind: `reminder.${reminder}`, scope: team.id, weekStart: week.start, team, week, reminder }];
  });
}

/**
 * The week per team whose deadline has passed most recently: its misses are recorded and, while the
 * week is still on, the digest sent. After downtime past the week's end the misses are still recorded
 * (the digest's time is over), as long as the app ran for that team before; a new install does not
 * reach back.
 */
export async function dueDigestRuns(deps: UseCaseDeps, now: Date): Promise<DueRun[]> {
  const runs = await Promise.all(
    Object.values(deps.policy.teams).map(async (team): Promise<DueRun[]> => {
      const week = lastDeadlineWeek(now, team);
      const due = digestDue(now, week) || (!isOpen(now, week) && (await hasReportRunUpTo(deps.db, team.id, week.start)));
      return due ? [{ kind: 'digest', scope: team.id, weekStart: week.start, team, week }] : [];
    }),
  );
  return runs.flat();
}

/**
 * The department roll-up of a week is due once the deadline of every team whose week starts that day
 * has passed (each in its own time zone) and those teams' misses are recorded, while some team's week
 * is still on. Teams whose weeks start on another weekday have roll-ups of their own weeks; a team
 * with no report run up to that week (new to the app) does not hold the roll-up back.
 */
export async function dueRollupRuns(deps: UseCaseDeps, now: Date): Promise<DueRun[]> {
  const teams = Object.values(deps.policy.teams);
  const starts = new Set(teams.map((team) => lastDeadlineWeek(now, team).start));
  const runs = await Promise.all(
    [...starts].map(async (weekStart): Promise<DueRun[]> => {
      const members = teamsWithWeekStarting(teams, weekStart);
      const weeks = members.map((team) => reportWeekStarting(weekStart, team.rules.report, team.timezone));
      const allPastDeadline = weeks.every((week) => now.getTime() >= week.dueAt.getTime());
      if (!allPastDeadline || !weeks.some((week) => isOpen(now, week))) return [];
      const recorded = await finishedRunScopes(deps.db, 'digest', weekStart);
      const running = await Promise.all(
        members.map(async (team) => recorded.has(team.id) || !(await hasReportRunUpTo(deps.db, team.id, weekStart))),
      );
      if (!running.every(Boolean)) return [];
      const week = weeks.reduce((latest, w) => (w.dueAt > latest.dueAt ? w : latest), weeks[0] as ReportWeek);
      return [{ kind: 'rollup', scope: '*', weekStart, team: undefined, week }];
    }),
  );
  return runs.flat();
}

/** The teams whose report weeks start on `weekStart`'s weekday: those a roll-up of that week covers. */
export function teamsWithWeekStarting(teams: readonly TeamDefinition[], weekStart: LocalDate): TeamDefinition[] {
  return teams.filter((team) => weekStartOf(weekStart, team.rules.report.week_starts) === weekStart);
}

function lastDeadlineWeek(now: Date, team: TeamDefinition): ReportWeek {
  const current = reportWeekAt(now, team.rules.report, team.timezone);
  return now.getTime() >= current.dueAt.getTime()
    ? current
    : reportWeekStarting(addDays(current.start, -7), team.rules.report, team.timezone);
}

export async function claimRun(deps: UseCaseDeps, run: RunKey, claimedBy: string, now: Date): Promise<boolean> {
  return countedClaim(
    deps.metrics,
    'report_run',
    claimReportRun(deps.db, { ...run, claimedBy, at: now, staleBefore: new Date(now.getTime() - claimLeaseMs) }),
  );
}

export async function finishRun(deps: UseCaseDeps, run: RunKey): Promise<void> {
  await finishReportRun(deps.db, { ...run, at: deps.clock.now() });
  deps.metrics?.claim('report_run', 'finished');
}

export type ReportOutcome = 'on_time' | 'late' | 'missing';

export interface AgentWeek {
  readonly slackId: string;
  readonly name: string;
  /** Who gets their line in a digest: the nearest active person up their reporting line; none and it is in the roll-up. */
  readonly digestTo: string | undefined;
  readonly locale: string | null;
  readonly outcome: ReportOutcome;
  readonly totalMisses: number;
  readonly consecutiveMisses: number;
  /** The start of the latest week that counts as missed (this one when `outcome` is missing). */
  readonly lastMiss: LocalDate | undefined;
  /** What the policy says the total count means, i.e. the step of the miss in `lastMiss`; undefined with no misses. */
  readonly escalation: Label | undefined;
  /** Weeks sent late, this one included: counted apart from misses, with no step of their own. */
  readonly totalLate: number;
  readonly alertManager: boolean;
}

/** A report of the week before that came in after that week's digest went out, which showed it missing. */
export interface LateArrival {
  readonly slackId: string;
  readonly name: string;
  readonly digestTo: string | undefined;
  readonly submittedAt: Date;
}

export interface WeekSummary {
  readonly teamId: string;
  readonly week: ReportWeek;
  /** Everyone who owed a report, in Slack id order. */
  readonly agents: readonly AgentWeek[];
  /** The week before and its reports that arrived after its digest (only when the week is closed at its deadline). */
  readonly lateAfterDigest?: { readonly week: ReportWeek; readonly agents: readonly LateArrival[] };
}

/** Agents of the team who owe a report this week and have not submitted one: those to remind. */
export async function reminderRecipients(deps: UseCaseDeps, team: TeamDefinition, week: ReportWeek): Promise<WeekDutyRow[]> {
  const duties = await listWeekDuties(deps.db, team.id, week);
  return duties.filter((row) => row.report === undefined && owes(row, team, week));
}

const owes = (row: WeekDutyRow, team: TeamDefinition, week: ReportWeek) =>
  owesReport(
    { role: row.person.role, active: row.person.active, shiftsWorked: row.shiftsWorked, leaveDays: leaveDaysIn(row.leavePeriods, week) },
    week,
    team.rules.report,
  );

/** Records the week's misses (once; a repeated run adds nothing) and sums the week up. */
export async function closeReportWeek(deps: UseCaseDeps, team: TeamDefinition, week: ReportWeek, now: Date): Promise<WeekSummary> {
  const owed = (await listWeekDuties(deps.db, team.id, week)).filter((row) => owes(row, team, week));
  const missing = owed.filter((row) => row.report === undefined);
  await deps.db.transaction((tx) =>
    recordMisses(
      tx,
      missing.map((row) => ({ personId: row.person.slackId, teamId: team.id, weekStart: week.start, recordedAt: now })),
    ),
  );
  const [summary, lateAfterDigest] = await Promise.all([summarize(deps, team, week, owed), lateSinceLastDigest(deps, team, week)]);
  return { ...summary, lateAfterDigest };
}

/**
 * The week before's reports that came in late after its digest was sent (that digest showed them
 * missing): each goes in this week's digest, so the lead learns it there too.
 */
async function lateSinceLastDigest(
  deps: UseCaseDeps,
  team: TeamDefinition,
  week: ReportWeek,
): Promise<NonNullable<WeekSummary['lateAfterDigest']>> {
  const previous = reportWeekStarting(addDays(week.start, -7), team.rules.report, team.timezone);
  const digestAt = await reportRunClaimedAt(deps.db, { kind: 'digest', scope: team.id, weekStart: previous.start });
  const late = await lateReportsOf(deps.db, { teamId: team.id, weekStart: previous.start, after: digestAt });
  const org = await loadReportingLines(
    deps.db,
    late.map((r) => r.slackId),
  );
  return {
    week: previous,
    agents: late.map((r) => ({ ...r, digestTo: lineAbove(org, r.slackId).find((member) => member.active)?.slackId })),
  };
}

/** The week as it was recorded, for the roll-up (after the digest ran). */
export async function summarizeReportWeek(deps: UseCaseDeps, team: TeamDefinition, weekStart: LocalDate): Promise<WeekSummary> {
  const week = reportWeekStarting(weekStart, team.rules.report, team.timezone);
  const owed = (await listWeekDuties(deps.db, team.id, week)).filter((row) => owes(row, team, week));
  return summarize(deps, team, week, owed);
}

/**
 * Each person's misses up to the week that still count, given their approved leave and the reports
 * they sent as they are now, and how many weeks they sent late.
 */
async function reportRecordOf(
  deps: UseCaseDeps,
  personIds: readonly string[],
  week: ReportWeek,
): Promise<Map<string, { missed: Set<LocalDate>; late: number }>> {
  const [recorded, sent] = await Promise.all([missedWeeks(deps.db, personIds, week.start), sentReports(deps.db, personIds, week.start)]);
  const earliest = [...recorded.values()]
    .flatMap((weeks) => [...weeks])
    .reduce<LocalDate>((min, start) => (start < min ? start : min), week.start);
  const leave = await approvedLeaveOf(deps.db, [...recorded.keys()], { start: earliest, end: week.end });
  return new Map(
    personIds.map((personId) => {
      const reports = sent.get(personId) ?? new Map<LocalDate, { late: boolean }>();
      const missed = countedMisses(recorded.get(personId) ?? new Set(), leave.get(personId) ?? [], new Set(reports.keys()));
      return [personId, { missed, late: [...reports.values()].filter((r) => r.late).length }];
    }),
  );
}

async function summarize(deps: UseCaseDeps, team: TeamDefinition, week: ReportWeek, owed: readonly WeekDutyRow[]): Promise<WeekSummary> {
  const rules = team.rules.report;
  const ids = owed.map((row) => row.person.slackId);
  const [records, org] = await Promise.all([reportRecordOf(deps, ids, week), loadReportingLines(deps.db, ids)]);
  const agents = owed.map((row): AgentWeek => {
    const record = records.get(row.person.slackId);
    const missed = record?.missed ?? new Set<LocalDate>();
    const outcome: ReportOutcome = row.report === undefined ? 'missing' : row.report.late ? 'late' : 'on_time';
    const consecutive = consecutiveMisses(missed, week.start);
    return {
      slackId: row.person.slackId,
      name: row.person.name,
      digestTo: lineAbove(org, row.person.slackId).find((member) => member.active)?.slackId,
      locale: row.person.locale,
      outcome,
      totalMisses: missed.size,
      consecutiveMisses: consecutive,
      lastMiss: [...missed].sort().at(-1),
      escalation: escalationFor(missed.size, rules),
      totalLate: record?.late ?? 0,
      alertManager: reachesManagerAlert(consecutive, rules),
    };
  });
  return { teamId: team.id, week, agents };
}

/** The digest's agents grouped by who gets their lines. */
export function byDigestRecipient(summary: WeekSummary): Map<string, AgentWeek[]> {
  const groups = new Map<string, AgentWeek[]>();
  for (const agent of summary.agents) {
    if (agent.digestTo === undefined) continue;
    groups.set(agent.digestTo, [...(groups.get(agent.digestTo) ?? []), agent]);
  }
  return groups;
}

/** The late arrivals of the week before, grouped by who gets their lines (those with nobody active above them are left out). */
export function lateByDigestRecipient(summary: WeekSummary): Map<string, LateArrival[]> {
  const groups = new Map<string, LateArrival[]>();
  for (const agent of summary.lateAfterDigest?.agents ?? []) {
    if (agent.digestTo === undefined) continue;
    groups.set(agent.digestTo, [...(groups.get(agent.digestTo) ?? []), agent]);
  }
  return groups;
}

/** Agents with nobody active above them: the managers' roll-up lists them. */
export function withoutDigestRecipient(summary: WeekSummary): AgentWeek[] {
  return summary.agents.filter((agent) => agent.digestTo === undefined);
}

export function tally(agents: readonly AgentWeek[]): Record<ReportOutcome, number> & { owed: number } {
  const count = (outcome: ReportOutcome) => agents.filter((a) => a.outcome === outcome).length;
  return { owed: agents.length, on_time: count('on_time'), late: count('late'), missing: count('missing') };
}
