import { withTimeout } from './async.js';

/** A query that took longer than its caller could wait: the database is taken to be away. */
export class DatabaseTimeout extends Error {
  constructor() {
    super('the database did not answer in time');
  }
}

/**
 * Resolves as `work` does, or rejects with DatabaseTimeout after `ms`. postgres.js keeps a query
 * waiting while it cannot connect, however long that takes: whoever cannot wait bounds it here.
 */
export async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  if (!Number.isFinite(ms)) return work;
  return withTimeout(work, ms, () => {
    throw new DatabaseTimeout();
  });
}
