/**
 * `npm run export -- roster --from YYYY-MM-DD --to YYYY-MM-DD`: the roster file's format on stdout.
 * Exit status: 0 written, 1 the command cannot run, 2 usage.
 */
import { toLocalDate, type LocalDate } from '../policy/time.js';
import { exportRoster } from '../use-cases/org.js';
import { parseCliArgs, type ArgsProblem } from './args.js';
import { runAsProgram, startCli, withCliDatabase, type CliIo } from './environment.js';
import { usageError } from './print.js';

export async function runExport(argv: readonly string[], io: CliIo): Promise<number> {
  const started = startCli(argv, io, 'import.export_usage');
  if (typeof started === 'number') return started;
  const { setup, say } = started;
  const range = exportRange(argv);
  if ('problem' in range) return usageError(io, say, range.problem, 'import.export_usage');
  return withCliDatabase(setup, io, async (database) => {
    io.stdout.write(await exportRoster(database.db, setup.policy, range));
    return 0;
  });
}

function exportRange(argv: readonly string[]): { from: LocalDate; to: LocalDate } | { problem: ArgsProblem } {
  const parsed = parseCliArgs(argv, { flags: [], values: ['--from', '--to'] });
  if ('problem' in parsed) return parsed;
  const { positionals, values } = parsed.args;
  const [kind, extra] = positionals;
  if (kind === undefined) return { problem: { code: 'import.missing_kind', params: {} } };
  if (kind !== 'roster') return { problem: { code: 'import.unknown_kind', params: { value: kind } } };
  if (extra !== undefined) return { problem: { code: 'import.extra_argument', params: { value: extra } } };
  const dates: LocalDate[] = [];
  for (const option of ['--from', '--to']) {
    const value = values.get(option);
    if (value === undefined) return { problem: { code: 'import.missing_option', params: { option } } };
    const date = toLocalDate(value);
    if (date === undefined) return { problem: { code: 'import.bad_date_option', params: { option, value } } };
    dates.push(date);
  }
  const [from, to] = dates as [LocalDate, LocalDate];
  if (from > to) return { problem: { code: 'import.bad_range', params: { from, to } } };
  return { from, to };
}

runAsProgram(import.meta.url, runExport);
