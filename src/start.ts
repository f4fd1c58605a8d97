import { randomUUID } from 'node:crypto';
import type { AddressInfo, Server } from 'node:net';
import type { App, CustomRoute } from '@slack/bolt';
import type { Clock } from './clock.js';
import { defaultShutdownGraceMs, type Config } from './config.js';
import { releaseClaimsOf } from './db/queries/claims.js';
import { openDatabase, type Database } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { ReadModel } from './db/read-model/read-model.js';
import { syncTeams } from './db/queries/teams.js';
import { calendarRoute } from './http/calendar.js';
import { healthRoute, type SlackLinkCheck } from './http/healthz.js';
import { metricsRoute } from './http/metrics.js';
import { Metrics } from './metrics.js';
import { startSideServer } from './http/side-server.js';
import { allJobs } from './jobs/index.js';
import { Scheduler } from './jobs/scheduler.js';
import type { AppLogger } from './logger.js';
import type { Policy } from './policy/policy-file.js';
import { createSlackApp, type SlackAppOptions } from './slack/app.js';
import { AfterAck } from './slack/after-ack.js';
import type { BulkSender } from './slack/bulk-dm.js';
import { InFlight } from './slack/in-flight.js';
import { SlackCutoff } from './slack/slack-deadline.js';
import type { SocketConnection } from './slack/socket-connection.js';
import { stopWithinGrace } from './shutdown.js';
import type { SlackLocales } from './slack/locale-cache.js';
import type { UseCaseDeps } from './use-cases/deps.js';
import type { Outbox } from './use-cases/outbox.js';
import { HomeChanges } from './use-cases/home-changes.js';

export interface RunningApp {
  readonly app: App;
  readonly database: Database;
  readonly deps: UseCaseDeps;
  /** Reminders, escalations, expiries and the weekly report's deadline; ticks every minute unless `runScheduler` was false (tests tick it by hand). */
  readonly scheduler: Scheduler;
  /** Everyone's Slack language as the app last learnt it. */
  readonly locales: SlackLocales;
  /** The HTTP port actually bound (Slack requests in HTTP mode, /healthz and the leave calendars in both). */
  readonly port: number;
  /** This copy, in every claim it takes. */
  readonly instanceId: string;
  /** Resolves once no Slack request is being handled and the work after their acks is done, or after `timeoutMs`. */
  settled(timeoutMs?: number): Promise<void>;
  /** Stops within the grace (README "Stopping"): requests, work in flight, claims, database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly config: Pick<Config, 'slack' | 'port' | 'database'> & Partial<Pick<Config, 'shutdownGraceMs'>>;
  readonly policy: Policy;
  readonly clock: Clock;
  readonly logger: AppLogger;
  readonly clientOptions?: SlackAppOptions['clientOptions'];
  /** An already-open database for `config.database` (tests share it with their fixtures); closed by its owner. */
  readonly database?: Database;
  /** False: the scheduler is built but does not tick by itself (tests drive it with their clock). */
  readonly runScheduler?: boolean;
  /** More HTTP routes beside POST /slack/events, /healthz and the leave calendars, in HTTP mode (the sandbox's page). */
  readonly routes?: readonly CustomRoute[];
  /** The address to listen on in HTTP mode; every interface when unset. */
  readonly host?: string;
  /** Runs just before the app listens, e.g. to free its port from a placeholder (the sandbox's first start). */
  readonly beforeListen?: () => Promise<void>;
  /** Cut when the app stops, or earlier by a signal during start-up: every Slack call waiting fails at once. */
  readonly cutoff?: SlackCutoff;
  /** Whether the scheduler's first tick is at once rather than at the next minute (the app's own start). */
  readonly tickAtStart?: boolean;
  /** Socket Mode: Slack refused the app-level token (`problem` says how to fix it); the app cannot work. */
  readonly onSlackRefused?: (problem: string) => void;
  /** Whether GET /metrics includes the process's own (CPU, memory, event loop): for the app that owns the process. */
  readonly processMetrics?: boolean;
}

/** Opens and migrates the database, copies the policy's teams into it, and starts the Slack app. */
/** How often people's Slack languages are read again with users.list (the cache keeps them six hours). */
const localeRefreshMs = 5 * 60 * 60 * 1000;

/** How long work after an ack may wait for a quiet moment: nobody waits on an approver's card by the second. */
const afterAckMaxDeferMs = 5000;
/** How long without a Slack request means a burst is over; within a burst they come a few milliseconds apart. */
const burstOverAfterMs = 50;

export async function startShiftdesk({ config, policy, clock, logger, clientOptions, ...options }: StartOptions): Promise<RunningApp> {
  const ownsDatabase = options.database === undefined;
  const graceMs = config.shutdownGraceMs ?? defaultShutdownGraceMs;
  const cutoff = options.cutoff ?? new SlackCutoff();
  const instanceId = randomUUID();
  const database = options.database ?? (await openDatabase(config.database));
  const health = () => database.ping();
  const metrics = new Metrics({ processMetrics: options.processMetrics ?? false });
  metrics.watchPool(() => database.pool());
  // Socket Mode: connecting until the connection says otherwise
  let slackLink: SlackLinkCheck = () => 'connecting';
  /** What the app serves over HTTP besides Slack's requests, in both modes. */
  const ownRoutes = (deps: UseCaseDeps): CustomRoute[] => [
    healthRoute(health, config.slack.mode === 'socket' ? () => slackLink() : undefined),
    calendarRoute(deps, logger),
    metricsRoute(metrics),
  ];
  const inFlight = new InFlight();
  const afterAck = new AfterAck(
    (error) => logger.error({ err: error }, 'work after an ack failed'),
    (maxWaitMs) => inFlight.quiet(burstOverAfterMs, maxWaitMs),
    afterAckMaxDeferMs,
  );
  let app: App;
  let locales: SlackLocales;
  let bulk: BulkSender;
  let submissions: Outbox;
  let readModel: ReadModel | undefined;
  let deps: UseCaseDeps;
  let connection: SocketConnection | undefined;
  let sideServer: Server | undefined;
  try {
    await migrateDatabase(config.database, database);
    await database.db.transaction((tx) => syncTeams(tx, policy));
    readModel = await ReadModel.start(database, { clock, policy, logger });
    const model = readModel;
    metrics.watchReadModel(() => model.stats());
    deps = { db: database.db, clock, policy, logger, readModel, homes: new HomeChanges(), metrics };
    if (config.slack.mode === 'socket') {
      // served before Slack is reached: /healthz says 503 "connecting" meanwhile
      await options.beforeListen?.();
      sideServer = await startSideServer(ownRoutes(deps), config.port);
    }
    ({ app, locales, bulk, submissions, connection } = await createSlackApp({
      slack: config.slack,
      deps,
      inFlight,
      afterAck,
      customRoutes: [...ownRoutes(deps), ...(options.routes ?? [])],
      ...(clientOptions ? { clientOptions } : {}),
      cutoff,
      instanceId,
      ...(options.onSlackRefused ? { onSocketRefused: options.onSlackRefused } : {}),
    }));
  } catch (error) {
    if (sideServer) await new Promise((resolve) => sideServer?.close(resolve));
    await readModel?.stop();
    if (ownsDatabase) await database.close();
    throw error;
  }

  const scheduler = new Scheduler(deps, allJobs(deps, { client: app.client, bulk, locales, submissions, instanceId }), instanceId);
  // Every copy keeps its own languages fresh, before the cache's six hours run out.
  const relearnLocales = setInterval(() => void locales.warm(), localeRefreshMs);
  relearnLocales.unref();

  let port: number;
  if (connection && sideServer) {
    const link = connection;
    link.start(app);
    slackLink = () => link.state;
    port = (sideServer.address() as AddressInfo).port;
  } else {
    await options.beforeListen?.();
    const server = (await app.start(options.host === undefined ? config.port : { port: config.port, host: options.host })) as Server;
    port = (server.address() as AddressInfo).port;
  }
  if (options.runScheduler !== false) scheduler.start({ tickNow: options.tickAtStart === true });
  logger.info({ mode: config.slack.mode, port, database: database.kind }, 'shiftdesk is running');

  return {
    app,
    database,
    deps,
    scheduler,
    locales,
    port,
    instanceId,
    async settled(timeoutMs = graceMs) {
      await inFlight.idle(timeoutMs);
      await afterAck.idle(timeoutMs);
      await submissions.idle(timeoutMs);
    },
    async stop() {
      clearInterval(relearnLocales);
      await stopWithinGrace({
        graceMs,
        logger,
        scheduler,
        cutoff,
        async stopTakingRequests() {
          submissions.stop();
          await (connection ? connection.stop(app) : app.stop());
        },
        inFlight: [(ms) => inFlight.idle(ms), (ms) => afterAck.idle(ms), (ms) => submissions.idle(ms)],
        async releaseClaims() {
          const released = await releaseClaimsOf(database.db, instanceId);
          metrics.claim('job_run', 'released', released.jobRuns);
          metrics.claim('report_run', 'released', released.reportRuns);
          metrics.claim('daily_digest', 'released', released.dailyDigests);
          metrics.claim('hr_sheet', 'released', released.sheetSends);
          metrics.claim('absence_notice', 'released', released.absenceNotices);
          metrics.claim('comp_time_card', 'released', released.compTimeCards);
          metrics.claim('submission', 'released', released.submissions);
          return released;
        },
        close: [
          () => readModel.stop(),
          async () => void (sideServer && (await new Promise((resolve) => sideServer?.close(resolve)))),
          async () => void (ownsDatabase && (await database.close())),
        ],
      });
    },
  };
}
