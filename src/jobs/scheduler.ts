/**
 * The one scheduler: every minute each job runs once for that minute in exactly one app copy (a
 * claim row in job_runs decides which). Jobs catch up on everything due up to `now`, so a minute
 * lost to a crash after its claim is handled by the next one, and nothing is sent twice.
 */
import { randomUUID } from 'node:crypto';
import { schedule, type ScheduledTask } from 'node-cron';
import { claimJobRun, finishJobRun, pruneJobRuns } from '../db/queries/job-runs.js';
import type { UseCaseDeps } from '../use-cases/deps.js';

export interface Job {
  readonly name: string;
  run(now: Date): Promise<void>;
}

/** Claims are kept a week, long enough to see what ran when. */
const claimsKeptMs = 7 * 24 * 60 * 60 * 1000;

export class Scheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: Pick<UseCaseDeps, 'db' | 'clock' | 'logger'>,
    private readonly jobs: readonly Job[],
    private readonly instanceId: string = randomUUID(),
  ) {}

  /** Runs each job for the minute `now` falls in, unless another copy has claimed it. */
  async tick(now: Date = this.deps.clock.now()): Promise<void> {
    const slot = minuteSlot(now);
    for (const job of [...this.jobs, this.pruneJob]) {
      const claimed = await claimJobRun(this.deps.db, { job: job.name, slot, claimedBy: this.instanceId, at: now });
      if (!claimed) continue;
      try {
        await job.run(now);
      } catch (error) {
        this.deps.logger.error({ err: error, job: job.name, slot }, 'a scheduled job failed; it runs again next minute');
      }
      await finishJobRun(this.deps.db, { job: job.name, slot, at: this.deps.clock.now() });
    }
  }

  start(): void {
    this.task = schedule('* * * * *', () => {
      this.running = this.running.then(() => this.tick()).catch((error: unknown) => this.deps.logger.error({ err: error }, 'the scheduler tick failed'));
      return this.running;
    }, { name: 'shiftdesk', noOverlap: true });
  }

  /**
   * Ticks at every multiple of `stepMs` after `from` (on the epoch's grid, so whole hours stay whole
   * hours) and at `to`, in order, as if that time had passed: `moveClock` sets the clock to each
   * moment before its tick and `afterEach` runs after it. Jobs catch up on everything due up to their
   * tick, so nothing due in between is skipped. Waits for a tick in progress, and the per-minute
   * ticks wait for it.
   */
  advance(from: Date, to: Date, stepMs: number, moveClock: (at: Date) => void, afterEach: () => Promise<void> = async () => undefined): Promise<void> {
    const run = async () => {
      const moments: number[] = [];
      for (let at = (Math.floor(from.getTime() / stepMs) + 1) * stepMs; at < to.getTime(); at += stepMs) moments.push(at);
      moments.push(to.getTime());
      for (const at of moments) {
        const moment = new Date(at);
        moveClock(moment);
        await this.tick(moment);
        await afterEach();
      }
    };
    const done = this.running.then(run);
    this.running = done.catch((error: unknown) => this.deps.logger.error({ err: error }, 'moving the scheduler forward failed'));
    return done;
  }

  /** Stops ticking and waits for a tick in progress. */
  async stop(): Promise<void> {
    await this.task?.destroy();
    await this.running;
  }

  private readonly pruneJob: Job = {
    name: 'scheduler.prune',
    run: async (now) => {
      if (now.getUTCMinutes() === 0) await pruneJobRuns(this.deps.db, new Date(now.getTime() - claimsKeptMs));
    },
  };
}

/** `2026-12-01T02:05Z`: the minute an instant falls in. */
export function minuteSlot(now: Date): string {
  return `${now.toISOString().slice(0, 16)}Z`;
}
