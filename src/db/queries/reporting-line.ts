import type { Org, OrgMember } from '../../policy/approval.js';
import type { DbOrTx } from '../client.js';
import { findPerson } from './people.js';

/** Org lines are a handful of levels deep; this bound only guards against a cycle in the data. */
const maxDepth = 20;

/** The people and everyone above them in the reporting line, as the approval rules see them. */
export async function loadReportingLines(db: DbOrTx, slackIds: readonly string[]): Promise<Org> {
  const org = new Map<string, OrgMember>();
  for (const start of slackIds) {
    let next: string | null = start;
    for (let depth = 0; next !== null && !org.has(next) && depth < maxDepth; depth++) {
      const person = await findPerson(db, next);
      if (!person) break;
      org.set(person.slackId, { slackId: person.slackId, role: person.role, reportsTo: person.reportsTo, active: person.active });
      next = person.reportsTo;
    }
  }
  return org;
}
