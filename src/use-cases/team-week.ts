/**
 * The week gathered for the weekly team meeting (班务会, POLICY §5), per team, for the current report
 * week: summaries in, late and missing, leave taken, swaps, and handovers refused or missed. Leave
 * shows its type only where the reader may see it (as in Coverage), never its reason.
 */
import { listWeekDuties } from '../db/queries/report.js';
import {
  approvedLeaveInWeek,
  approvedSwapsInWeek,
  handoverRefusalsInWeek,
  missedHandoversInWeek,
  type WeekLeaveRow,
  type WeekMissRow,
  type WeekRefusalRow,
  type WeekSwapRow,
} from '../db/queries/team-week.js';
import type { Person } from '../db/schema.js';
import type { TeamDefinition } from '../policy/policy-file.js';
import { leaveDaysIn, owesReport } from '../policy/report.js';
import { reportWeekAt, type ReportWeek } from '../policy/report-week.js';
import { leaveTypesVisibleTo, teamsOverseenBy } from './coverage.js';
import type { UseCaseDeps } from './deps.js';

export interface TeamWeek {
  readonly team: TeamDefinition;
  readonly week: ReportWeek;
  /** Whether the deadline has passed: before it, a summary not in yet is not missing. */
  readonly pastDeadline: boolean;
  readonly summaries: { readonly onTime: readonly string[]; readonly late: readonly string[]; readonly missing: readonly string[] };
  readonly leave: readonly (Omit<WeekLeaveRow, 'type'> & { readonly type: string | undefined })[];
  readonly swaps: readonly WeekSwapRow[];
  readonly refusals: readonly WeekRefusalRow[];
  readonly missed: readonly WeekMissRow[];
}

export async function gatherTeamWeek(deps: UseCaseDeps, team: TeamDefinition, readerId: string): Promise<TeamWeek> {
  const now = deps.clock.now();
  const week = reportWeekAt(now, team.rules.report, team.timezone);
  const range = { teamId: team.id, week };
  const [duties, leave, swaps, refusals, missed] = await Promise.all([
    listWeekDuties(deps.db, team.id, week),
    approvedLeaveInWeek(deps.db, range),
    approvedSwapsInWeek(deps.db, range),
    handoverRefusalsInWeek(deps.db, range),
    missedHandoversInWeek(deps.db, range),
  ]);
  const owed = duties.filter((row) =>
    owesReport(
      { role: row.person.role, active: row.person.active, shiftsWorked: row.shiftsWorked, leaveDays: leaveDaysIn(row.leavePeriods, week) },
      week,
      team.rules.report,
    ),
  );
  const names = (keep: (row: (typeof owed)[number]) => boolean) => owed.filter(keep).map((row) => row.person.name);
  const visible = await leaveTypesVisibleTo(
    deps,
    team,
    readerId,
    leave.map((l) => l.requestId),
  );
  return {
    team,
    week,
    pastDeadline: now.getTime() >= week.dueAt.getTime(),
    summaries: {
      onTime: names((row) => row.report !== undefined && !row.report.late),
      late: names((row) => row.report?.late === true),
      missing: names((row) => row.report === undefined),
    },
    leave: leave.map((l) => ({ ...l, type: visible.has(l.requestId) ? l.type : undefined })),
    swaps,
    refusals,
    missed,
  };
}

/** The week of every team the person looks after; none for someone who looks after no team. */
export async function gatherWeekFor(deps: UseCaseDeps, person: Person): Promise<TeamWeek[]> {
  const teams = await teamsOverseenBy(deps, person);
  return Promise.all(teams.map((team) => gatherTeamWeek(deps, team, person.slackId)));
}
