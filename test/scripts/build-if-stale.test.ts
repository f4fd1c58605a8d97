import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildState, markBuilt, stampFile } from '../../scripts/build-if-stale.mjs';

const repo = path.resolve(import.meta.dirname, '../..');
const script = path.join(repo, 'scripts/build-if-stale.mjs');

let root: string;
const file = (name: string, text = '') => {
  mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
  writeFileSync(path.join(root, name), text);
};
/** Sets a path's modification time to `ms`: no test waits for the clock to move on. */
const dateTo = (name: string, ms: number) => utimesSync(path.join(root, name), ms / 1000, ms / 1000);
const stampedAt = () => statSync(path.join(root, stampFile)).mtimeMs;

/** A project shaped like this one, every file dated an hour ago; its build counts itself in builds.log. */
function project() {
  file('src/main.ts', 'export {};\n');
  file('src/db/client.ts', 'export {};\n');
  file('tsconfig.json', '{}\n');
  file('tsconfig.build.json', '{}\n');
  file('README.md', '# a project\n');
  file('test/main.test.ts', '');
  file(
    'build.mjs',
    [
      "import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';",
      "if (process.env.FAIL_BUILD) { console.error('the build failed'); process.exit(3); }",
      "mkdirSync('dist', { recursive: true });",
      "writeFileSync('dist/main.js', '');",
      "appendFileSync('builds.log', 'built\\n');",
    ].join('\n'),
  );
  file('package.json', JSON.stringify({ name: 'p', private: true, type: 'module', scripts: { build: 'node build.mjs' } }));
  const hourAgo = Date.now() - 3_600_000;
  for (const name of ['src/main.ts', 'src/db/client.ts', 'src/db', 'src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'])
    dateTo(name, hourAgo);
  return hourAgo;
}

const builds = () =>
  existsSync(path.join(root, 'builds.log')) ? readFileSync(path.join(root, 'builds.log'), 'utf8').split('\n').length - 1 : 0;
const runScript = (env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [script, root], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'shiftdesk-build-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('whether dist/ must be built again', () => {
  it('is stale with no build stamp, and current once a build that started after every source is stamped', () => {
    const hourAgo = project();
    expect(buildState(root)).toEqual({ stale: true, reason: `${stampFile} is missing` });
    mkdirSync(path.join(root, 'dist'));
    markBuilt(root, hourAgo + 60_000);
    expect(Math.abs(stampedAt() - (hourAgo + 60_000))).toBeLessThan(1);
    expect(buildState(root)).toEqual({ stale: false, reason: 'dist/ is current' });
  });

  it('is stale when any source file, tsconfig or package.json changed after the build started', () => {
    const hourAgo = project();
    mkdirSync(path.join(root, 'dist'));
    for (const changed of ['src/db/client.ts', 'tsconfig.build.json', 'tsconfig.json', 'package.json']) {
      markBuilt(root, hourAgo + 60_000);
      dateTo(changed, hourAgo + 120_000);
      expect(buildState(root)).toEqual({ stale: true, reason: `${changed} changed after the last build` });
      markBuilt(root, hourAgo + 180_000);
      expect(buildState(root).stale).toBe(false);
      dateTo(changed, hourAgo);
    }
  });

  it('counts a source edited in the same instant the build started, and a file removed from src/', () => {
    const hourAgo = project();
    mkdirSync(path.join(root, 'dist'));
    markBuilt(root, hourAgo + 60_000);
    dateTo('src/main.ts', hourAgo + 60_000);
    expect(buildState(root).stale).toBe(true);
    dateTo('src/main.ts', hourAgo);

    // removing a file dates its folder now, after the stamp
    unlinkSync(path.join(root, 'src/db/client.ts'));
    expect(buildState(root)).toEqual({ stale: true, reason: `${path.join('src', 'db')} changed after the last build` });
  });

  it('ignores files the build does not read', () => {
    const hourAgo = project();
    mkdirSync(path.join(root, 'dist'));
    markBuilt(root, hourAgo + 60_000);
    dateTo('README.md', hourAgo + 120_000);
    dateTo('test/main.test.ts', hourAgo + 120_000);
    expect(buildState(root).stale).toBe(false);
  });

  it('takes dist/ as it is where there is no src/ (an image holding only the build)', () => {
    file('package.json', '{}');
    file('dist/main.js', '');
    expect(buildState(root)).toEqual({ stale: false, reason: 'no src/ to build from' });
  });
});

describe('scripts/build-if-stale.mjs', () => {
  it('builds once, saying why, then not again until a source changes', () => {
    const hourAgo = project();
    const first = runScript();
    expect(first.status).toBe(0);
    expect(first.stderr).toBe(`shiftdesk: building dist/ (${stampFile} is missing)\n`);
    expect(builds()).toBe(1);
    expect(existsSync(path.join(root, 'dist/main.js'))).toBe(true);

    expect(runScript().status).toBe(0);
    expect(builds()).toBe(1);

    dateTo(stampFile, hourAgo + 60_000);
    dateTo('src/main.ts', hourAgo + 120_000);
    const again = runScript();
    expect(again.status).toBe(0);
    expect(again.stderr).toBe(`shiftdesk: building dist/ (${path.join('src', 'main.ts')} changed after the last build)\n`);
    expect(builds()).toBe(2);
    const current = runScript();
    expect([current.status, current.stderr]).toEqual([0, '']);
    expect(builds()).toBe(2);
  });

  it("exits with the build's status when it fails, and leaves the build stale", () => {
    project();
    const failed = runScript({ FAIL_BUILD: '1' });
    expect(failed.status).toBe(3);
    expect(failed.stderr).toContain('the build failed');
    expect(buildState(root).stale).toBe(true);
    expect(runScript().status).toBe(0);
    expect(builds()).toBe(1);
  });

  it('is what npm run import, export and job run before their command, instead of a build every time', () => {
    const scripts = (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['import', 'export', 'job']) {
      expect(scripts[name]).toMatch(new RegExp(`^node scripts/build-if-stale\\.mjs && node --enable-source-maps dist/cli/${name}\\.js$`));
    }
    expect(readFileSync(path.join(repo, 'scripts/start.mjs'), 'utf8')).toContain("import { buildIfStale } from './build-if-stale.mjs'");
  });
});
