import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.js';

export const lockFileName = 'shiftdesk.lock';

interface LockHolder {
  readonly pid: number;
  readonly command: string;
  readonly startedAt: string;
  /** Where the pid means something; absent in locks that named none (then this machine). */
  readonly host?: string;
  /** This process among all that had its pid: a container's app is pid 1 at every start. */
  readonly instance?: string;
}

const thisInstance = randomUUID();

/** Held until `release` (or this process's exit); releasing twice is harmless. */
export interface DataDirLock {
  release(): void;
}

/**
 * PGlite's files take one process: a second one opening them corrupts the folder (the next open then
 * spins). The lock file names its holder; one whose process is gone is taken over. A holder on another
 * host (another container on a shared volume) cannot be checked, so it is never taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = path.join(dataDir, lockFileName);
  const me: LockHolder = {
    pid: process.pid,
    command: process.argv.slice(1).join(' ') || process.argv0,
    startedAt: new Date().toISOString(),
    host: hostname(),
    instance: thisInstance,
  };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (holder?.host !== undefined && holder.host !== me.host) {
      throw new AppError(
        'data.in_use',
        `the data folder ${dataDir} is in use by pid ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.startedAt}): stop it first; if it no longer runs, delete ${file}`,
        { pid: holder.pid },
      );
    }
    if (holder !== undefined && holdsIt(holder)) {
      throw new AppError(
        'data.in_use',
        `the data folder ${dataDir} is in use by pid ${holder.pid} (${holder.command}, since ${holder.startedAt}): stop it first, or point DATABASE_URL at PostgreSQL`,
        { pid: holder.pid },
      );
    }
    // two processes taking over the same stale lock: the loser meets the winner's file next round
    if (attempt >= 3) throw new AppError('data.in_use', `the data folder ${dataDir} could not be locked (${file} keeps changing)`);
    removeQuietly(file);
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    if (readHolder(file)?.pid === process.pid) removeQuietly(file);
  };
  process.on('exit', release);
  return { release };
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 0) return undefined;
    return {
      pid: parsed.pid,
      command: String(parsed.command ?? 'unknown command'),
      startedAt: String(parsed.startedAt ?? 'an unknown time'),
      ...(typeof parsed.host === 'string' ? { host: parsed.host } : {}),
      ...(typeof parsed.instance === 'string' ? { instance: parsed.instance } : {}),
    };
  } catch {
    return undefined;
  }
}

/** A holder on this machine with this process's pid but not this process is an earlier one, gone. */
function holdsIt(holder: LockHolder): boolean {
  if (holder.pid === process.pid) return holder.instance === thisInstance;
  return isAlive(holder.pid);
}

/** EPERM means alive but another user's; only ESRCH says the process is gone. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
