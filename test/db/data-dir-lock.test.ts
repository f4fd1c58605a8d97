import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCliDatabase, loadCliSetup } from '../../src/cli/environment.js';
import { openDatabase } from '../../src/db/client.js';
import { lockFileName } from '../../src/db/data-dir-lock.js';
import { configurationProblems } from '../../src/errors.js';

let dataDir: string;
const lockFile = () => path.join(dataDir, lockFileName);
/** A lock as another running process (this test's parent, alive for as long as the test) would leave it. */
const heldBy = (pid: number) =>
  writeFileSync(lockFile(), JSON.stringify({ pid, command: 'node src/main.ts', startedAt: '2026-12-01T08:00:00.000Z' }));

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'shiftdesk-lock-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the PGlite data folder lock', () => {
  it('is taken on open, names this process, and is released on close', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir });
    const holder = JSON.parse(readFileSync(lockFile(), 'utf8')) as { pid: number; startedAt: string };
    expect(holder.pid).toBe(process.pid);
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toMatchObject({ code: 'data.in_use' });
    await database.close();
    expect(existsSync(lockFile())).toBe(false);
    const again = await openDatabase({ kind: 'pglite', dataDir });
    await again.close();
  });

  it('refuses a folder another live process holds, with one line naming it and what to do', async () => {
    heldBy(process.ppid);
    const error = await openDatabase({ kind: 'pglite', dataDir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(configurationProblems(error)).toEqual([
      `the data folder ${dataDir} is in use by pid ${process.ppid} (node src/main.ts, since 2026-12-01T08:00:00.000Z): stop it first, or point DATABASE_URL at PostgreSQL`,
    ]);
    // the holder's lock is left as it was
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.ppid });
  });

  it('makes a command exit 1 with that one line', async () => {
    heldBy(process.ppid);
    const err: string[] = [];
    const io = {
      stdout: { write: () => true },
      stderr: { write: (t: string) => err.push(t) },
      env: { DATA_DIR: dataDir, LANG: 'en_US.UTF-8' },
    };
    let ran = false;
    expect(
      await withCliDatabase(loadCliSetup(io), io, async () => {
        ran = true;
        return 0;
      }),
    ).toBe(1);
    expect(ran).toBe(false);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(
      new RegExp(
        `^shiftdesk: the data folder .* is in use by pid ${process.ppid} \\(node src/main.ts, .*stop it first, or point DATABASE_URL at PostgreSQL\\n$`,
      ),
    );
  });

  it('takes over a lock whose process has exited', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    expect(gone).toBeGreaterThan(0);
    heldBy(gone as number);
    const database = await openDatabase({ kind: 'pglite', dataDir });
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
    await database.close();
    expect(existsSync(lockFile())).toBe(false);
  });

  it("takes over a lock left with this process's pid by an earlier process (a container restarted, its app pid 1 again)", async () => {
    heldBy(process.pid);
    const database = await openDatabase({ kind: 'pglite', dataDir });
    const holder = JSON.parse(readFileSync(lockFile(), 'utf8')) as { pid: number; host: string; instance: string };
    expect(holder).toMatchObject({ pid: process.pid, host: hostname() });
    // this process's own lock is not taken over for having its pid
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toMatchObject({ code: 'data.in_use' });
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toEqual(holder);
    await database.close();
  });

  it('never takes over a lock held on another host, whose process it cannot check', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid as number;
    const lock = { pid: gone, command: 'node dist/main.js', startedAt: '2026-12-01T08:00:00.000Z', host: `not-${hostname()}` };
    writeFileSync(lockFile(), JSON.stringify(lock));
    const error = await openDatabase({ kind: 'pglite', dataDir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(configurationProblems(error)).toEqual([
      `the data folder ${dataDir} is in use by pid ${gone} on not-${hostname()} (node dist/main.js, since 2026-12-01T08:00:00.000Z): stop it first; if it no longer runs, delete ${lockFile()}`,
    ]);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toEqual(lock);
  });

  it('is not taken for an in-memory database', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    const second = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    await Promise.all([first.close(), second.close()]);
  });
});
