import { minutesInMs } from '../policy/duration.js';
import {
  claimMeetingPack,
  homeOffsetOf,
  homeOpenersAmong,
  recordHomeOpened,
  releaseMeetingPack,
  setHomeOffset,
} from '../db/queries/home.js';
import type { Person } from '../db/schema.js';
import type { TeamDefinition } from '../policy/policy-file.js';
import { coverageHome, type CoverageHome } from './coverage.js';
import type { UseCaseDeps } from './deps.js';
import { loadMyWeek, type MyWeek } from './my-week.js';
import { personHeld } from './people.js';
import { teamOf } from './team.js';
import { loadWaiting, type WaitingItem, type WaitingReads } from './waiting.js';

export interface HomeData {
  readonly person: Person;
  readonly team: TeamDefinition | undefined;
  /** Every item waiting for this person to act, most urgent first. */
  readonly waiting: readonly WaitingItem[];
  /** The person's own shifts, balances and requests; undefined for someone inactive. */
  readonly myWeek: MyWeek | undefined;
  /** Leads, managers and the GM: their teams' coverage. */
  readonly coverage?: CoverageHome | undefined;
  /** What reading the inbox learnt that drawing its rows needs again. */
  readonly reads?: WaitingReads;
}

/**
 * What the App Home shows a person: what waits for them, their own week, and (for leads) their teams'
 * coverage, in their team's time zone. `known`: the person's row when the caller has just read it.
 */
export async function loadHome(deps: UseCaseDeps, slackId: string, known?: Person): Promise<HomeData | undefined> {
  const person = known?.slackId === slackId ? known : await personHeld(deps, slackId);
  if (person === undefined) return undefined;
  const team = deps.policy.teams[person.teamId];
  const reads: WaitingReads = { coveredShifts: new Map() };
  // the sections read apart from each other, so they read at once
  const [waiting, myWeek, coverage] = await Promise.all([
    loadWaiting(deps, person, deps.clock.now(), reads),
    person.active && team ? loadMyWeek(deps, person) : undefined,
    coverageHome(deps, person),
  ]);
  return { person, team, waiting, myWeek, coverage, reads };
}

type Reads = Pick<UseCaseDeps, 'db'>;

/** How far the person has paged in Waiting for you, when they have. */
export const homeOffset = (deps: Reads, slackId: string): Promise<number | undefined> => homeOffsetOf(deps.db, slackId);

export const saveHomeOffset = (deps: Reads, slackId: string, offset: number, at: Date): Promise<void> =>
  setHomeOffset(deps.db, slackId, offset, at);

export const recordHomeOpening = (deps: Reads, slackId: string, at: Date): Promise<void> => recordHomeOpened(deps.db, slackId, at);

/** Those among these people who have ever opened their Home: only theirs are drawn again. */
export const homeOpenersOf = (deps: Reads, slackIds: readonly string[]): Promise<Set<string>> => homeOpenersAmong(deps.db, slackIds);

/**
 * Whether this click on "Weekly meeting pack" is to send it: not when the person asked less than
 * `home.meeting_pack_again_after` ago (a double click sends one pack; asking again later sends a fresh one).
 */
export async function claimMeetingPackRequest(deps: Pick<UseCaseDeps, 'db' | 'policy'>, person: Person, at: Date): Promise<boolean> {
  const againAfter = teamOf(deps, person).rules.home.meeting_pack_again_after;
  return claimMeetingPack(deps.db, { personId: person.slackId, at, since: new Date(at.getTime() - minutesInMs(againAfter)) });
}

/** The pack of this claim could not be sent: asking again works at once. */
export const releaseMeetingPackRequest = (deps: Reads, person: Person, at: Date): Promise<void> =>
  releaseMeetingPack(deps.db, { personId: person.slackId, at });
