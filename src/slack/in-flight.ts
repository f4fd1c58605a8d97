import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Counts Slack requests still being handled, so a shutdown can let them finish (a DM after an ack, say). */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];
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
