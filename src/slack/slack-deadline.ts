/**
 * Every Web API call of the app ends within `slackCallDeadlineMs`: each attempt waits at most
 * `slackAttemptTimeoutMs` for Slack's answer, and none is started once `slackRetryForMs` have passed
 * since the first (the client's own default keeps trying for half an hour). When the app stops, its
 * `SlackCutoff` makes every pending call fail at once and sends no new one.
 */
import type { webApi } from '@slack/bolt';

/** How long one attempt waits for Slack's answer. */
export const slackAttemptTimeoutMs = 15_000;
/** No attempt starts after this long since the first. */
export const slackRetryForMs = 10_000;
/** The longest wait between two attempts. */
export const slackMaxBackoffMs = 5_000;
/** The longest a Web API call takes, answered or not. */
export const slackCallDeadlineMs = slackRetryForMs + slackMaxBackoffMs + slackAttemptTimeoutMs;

/** Why a Slack call failed at once: the app is stopping. */
export class SlackCutOffError extends Error {
  constructor() {
    super('the app is stopping: Slack calls are cut off');
    this.name = 'SlackCutOffError';
  }
}

/** Cut once, when the app stops: every Slack call of the app still waiting fails, and none is sent after. */
export class SlackCutoff {
  private readonly controller = new AbortController();
  /** Resolves when cut. */
  readonly whenCut: Promise<void> = new Promise((resolve) => this.controller.signal.addEventListener('abort', () => resolve()));

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get cut(): boolean {
    return this.controller.signal.aborted;
  }

  cutOff(): void {
    if (!this.cut) this.controller.abort(new SlackCutOffError());
  }
}

/** `inner` with the cutoff's signal joined to each request's own (the per-attempt timeout). */
export function cutOffFetch(cutoff: SlackCutoff, inner: webApi.FetchFunction): webApi.FetchFunction {
  return (url, init) => {
    if (cutoff.cut) return Promise.reject(cutoff.signal.reason);
    const signal = init?.signal ? AbortSignal.any([init.signal, cutoff.signal]) : cutoff.signal;
    return inner(url, { ...init, signal });
  };
}

/** Backoff from 1 s up to `slackMaxBackoffMs`, for `slackRetryForMs` at most. */
const retryPolicy: webApi.RetryOptions = {
  retries: 5,
  factor: 2,
  minTimeout: 1000,
  maxTimeout: slackMaxBackoffMs,
  randomize: true,
  maxRetryTime: slackRetryForMs,
};

/**
 * Client options whose calls keep the deadline and honour the cutoff; `options` may narrow them
 * further (fewer retries, a shorter timeout). `fetch` is the app's guarded fetch.
 */
export function deadlinedClientOptions<O extends Pick<webApi.WebClientOptions, 'retryConfig' | 'timeout'>>(
  cutoff: SlackCutoff,
  fetch: webApi.FetchFunction,
  options: O = {} as O,
): O & Required<Pick<webApi.WebClientOptions, 'retryConfig' | 'timeout' | 'fetch'>> {
  const retryConfig = { ...retryPolicy, ...options.retryConfig };
  return {
    ...options,
    timeout: Math.min(options.timeout || slackAttemptTimeoutMs, slackAttemptTimeoutMs),
    retryConfig: {
      ...retryConfig,
      maxRetryTime: Math.min(retryConfig.maxRetryTime ?? slackRetryForMs, slackRetryForMs),
      // p-retry stops trying when this throws: a stopping app tries nothing again
      onFailedAttempt: (error: Error) => {
        if (cutoff.cut) throw error;
      },
    } as webApi.RetryOptions,
    fetch: cutOffFetch(cutoff, fetch),
  };
}
