import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/** Counts Slack requests still being handled, so a shutdown can let them finish (a DM after an ack, say). */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  readonly middleware: Middleware<AnyMiddlewareArgs> = async ({ next }) => {
    this.count += 1;
    try {
      await next();
    } finally {
      this.count -= 1;
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  };

  /** Resolves when nothing is in flight, or after `timeoutMs` at the latest. */
  idle(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
