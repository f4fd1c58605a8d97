import { type App, webApi, type CodedError, type Context, type CustomRoute, type Receiver } from '@slack/bolt';
import { markRequestFailed, RequestObserver } from './request-observer.js';
import { meteredFetch } from './slack-api-meter.js';
import type { SlackConnection } from '../config.js';
import { isAppError } from '../errors.js';
import { toBoltLogger } from '../logger.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import { identifyBot } from './bot-identity.js';
import { SlackHttpReceiver } from './http-receiver.js';
import { BulkSender, bulkClient } from './bulk-dm.js';
import type { AfterAck } from './after-ack.js';
import type { InFlight } from './in-flight.js';
import { ackGuard } from './ack-guard.js';
import { requestUserId, resolvedUser, resolveUser, userContext } from './context.js';
import { localeFrom } from './recipient-locale.js';
import { submissionOutbox } from './submissions.js';
import type { Outbox } from '../use-cases/outbox.js';
import { SlackLocales } from './locale-cache.js';
import { limitsGuardedFetch } from './slack-limits-guard.js';
import { deadlinedClientOptions, SlackCutoff } from './slack-deadline.js';
import { SocketConnection } from './socket-connection.js';
import { RouteTable } from './route-table.js';
import { ScreenedApp } from './screened-app.js';
import { registerRoutes } from './routes.js';
import { homeClicks } from './home/clicks.js';
import { HomeRepublisher } from './home/republish.js';

export interface SlackAppOptions {
  readonly slack: SlackConnection;
  readonly deps: UseCaseDeps;
  /** Extra HTTP routes served beside POST /slack/events in HTTP mode (e.g. /healthz). */
  readonly customRoutes?: CustomRoute[];
  /** Counts requests being handled, so stopping can wait for them. */
  readonly inFlight: InFlight;
  /** Where work that follows an ack waits its turn. */
  readonly afterAck: AfterAck;
  /** Web API client tuning; tests turn retries off. */
  readonly clientOptions?: Omit<webApi.WebClientOptions, 'slackApiUrl' | 'logger'>;
  /** Cut when the app stops: every Slack call still waiting fails at once. */
  readonly cutoff?: SlackCutoff;
  /** The app copy, in the claims the outbox takes. */
  readonly instanceId?: string;
  /** Socket Mode: Slack refused the app-level token, saying `problem`; trying again cannot help. */
  readonly onSocketRefused?: (problem: string) => void;
}

/**
 * Builds the Bolt app for Socket Mode or HTTP, with our middleware, routes and error handler. The bot's
 * identity is asked once here; Bolt's own per-request auth.test is off, so requests never wait on it.
 */
/** How long a listener may take before its ack: Slack gives up after 3 s, and the answer needs time to travel. */
const ackBudgetMs = 2000;

export async function createSlackApp({
  slack,
  deps,
  inFlight,
  afterAck,
  customRoutes = [],
  clientOptions = {},
  cutoff = new SlackCutoff(),
  instanceId,
  onSocketRefused = () => undefined,
}: SlackAppOptions): Promise<{ app: App; locales: SlackLocales; bulk: BulkSender; submissions: Outbox; connection?: SocketConnection }> {
  const logger = toBoltLogger(deps.logger);
  // every client Bolt builds from these options, and its respond(), sends through the limits guard, within the deadline
  const client = {
    ...deadlinedClientOptions(cutoff, meteredFetch(deps.metrics, limitsGuardedFetch(deps.logger, clientOptions.fetch)), clientOptions),
    ...(slack.apiUrl === undefined ? {} : { slackApiUrl: slack.apiUrl }),
  };
  const identity = await identifyBot(new webApi.WebClient(slack.botToken, { ...client, logger }), deps.logger);
  const common = {
    token: slack.botToken,
    // Unknown ids ('') still spare every request an auth.test round trip; only ignoreSelf uses them.
    botId: identity?.botId ?? '',
    botUserId: identity?.botUserId ?? '',
    tokenVerificationEnabled: false,
    // no listener keeps conversation state: spare every request the store's lookup
    convoStore: false,
    logger,
    clientOptions: client,
    extendedErrorHandler: true,
  } as const;
  // Socket Mode: the app keeps the connection up itself (socket-connection.ts), through the receiver built there
  let connection: SocketConnection | undefined;
  let receiver: Receiver;
  if (slack.mode === 'socket') {
    connection = new SocketConnection(slack.appToken, client, logger, deps.logger, onSocketRefused);
    receiver = connection.receiver;
  } else {
    receiver = new SlackHttpReceiver({ signingSecret: slack.signingSecret, logger: deps.logger, customRoutes });
  }
  const observer = new RequestObserver(deps.metrics);
  const app = new ScreenedApp({ ...common, receiver, socketMode: slack.mode === 'socket' }, deps.logger, observer);

  const locales = new SlackLocales(app.client, deps.clock, deps.logger);
  await locales.warm();
  const bulk = new BulkSender(bulkClient(slack, deps.logger, cutoff, deps.metrics), deps.logger, { cutoff });
  const submissions = submissionOutbox(deps, app.client, locales, instanceId);
  app.use(inFlight.middleware);
  app.use(
    ackGuard(
      ackBudgetMs,
      deps.logger,
      (context, body) => resolvedUser(context)?.locale ?? localeFrom(locales.peek(requestUserId(body) ?? ''), undefined, deps.policy),
    ),
  );
  app.use(resolveUser(deps, locales));
  const homes = new HomeRepublisher(app.client, deps, locales, afterAck);
  deps.homes?.listen((ref, also) => homes.changed(ref, also));
  const routes = new RouteTable(homeClicks(homes));
  registerRoutes(routes, deps, { locales, afterAck, bulk, submissions, homes });
  app.use(routes.middleware);
  observer.knownRoute = (route) => routes.has(route);
  app.error(async ({ error, context, body }: { error: CodedError; context: Context; body: unknown }) => {
    const cause = (error as { original?: unknown }).original ?? error;
    markRequestFailed();
    deps.logger.error({ err: cause, code: isAppError(cause) ? cause.code : undefined }, 'a Slack request failed');
    await tellUserItFailed(body, () => userContext(context).t('common.error'));
  });
  return { app, locales, bulk, submissions, ...(connection ? { connection } : {}) };
}

/** When Slack gave us a response_url, the person learns that their action failed instead of waiting. */
async function tellUserItFailed(body: unknown, message: () => string): Promise<void> {
  const responseUrl = (body as { response_url?: unknown } | undefined)?.response_url;
  if (typeof responseUrl !== 'string') return;
  let text: string;
  try {
    text = message();
  } catch {
    return;
  }
  await fetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
  }).catch(() => undefined);
}
