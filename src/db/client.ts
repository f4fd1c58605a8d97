import { mkdirSync } from 'node:fs';
import { withTimeout } from '../async.js';
import { PGlite } from '@electric-sql/pglite';
import { sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { DatabaseTarget } from '../config.js';
import { lockDataDir } from './data-dir-lock.js';
import type { PoolStats } from '../metrics.js';
import { PoolMeter } from './pool-meter.js';
import { takingTurns } from './turn-taking.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** Driver-neutral: both postgres.js and PGlite databases fit, so queries are written once. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** For query functions that work both standalone and inside a caller's transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  readonly db: Db;
  readonly kind: DatabaseTarget['kind'];
  /** Resolves when the database answers a trivial query within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  /**
   * Calls `onNotice` with each notice's payload on `channel`, and `onListening` each time listening
   * (re)starts: after a lost connection, notices sent meanwhile are gone. Resolves to a stop function.
   */
  listen(channel: string, onNotice: (payload: string) => void, onListening: () => void): Promise<() => Promise<void>>;
  /** The connections for queries (LISTEN's own not counted): how many, how many busy, how much work waits for one. */
  pool(): PoolStats;
  close(): Promise<void>;
}

/** Connections each copy holds for its queries (README, "Running several copies"). */
const poolSize = 10;

/**
 * PGlite keeps its files in `dataDir`, locked to this process until `close`; `memory://` keeps nothing
 * (tests) and takes no lock.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    // a connection attempt the network swallows fails in seconds, not postgres.js's default 30
    const client = postgres(target.url, { max: poolSize, connect_timeout: 3, onnotice: () => {} });
    const meter = new PoolMeter(poolSize);
    const db = drizzlePostgres(meter.wrap(client, ['unsafe', 'begin', 'reserve']), { schema }) as unknown as Db;
    const listen: Database['listen'] = async (channel, onNotice, onListening) => {
      const { unlisten } = await client.listen(channel, onNotice, onListening);
      return unlisten;
    };
    const close = once(() => client.end({ timeout: 5 }));
    return { db, kind: 'postgres', ping: (ms) => ping(db, ms), listen, pool: () => meter.stats(), close };
  }
  const inMemory = target.dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(target.dataDir, { recursive: true });
  const lock = inMemory ? undefined : lockDataDir(target.dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(target.dataDir);
  } catch (error) {
    lock?.release();
    throw error;
  }
  // one session, so one connection
  const meter = new PoolMeter(1);
  const db = drizzlePglite(meter.wrap(takingTurns(client), ['query', 'exec', 'transaction']), { schema }) as unknown as Db;
  // One process owns PGlite's files, so no connection is ever lost: listening starts once.
  const listen: Database['listen'] = async (channel, onNotice, onListening) => {
    const unlisten = await client.listen(channel, onNotice);
    onListening();
    return () => (client.closed ? Promise.resolve() : unlisten());
  };
  const close = async () => {
    try {
      await client.close();
    } finally {
      lock?.release();
    }
  };
  return { db, kind: 'pglite', ping: (ms) => ping(db, ms), listen, pool: () => meter.stats(), close: once(close) };
}

/** Closing twice (a test and its app both shutting down) is harmless. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

async function ping(db: Db, timeoutMs = 1000): Promise<boolean> {
  try {
    return await withTimeout(
      db.execute(sql`select 1`).then(() => true),
      timeoutMs,
      () => false,
    );
  } catch {
    return false;
  }
}
