/** Looking people up by their Slack id, for adapters that name or address them. */
import { findPeople, findPerson, peopleByIds } from '../db/queries/people.js';
import type { Person } from '../db/schema.js';
import type { UseCaseDeps } from './deps.js';

type Reads = Pick<UseCaseDeps, 'db'>;

export const personById = (deps: Reads, slackId: string): Promise<Person | undefined> => findPerson(deps.db, slackId);

/** The person as the read model holds them when it can say, else as the database has them. */
export const personHeld = async (deps: Pick<UseCaseDeps, 'db' | 'readModel'>, slackId: string): Promise<Person | undefined> => {
  const held = deps.readModel?.personOf(slackId);
  return held ? held.person : findPerson(deps.db, slackId);
};

/** The ones found, keyed by Slack id: those the read model holds from it, the others from the database. */
export async function peopleHeld(deps: Pick<UseCaseDeps, 'db' | 'readModel'>, slackIds: readonly string[]): Promise<Map<string, Person>> {
  const found = new Map<string, Person>();
  const unread: string[] = [];
  for (const id of new Set(slackIds)) {
    const held = deps.readModel?.personOf(id);
    if (!held) unread.push(id);
    else if (held.person) found.set(id, held.person);
  }
  for (const [id, person] of unread.length > 0 ? await peopleByIds(deps.db, unread) : []) found.set(id, person);
  return found;
}

/** The ones found, keyed by Slack id. */
export const peopleById = (deps: Reads, slackIds: readonly string[]): Promise<Map<string, Person>> => peopleByIds(deps.db, slackIds);

/** The ones found, as a list. */
export const peopleAmong = (deps: Reads, slackIds: readonly string[]): Promise<Person[]> => findPeople(deps.db, slackIds);
