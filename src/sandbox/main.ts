import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSandboxConfig } from '../config.js';
import { configurationProblems } from '../errors.js';
import { createLogger } from '../logger.js';
import { readPolicyFile } from '../read-policy-file.js';
import { sandboxUrl, serveSettingUp } from './setting-up.js';

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run sandbox`, and `npm start` with no Slack variables: the app and a stand-in for Slack, played in a browser. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadSandboxConfig(process.env, { policyFile: path.join(packageRoot, 'policy.yml'), cwd: process.cwd() });
  const policy = readPolicyFile(config.policyFile);
  // The first start spends most of its time laying down the embedded database: the address answers at
  // once, with a page that says what is happening and reloads itself until the sandbox takes over.
  const settingUp = existsSync(path.join(config.dataDir, 'PG_VERSION')) ? undefined : await serveSettingUp(config.port, config.host);
  const port = settingUp?.port ?? config.port;
  if (settingUp) console.log(`shiftdesk sandbox on ${sandboxUrl(config.host, port)} — no Slack workspace needed`);
  // The app and all it needs load (and are transpiled) behind the page.
  const { Sandbox } = await import('./sandbox.js');
  const sandbox = await Sandbox.start({
    port,
    host: config.host,
    dataDir: config.dataDir,
    policy,
    logger: createLogger(config.logLevel),
    ...(settingUp ? { beforeListen: () => settingUp.close() } : {}),
  }).catch(async (error: unknown) => {
    await settingUp?.close();
    throw error;
  });
  if (!settingUp) console.log(`shiftdesk sandbox on ${sandbox.url} — no Slack workspace needed`);

  const stop = async () => {
    await sandbox.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  const problems = configurationProblems(error);
  if (problems) {
    for (const line of problems) console.error(`shiftdesk sandbox: ${line}`);
  } else if ((error as { code?: unknown }).code === 'EADDRINUSE') {
    console.error(`shiftdesk sandbox: port ${(error as { port?: unknown }).port ?? ''} is in use: set PORT to another one`);
  } else {
    console.error('shiftdesk sandbox: could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
