/**
 * Coverage for those who look after teams (leads, managers, the GM): each shift of the coming days
 * against its minimum, who is off, and pending leave that would drop a shift below it. Who is off
 * shows as "absent"; the leave type only where the policy lets this reader see it, never the reason.
 */
import { leaveOnShiftsOf, requestsApprovedBy, teamRosterBetween, teamsBelow } from '../db/queries/coverage.js';
import type { Person } from '../db/schema.js';
import type { TeamDefinition } from '../policy/policy-file.js';
import {
  coverageRosterFrom,
  groupCoverageRoster,
  teamCoverage,
  type Absence,
  type PendingDrop,
  type ShiftCoverage,
} from '../policy/team-coverage.js';
import { addDays, todayIn, type LocalDate } from '../policy/time.js';
import type { UseCaseDeps } from './deps.js';

export type ShownAbsence = Absence & { readonly type: string | undefined };
export type ShownDrop = PendingDrop & { readonly type: string | undefined };

export interface ShownShift extends Omit<ShiftCoverage, 'absent' | 'pendingDrops'> {
  readonly absent: readonly ShownAbsence[];
  readonly pendingDrops: readonly ShownDrop[];
}

export interface TeamCoverage {
  readonly team: TeamDefinition;
  readonly firstDay: LocalDate;
  readonly days: number;
  readonly shifts: readonly ShownShift[];
}

/** The roles that look after teams and see their coverage. */
const overseers = new Set<Person['role']>(['lead', 'manager', 'gm']);

export function overseesTeams(person: Pick<Person, 'role' | 'active'>): boolean {
  return person.active && overseers.has(person.role);
}

/**
 * The teams a person looks after, in the policy's order: a lead their own team, a manager the teams
 * of everyone below them in the reporting line (and their own), the GM every team.
 */
export async function teamsOverseenBy(
  deps: UseCaseDeps,
  person: Pick<Person, 'slackId' | 'role' | 'active' | 'teamId'>,
): Promise<TeamDefinition[]> {
  if (!overseesTeams(person)) return [];
  const all = Object.values(deps.policy.teams);
  if (person.role === 'gm') return all;
  if (person.role === 'lead') return all.filter((team) => team.id === person.teamId);
  const below = await teamsBelow(deps.db, person.slackId);
  return all.filter((team) => team.id === person.teamId || below.has(team.id));
}

/** The team's coverage from today (in its zone) for `days` days, as `readerId` may see it. */
export async function coverageOfTeam(
  deps: UseCaseDeps,
  p: { team: TeamDefinition; readerId: string; days: number; now?: Date },
): Promise<TeamCoverage> {
  const { team } = p;
  const now = p.now ?? deps.clock.now();
  const firstDay = todayIn(now, team.timezone);
  const range = { teamId: team.id, from: coverageRosterFrom(firstDay), to: addDays(firstDay, p.days - 1) };
  const leave = await leaveOnShiftsOf(deps.db, range);
  const held = deps.readModel?.coverageRoster(range);
  // the model's roster is read now, before any await, and the coverage counted from it at once
  const roster = held ?? groupCoverageRoster(await teamRosterBetween(deps.db, range));
  const shifts = team.shifts.flatMap((code) => {
    const shift = deps.policy.shifts[code];
    return shift ? [{ code, start: shift.start, end: shift.end }] : [];
  });
  const coverage = teamCoverage({
    now,
    timeZone: team.timezone,
    firstDay,
    days: p.days,
    shifts,
    minimums: team.min_staffing,
    roster,
    leave,
  });
  const typeOf = new Map(leave.map((l) => [l.requestId, l.type]));
  const visible = await leaveTypesVisibleTo(deps, team, p.readerId, [...typeOf.keys()]);
  const shown = (requestId: number | undefined) => (requestId !== undefined && visible.has(requestId) ? typeOf.get(requestId) : undefined);
  return {
    team,
    firstDay,
    days: p.days,
    shifts: coverage.map((s) => ({
      ...s,
      absent: s.absent.map((a) => ({ ...a, type: shown(a.requestId) })),
      pendingDrops: s.pendingDrops.map((d) => ({ ...d, type: shown(d.requestId) })),
    })),
  };
}

/**
 * The requests whose leave type the reader may see: where the team's channel shows types anyway, or
 * where the policy lets approvers see it and the reader is on that request's approval chain.
 */
export async function leaveTypesVisibleTo(
  deps: UseCaseDeps,
  team: TeamDefinition,
  readerId: string,
  requestIds: readonly number[],
): Promise<Set<number>> {
  if (team.rules.leave.show_type_in_channel) return new Set(requestIds);
  if (!team.rules.digest.show_leave_type_to_approvers) return new Set();
  return requestsApprovedBy(deps.db, { requestIds, approverId: readerId });
}

export interface CoverageHome {
  readonly teams: readonly TeamCoverage[];
}

/** The Home tab's Coverage section for a lead, manager or GM who looks after a team; undefined for everyone else. */
export async function coverageHome(deps: UseCaseDeps, person: Person): Promise<CoverageHome | undefined> {
  if (!overseesTeams(person)) return undefined;
  const teams = await teamsOverseenBy(deps, person);
  if (teams.length === 0) return undefined;
  const now = deps.clock.now();
  return {
    teams: await Promise.all(
      teams.map((team) => coverageOfTeam(deps, { team, readerId: person.slackId, days: team.rules.digest.coverage_days, now })),
    ),
  };
}
