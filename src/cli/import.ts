/**
 * `npm run import -- org <file.csv> [--deactivate-missing]`, `npm run import -- roster <file.csv>` and
 * `npm run import -- comp-time <file.csv>` and `npm run import -- clock <file.csv>`.
 * Exit status: 0 imported, 1 the file has problems (nothing imported) or the command cannot run, 2 usage.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Translate } from '../i18n/t.js';
import { importClockIns } from '../use-cases/clock-ins.js';
import { importCompTime, importOrg, importRosterStream, type OrgImportSummary, type RosterImportSummary } from '../use-cases/org.js';
import { parseCliArgs, type ArgsProblem } from './args.js';
import { runAsProgram, startCli, withCliDatabase, type CliIo } from './environment.js';
import { printProblems, usageError } from './print.js';

type ImportRequest =
  | { readonly kind: 'org'; readonly file: string; readonly deactivateMissing: boolean }
  | { readonly kind: 'roster' | 'comp-time' | 'clock'; readonly file: string };

export async function runImport(argv: readonly string[], io: CliIo): Promise<number> {
  const started = startCli(argv, io, 'import.usage');
  if (typeof started === 'number') return started;
  const { setup, say } = started;
  const request = importRequest(argv);
  if ('problem' in request) return usageError(io, say, request.problem, 'import.usage');

  const file = path.resolve(setup.cwd, request.file);
  if (request.kind === 'roster') {
    // a year of a large department's roster is streamed, never read whole
    const handle = await openCsvFile(file, request.file, io, say);
    if (handle === undefined) return 2;
    try {
      return await withCliDatabase(setup, io, async (database) => {
        const result = await importRosterStream(database.db, setup.policy, handle.createReadStream({ autoClose: false }));
        if (!result.ok) return refuse(io, say, result.problems);
        io.stdout.write(`${rosterSummary(say, result.summary)}\n`);
        return 0;
      });
    } finally {
      await handle.close();
    }
  }
  const text = await readCsvFile(file, request.file, io, say);
  if (text === undefined) return 2;

  return withCliDatabase(setup, io, async (database) => {
    if (request.kind === 'org') {
      const result = await importOrg(database.db, setup.policy, text, { deactivateMissing: request.deactivateMissing });
      if (!result.ok) return refuse(io, say, result.problems);
      io.stdout.write(`${orgSummary(say, result.summary, request.deactivateMissing)}\n`);
    } else if (request.kind === 'clock') {
      const result = await importClockIns(database.db, setup.policy, text);
      if (!result.ok) return refuse(io, say, result.problems);
      io.stdout.write(`${say('import.clock_summary', { ...result.summary })}\n`);
    } else {
      const result = await importCompTime(database.db, text);
      if (!result.ok) return refuse(io, say, result.problems);
      io.stdout.write(`${say('import.comp_time_summary', { ...result.summary })}\n`);
    }
    return 0;
  });
}

function importRequest(argv: readonly string[]): ImportRequest | { problem: ArgsProblem } {
  const parsed = parseCliArgs(argv, { flags: ['--deactivate-missing'], values: [] });
  if ('problem' in parsed) return parsed;
  const { positionals, flags } = parsed.args;
  const [kind, file, extra] = positionals;
  if (kind === undefined) return { problem: { code: 'import.missing_kind', params: {} } };
  if (kind !== 'org' && kind !== 'roster' && kind !== 'comp-time' && kind !== 'clock')
    return { problem: { code: 'import.unknown_kind', params: { value: kind } } };
  if (file === undefined) return { problem: { code: 'import.missing_file', params: {} } };
  if (extra !== undefined) return { problem: { code: 'import.extra_argument', params: { value: extra } } };
  const deactivateMissing = flags.has('--deactivate-missing');
  if (kind !== 'org') {
    return deactivateMissing ? { problem: { code: 'import.unknown_option', params: { option: '--deactivate-missing' } } } : { kind, file };
  }
  return { kind, file, deactivateMissing };
}

async function readCsvFile(file: string, shown: string, io: CliIo, say: Translate): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    return cannotRead(error, shown, io, say);
  }
}

async function openCsvFile(file: string, shown: string, io: CliIo, say: Translate): Promise<FileHandle | undefined> {
  try {
    const handle = await open(file, 'r');
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw Object.assign(new Error(`${file} is a directory`), { code: 'EISDIR' });
    }
    return handle;
  } catch (error) {
    return cannotRead(error, shown, io, say);
  }
}

function cannotRead(error: unknown, shown: string, io: CliIo, say: Translate): undefined {
  const code = (error as NodeJS.ErrnoException).code;
  const message =
    code === 'ENOENT'
      ? say('import.file_not_found', { file: shown })
      : say('import.cannot_read', { file: shown, reason: code ?? String(error) });
  io.stderr.write(`${message}\n`);
  return undefined;
}

function refuse(io: CliIo, say: Translate, problems: Parameters<typeof printProblems>[2]): number {
  printProblems(io, say, problems);
  io.stderr.write(`${say('import.nothing_imported')}\n`);
  return 1;
}

function orgSummary(say: Translate, summary: OrgImportSummary, deactivateMissing: boolean): string {
  const line = say('import.org_summary', { added: summary.added, updated: summary.updated, unchanged: summary.unchanged });
  return deactivateMissing ? line + say('import.org_deactivated', { count: summary.deactivated }) : line;
}

function rosterSummary(say: Translate, summary: RosterImportSummary): string {
  return say('import.roster_summary', { added: summary.added, removed: summary.removed, unchanged: summary.unchanged });
}

runAsProgram(import.meta.url, runImport);
