import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  approvedLeaveOfTeam,
  insertCalendarToken,
  liveCalendarTokenHashes,
  revokeCalendarTokens as revokeTokensOf,
} from '../db/queries/calendar.js';
import { calendarEvents, calendarWindow, type CalendarEvent } from '../policy/calendar.js';
import type { Minutes } from '../policy/duration.js';
import type { TeamDefinition } from '../policy/policy-file.js';
import { todayIn } from '../policy/time.js';
import type { UseCaseDeps } from './deps.js';

/** 32 random bytes: a link nobody can guess, so a hash without salt or stretching keeps it safe at rest. */
const tokenBytes = 32;

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest();

function teamNamed(deps: Pick<UseCaseDeps, 'policy'>, teamId: string): TeamDefinition | undefined {
  return Object.hasOwn(deps.policy.teams, teamId) ? deps.policy.teams[teamId] : undefined;
}

export type IssueResult = { readonly kind: 'issued'; readonly team: TeamDefinition; readonly token: string } | UnknownTeam;
export type RevokeResult = { readonly kind: 'revoked'; readonly team: TeamDefinition; readonly count: number } | UnknownTeam;
type UnknownTeam = { readonly kind: 'unknown_team'; readonly known: readonly string[] };

const unknownTeam = (deps: Pick<UseCaseDeps, 'policy'>): UnknownTeam => ({ kind: 'unknown_team', known: Object.keys(deps.policy.teams) });

/** A new secret link to the team's leave calendar; the links issued before keep working. Only its hash is stored. */
export async function issueCalendarToken(deps: Pick<UseCaseDeps, 'db' | 'policy' | 'clock'>, teamId: string): Promise<IssueResult> {
  const team = teamNamed(deps, teamId);
  if (!team) return unknownTeam(deps);
  const token = randomBytes(tokenBytes).toString('base64url');
  await insertCalendarToken(deps.db, { teamId, tokenHash: hashOf(token).toString('hex'), at: deps.clock.now() });
  return { kind: 'issued', team, token };
}

/** Ends every link to the team's leave calendar. */
export async function revokeCalendarTokens(deps: Pick<UseCaseDeps, 'db' | 'policy' | 'clock'>, teamId: string): Promise<RevokeResult> {
  const team = teamNamed(deps, teamId);
  if (!team) return unknownTeam(deps);
  const count = await revokeTokensOf(deps.db, { teamId, at: deps.clock.now() });
  return { kind: 'revoked', team, count };
}

export interface TeamCalendar {
  readonly team: TeamDefinition;
  readonly events: readonly CalendarEvent[];
  readonly refreshEvery: Minutes;
}

/**
 * The team's approved leave as calendar events, read from the database at each call (approved leave
 * appears, withdrawn leave is gone); undefined unless `token` is a live link of that team. Whether the
 * team exists or the token is wrong is not told apart, so the answer reveals no team.
 */
export async function teamCalendar(
  deps: Pick<UseCaseDeps, 'db' | 'policy' | 'clock'>,
  teamId: string,
  token: string | undefined,
): Promise<TeamCalendar | undefined> {
  // the team's links are looked up whether it exists or not, so an unknown team takes as long as a wrong token
  const hashes = await liveCalendarTokenHashes(deps.db, teamId);
  const team = teamNamed(deps, teamId);
  if (!team || token === undefined || token === '') return undefined;
  const given = hashOf(token);
  let matches = false;
  for (const hash of hashes) matches = timingSafeEqual(Buffer.from(hash, 'hex'), given) || matches;
  if (!matches) return undefined;
  const rules = team.rules.calendar;
  const window = calendarWindow(todayIn(deps.clock.now(), team.timezone), rules);
  const leave = await approvedLeaveOfTeam(deps.db, { teamId, ...window });
  return { team, events: calendarEvents(leave), refreshEvery: rules.refresh_every };
}
