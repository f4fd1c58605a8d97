import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { isAppError } from './errors.js';
import { createLogger } from './logger.js';
import { parsePolicy, PolicyFileError } from './policy/policy-file.js';
import { startShiftdesk } from './start.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** The composition root: the only place that reads process.env and the policy file from disk. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env, { policyFile: `${packageRoot}policy.yml`, cwd: process.cwd() });
  const policy = readPolicy(config.policyFile);
  const logger = createLogger(config.logLevel);
  const running = await startShiftdesk({ config, policy, clock: systemClock, logger });

  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

function readPolicy(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new PolicyFileError([`cannot read ${file}: set POLICY_FILE to a readable policy file, or unset it for the default`]);
  }
  try {
    return parsePolicy(text);
  } catch (error) {
    if (error instanceof PolicyFileError) throw new PolicyFileError(error.problems.map((p) => `${file}: ${p}`));
    throw error;
  }
}

main().catch((error: unknown) => {
  if (isAppError(error) && error.code === 'config.invalid') {
    for (const line of error.message.split('\n')) console.error(`shiftdesk: ${line}`);
    console.error('shiftdesk: see README.md "Configuration"; a .env file in this folder is read too.');
  } else if (error instanceof PolicyFileError) {
    for (const line of error.problems) console.error(`shiftdesk: policy: ${line}`);
  } else {
    console.error('shiftdesk: could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
