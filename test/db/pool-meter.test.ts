import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb?.drop();
});

describe('the database pool as /metrics reports it', () => {
  it('counts a transaction as a connection in use until it ends, and queries beyond the pool as waiting', async () => {
    const { database } = testDb;
    const size = database.kind === 'pglite' ? 1 : 10;
    expect(database.pool()).toEqual({ size, inUse: 0, waiting: 0 });
    let finish: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let started: () => void = () => {};
    const inside = new Promise<void>((resolve) => {
      started = resolve;
    });
    const transaction = database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(4242)`);
      started();
      await held;
    });
    await inside;
    expect(database.pool()).toEqual({ size, inUse: 1, waiting: 0 });
    // each waits for the transaction's lock (PGlite: for its one session), so all are in flight at once
    const queries = Promise.all(Array.from({ length: size + 1 }, () => database.db.execute(sql`select pg_advisory_xact_lock(4242)`)));
    try {
      await vi.waitFor(() => expect(database.pool()).toEqual({ size, inUse: size, waiting: 2 }), { timeout: 10_000 });
    } finally {
      finish();
      await transaction;
      await queries;
    }
    expect(database.pool()).toEqual({ size, inUse: 0, waiting: 0 });
  });

  it('counts a failed query as settled', async () => {
    await expect(testDb.database.db.execute(sql`select nonsense from nowhere`)).rejects.toThrow();
    expect(testDb.database.pool().inUse).toBe(0);
  });
});
