/**
 * A department of N agents with a year of roster, as an operator would set it up and run it: the org and
 * roster files imported with `npm run import` (wall time and peak memory of that process), then app
 * copies started on the database, each in a process of its own, interleaved with a bare Bolt app's
 * process: start to ready (listening, the read model loaded), resident memory once ready, and leave and
 * swap eligibility checks (every rule, as on submit) beside a one-row read.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LocalDate } from '../../src/policy/time.js';
import { FakeSlack } from '../../test/harness/fake-slack/index.js';
import { botToken, manifestScopes, repoRoot, signingSecret } from '../../test/harness/test-app.js';
import { createTestDatabase } from '../../test/harness/test-database.js';
import { departmentSlackIds } from '../department.js';
import { percentile } from '../stats.js';
import { writeDepartmentFiles } from './department-files.js';

const run = promisify(execFile);
const days = 365;
const firstDay = '2026-12-01' as LocalDate;

export interface ScaleRow {
  readonly agents: number;
  readonly rosterRows: number;
  readonly importSeconds: number;
  readonly importPeakMb: number;
  readonly startMs: number[];
  readonly rssMb: number[];
  readonly peakMb: number[];
  readonly bareRssMb: number[];
  readonly leave: number[];
  readonly swap: number[];
  readonly read: number[];
  readonly passed: { leave: number; swap: number };
  readonly database: string;
}

interface OursOutput {
  startMs: number;
  rssMb: number;
  peakMb: number;
  samples: { leave: number[]; swap: number[]; read: number[] };
  passed: { leave: number; swap: number };
  database: string;
}

export async function measureDepartment(agents: number, { rounds, checks }: { rounds: number; checks: number }): Promise<ScaleRow> {
  // BENCH_SCALE_KEEP=<folder>: the embedded database imported there once is reused by later runs of the same size
  const kept =
    process.env.BENCH_SCALE_KEEP && !process.env.TEST_DATABASE_URL ? path.join(process.env.BENCH_SCALE_KEEP, String(agents)) : undefined;
  if (kept) await mkdir(kept, { recursive: true });
  const dir = kept ?? (await mkdtemp(path.join(tmpdir(), 'shiftdesk-scale-')));
  const fake = await FakeSlack.start({
    botToken,
    users: departmentSlackIds(agents).map((id) => ({ id, name: id, locale: 'zh-CN', tz: 'Asia/Shanghai' })),
    scopes: manifestScopes(),
  });
  const server = process.env.TEST_DATABASE_URL ? await createTestDatabase() : undefined;
  await server?.database.close();
  const database: Record<string, string> =
    server?.target.kind === 'postgres' ? { DATABASE_URL: server.target.url } : { DATA_DIR: path.join(dir, 'db') };
  const env: NodeJS.ProcessEnv = { ...process.env, ...database, LOG_LEVEL: 'warn' };
  delete env.TEST_DATABASE_URL;
  if (server === undefined) delete env.DATABASE_URL;
  try {
    const imported = path.join(dir, 'imported.json');
    const previous = kept ? await readFile(imported, 'utf8').catch(() => undefined) : undefined;
    let files: { rosterRows: number };
    let seconds: string | undefined;
    let peakKb: string | undefined;
    if (previous) {
      ({ files, seconds, peakKb } = JSON.parse(previous) as { files: { rosterRows: number }; seconds: string; peakKb: string });
    } else {
      const written = await writeDepartmentFiles(dir, { agents, days, firstDay });
      files = written;
      const { org, roster } = written;
      const node = (args: string[]) => run(process.execPath, ['--import', 'tsx', ...args], { cwd: repoRoot, env, maxBuffer: 64 << 20 });
      await node(['src/cli/import.ts', 'org', org]);
      const timed = await run(
        '/usr/bin/time',
        ['-f', 'TIMED %e %M', process.execPath, '--import', 'tsx', 'src/cli/import.ts', 'roster', roster],
        {
          cwd: repoRoot,
          env,
          maxBuffer: 64 << 20,
        },
      );
      [, seconds, peakKb] = /TIMED (\S+) (\S+)/.exec(timed.stderr) ?? [];
      if (kept) await writeFile(imported, JSON.stringify({ files: { rosterRows: files.rosterRows }, seconds, peakKb }));
    }
    const row = {
      agents,
      rosterRows: files.rosterRows,
      importSeconds: Number(seconds),
      importPeakMb: Number(peakKb) / 1024,
      startMs: [] as number[],
      rssMb: [] as number[],
      peakMb: [] as number[],
      bareRssMb: [] as number[],
      leave: [] as number[],
      swap: [] as number[],
      read: [] as number[],
      passed: { leave: 0, swap: 0 },
      database: 'pglite',
    };
    const appProcess = async (kind: 'ours' | 'bare') => {
      const api = `${fake.url}/api/`;
      const args =
        kind === 'bare'
          ? ['bench/scale/bare-process.ts', api, botToken, signingSecret]
          : ['bench/scale/app-process.ts', api, String(agents), String(days), firstDay, String(checks)];
      const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', ...args], {
        cwd: repoRoot,
        env,
        maxBuffer: 64 << 20,
      });
      return JSON.parse(stdout.trim().split('\n').at(-1) as string) as OursOutput;
    };
    for (let r = 0; r < rounds; r++) {
      // alternate which goes first, so that neither always runs on a machine the other just warmed
      const order: ('ours' | 'bare')[] = r % 2 === 0 ? ['bare', 'ours'] : ['ours', 'bare'];
      for (const kind of order) {
        const out = await appProcess(kind);
        if (kind === 'bare') {
          row.bareRssMb.push(out.rssMb);
          continue;
        }
        row.startMs.push(out.startMs);
        row.rssMb.push(out.rssMb);
        row.peakMb.push(out.peakMb);
        row.leave.push(...out.samples.leave);
        row.swap.push(...out.samples.swap);
        row.read.push(...out.samples.read);
        row.passed.leave += out.passed.leave;
        row.passed.swap += out.passed.swap;
        row.database = out.database;
      }
    }
    return row;
  } finally {
    await fake.stop();
    await server?.drop();
    if (!kept) await rm(dir, { recursive: true, force: true });
  }
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const spread = (xs: number[], f: (x: number) => string) => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;
const median = (xs: number[]) => percentile(xs, 50);

/** The department's rows of the goals table. */
export function printDepartment(row: ScaleRow): void {
  const check = (name: string, xs: number[]) =>
    `${name.padEnd(30)} p50 ${f2(percentile(xs, 50)).padStart(7)} ms   p99 ${f2(percentile(xs, 99)).padStart(7)} ms   max ${f2(Math.max(...xs)).padStart(7)} ms   n=${xs.length}`;
  const checks = row.leave.length;
  console.log(
    `${row.agents} agents × ${days} days (${row.rosterRows} roster rows), database ${row.database}; ${row.startMs.length} app processes interleaved with as many bare Bolt ones`,
  );
  console.log(
    `roster import (the import command, its own process, streamed)   ${f1(row.importSeconds)} s (${Math.round(row.rosterRows / row.importSeconds)} rows/s, ${f2(row.importSeconds / 60)}× the goal)   peak memory ${Math.round(row.importPeakMb)} MB   n=1   (goal ≤ 60 s, memory bounded)`,
  );
  console.log(
    `start to ready (listening, read model loaded)   median ${(median(row.startMs) / 1000).toFixed(2)} s   spread ${spread(
      row.startMs.map((ms) => ms / 1000),
      f2,
    )} s   n=${row.startMs.length}   ${f2(median(row.startMs) / 5000)}× the goal (goal ≤ 5 s)`,
  );
  console.log(
    `resident memory once ready   shiftdesk median ${Math.round(median(row.rssMb))} MB (spread ${spread(row.rssMb, (x) => String(Math.round(x)))}, peak while loading ${Math.round(Math.max(...row.peakMb))})   bare Bolt ${Math.round(median(row.bareRssMb))} MB (spread ${spread(row.bareRssMb, (x) => String(Math.round(x)))}), ratio ${f2(median(row.rssMb) / median(row.bareRssMb))}   n=${row.rssMb.length}+${row.bareRssMb.length}   ${f2(median(row.rssMb) / 512)}× the goal (goal ≤ 512 MB)`,
  );
  console.log(check('leave check (every rule)', row.leave));
  console.log(check('swap check (every rule)', row.swap));
  console.log(check('one-row read (baseline)', row.read));
  console.log(
    `of ${checks} checks each, ${row.passed.leave} leave and ${row.passed.swap} swap requests passed every rule; p99 ratio to the read: leave ${f2(percentile(row.leave, 99) / percentile(row.read, 99))}, swap ${f2(percentile(row.swap, 99) / percentile(row.read, 99))}; p99 to the goal: leave ${f2(percentile(row.leave, 99) / 2)}×, swap ${f2(percentile(row.swap, 99) / 2)}×   (goal: p99 ≤ 2 ms)`,
  );
}

/**
 * The goals' rows for each size (`BENCH_SCALE_AGENTS`, default 1,000, 5,000 and 10,000 agents, the
 * goals being those of 10,000), then how each figure grows with the department.
 */
export async function benchScale(): Promise<void> {
  const sizes = (process.env.BENCH_SCALE_AGENTS ?? '1000,5000,10000').split(',').map(Number);
  const rows: ScaleRow[] = [];
  for (const agents of sizes) {
    const row = await measureDepartment(agents, { rounds: 3, checks: 500 });
    printDepartment(row);
    rows.push(row);
  }
  console.log(`\ngrowth, ${days} days of roster, database ${rows[0]?.database}`);
  console.log('agents  roster rows  import s  import MB  start s (spread)   RSS MB (bare)   leave p50/p99 ms  swap p50/p99 ms  n');
  for (const r of rows) {
    console.log(
      [
        String(r.agents).padStart(6),
        String(r.rosterRows).padStart(12),
        f1(r.importSeconds).padStart(9),
        String(Math.round(r.importPeakMb)).padStart(10),
        `${f2(median(r.startMs) / 1000)} (${spread(
          r.startMs.map((ms) => ms / 1000),
          f2,
        )})`.padStart(19),
        `${Math.round(median(r.rssMb))} (${Math.round(median(r.bareRssMb))})`.padStart(15),
        `${f2(percentile(r.leave, 50))}/${f2(percentile(r.leave, 99))}`.padStart(17),
        `${f2(percentile(r.swap, 50))}/${f2(percentile(r.swap, 99))}`.padStart(16),
        String(r.leave.length).padStart(6),
      ].join(' '),
    );
  }
}
