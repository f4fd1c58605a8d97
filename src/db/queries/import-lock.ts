import { sql } from 'drizzle-orm';
import type { Tx } from '../client.js';

/** An arbitrary constant, distinct from the migration lock's. */
const importLockKey = 4_242_002;

/**
 * Held until the transaction ends: two imports at once take turns, so each checks its file against
 * what the other has written.
 */
export async function lockImports(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(importLockKey))})`);
}
