/**
 * `npm run export -- roster --from YYYY-MM-DD --to YYYY-MM-DD` and `npm run export -- clock --month YYYY-MM`:
 * the import file's format on stdout. `npm run export -- attendance --month YYYY-MM`: the month's
 * attendance sheet for HR on stdout (a team without clock-in data that month is also named on stderr).
 * Exit status: 0 written, 1 the command cannot run, 2 usage.
 */
import { monthOf, toLocalDate, type LocalDate } from '../policy/time.js';
import { systemClock } from '../clock.js';
import { translator } from '../i18n/t.js';
import { attendanceSheetFile, buildAttendanceSheet } from '../use-cases/attendance-sheet.js';
import { exportClockIns } from '../use-cases/clock-ins.js';
import { exportRoster } from '../use-cases/org.js';
import { parseCliArgs, type ArgsProblem } from './args.js';
import { runAsProgram, startCli, withCliDatabase, type CliIo } from './environment.js';
import { usageError } from './print.js';

type ExportRequest = { readonly kind: 'roster' | 'clock' | 'attendance'; readonly from: LocalDate; readonly to: LocalDate };

export async function runExport(argv: readonly string[], io: CliIo): Promise<number> {
  const started = startCli(argv, io, 'import.export_usage');
  if (typeof started === 'number') return started;
  const { setup, say } = started;
  const request = exportRequest(argv);
  if ('problem' in request) return usageError(io, say, request.problem, 'import.export_usage');
  return withCliDatabase(setup, io, async (database) => {
    if (request.kind === 'roster') io.stdout.write(await exportRoster(database.db, setup.policy, request));
    else if (request.kind === 'clock') io.stdout.write(await exportClockIns(database.db, setup.policy, request));
    else {
      const sheet = await buildAttendanceSheet(database.db, setup.policy, { first: request.from, last: request.to }, systemClock.now());
      io.stdout.write(attendanceSheetFile(sheet, setup.policy));
      if (sheet.teamsWithoutClockData.length > 0) {
        const teams = sheet.teamsWithoutClockData.map((id) => setup.policy.teams[id]?.label[setup.locale] ?? id).join(', ');
        io.stderr.write(`${translator(setup.locale)('attendance.no_clock_data', { month: sheet.month, teams })}\n`);
      }
    }
    return 0;
  });
}

function exportRequest(argv: readonly string[]): ExportRequest | { problem: ArgsProblem } {
  const parsed = parseCliArgs(argv, { flags: [], values: ['--from', '--to', '--month'] });
  if ('problem' in parsed) return parsed;
  const { positionals, values } = parsed.args;
  const [kind, extra] = positionals;
  if (kind === undefined) return { problem: { code: 'import.missing_kind', params: {} } };
  if (kind !== 'roster' && kind !== 'clock' && kind !== 'attendance')
    return { problem: { code: 'import.unknown_kind', params: { value: kind } } };
  if (extra !== undefined) return { problem: { code: 'import.extra_argument', params: { value: extra } } };
  const allowed = kind === 'roster' ? ['--from', '--to'] : ['--month'];
  const stray = [...values.keys()].find((option) => !allowed.includes(option));
  if (stray !== undefined) return { problem: { code: 'import.unknown_option', params: { option: stray } } };
  if (kind !== 'roster') {
    const month = monthOption(values.get('--month'));
    return 'problem' in month ? month : { kind, from: month.first, to: month.last };
  }
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
  return { kind, from, to };
}

/** `--month YYYY-MM` as its first and last day. */
export function monthOption(value: string | undefined): { first: LocalDate; last: LocalDate } | { problem: ArgsProblem } {
  if (value === undefined) return { problem: { code: 'import.missing_option', params: { option: '--month' } } };
  const first = /^\d{4}-\d{2}$/.test(value) ? toLocalDate(`${value}-01`) : undefined;
  if (first === undefined) return { problem: { code: 'import.bad_month_option', params: { value } } };
  return monthOf(first);
}

runAsProgram(import.meta.url, runExport);
