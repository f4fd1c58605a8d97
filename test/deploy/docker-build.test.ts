import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const image = `shiftdesk-test:${process.pid}`;
const docker = (args: readonly string[], timeout = 60_000) => spawnSync('docker', args, { cwd: root, encoding: 'utf8', timeout });
const daemonAnswers = (() => {
  const info = docker(['info', '--format', '{{.ServerVersion}}'], 30_000);
  return info.error === undefined && info.status === 0;
})();

// The image is built where a Docker daemon answers; elsewhere deploy-files.test.ts checks the files by reading them.
describe.skipIf(!daemonAnswers)('the Docker image (needs a running Docker daemon)', () => {
  afterAll(() => docker(['image', 'rm', '--force', image]));

  it('builds, and runs the tools as a user other than root on its own data folder', () => {
    const built = docker(['build', '--tag', image, '.'], 1_500_000);
    expect(built.status, built.stderr).toBe(0);

    const user = docker(['run', '--rm', '--entrypoint', 'id', image, '-u']);
    expect(user.stdout.trim()).not.toBe('0');

    // migrations, the policy and the embedded database, with production dependencies only
    const exported = docker([
      'run',
      '--rm',
      image,
      'npm',
      'run',
      '-s',
      'export',
      '--',
      'roster',
      '--from',
      '2026-12-01',
      '--to',
      '2026-12-07',
    ]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toBe('date,shift,slack_id,status\n');

    const help = docker(['run', '--rm', image, 'npm', 'run', '-s', 'job', '--', '--help']);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('submissions.retry');

    const health = docker(['image', 'inspect', '--format', '{{json .Config.Healthcheck.Test}}', image]);
    expect(health.stdout).toContain('/healthz');
  }, 1_800_000);
});
