import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { DatabaseTarget } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { syncTeams } from '../../src/db/queries/teams.js';
import type { Policy } from '../../src/policy/policy-file.js';

export interface TestDatabase {
  readonly target: DatabaseTarget;
  /** Open and migrated (and, given a policy, holding its teams). */
  readonly database: Database;
  /** Closes the connection and, on PostgreSQL, drops the database. Safe to call twice. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own: in-memory PGlite by default, or a new database on the
 * PostgreSQL server of TEST_DATABASE_URL (created here, dropped by `drop`).
 */
export async function createTestDatabase(options: { policy?: Policy } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const { target, dropDatabase } = serverUrl
    ? await createPostgresDatabase(serverUrl)
    : { target: { kind: 'pglite', dataDir: 'memory://' } as const, dropDatabase: async () => {} };
  const database = await openDatabase(target);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await database.close();
    await dropDatabase();
  };
  try {
    await migrateDatabase(target, database);
    if (options.policy) {
      const policy = options.policy;
      await database.db.transaction((tx) => syncTeams(tx, policy));
    }
  } catch (error) {
    await drop();
    throw error;
  }
  return { target, database, drop };
}

async function createPostgresDatabase(serverUrl: string): Promise<{ target: DatabaseTarget; dropDatabase: () => Promise<void> }> {
  const name = `shiftdesk_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString() },
    async dropDatabase() {
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}
