import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { configurationProblems, isAppError } from './errors.js';
import { createLogger } from './logger.js';
import { readPolicyFile } from './read-policy-file.js';
import { SlackCutoff } from './slack/slack-deadline.js';
import { startShiftdesk, type RunningApp } from './start.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** The app's composition root (cli/ has the command-line tools' own): reads process.env and the policy file, then starts. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env, { policyFile: `${packageRoot}policy.yml`, cwd: process.cwd() });
  const policy = readPolicyFile(config.policyFile);
  const logger = createLogger(config.logLevel);
  // No request may end the process: a promise that fails with nobody waiting is logged, and the app goes on.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'a promise failed with nobody waiting for it'));

  // A signal during start-up cuts Slack off, so start-up ends at once and the copy stops like any other.
  const cutoff = new SlackCutoff();
  let running: RunningApp | undefined;
  let stopping: string | undefined;
  let exitCode = 0;
  const stop = async (reason: string) => {
    if (stopping !== undefined) return;
    stopping = reason;
    logger.info({ reason, graceMs: config.shutdownGraceMs }, 'stopping');
    // only if stopping itself hangs (a database that never answers): the copy must still go
    setTimeout(() => {
      logger.error({ graceMs: config.shutdownGraceMs }, 'stopping took longer than its grace; exiting anyway');
      process.exit(1);
    }, config.shutdownGraceMs + backstopMs).unref();
    if (!running) cutoff.cutOff();
    else {
      await running.stop();
      logger.info('stopped');
      process.exit(exitCode);
    }
  };
  // Socket Mode with an app-level token Slack refuses: nothing can work until it is replaced
  const refused = (problem: string) => {
    console.error(`shiftdesk: ${problem}`);
    exitCode = 1;
    void stop('SLACK_APP_TOKEN refused');
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  running = await startShiftdesk({
    config,
    policy,
    clock: systemClock,
    logger,
    cutoff,
    tickAtStart: true,
    onSlackRefused: refused,
    processMetrics: true,
  });
  if (stopping !== undefined) {
    await running.stop();
    logger.info('stopped');
    process.exit(exitCode);
  }
}

/** Beyond the grace, how long stopping may still take before the process exits without it. */
const backstopMs = 5000;

main().catch((error: unknown) => {
  const problems = configurationProblems(error);
  if (problems) {
    for (const line of problems) console.error(`shiftdesk: ${line}`);
    // a folder in use already says what to do; the hint is for settings
    if (isAppError(error) && error.code !== 'data.in_use')
      console.error('shiftdesk: see README.md "Configuration"; a .env file in this folder is read too.');
  } else {
    console.error('shiftdesk: could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
