import path from 'node:path';
import { z } from 'zod';
import { AppError } from './errors.js';

/** Start-up configuration, read once from the environment by main.ts and passed down frozen. */
export interface Config {
  readonly slack: SlackConnection;
  readonly port: number;
  readonly database: DatabaseTarget;
  readonly policyFile: string;
  readonly logLevel: LogLevel;
  /** How long stopping may take after SIGTERM or SIGINT, in milliseconds. */
  readonly shutdownGraceMs: number;
}

export type SlackConnection =
  | { readonly mode: 'socket'; readonly botToken: string; readonly appToken: string; readonly apiUrl?: string }
  | { readonly mode: 'http'; readonly botToken: string; readonly signingSecret: string; readonly apiUrl?: string };

export type DatabaseTarget = { readonly kind: 'postgres'; readonly url: string } | { readonly kind: 'pglite'; readonly dataDir: string };

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

const hints = {
  SLACK_BOT_TOKEN: 'set it to the Bot User OAuth Token (xoxb-…) from your app\'s "OAuth & Permissions" page',
  SLACK_APP_TOKEN: 'set it to an app-level token (xapp-…) with the connections:write scope, from "Basic Information → App-Level Tokens"',
  SLACK_SIGNING_SECRET: 'set it to the Signing Secret from your app\'s "Basic Information" page',
  SLACK_API_URL: 'set it to an http(s) URL such as http://127.0.0.1:8888/api/, or unset it to use Slack',
  PORT: 'set it to a TCP port number between 0 and 65535, or unset it for 3000',
  DATABASE_URL: 'set it to a postgres://user@host:5432/db URL, or unset it to use the embedded database',
  LOG_LEVEL: `set it to one of ${logLevels.join(', ')}`,
  PUBLIC_URL: 'set it to the address people reach the app at, such as https://shiftdesk.example.com, or unset it',
  SHUTDOWN_GRACE_MS: 'set it to how many milliseconds stopping may take, such as 10000, or unset it for 10000',
} as const;

/** Within the 30 s most container platforms wait between SIGTERM and SIGKILL. */
export const defaultShutdownGraceMs = 10_000;

type Env = Readonly<Record<string, string | undefined>>;

const schemas = {
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-\S+$/, 'must start with xoxb-'),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-\S+$/, 'must start with xapp-'),
  SLACK_SIGNING_SECRET: z.string().regex(/^\S{8,}$/, 'must be the secret shown by Slack, with no spaces'),
  SLACK_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(65535, 'must be at most 65535'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must start with postgres:// or postgresql://'),
  LOG_LEVEL: z.enum(logLevels, { error: 'is not a known level' }),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  SHUTDOWN_GRACE_MS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1000, 'must be at least 1000')
    .max(600_000, 'must be at most 600000'),
} as const;

type Var = keyof typeof schemas;

/** What the command-line tools need: the database and the policy file, no Slack. */
export type StorageConfig = Pick<Config, 'database' | 'policyFile' | 'logLevel'>;

type Defaults = { readonly policyFile: string; readonly cwd: string };

/** Reads variables one by one, collecting one line per problem. */
function envReader(env: Env) {
  const problems: string[] = [];
  const read = <V extends Var>(name: V): z.output<(typeof schemas)[V]> | undefined => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return undefined;
    const parsed = schemas[name].safeParse(raw.trim());
    if (parsed.success) return parsed.data as z.output<(typeof schemas)[V]>;
    problems.push(`${name} ${parsed.error.issues[0]?.message ?? 'is invalid'}: ${hints[name]}`);
    return undefined;
  };
  return { read, problems };
}

function storageFrom(env: Env, read: ReturnType<typeof envReader>['read'], defaults: Defaults): StorageConfig {
  const databaseUrl = read('DATABASE_URL');
  const database: DatabaseTarget =
    databaseUrl !== undefined
      ? { kind: 'postgres', url: databaseUrl }
      : { kind: 'pglite', dataDir: path.resolve(defaults.cwd, env.DATA_DIR?.trim() || '.data') };
  const policyFile = env.POLICY_FILE?.trim() ? path.resolve(defaults.cwd, env.POLICY_FILE.trim()) : defaults.policyFile;
  return { database: Object.freeze(database), policyFile, logLevel: read('LOG_LEVEL') ?? 'info' };
}

function failOn(problems: readonly string[]): void {
  if (problems.length > 0) throw new AppError('config.invalid', problems.join('\n'), { count: problems.length });
}

/** The database and policy settings alone, validated like `loadConfig` does. */
export function loadStorageConfig(env: Env, defaults: Defaults): StorageConfig {
  const { read, problems } = envReader(env);
  const storage = storageFrom(env, read, defaults);
  failOn(problems);
  return Object.freeze(storage);
}

/** The sandbox's settings: where the page listens, where its own embedded database lives. */
export interface SandboxConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly policyFile: string;
  readonly logLevel: LogLevel;
}

/** Whether any Slack variable is set: then `npm start` is the real app, else the sandbox. */
export function slackConfigured(env: Env): boolean {
  return ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'].some((name) => (env[name] ?? '').trim() !== '');
}

/**
 * PORT, SANDBOX_HOST (127.0.0.1: nobody else on the network can play), SANDBOX_DATA_DIR (its own
 * embedded database, never DATABASE_URL: Reset deletes it), POLICY_FILE and LOG_LEVEL (warn).
 */
export function loadSandboxConfig(env: Env, defaults: Defaults): SandboxConfig {
  const { read, problems } = envReader(env);
  const port = read('PORT') ?? 3000;
  const logLevel = read('LOG_LEVEL') ?? 'warn';
  failOn(problems);
  const policyFile = env.POLICY_FILE?.trim() ? path.resolve(defaults.cwd, env.POLICY_FILE.trim()) : defaults.policyFile;
  return Object.freeze({
    port,
    host: env.SANDBOX_HOST?.trim() || '127.0.0.1',
    dataDir: path.resolve(defaults.cwd, env.SANDBOX_DATA_DIR?.trim() || '.data/sandbox'),
    policyFile,
    logLevel,
  });
}

/**
 * Where the links `npm run calendar` prints point: PUBLIC_URL, or this machine on PORT when it is
 * unset (`publicUrl` false: the address still has to be put in).
 */
export function loadLinkBase(env: Env): { readonly base: string; readonly publicUrl: boolean } {
  const { read, problems } = envReader(env);
  const publicUrl = read('PUBLIC_URL');
  const port = read('PORT') ?? 3000;
  failOn(problems);
  if (publicUrl !== undefined) return Object.freeze({ base: publicUrl.replace(/\/+$/, ''), publicUrl: true });
  return Object.freeze({ base: `http://localhost:${port}`, publicUrl: false });
}

/** What `npm run job` needs to send messages: the bot token and, for a stand-in, the API URL. */
export function loadSlackWebConfig(env: Env): Pick<SlackConnection, 'botToken' | 'apiUrl'> {
  const { read, problems } = envReader(env);
  const botToken = read('SLACK_BOT_TOKEN');
  const apiUrl = read('SLACK_API_URL');
  if (env.SLACK_BOT_TOKEN === undefined || env.SLACK_BOT_TOKEN.trim() === '')
    problems.push(`SLACK_BOT_TOKEN is not set: ${hints.SLACK_BOT_TOKEN}`);
  failOn(problems);
  return Object.freeze({
    botToken: botToken as string,
    ...(apiUrl === undefined ? {} : { apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` }),
  });
}

/**
 * Validates the environment. Every problem becomes one line naming the variable and how to fix it;
 * all lines are thrown together as one AppError('config.invalid').
 */
export function loadConfig(env: Env, defaults: Defaults): Config {
  const { read, problems } = envReader(env);
  const botToken = read('SLACK_BOT_TOKEN');
  const appToken = read('SLACK_APP_TOKEN');
  const signingSecret = read('SLACK_SIGNING_SECRET');
  const apiUrl = read('SLACK_API_URL');
  const port = read('PORT') ?? 3000;
  const shutdownGraceMs = read('SHUTDOWN_GRACE_MS') ?? defaultShutdownGraceMs;
  const storage = storageFrom(env, read, defaults);

  if (env.SLACK_BOT_TOKEN === undefined || env.SLACK_BOT_TOKEN.trim() === '') {
    problems.push(`SLACK_BOT_TOKEN is not set: ${hints.SLACK_BOT_TOKEN}`);
  }
  const modeChosen = [env.SLACK_APP_TOKEN, env.SLACK_SIGNING_SECRET].some((v) => v !== undefined && v.trim() !== '');
  if (!modeChosen) {
    problems.push(
      'SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is not set: set SLACK_APP_TOKEN (xapp-…) to connect over Socket Mode, ' +
        'or SLACK_SIGNING_SECRET to receive Slack requests over HTTP on POST /slack/events',
    );
  }
  failOn(problems);
  if (botToken === undefined) throw new AppError('config.invalid', `SLACK_BOT_TOKEN is not set: ${hints.SLACK_BOT_TOKEN}`);

  const withApiUrl = apiUrl === undefined ? {} : { apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` };
  const slack: SlackConnection =
    appToken !== undefined
      ? { mode: 'socket', botToken, appToken, ...withApiUrl }
      : { mode: 'http', botToken, signingSecret: signingSecret as string, ...withApiUrl };

  return Object.freeze({ slack: Object.freeze(slack), port, shutdownGraceMs, ...storage });
}
