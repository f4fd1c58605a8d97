import { webApi } from '@slack/bolt';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BulkSender, bulkClient } from '../../src/slack/bulk-dm.js';
import { deadlinedClientOptions, SlackCutoff, SlackCutOffError, slackAttemptTimeoutMs } from '../../src/slack/slack-deadline.js';
import { limitsGuardedFetch } from '../../src/slack/slack-limits-guard.js';
import { toBoltLogger } from '../../src/logger.js';
import { SilentServer } from '../harness/silent-server.js';

const logger = pino({ level: 'silent' });
let silent: SilentServer;
let cutoff: SlackCutoff;

beforeEach(async () => {
  silent = await SilentServer.start();
  cutoff = new SlackCutoff();
});
afterEach(async () => {
  cutoff.cutOff();
  await silent.stop();
});

const client = (options: Parameters<typeof deadlinedClientOptions>[2] = {}) =>
  new webApi.WebClient('xoxb-deadline', {
    slackApiUrl: `${silent.url}/api/`,
    logger: toBoltLogger(logger),
    ...deadlinedClientOptions(cutoff, limitsGuardedFetch(logger), options),
  });

describe('a Web API call to a Slack that never answers', () => {
  it('gives each attempt a timeout, and never a longer one than the deadline allows', async () => {
    expect(deadlinedClientOptions(cutoff, globalThis.fetch as webApi.FetchFunction).timeout).toBe(slackAttemptTimeoutMs);
    expect(deadlinedClientOptions(cutoff, globalThis.fetch as webApi.FetchFunction, { timeout: 0 }).timeout).toBe(slackAttemptTimeoutMs);
    expect(deadlinedClientOptions(cutoff, globalThis.fetch as webApi.FetchFunction, { timeout: 60_000 }).timeout).toBe(
      slackAttemptTimeoutMs,
    );
    const call = client({ timeout: 50, retryConfig: { retries: 0 } }).chat.postMessage({ channel: 'C1', text: 'hi' });
    await expect(call).rejects.toMatchObject({ code: webApi.ErrorCode.RequestError });
    // on a busy machine the attempt may time out before its bytes arrive; either way it is not tried again
    expect(silent.requests).toBeLessThanOrEqual(1);
  });

  it('fails at once when the app cuts Slack off, and is not tried again', async () => {
    const call = client().chat.postMessage({ channel: 'C1', text: 'hi' });
    const failed = call.then(
      () => undefined,
      (error: unknown) => error,
    );
    await silent.reached('/api/chat.postMessage');
    cutoff.cutOff();
    const error = (await failed) as { code?: string; original?: unknown };
    expect(error.code).toBe(webApi.ErrorCode.RequestError);
    expect(error.original).toBeInstanceOf(SlackCutOffError);
    expect(silent.requests).toBe(1);
    // and no call leaves after the cut
    await expect(client().auth.test()).rejects.toMatchObject({ original: expect.any(SlackCutOffError) });
    expect(silent.requests).toBe(1);
  });

  it('a bulk send pending on Slack counts its message failed when cut, without trying it again', async () => {
    const bulk = new BulkSender(bulkClient({ botToken: 'xoxb-deadline', apiUrl: `${silent.url}/api/` }, logger, cutoff), logger, {
      cutoff,
      concurrency: 1,
    });
    const settled: boolean[] = [];
    const outcome = bulk.sendAll(
      ['U1'],
      async (id) => ({ channel: id, text: 'reminder' }),
      async (_id, sent) => void settled.push(sent),
    );
    await silent.reached('/api/chat.postMessage');
    cutoff.cutOff();
    expect(await outcome).toMatchObject({ sent: 0, failed: 1, retried: 0 });
    expect(settled).toEqual([false]);
    expect(silent.requests).toBe(1);
  });
});
