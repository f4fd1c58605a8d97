/**
 * What `npm run import` and `npm run export` share: the environment (database and policy file only,
 * no Slack), the user's language, opening the database the way the app does, and failure reporting.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadStorageConfig, type StorageConfig } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { syncTeams } from '../db/queries/teams.js';
import { configurationProblems } from '../errors.js';
import { supportedLocale, translator, type MessageKey, type Translate } from '../i18n/t.js';
import type { Locale, Policy } from '../policy/policy-file.js';
import { readPolicyFile } from '../read-policy-file.js';

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where relative paths (the CSV file, DATA_DIR, POLICY_FILE) start; the process's working folder by default. */
  readonly cwd?: string;
}

export type CliMain = (argv: readonly string[], io: CliIo) => Promise<number>;

export interface CliSetup {
  readonly storage: StorageConfig;
  readonly policy: Policy;
  readonly locale: Locale;
  readonly cwd: string;
}

const defaultPolicyFile = fileURLToPath(new URL('../../policy.yml', import.meta.url));

/** Throws AppError('config.invalid') or AppError('policy.invalid'), which `reportFailure` prints. */
export function loadCliSetup(io: CliIo): CliSetup {
  const cwd = io.cwd ?? process.cwd();
  const storage = loadStorageConfig(io.env, { policyFile: defaultPolicyFile, cwd });
  const policy = readPolicyFile(storage.policyFile);
  return { storage, policy, locale: cliLocale(io.env, policy.default_locale), cwd };
}

/** The terminal's language (LC_ALL, then LC_MESSAGES, then LANG): Chinese or else English; unset, the policy's default. */
export function cliLocale(env: CliIo['env'], fallback: Locale): Locale {
  const tag = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value.trim() !== '');
  if (tag === undefined) return fallback;
  return supportedLocale(tag) === 'zh-CN' ? 'zh-CN' : 'en';
}

/** Opened, migrated and holding the policy's teams, like the app at start-up. */
export async function openCliDatabase(setup: CliSetup): Promise<Database> {
  const database = await openDatabase(setup.storage.database);
  try {
    await migrateDatabase(setup.storage.database, database);
    await database.db.transaction((tx) => syncTeams(tx, setup.policy));
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** Loads the setup and answers `--help`; the exit status when that already ends the command. */
export function startCli(argv: readonly string[], io: CliIo, usageKey: MessageKey): { setup: CliSetup; say: Translate } | number {
  let setup: CliSetup;
  try {
    setup = loadCliSetup(io);
  } catch (error) {
    return reportFailure(error, io);
  }
  const say = translator(setup.locale);
  if (argv.includes('--help')) {
    io.stdout.write(`${say(usageKey)}\n`);
    return 0;
  }
  return { setup, say };
}

/** Runs `work` on the opened database and closes it after; a failure is reported and exits 1. */
export async function withCliDatabase(setup: CliSetup, io: CliIo, work: (database: Database) => Promise<number>): Promise<number> {
  let database: Database;
  try {
    database = await openCliDatabase(setup);
  } catch (error) {
    return reportFailure(error, io);
  }
  try {
    return await work(database);
  } catch (error) {
    return reportFailure(error, io);
  } finally {
    await database.close();
  }
}

/** Prints why the command could not run, one line per problem; returns the exit status. */
export function reportFailure(error: unknown, io: CliIo): number {
  const lines = configurationProblems(error) ?? [withoutQuery(error)];
  for (const line of lines) io.stderr.write(`shiftdesk: ${line}\n`);
  return 1;
}

/** The database's own reason, never the statement or its parameters (people's names, thousands of them). */
function withoutQuery(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (!error.message.startsWith('Failed query')) return error.message;
  const cause = error.cause instanceof Error ? error.cause.message : 'unknown reason';
  return `the database refused the change (${cause.split('\n')[0]?.slice(0, 300) ?? ''}); nothing was written`;
}

/** Runs `main` with the process's arguments when node started this module (not when a test imports it). */
export function runAsProgram(moduleUrl: string, main: CliMain): void {
  const script = process.argv[1];
  if (script === undefined || pathToFileURL(script).href !== moduleUrl) return;
  if (existsSync('.env')) process.loadEnvFile('.env');
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };
  main(process.argv.slice(2), io).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.exitCode = reportFailure(error, io);
    },
  );
}
