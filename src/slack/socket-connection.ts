/**
 * The Socket Mode connection, kept up by the app rather than by Bolt: Bolt's client logs
 * `http request failed fetch failed` on every try without naming the call, and gives up for good
 * when apps.connections.open cannot be reached. Here each try is one line ("connecting"), each failure
 * one line naming what failed and when the next try is, a lost connection is tried again the same
 * way, and a refused app-level token stops the app. /healthz reads `state`.
 */
import { type App, type Logger as BoltLogger, SocketModeReceiver, webApi } from '@slack/bolt';
import { sleep } from '../async.js';
import type { AppLogger } from '../logger.js';
import { deadlinedClientOptions, SlackCutoff, slackAttemptTimeoutMs } from './slack-deadline.js';

export type SlackLinkState = 'connecting' | 'connected';

/** Waits between tries: 1 s, doubling, at most `maxRetryWaitMs`. */
const firstRetryWaitMs = 1000;
const maxRetryWaitMs = 30_000;

/** Slack's answers to apps.connections.open that no retry can change. */
const refusedToken = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

/** What went wrong with a try, in a few words, and whether trying again can help. */
export function describeConnectFailure(error: unknown): { readonly problem: string; readonly refused: boolean } {
  const coded = error as { code?: string; data?: { error?: string }; statusCode?: number; original?: unknown } | undefined;
  if (coded?.code === webApi.ErrorCode.PlatformError) {
    const answer = coded.data?.error ?? 'an error';
    return refusedToken.has(answer)
      ? {
          problem: `apps.connections.open refused SLACK_APP_TOKEN (${answer}): create an app-level token (xapp-…) with the connections:write scope under "Basic Information → App-Level Tokens"`,
          refused: true,
        }
      : { problem: `apps.connections.open answered ${answer}`, refused: false };
  }
  if (coded?.code === webApi.ErrorCode.HTTPError)
    return { problem: `apps.connections.open answered HTTP ${coded.statusCode}`, refused: false };
  if (coded?.code === webApi.ErrorCode.RequestError)
    return { problem: `apps.connections.open failed: ${networkReason(coded.original)}`, refused: false };
  if (error === undefined) return { problem: 'the Socket Mode WebSocket closed before Slack said hello', refused: false };
  return { problem: `the Socket Mode connection failed: ${error instanceof Error ? error.message : String(error)}`, refused: false };
}

/** `getaddrinfo ENOTFOUND slack.com`, `connect ECONNREFUSED 127.0.0.1:443`, `no answer within 15 s`… */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return `no answer within ${slackAttemptTimeoutMs / 1000} s`;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message) return cause.message;
  return error.message;
}

/** Bolt's Socket Mode client writes its failures at debug: the connection's own lines say them once, clearly. */
function quieted(logger: BoltLogger): BoltLogger {
  return { ...logger, info: logger.debug, warn: logger.debug, error: logger.debug };
}

export class SocketConnection {
  state: SlackLinkState = 'connecting';
  private stopped = false;
  /** Cut when stopping: a try in progress fails at once. */
  private readonly ownCutoff = new SlackCutoff();
  private running: Promise<void> = Promise.resolve();
  readonly receiver: SocketModeReceiver;

  constructor(
    appToken: string,
    clientOptions: webApi.WebClientOptions & { fetch: webApi.FetchFunction },
    boltLogger: BoltLogger,
    private readonly logger: AppLogger,
    private readonly onRefused: (problem: string) => void,
  ) {
    this.receiver = new SocketModeReceiver({
      appToken,
      logger: quieted(boltLogger),
      autoReconnectEnabled: false,
      // each request's envelope id goes on with it (as `envelopeId`), so its log lines can name the delivery
      customPropertiesExtractor: (args: { envelope_id?: unknown }) =>
        typeof args.envelope_id === 'string' ? { envelopeId: args.envelope_id } : {},
      installerOptions: {
        // one try per attempt of the loop below, which says what failed
        clientOptions: {
          ...clientOptions,
          ...deadlinedClientOptions(this.ownCutoff, clientOptions.fetch, { retryConfig: { retries: 0 } }),
        },
      },
    });
  }

  /** Starts connecting in the background; `app` is the Bolt app built on `receiver`. */
  start(app: App): void {
    this.running = this.keepConnected(app).catch((error: unknown) =>
      this.logger.error({ err: error }, 'the Socket Mode connection stopped trying'),
    );
  }

  async stop(app: App): Promise<void> {
    this.stopped = true;
    this.ownCutoff.cutOff();
    await app.stop();
    await this.running;
  }

  private async keepConnected(app: App): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.state = 'connecting';
      this.logger.info(
        { attempt: failures + 1 },
        failures === 0 ? 'connecting to Slack over Socket Mode' : 'reconnecting to Slack over Socket Mode',
      );
      try {
        await app.start();
        if (this.stopped) return;
        // registered at once: the socket's events come later than this
        const closed = this.whenClosed();
        this.state = 'connected';
        failures = 0;
        this.logger.info('connected to Slack over Socket Mode');
        await closed;
        if (this.stopped) return;
        this.state = 'connecting';
        this.logger.warn('the Socket Mode connection to Slack closed; reconnecting');
      } catch (error) {
        if (this.stopped) return;
        const { problem, refused } = describeConnectFailure(error);
        if (refused) {
          this.logger.error(problem);
          return this.onRefused(problem);
        }
        failures += 1;
        const waitMs = Math.min(maxRetryWaitMs, firstRetryWaitMs * 2 ** (failures - 1));
        this.logger.warn(
          { attempt: failures, retryInMs: waitMs },
          `Slack is unreachable: ${problem}; trying again in ${Math.round(waitMs / 1000)} s`,
        );
        await Promise.race([sleep(waitMs), this.ownCutoff.whenCut]);
      }
    }
  }

  /** Resolves when the open connection closes. */
  private whenClosed(): Promise<void> {
    return new Promise((resolve) => this.receiver.client.once('disconnected', () => resolve()));
  }
}
