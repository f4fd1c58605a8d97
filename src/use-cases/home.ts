import { findPerson } from '../db/queries/people.js';
import { listShiftsOfPerson } from '../db/queries/roster.js';
import type { Person, RosterEntry } from '../db/schema.js';
import type { TeamDefinition } from '../policy/policy-file.js';
import { addDays, todayIn, type LocalDate } from '../policy/time.js';
import type { UseCaseDeps } from './deps.js';
import { loadWaiting, type WaitingItem } from './waiting.js';

export interface HomeData {
  readonly person: Person;
  readonly team: TeamDefinition | undefined;
  readonly days: number;
  readonly shifts: readonly Pick<RosterEntry, 'date' | 'shiftCode' | 'status'>[];
  /** Every item waiting for this person to act, most urgent first. */
  readonly waiting: readonly WaitingItem[];
}

const upcomingDays = 7;

/** What the App Home shows a person: who they are and their shifts from today on, in their team's time zone. */
export async function loadHome(deps: UseCaseDeps, slackId: string): Promise<HomeData | undefined> {
  const person = await findPerson(deps.db, slackId);
  if (person === undefined) return undefined;
  const team = deps.policy.teams[person.teamId];
  const today = todayIn(deps.clock.now(), team?.timezone ?? deps.policy.default_timezone);
  const last: LocalDate = addDays(today, upcomingDays - 1);
  const [shifts, waiting] = await Promise.all([listShiftsOfPerson(deps.db, { personId: slackId, from: today, to: last }), loadWaiting(deps, person)]);
  return { person, team, days: upcomingDays, shifts, waiting };
}
