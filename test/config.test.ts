import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { AppError } from '../src/errors.js';

const defaults = { policyFile: '/app/policy.yml', cwd: '/srv/shiftdesk' };
const http = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'abcdef0123456789' };
const socket = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A1-abc' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, defaults);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message.split('\n');
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('chooses HTTP mode with a signing secret, with defaults for everything else', () => {
    const config = loadConfig(http, defaults);
    expect(config).toEqual({
      slack: { mode: 'http', botToken: 'xoxb-1-2-abc', signingSecret: 'abcdef0123456789' },
      port: 3000,
      database: { kind: 'pglite', dataDir: '/srv/shiftdesk/.data' },
      policyFile: '/app/policy.yml',
      logLevel: 'info',
      shutdownGraceMs: 10_000,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('chooses Socket Mode with an app token, PostgreSQL with DATABASE_URL, and reads the overrides', () => {
    const config = loadConfig(
      {
        ...socket,
        DATABASE_URL: 'postgres://u@db:5432/shiftdesk',
        PORT: '8080',
        SLACK_API_URL: 'http://127.0.0.1:9999/api',
        POLICY_FILE: 'conf/p.yml',
        LOG_LEVEL: 'debug',
        SHUTDOWN_GRACE_MS: '25000',
      },
      defaults,
    );
    expect(config.slack).toEqual({
      mode: 'socket',
      botToken: 'xoxb-1-2-abc',
      appToken: 'xapp-1-A1-abc',
      apiUrl: 'http://127.0.0.1:9999/api/',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/shiftdesk' });
    expect(config.port).toBe(8080);
    expect(config.policyFile).toBe('/srv/shiftdesk/conf/p.yml');
    expect(config.logLevel).toBe('debug');
    expect(config.shutdownGraceMs).toBe(25_000);
  });

  it('names every missing variable on its own line with how to fix it', () => {
    expect(problems({})).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN is not set: set it to the Bot User OAuth Token \(xoxb-…\)/),
      expect.stringMatching(
        /^SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is not set: set SLACK_APP_TOKEN \(xapp-…\) to connect over Socket Mode, or SLACK_SIGNING_SECRET/,
      ),
    ]);
  });

  it.each([
    [{ ...http, SLACK_BOT_TOKEN: 'xoxp-user-token' }, /^SLACK_BOT_TOKEN must start with xoxb-: /],
    [{ ...socket, SLACK_APP_TOKEN: 'abc' }, /^SLACK_APP_TOKEN must start with xapp-: .*connections:write/],
    [{ ...http, PORT: 'eighty' }, /^PORT must be a number: set it to a TCP port number/],
    [{ ...http, PORT: '70000' }, /^PORT must be at most 65535: /],
    [{ ...http, DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/: /],
    [{ ...http, SLACK_API_URL: 'not a url' }, /^SLACK_API_URL must be an http\(s\) URL: /],
    [{ ...http, SHUTDOWN_GRACE_MS: '10s' }, /^SHUTDOWN_GRACE_MS must be a number: set it to how many milliseconds stopping may take/],
    [{ ...http, SHUTDOWN_GRACE_MS: '100' }, /^SHUTDOWN_GRACE_MS must be at least 1000: /],
    [{ ...http, LOG_LEVEL: 'loud' }, /^LOG_LEVEL is not a known level: set it to one of fatal, error/],
  ])('refuses a malformed value with one line: %o', (env, line) => {
    expect(problems(env)).toEqual([expect.stringMatching(line)]);
  });
});
