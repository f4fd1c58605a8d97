import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { configurationProblems, isAppError } from './errors.js';
import { createLogger } from './logger.js';
import { readPolicyFile } from './read-policy-file.js';
import { startShiftdesk } from './start.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** The app's composition root (cli/ has the command-line tools' own): reads process.env and the policy file, then starts. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env, { policyFile: `${packageRoot}policy.yml`, cwd: process.cwd() });
  const policy = readPolicyFile(config.policyFile);
  const logger = createLogger(config.logLevel);
  // No request may end the process: a promise that fails with nobody waiting is logged, and the app goes on.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'a promise failed with nobody waiting for it'));
  const running = await startShiftdesk({ config, policy, clock: systemClock, logger, processMetrics: true });

  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

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
