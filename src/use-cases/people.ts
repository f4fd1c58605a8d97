/** Looking people up by their Slack id, for adapters that name or address them. */
import { findPeople, findPerson, peopleByIds } from '../db/queries/people.js';
import type { Person } from '../db/schema.js';
import type { UseCaseDeps } from './deps.js';

type Reads = Pick<UseCaseDeps, 'db'>;

export const personById = (deps: Reads, slackId: string): Promise<Person | undefined> => findPerson(deps.db, slackId);

/** The ones found, keyed by Slack id. */
export const peopleById = (deps: Reads, slackIds: readonly string[]): Promise<Map<string, Person>> => peopleByIds(deps.db, slackIds);

/** The ones found, as a list. */
export const peopleAmong = (deps: Reads, slackIds: readonly string[]): Promise<Person[]> => findPeople(deps.db, slackIds);
