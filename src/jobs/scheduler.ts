/**
 * The one scheduler: every minute each job runs once for that minute in exactly one app copy (a
 * claim row in job_runs decides which). Jobs catch up on everything due up to `now`, so a minute
 * lost to a crash after its claim is handled by the next one, and nothing is sent twice.
 */
import { randomUUID } from 'node:crypto';
import { schedule, type ScheduledTask } from 'node-cron';
import { withTimeout } from '../async.js';
import { claimJobRun, finishJobRun, pruneJobRuns } from '../db/queries/job-runs.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import { withJob } from '../request-context.js';

export interface Job {
  readonly name: string;
  run(now: Date): Promise<void>;
  /**
   * The moments in (from, to] at which this job starts to have something to do that it only does for a
   * while (a reminder window opening), for a clock moved forward in leaps to tick at. Jobs without it
   * catch up on whatever tick comes next.
   */
  dueBetween?(from: Date, to: Date): readonly Date[];
}

/** Claims are kept a week, long enough to see what ran when. */
const claimsKeptMs = 7 * 24 * 60 * 60 * 1000;

export class Scheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<void> = Promise.resolve();
  /** Ticks in progress, however they were started. */
  private readonly ticks = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    private readonly deps: Pick<UseCaseDeps, 'db' | 'clock' | 'logger' | 'metrics'>,
    private readonly jobs: readonly Job[],
    /** This app copy, in the claims it takes (one id for all of the copy's claims, so stopping can let go of them). */
    readonly instanceId: string = randomUUID(),
  ) {}

  /** Runs each job for the minute `now` falls in, unless another copy has claimed it; once stopping, starts no further job. */
  async tick(now: Date = this.deps.clock.now()): Promise<void> {
    const ticking = this.runJobs(now);
    this.ticks.add(ticking);
    try {
      await ticking;
    } finally {
      this.ticks.delete(ticking);
    }
  }

  private async runJobs(now: Date): Promise<void> {
    const slot = minuteSlot(now);
    for (const job of [...this.jobs, this.pruneJob]) {
      if (this.stopping) return;
      const claimed = await claimJobRun(this.deps.db, { job: job.name, slot, claimedBy: this.instanceId, at: now });
      const metrics = this.deps.metrics;
      metrics?.claim('job_run', claimed ? 'taken' : 'lost');
      if (!claimed) {
        metrics?.jobRuns.inc({ job: job.name, outcome: 'already_claimed' });
        continue;
      }
      const started = performance.now();
      let outcome: 'ok' | 'failed' = 'ok';
      try {
        await withJob(job.name, () => job.run(now));
      } catch (error) {
        outcome = 'failed';
        this.deps.logger.error({ err: error, job: job.name, slot }, 'a scheduled job failed; it runs again next minute');
      }
      metrics?.jobRuns.inc({ job: job.name, outcome });
      metrics?.jobSeconds.observe({ job: job.name, outcome }, (performance.now() - started) / 1000);
      await finishJobRun(this.deps.db, { job: job.name, slot, at: this.deps.clock.now() });
      metrics?.claim('job_run', 'finished');
    }
  }

  /** Ticks every minute; `tickNow`: also at once, so what fell due while no copy ran is caught up on without waiting for the minute. */
  start({ tickNow = false }: { tickNow?: boolean } = {}): void {
    const tick = () => {
      this.running = this.running
        .then(() => this.tick())
        .catch((error: unknown) => this.deps.logger.error({ err: error }, 'the scheduler tick failed'));
      return this.running;
    };
    this.task = schedule('* * * * *', tick, { name: 'shiftdesk', noOverlap: true });
    if (tickNow) void tick();
  }

  /**
   * Ticks, in order, as if the time from `from` to `to` had passed: at every multiple of `stepMs` after
   * `from` (on the epoch's grid, so whole hours stay whole hours), at every moment a job says it falls
   * due (`dueBetween`), and at `to` — once per minute, as the per-minute ticks would. `moveClock` sets
   * the clock to each moment before its tick and `afterEach` runs after it. Jobs catch up on
   * everything due up to their tick, so nothing due in between is skipped. Waits for a tick in
   * progress, and the per-minute ticks wait for it.
   */
  advance(
    from: Date,
    to: Date,
    stepMs: number,
    moveClock: (at: Date) => void,
    afterEach: () => Promise<void> = async () => undefined,
  ): Promise<void> {
    const run = async () => {
      for (const moment of this.momentsBetween(from, to, stepMs)) {
        moveClock(moment);
        await this.tick(moment);
        await afterEach();
      }
    };
    const done = this.running.then(run);
    this.running = done.catch((error: unknown) => this.deps.logger.error({ err: error }, 'moving the scheduler forward failed'));
    return done;
  }

  /** The ticks of `advance`: the grid, the jobs' due moments and `to`, the first of each minute, `to` last. */
  momentsBetween(from: Date, to: Date, stepMs: number): Date[] {
    const all: number[] = [];
    for (let at = (Math.floor(from.getTime() / stepMs) + 1) * stepMs; at < to.getTime(); at += stepMs) all.push(at);
    for (const job of this.jobs)
      for (const due of job.dueBetween?.(from, to) ?? [])
        if (due.getTime() > from.getTime() && due.getTime() < to.getTime()) all.push(due.getTime());
    const bySlot = new Map<string, number>();
    for (const at of all.sort((a, b) => a - b)) {
      const slot = minuteSlot(new Date(at));
      if (!bySlot.has(slot)) bySlot.set(slot, at);
    }
    // `to` is where the clock stays: its minute's tick happens there.
    bySlot.set(minuteSlot(to), to.getTime());
    return [...bySlot.values()].sort((a, b) => a - b).map((at) => new Date(at));
  }

  /**
   * Stops ticking and waits for a tick in progress, `timeoutMs` at most; a tick still running then
   * starts no further job. True when no tick is running any more.
   */
  async stop(timeoutMs: number): Promise<boolean> {
    this.stopping = true;
    await this.task?.destroy();
    return this.idle(timeoutMs);
  }

  /** Whether the tick in progress (if any) ended within `timeoutMs`. */
  async idle(timeoutMs: number): Promise<boolean> {
    await withTimeout(Promise.allSettled([this.running, ...this.ticks]), timeoutMs, () => undefined);
    return this.ticks.size === 0;
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
