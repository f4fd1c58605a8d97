import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

/** Runs src/main.ts the way `npm start` runs the built file, in an empty folder with only `env`. */
function start(env: Record<string, string>) {
  const cwd = mkdtempSync(path.join(tmpdir(), 'shiftdesk-start-'));
  const result = spawnSync(process.execPath, ['--import', tsx, path.join(root, 'src/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr, cwd };
}

describe('start-up without a usable configuration', () => {
  it('prints which variables to set, one line each, and exits 1 without a stack trace', () => {
    const { status, stderr } = start({});
    expect(status).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^shiftdesk: SLACK_BOT_TOKEN is not set: /);
    expect(lines[1]).toMatch(/^shiftdesk: SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is not set: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names a malformed variable', () => {
    const { status, stderr } = start({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123', PORT: 'http' });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^shiftdesk: PORT must be a number: /);
  });

  it('names the key of a bad policy file and what was expected', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shiftdesk-policy-'));
    const file = path.join(dir, 'policy.yml');
    writeFileSync(file, 'default_locale: fr\n');
    const { status, stderr } = start({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123', POLICY_FILE: file });
    expect(status).toBe(1);
    expect(stderr).toContain(`shiftdesk: policy: ${file}: default_locale: expected zh-CN or en`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('reads a .env file in the working folder', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'shiftdesk-env-'));
    writeFileSync(path.join(cwd, '.env'), 'SLACK_BOT_TOKEN=xoxp-wrong\nSLACK_SIGNING_SECRET=secret-123\n');
    const result = spawnSync(process.execPath, ['--import', tsx, path.join(root, 'src/main.ts')], {
      cwd,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^shiftdesk: SLACK_BOT_TOKEN must start with xoxb-: /);
  });
});
