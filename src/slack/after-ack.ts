/**
 * Work that follows an ack (writing a request, telling people) runs here, a few at a time, and only
 * once Slack's requests pause, or `maxDeferMs` after it was queued (so a steady stream cannot starve
 * it): a burst of submissions spends the database on the checks people are waiting for first.
 */
import { IdleWaiters } from '../async.js';
export class AfterAck {
  private running = 0;
  private readonly queue: { readonly task: () => Promise<void>; readonly queuedAt: number }[] = [];
  private readonly waiters = new IdleWaiters();

  constructor(
    private readonly onError: (error: unknown) => void,
    /** Resolves when Slack's requests have paused, or after the given time. */
    private readonly quiet: (maxWaitMs: number) => Promise<void> = () => Promise.resolve(),
    private readonly maxDeferMs = 1000,
    private readonly concurrency = 2,
  ) {}

  run(task: () => Promise<void>): void {
    this.queue.push({ task, queuedAt: performance.now() });
    this.next();
  }

  /** Resolves when nothing is queued or running, or after `timeoutMs` at the latest. */
  idle(timeoutMs: number): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return this.waiters.wait(timeoutMs);
  }

  private next(): void {
    while (this.running < this.concurrency) {
      const queued = this.queue.shift();
      if (!queued) break;
      this.running += 1;
      this.quiet(Math.max(0, this.maxDeferMs - (performance.now() - queued.queuedAt)))
        .then(queued.task)
        .catch(this.onError)
        .finally(() => {
          this.running -= 1;
          this.next();
          if (this.running === 0 && this.queue.length === 0) this.waiters.wakeAll();
        });
    }
  }
}
