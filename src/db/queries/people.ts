import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { people, type Person } from '../schema.js';

export async function findPerson(db: DbOrTx, slackId: string): Promise<Person | undefined> {
  const [row] = await db.select().from(people).where(eq(people.slackId, slackId)).limit(1);
  return row;
}
