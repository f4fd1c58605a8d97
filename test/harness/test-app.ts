import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { parse as parseYaml } from 'yaml';
import type { DatabaseTarget } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import type { AppLogger } from '../../src/logger.js';
import type { StartOptions } from '../../src/start.js';
import { parsePolicy, type Policy } from '../../src/policy/policy-file.js';
import { startShiftdesk, type RunningApp } from '../../src/start.js';
import { FakeClock } from './fake-clock.js';
import { FakeSlack } from './fake-slack/index.js';
import { createSlackSender } from './slack-requests.js';
import { createTestDatabase } from './test-database.js';

export const botToken = 'xoxb-test-bot-token';
export const signingSecret = 'test-signing-secret-0123456789';
export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const shippedPolicy = (): Policy => parsePolicy(readFileSync(path.join(repoRoot, 'policy.yml'), 'utf8'));
/** The bot scopes manifest.yml asks for: the stand-in grants the app exactly these. */
export const manifestScopes = (): string[] =>
  (parseYaml(readFileSync(path.join(repoRoot, 'manifest.yml'), 'utf8')) as { oauth_config: { scopes: { bot: string[] } } }).oauth_config
    .scopes.bot;

/** The policy with the daily digest turned off for every team. */
export function withoutDailyDigest(policy: Policy): Policy {
  const off = (rules: Policy['rules']) => ({ ...rules, digest: { ...rules.digest, enabled: false } });
  return everywhere(policy, off);
}

/**
 * The policy without the attendance DMs (the monthly sheet, the absence notices, the comp-time
 * proposals), which would otherwise reach every test's HR, managers and leads on their days.
 */
export function withoutHrSheet(policy: Policy): Policy {
  return everywhere(policy, (rules) => ({
    ...rules,
    attendance: { ...rules.attendance, hr_sheet_by_dm: false, absence_notices: false, comp_time_proposals: false },
  }));
}

function everywhere(policy: Policy, off: (rules: Policy['rules']) => Policy['rules']): Policy {
  return {
    ...policy,
    rules: off(policy.rules),
    teams: Object.fromEntries(Object.entries(policy.teams).map(([id, team]) => [id, { ...team, rules: off(team.rules) }])),
  };
}

export type FakeSlackUsers = NonNullable<Parameters<typeof FakeSlack.start>[0]['users']>;

export interface TestAppOptions {
  /** Where the fake clock starts (ISO instant). */
  readonly now?: string;
  /** The Slack users the stand-in knows (id, name, locale, tz). */
  readonly users?: FakeSlackUsers;
  readonly policy?: Policy;
  /**
   * Whether the scheduler sends the daily who's-off digest (on in policy.yml). Off unless a test asks
   * for it, so tests about other messages do not see a lead's morning digest among them.
   */
  readonly dailyDigest?: boolean;
  /** Keep the attendance DMs on: the monthly sheet, the absence notices, the comp-time proposals (off by default, like the daily digest). */
  readonly hrSheet?: boolean;
  /** Runs once the stand-in is up and before the app starts (e.g. to inject faults into auth.test). */
  readonly beforeStart?: (fake: FakeSlack) => void;
  /** The bot token the app presents; the stand-in accepts only `botToken`. */
  readonly appBotToken?: string;
  /** Where the app itself reaches the database (through a proxy the test can cut, say); the test's own handle stays direct. */
  readonly appDatabase?: (target: DatabaseTarget) => DatabaseTarget;
  /** The app's logger (silent unless TEST_LOG_LEVEL says otherwise). */
  readonly logger?: AppLogger;
  /** The Web API client's tuning (retries off unless given). */
  readonly clientOptions?: StartOptions['clientOptions'];
}

export interface TestApp {
  readonly fake: FakeSlack;
  readonly slack: ReturnType<typeof createSlackSender>;
  readonly clock: FakeClock;
  readonly running: RunningApp;
  readonly db: Db;
  /** Where the database is, for more app copies on the same one. */
  readonly target: DatabaseTarget;
  readonly policy: Policy;
  /** http://127.0.0.1:<port> of the running app. */
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The real app in HTTP mode on a free port, against a fresh database (PGlite, or PostgreSQL when
 * TEST_DATABASE_URL is set) and a Slack stand-in; tests talk to it only through signed HTTP requests.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const fake = await FakeSlack.start({ botToken, users: options.users ?? [], scopes: manifestScopes() });
  options.beforeStart?.(fake);
  const testDb = await createTestDatabase();
  const clock = new FakeClock(options.now ?? '2026-12-01T02:00:00Z');
  const chosen = options.policy ?? shippedPolicy();
  const policy = (options.hrSheet ? (p: Policy) => p : withoutHrSheet)(options.dailyDigest ? chosen : withoutDailyDigest(chosen));
  let running: RunningApp;
  try {
    running = await startShiftdesk({
      config: {
        slack: { mode: 'http', botToken: options.appBotToken ?? botToken, signingSecret, apiUrl: `${fake.url}/api/` },
        port: 0,
        database: options.appDatabase?.(testDb.target) ?? testDb.target,
      },
      ...(options.appDatabase ? {} : { database: testDb.database }),
      policy,
      clock,
      logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      clientOptions: options.clientOptions ?? { retryConfig: { retries: 0 } },
      runScheduler: false,
    });
  } catch (error) {
    await testDb.drop();
    await fake.stop();
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${running.port}`;
  const slack = createSlackSender({ appUrl: `${baseUrl}/slack/events`, signingSecret, fake });
  return {
    fake,
    slack,
    clock,
    running,
    db: testDb.database.db,
    target: testDb.target,
    policy,
    baseUrl,
    async stop() {
      await running.stop();
      await testDb.drop();
      await fake.stop();
    },
  };
}
