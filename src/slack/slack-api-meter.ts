/**
 * Counts every call the app's Slack clients make, as the `fetch` they send through: the Web API
 * method (or `response_url`), what Slack answered (ok, its error code, rate_limited for a 429) and
 * how long it took. A call sent again after a failed attempt, by the Web API client's own retries or
 * by the bulk sender after a 429, is the same method and body again, so it is counted as a retry of
 * that method.
 */
import type { webApi } from '@slack/bolt';
import type { Metrics } from '../metrics.js';

/** Failed attempts remembered until they are sent again; attempts never sent again fall out oldest first. */
const rememberedFailures = 1000;

/** `chat.postMessage` for a Web API URL, `response_url` for a post to one, `other` for anything else (an upload URL). */
export function slackApiMethod(url: string, jsonBody: boolean): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return 'other';
  }
  const at = path.lastIndexOf('/api/');
  const method = at === -1 ? '' : path.slice(at + '/api/'.length);
  if (/^[a-z]+(\.[a-zA-Z]+)+$/.test(method) && method.length <= 64) return method;
  return jsonBody ? 'response_url' : 'other';
}

type FetchResponse = Awaited<ReturnType<webApi.FetchFunction>>;

async function resultOf(response: FetchResponse, method: string): Promise<string> {
  if (response.status === 429) return 'rate_limited';
  if (response.status !== 200) return `http_${response.status}`;
  if (method === 'response_url' || method === 'other') return 'ok';
  // the client reads the body itself: read a copy (a stand-in fetch without clone() is not read)
  const copy = (response as { clone?: () => FetchResponse }).clone?.();
  if (!copy) return 'ok';
  try {
    const body = (await copy.json()) as { ok?: unknown; error?: unknown };
    if (body.ok === true) return 'ok';
    return typeof body.error === 'string' && /^[a-z_]{1,60}$/.test(body.error) ? body.error : 'error';
  } catch {
    return 'unreadable';
  }
}

function headerValue(headers: Record<string, string> | undefined, name: string): string {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found?.[1] ?? '';
}

/** `inner` with every call counted in `metrics` (unchanged when there are none). */
export function meteredFetch(metrics: Metrics | undefined, inner: webApi.FetchFunction): webApi.FetchFunction {
  if (!metrics) return inner;
  const failedAttempts = new Set<string>();
  const remember = (key: string | undefined) => {
    if (key === undefined) return;
    failedAttempts.delete(key);
    failedAttempts.add(key);
    if (failedAttempts.size > rememberedFailures) failedAttempts.delete(failedAttempts.values().next().value as string);
  };
  return async (url, init) => {
    const method = slackApiMethod(String(url), headerValue(init?.headers, 'content-type').startsWith('application/json'));
    const key = typeof init?.body === 'string' ? `${String(url)}\n${init.body}` : undefined;
    if (key !== undefined && failedAttempts.delete(key)) metrics.slackApiRetries.inc({ method });
    const done = metrics.slackApiSeconds.startTimer({ method });
    let response: FetchResponse;
    try {
      response = await inner(url, init);
    } catch (error) {
      done();
      metrics.slackApiCalls.inc({ method, result: (error as { name?: unknown }).name === 'TimeoutError' ? 'timeout' : 'network_error' });
      remember(key);
      throw error;
    }
    done();
    metrics.slackApiCalls.inc({ method, result: await resultOf(response, method) });
    if (response.status !== 200) remember(key);
    return response;
  };
}
