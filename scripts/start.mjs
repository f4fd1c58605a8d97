// `npm start`: with a Slack variable set (in the environment or .env) the app, built first when a
// source changed since the last build; with none, the sandbox, run from source so that it is up in seconds.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (existsSync('.env')) process.loadEnvFile('.env');
const slack = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'].some((name) => (process.env[name] ?? '').trim() !== '');

if (slack) {
  const status = buildIfStale(root);
  if (status !== 0) process.exit(status);
  process.setSourceMapsEnabled(true);
  await import('../dist/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/sandbox/main.ts');
}
