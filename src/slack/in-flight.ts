import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

import { IdleWaiters, sleep } from '../async.js';

/** Counts Slack requests still being handled, so a shutdown can let them finish (a DM after an ack, say). */
export class InFlight {
  private count = 0;
  private readonly waiters = new IdleWaiters();
  /** When a request last started or ended (performance.now()). */
  private lastActivity = Number.NEGATIVE_INFINITY;

  readonly middleware: Middleware<AnyMiddlewareArgs> = async ({ next }) => {
    this.count += 1;
    this.lastActivity = performance.now();
    try {
      await next();
    } finally {
      this.count -= 1;
      this.lastActivity = performance.now();
      if (this.count === 0) this.waiters.wakeAll();
    }
  };

  /** Resolves when nothing is in flight, or after `timeoutMs` at the latest. */
  idle(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return this.waiters.wait(timeoutMs);
  }

  /**
   * Resolves once no request has been in flight for `quietMs` (a burst of requests is over, not merely
   * between two of them), or after `timeoutMs` at the latest.
   */
  async quiet(quietMs: number, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const now = performance.now();
      if (now >= deadline) return;
      if (this.count > 0) await this.idle(deadline - now);
      else if (now - this.lastActivity >= quietMs) return;
      else await sleep(Math.min(quietMs - (now - this.lastActivity), deadline - now));
    }
  }
}
