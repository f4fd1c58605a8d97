// Builds dist/ with `npm run build` only when a source changed since the last build, so that
// `npm start`, `npm run import`, `export` and `job` start at once when the build is current.
// A build is current when dist/.build-stamp is at least as new as src/** (files and folders, so a
// deleted or renamed file counts), tsconfig*.json and package.json; the stamp is dated when the
// build started, so an edit made while tsc runs is built next time.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const stampFile = path.join('dist', '.build-stamp');

/** Every path whose change calls for a new build, with its modification time in ms. */
function sourceTimes(root) {
  const times = [];
  const walk = (dir) => {
    times.push({ file: dir, mtimeMs: statSync(dir).mtimeMs });
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else times.push({ file: full, mtimeMs: statSync(full).mtimeMs });
    }
  };
  walk(path.join(root, 'src'));
  for (const name of readdirSync(root)) {
    if (name === 'package.json' || /^tsconfig.*\.json$/.test(name)) {
      const full = path.join(root, name);
      times.push({ file: full, mtimeMs: statSync(full).mtimeMs });
    }
  }
  return times;
}

/**
 * Whether dist/ must be built again, and why. Without src/ (an image holding only dist/) nothing can
 * be built, and dist/ is taken as it is.
 */
export function buildState(root) {
  if (!existsSync(path.join(root, 'src'))) return { stale: false, reason: 'no src/ to build from' };
  const stamp = path.join(root, stampFile);
  if (!existsSync(stamp)) return { stale: true, reason: `${stampFile} is missing` };
  const builtAt = statSync(stamp).mtimeMs;
  const newer = sourceTimes(root).find((source) => source.mtimeMs >= builtAt);
  if (newer) return { stale: true, reason: `${path.relative(root, newer.file)} changed after the last build` };
  return { stale: false, reason: 'dist/ is current' };
}

/** Dates the stamp to `startedAt`, the moment the build that just succeeded began. */
export function markBuilt(root, startedAt) {
  const stamp = path.join(root, stampFile);
  closeSync(openSync(stamp, 'a'));
  utimesSync(stamp, startedAt / 1000, startedAt / 1000);
}

/** Runs `npm run -s build` in `root` when dist/ is stale; returns the build's exit status (0 when none was needed). */
export function buildIfStale(root) {
  const state = buildState(root);
  if (!state.stale) return 0;
  process.stderr.write(`shiftdesk: building dist/ (${state.reason})\n`);
  const startedAt = Date.now();
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) return build.status ?? 1;
  markBuilt(root, startedAt);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ? path.resolve(process.argv[2]) : fileURLToPath(new URL('..', import.meta.url));
  process.exitCode = buildIfStale(root);
}
