/**
 * Work that follows an ack (writing a request, telling people) runs here, a few at a time, and only
 * once Slack's requests pause, or `maxDeferMs` after it was queued (so a steady stream cannot starve
 * it): a burst of submissions spends the database on the checks people are waiting for first.
 */
import { IdleWaiters } from '../async.js';
import { bindToContext } from '../request-context.js';
export class AfterAck {
  private running = 0;
  /** Each starts its task and calls `then` when it is over. */
  private readonly queue: ((then: () => void) => void)[] = [];
  private readonly waiters = new IdleWaiters();

  constructor(
    private readonly onError: (error: unknown) => void,
    /** Resolves when Slack's requests have paused, or after the given time. */
    private readonly quiet: (maxWaitMs: number) => Promise<void> = () => Promise.resolve(),
    private readonly maxDeferMs = 1000,
    private readonly concurrency = 2,
  ) {}

  run(task: () => Promise<void>): void {
    const queuedAt = performance.now();
    // the task, its wait and its failure belong to the request that queued it: its lines name that request
    const start = bindToContext((then: () => void) => {
      this.quiet(Math.max(0, this.maxDeferMs - (performance.now() - queuedAt)))
        .then(task)
        .catch(this.onError)
        .finally(then);
    });
    this.queue.push(start);
    this.next();
  }

  /** Resolves when nothing is queued or running, or after `timeoutMs` at the latest. */
  idle(timeoutMs: number): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return this.waiters.wait(timeoutMs);
  }

  private next(): void {
    while (this.running < this.concurrency) {
      const start = this.queue.shift();
      if (!start) break;
      this.running += 1;
      start(() => {
        this.running -= 1;
        this.next();
        if (this.running === 0 && this.queue.length === 0) this.waiters.wakeAll();
      });
    }
  }
}
