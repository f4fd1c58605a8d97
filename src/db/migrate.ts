import { fileURLToPath } from 'node:url';
import type { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { DatabaseTarget } from '../config.js';
import type { Database } from './client.js';

/** The committed drizzle-kit migrations, found from both src/ (tests, tsx) and dist/ (built). */
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** An arbitrary constant: app copies starting together take turns migrating. */
const migrationLockKey = 4_242_001;

/**
 * Brings the schema up to date. On PostgreSQL this uses its own single connection holding an advisory
 * lock, so several app copies starting at once migrate one after another.
 */
export async function migrateDatabase(target: DatabaseTarget, database: Database): Promise<void> {
  if (target.kind === 'postgres') {
    const client = postgres(target.url, { max: 1, onnotice: () => {} });
    try {
      await client`select pg_advisory_lock(${migrationLockKey})`;
      await migratePostgres(drizzlePostgres(client), { migrationsFolder });
      await client`select pg_advisory_unlock(${migrationLockKey})`;
    } finally {
      await client.end({ timeout: 5 });
    }
    return;
  }
  await migratePglite(database.db as unknown as ReturnType<typeof drizzlePglite>, { migrationsFolder });
}
