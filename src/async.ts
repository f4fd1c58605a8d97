/** Waiting, bounded: the few ways the app waits for something, each written once. */

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Resolves on the event loop's next turn, after the input waiting to be read (Slack's requests) has been read. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Settles as `work` does, or, after `ms`, with what `onTimeout` gives (or rejects with what it throws).
 * The timer never outlives the race. `work` itself is not stopped: whoever needs that handles it.
 */
export async function withTimeout<T, F>(work: Promise<T>, ms: number, onTimeout: () => F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<F>((resolve, reject) => {
    timer = setTimeout(
      () => {
        try {
          resolve(onTimeout());
        } catch (error) {
          reject(error);
        }
      },
      Math.max(0, ms),
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Callers waiting for something to become idle: each is woken by `wakeAll`, or by its own timeout at the latest. */
export class IdleWaiters {
  private waiters: (() => void)[] = [];

  wait(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  wakeAll(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}
