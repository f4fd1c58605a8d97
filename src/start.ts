import type { AddressInfo, Server } from 'node:net';
import type { App, CustomRoute } from '@slack/bolt';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { ReadModel } from './db/read-model/read-model.js';
import { syncTeams } from './db/queries/teams.js';
import { calendarRoute } from './http/calendar.js';
import { healthRoute } from './http/healthz.js';
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
import type { SlackLocales } from './slack/locale-cache.js';
import type { UseCaseDeps } from './use-cases/deps.js';
import type { Outbox } from './use-cases/outbox.js';
import { HomeChanges } from './use-cases/home-changes.js';

/** How long stopping waits for requests being handled (their acks are sent; follow-up messages may not be). */
const stopGraceMs = 10_000;

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
  /** Resolves once no Slack request is being handled and the work after their acks is done, or after `timeoutMs`. */
  settled(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly config: Pick<Config, 'slack' | 'port' | 'database'>;
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
  const database = options.database ?? (await openDatabase(config.database));
  const health = () => database.ping();
  const metrics = new Metrics({ processMetrics: options.processMetrics ?? false });
  metrics.watchPool(() => database.pool());
  /** What the app serves over HTTP besides Slack's requests, in both modes. */
  const ownRoutes = (deps: UseCaseDeps): CustomRoute[] => [healthRoute(health), calendarRoute(deps, logger), metricsRoute(metrics)];
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
  try {
    await migrateDatabase(config.database, database);
    await database.db.transaction((tx) => syncTeams(tx, policy));
    readModel = await ReadModel.start(database, { clock, policy, logger });
    const model = readModel;
    metrics.watchReadModel(() => model.stats());
    deps = { db: database.db, clock, policy, logger, readModel, homes: new HomeChanges(), metrics };
    ({ app, locales, bulk, submissions } = await createSlackApp({
      slack: config.slack,
      deps,
      inFlight,
      afterAck,
      customRoutes: [...ownRoutes(deps), ...(options.routes ?? [])],
      ...(clientOptions ? { clientOptions } : {}),
    }));
  } catch (error) {
    await readModel?.stop();
    if (ownsDatabase) await database.close();
    throw error;
  }

  const scheduler = new Scheduler(deps, allJobs(deps, { client: app.client, bulk, locales, submissions }));
  // Every copy keeps its own languages fresh, before the cache's six hours run out.
  const relearnLocales = setInterval(() => void locales.warm(), localeRefreshMs);
  relearnLocales.unref();

  let sideServer: Server | undefined;
  let port: number;
  await options.beforeListen?.();
  if (config.slack.mode === 'http') {
    const server = (await app.start(options.host === undefined ? config.port : { port: config.port, host: options.host })) as Server;
    port = (server.address() as AddressInfo).port;
  } else {
    await app.start();
    sideServer = await startSideServer(ownRoutes(deps), config.port);
    port = (sideServer.address() as AddressInfo).port;
  }
  if (options.runScheduler !== false) scheduler.start();
  logger.info({ mode: config.slack.mode, port, database: database.kind }, 'shiftdesk is running');

  return {
    app,
    database,
    deps,
    scheduler,
    locales,
    port,
    async settled(timeoutMs = stopGraceMs) {
      await inFlight.idle(timeoutMs);
      await afterAck.idle(timeoutMs);
      await submissions.idle(timeoutMs);
    },
    async stop() {
      clearInterval(relearnLocales);
      await scheduler.stop();
      await app.stop();
      await inFlight.idle(stopGraceMs);
      await afterAck.idle(stopGraceMs);
      await submissions.idle(stopGraceMs);
      submissions.stop();
      await readModel.stop();
      if (sideServer) await new Promise((resolve) => sideServer?.close(resolve));
      if (ownsDatabase) await database.close();
    },
  };
}
