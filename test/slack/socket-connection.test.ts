import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { describeConnectFailure } from '../../src/slack/socket-connection.js';

/** A Web API call that never reached Slack, as the client reports it. */
const requestError = (original: Error) => ({ code: webApi.ErrorCode.RequestError, original });
const fetchFailed = (cause: string) => new TypeError('fetch failed', { cause: new Error(cause) });

describe('what a failed Socket Mode connection is said to be', () => {
  it.each([
    [requestError(fetchFailed('getaddrinfo ENOTFOUND slack.com')), 'apps.connections.open failed: getaddrinfo ENOTFOUND slack.com'],
    [requestError(fetchFailed('connect ECONNREFUSED 10.0.0.1:443')), 'apps.connections.open failed: connect ECONNREFUSED 10.0.0.1:443'],
    [
      requestError(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' })),
      'apps.connections.open failed: no answer within 15 s',
    ],
    [{ code: webApi.ErrorCode.HTTPError, statusCode: 502 }, 'apps.connections.open answered HTTP 502'],
    [{ code: webApi.ErrorCode.PlatformError, data: { error: 'internal_error' } }, 'apps.connections.open answered internal_error'],
    [undefined, 'the Socket Mode WebSocket closed before Slack said hello'],
  ])('%o is tried again: %s', (error, problem) => {
    expect(describeConnectFailure(error)).toEqual({ problem, refused: false });
  });

  it.each(['invalid_auth', 'not_authed', 'token_revoked'])(
    'a token refused with %s is not tried again, and the line says how to get one',
    (answer) => {
      const { problem, refused } = describeConnectFailure({ code: webApi.ErrorCode.PlatformError, data: { error: answer } });
      expect(refused).toBe(true);
      expect(problem).toBe(
        `apps.connections.open refused SLACK_APP_TOKEN (${answer}): create an app-level token (xapp-…) with the connections:write scope under "Basic Information → App-Level Tokens"`,
      );
    },
  );
});
