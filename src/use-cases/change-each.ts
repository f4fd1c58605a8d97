import type { AppLogger } from '../logger.js';

/**
 * Runs `change` (a transaction of its own) for each item in turn and collects what it returns: an item
 * that fails is logged and left for the job's next run, and never costs the items changed before or
 * after it their messages.
 */
export async function changeEach<T, R>(
  logger: AppLogger,
  job: string,
  items: readonly T[],
  change: (item: T) => Promise<R | undefined>,
  describe: (item: T) => Record<string, unknown>,
): Promise<R[]> {
  const changed: R[] = [];
  for (const item of items) {
    try {
      const result = await change(item);
      if (result !== undefined) changed.push(result);
    } catch (error) {
      logger.error({ err: error, job, ...describe(item) }, 'a scheduled change failed; it is tried again on the next run');
    }
  }
  return changed;
}
