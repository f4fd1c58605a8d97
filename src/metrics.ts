/**
 * The app's Prometheus metrics, served on GET /metrics. Each running app has a registry of its own
 * (several apps may run in one process: the tests, the sandbox). Label values come from short fixed
 * lists (routes the app registers, Web API method names, job names, Slack's error codes), never from
 * a person: no user id, channel or text is ever a label.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The read model's state, as `ReadModel.stats()` tells it. */
export interface ReadModelStats {
  /** Answering from memory (1), or the database answers everything (0: before the first read, or notices lost). */
  readonly serving: boolean;
  /** People held in memory. */
  readonly people: number;
  /** People whose change was noticed and is not read yet. */
  readonly pending: number;
  /** Seconds since changes began to wait to be read; 0 when none is pending. */
  readonly lagSeconds: number;
  /** Seconds since change notices were last seen to arrive (a mark sent and back); undefined before the first. */
  readonly noticesHeardSecondsAgo: number | undefined;
}

/** The database's connections, as `Database.pool()` tells them. */
export interface PoolStats {
  /** Connections the pool may open (PGlite: 1, its one session). */
  readonly size: number;
  /** Connections busy with a query or a transaction. */
  readonly inUse: number;
  /** Queries and transactions waiting for a connection. */
  readonly waiting: number;
}

/** How a handled Slack request ended. */
export type RequestOutcome = 'ok' | 'error' | 'ignored';
/** How a scheduled job's minute went: run here, failed here, or claimed already. */
export type JobOutcome = 'ok' | 'failed' | 'already_claimed';
/** What happened to a claim row: this copy took it, another copy had it, this copy did the work, or gave it back undone. */
export type ClaimEvent = 'taken' | 'lost' | 'finished' | 'released';

const secondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
const jobBuckets = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300];

export class Metrics {
  readonly registry = new Registry();

  readonly slackRequests = new Counter({
    name: 'shiftdesk_slack_requests_total',
    help: 'Slack requests handled, by route (command:/leave, action:<action_id>, view:<callback_id>, event:<type>) and outcome (ok, error, ignored).',
    labelNames: ['route', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly ackSeconds = new Histogram({
    name: 'shiftdesk_slack_ack_seconds',
    help: 'Seconds from a Slack request reaching the app to its ack (Slack waits 3 s), by route.',
    labelNames: ['route'] as const,
    buckets: secondsBuckets,
    registers: [this.registry],
  });

  readonly slackApiCalls = new Counter({
    name: 'shiftdesk_slack_api_calls_total',
    help: "Web API calls (every attempt), by method and result: ok, Slack's error code, rate_limited (429), http_<status>, network_error.",
    labelNames: ['method', 'result'] as const,
    registers: [this.registry],
  });

  readonly slackApiRetries = new Counter({
    name: 'shiftdesk_slack_api_retries_total',
    help: 'Web API calls sent again after a failed attempt (a 429, a 5xx or a network error), by method.',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });

  readonly slackApiSeconds = new Histogram({
    name: 'shiftdesk_slack_api_seconds',
    help: 'Seconds a Web API attempt took, by method.',
    labelNames: ['method'] as const,
    buckets: secondsBuckets,
    registers: [this.registry],
  });

  readonly jobRuns = new Counter({
    name: 'shiftdesk_job_runs_total',
    help: "Scheduled jobs' minutes, by job and outcome (ok, failed, already_claimed: this minute was claimed before, by another copy or an earlier tick).",
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobSeconds = new Histogram({
    name: 'shiftdesk_job_duration_seconds',
    help: 'Seconds a scheduled job ran in this copy, by job and outcome (ok, failed).',
    labelNames: ['job', 'outcome'] as const,
    buckets: jobBuckets,
    registers: [this.registry],
  });

  readonly claims = new Counter({
    name: 'shiftdesk_claims_total',
    help: 'Claim rows (work only one copy may do), by kind and event: taken by this copy, lost to another, finished, or released undone for another copy or the next start.',
    labelNames: ['kind', 'event'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    // the process's CPU, memory and event loop: one process, so only the app that owns it adds them
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** One claim row's fate. */
  claim(kind: string, event: ClaimEvent, count = 1): void {
    if (count > 0) this.claims.inc({ kind, event }, count);
  }

  /** Reports the read model's state at every scrape. */
  watchReadModel(stats: () => ReadModelStats): void {
    const gauge = (name: string, help: string, read: (s: ReadModelStats) => number | undefined) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const value = read(stats());
          if (value === undefined) this.reset();
          else this.set(value);
        },
      });
    gauge('shiftdesk_read_model_serving', '1 while the read model answers from memory, 0 while the database answers every check.', (s) =>
      s.serving ? 1 : 0,
    );
    gauge('shiftdesk_read_model_people', 'People held in the read model.', (s) => s.people);
    gauge('shiftdesk_read_model_pending_people', 'People whose change was noticed and not yet read into the read model.', (s) => s.pending);
    gauge(
      'shiftdesk_read_model_lag_seconds',
      'Seconds the read model has had changes waiting to be read, since it was last current (0 when it is current).',
      (s) => s.lagSeconds,
    );
    gauge(
      'shiftdesk_read_model_notices_heard_seconds_ago',
      'Seconds since change notices were last seen to arrive (checked every 30 s; growing means they stopped).',
      (s) => s.noticesHeardSecondsAgo,
    );
  }

  /** Reports the database's connections at every scrape. */
  watchPool(stats: () => PoolStats): void {
    new Gauge({
      name: 'shiftdesk_db_connections',
      help: "The database pool's connections, by state: size (at most open), in_use (busy with a query or transaction), waiting (queries waiting for one).",
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = stats();
        this.set({ state: 'size' }, pool.size);
        this.set({ state: 'in_use' }, pool.inUse);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
  }

  /** The text GET /metrics answers. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** `claim`'s answer, counted as taken or lost under `kind`. */
export async function countedClaim(metrics: Metrics | undefined, kind: string, claim: Promise<boolean>): Promise<boolean> {
  const taken = await claim;
  metrics?.claim(kind, taken ? 'taken' : 'lost');
  return taken;
}
