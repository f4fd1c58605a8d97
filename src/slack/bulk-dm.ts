/**
 * Many direct messages at once (the Saturday reminder to hundreds of agents). Slack's 429 answers are
 * handled here rather than inside the Web API client: a 429 pauses every sender until its Retry-After
 * has passed and the same message is tried again, while a message that keeps failing for another
 * reason is given up after a few tries without holding up anyone else's.
 */
import { webApi } from '@slack/bolt';
import type { SlackConnection } from '../config.js';
import type { AppLogger } from '../logger.js';
import { toBoltLogger } from '../logger.js';
import { limitsGuardedFetch } from './slack-limits-guard.js';
import { deadlinedClientOptions, SlackCutoff, slackRetryForMs } from './slack-deadline.js';
import { meteredFetch } from './slack-api-meter.js';
import type { Metrics } from '../metrics.js';
import type { Block } from './blocks.js';
import { sleep } from '../async.js';

export interface DirectMessage {
  readonly channel: string;
  readonly text: string;
  readonly blocks?: Block[];
}

export interface BulkOutcome {
  readonly sent: number;
  readonly failed: number;
  /** Calls answered 429 and tried again. */
  readonly rateLimited: number;
  /** Calls that failed otherwise and were tried again. */
  readonly retried: number;
}

export interface BulkOptions {
  /** Messages in flight at once. */
  readonly concurrency: number;
  /** Tries per message for failures other than 429. */
  readonly attempts: number;
  /** Wait before the second try; doubles with each further try. */
  readonly backoffMs: number;
  /** No further try of a message starts after this long since its first (429 pauses aside). */
  readonly retryForMs: number;
  /** Cut when the app stops: a message that fails then is not tried again. */
  readonly cutoff?: SlackCutoff;
}

const defaults: BulkOptions = { concurrency: 8, attempts: 4, backoffMs: 500, retryForMs: slackRetryForMs };

/** Slack answers these for good: trying again cannot help. */
const permanentErrors = new Set([
  'channel_not_found',
  'user_not_found',
  'account_inactive',
  'user_disabled',
  'not_authed',
  'invalid_auth',
  'invalid_blocks',
  'msg_too_long',
  'no_text',
  'invalid_arguments',
  'cannot_dm_bot',
]);

/**
 * A Web API client of its own that reports 429s instead of waiting inside, so BulkSender can pace
 * every send; each attempt keeps the app's deadline and cutoff.
 */
export function bulkClient(
  slack: Pick<SlackConnection, 'botToken' | 'apiUrl'>,
  logger: AppLogger,
  cutoff: SlackCutoff = new SlackCutoff(),
  metrics?: Metrics,
): webApi.WebClient {
  return new webApi.WebClient(slack.botToken, {
    ...(slack.apiUrl === undefined ? {} : { slackApiUrl: slack.apiUrl }),
    logger: toBoltLogger(logger),
    rejectRateLimitedCalls: true,
    ...deadlinedClientOptions(cutoff, meteredFetch(metrics, limitsGuardedFetch(logger)), { retryConfig: { retries: 0 } }),
  });
}

export class BulkSender {
  private readonly options: BulkOptions;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: AppLogger,
    options: Partial<BulkOptions> = {},
  ) {
    this.options = { ...defaults, ...options };
  }

  /**
   * Sends one message per item. `prepare` builds it (undefined: nothing to send, e.g. claimed by
   * another copy); `settle` learns whether it went out. Items are independent: one failure stops nothing.
   */
  async sendAll<T>(
    items: readonly T[],
    prepare: (item: T) => Promise<DirectMessage | undefined>,
    settle: (item: T, sent: boolean) => Promise<void>,
  ): Promise<BulkOutcome> {
    let next = 0;
    let resumeAt = 0;
    const outcome = { sent: 0, failed: 0, rateLimited: 0, retried: 0 };

    const sendOne = async (message: DirectMessage): Promise<boolean> => {
      const firstTry = performance.now();
      for (let attempt = 1; ; ) {
        // Retry-After is counted on a steady timer, not the app's clock, which the sandbox moves by hours
        const wait = resumeAt - performance.now();
        if (wait > 0) await Promise.race([sleep(wait), this.options.cutoff?.whenCut ?? new Promise(() => undefined)]);
        try {
          await this.client.chat.postMessage({
            channel: message.channel,
            text: message.text,
            ...(message.blocks ? { blocks: message.blocks } : {}),
          });
          return true;
        } catch (error) {
          if (error instanceof webApi.WebAPIRateLimitedError || (error as { code?: string }).code === webApi.ErrorCode.RateLimitedError) {
            const retryAfterMs = Math.max(1, (error as webApi.WebAPIRateLimitedError).retryAfter) * 1000;
            resumeAt = Math.max(resumeAt, performance.now() + retryAfterMs);
            outcome.rateLimited += 1;
            continue;
          }
          const slackError = (error as { data?: { error?: string } }).data?.error;
          const outOfTime = performance.now() - firstTry >= this.options.retryForMs || this.options.cutoff?.cut === true;
          if ((slackError !== undefined && permanentErrors.has(slackError)) || attempt >= this.options.attempts || outOfTime) {
            this.logger.warn({ err: error, channel: message.channel, attempts: attempt }, 'a direct message could not be sent');
            return false;
          }
          outcome.retried += 1;
          await sleep(this.options.backoffMs * 2 ** (attempt - 1));
          attempt += 1;
        }
      }
    };

    const worker = async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        let sent = false;
        try {
          const message = await prepare(item);
          if (message === undefined) continue;
          sent = await sendOne(message);
          if (sent) outcome.sent += 1;
          else outcome.failed += 1;
          await settle(item, sent);
        } catch (error) {
          // a database hiccup for one person must not stop the others
          this.logger.error({ err: error }, 'a direct message could not be prepared or recorded');
          if (!sent) outcome.failed += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, items.length) }, worker));
    return outcome;
  }
}
