import type { AppLogger } from '../logger.js';

/** What a failed item means for it: a change is tried again on the job's next run; a message about a change already saved is not (at most once, better than twice). */
export type EachFailure = 'retried' | 'not_retried';

const failureNotes: Record<EachFailure, string> = {
  retried: 'a scheduled change failed; it is tried again on the next run',
  not_retried: 'could not tell of a scheduled change; it is not tried again',
};

/**
 * Runs `work` (a transaction or a message of its own) for each item in turn and collects what it
 * returns: an item that fails is logged and never costs the items before or after it their change or
 * their message.
 */
export async function changeEach<T, R>(
  logger: AppLogger,
  job: string,
  items: readonly T[],
  work: (item: T) => Promise<R | undefined> | Promise<void>,
  describe: (item: T) => Record<string, unknown>,
  onFailure: EachFailure = 'retried',
): Promise<R[]> {
  const changed: R[] = [];
  for (const item of items) {
    try {
      const result = (await work(item)) as R | undefined;
      if (result !== undefined) changed.push(result);
    } catch (error) {
      logger.error({ err: error, job, ...describe(item) }, failureNotes[onFailure]);
    }
  }
  return changed;
}

/** Tells each item a job has committed (claimed, expired, escalated…) on its own; a message that fails is not sent again. */
export async function tellEach<T>(
  logger: AppLogger,
  job: string,
  items: readonly T[],
  tell: (item: T) => Promise<void>,
  describe: (item: T) => Record<string, unknown>,
): Promise<void> {
  await changeEach(logger, job, items, tell, describe, 'not_retried');
}
