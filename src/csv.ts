/**
 * CSV files as tables whose rows remember their line number, so every problem can point at the line a
 * person sees in their editor. The first non-empty line names the columns. What a table is, and the
 * checks of its rows, belong to the rule core (`policy/table.ts` and the `*-rows.ts` beside it).
 */
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { MessageKey } from './i18n/t.js';
import type { CsvRow, CsvTable, LineProblem } from './policy/table.js';

/**
 * Reads CSV text (a byte-order mark and CRLF line ends are fine; blank lines are skipped). Rows with more
 * or fewer fields than the header are reported, not guessed at.
 */
export function parseCsvTable(text: string): { table: CsvTable } | { problems: LineProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    // With `info`, each record comes as { record, info }; the typings only know plain arrays.
    records = parse(normalized, { info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError)
      return { problems: [{ line: typeof error.lines === 'number' ? error.lines : 0, code: csvErrorCode(error), params: {} }] };
    throw error;
  }
  const lines = records
    // A record ends on `info.lines`; quoted values spanning lines push its first line back.
    .map(({ record, info }) => ({
      line: info.lines - record.reduce((n, field) => n + (field.split('\n').length - 1), 0),
      values: record.map((v) => v.trim()),
    }))
    .filter(({ values }) => values.some((v) => v !== ''));

  const [first, ...rest] = lines;
  if (first === undefined) return { problems: [{ line: 0, code: 'import.empty_file', params: {} }] };
  const header = first.values;
  const problems: LineProblem[] = [];
  const rows: CsvRow[] = [];
  for (const { line, values } of rest) {
    if (values.length !== header.length) {
      problems.push({ line, code: 'import.field_count', params: { count: values.length, expected: header.length } });
      continue;
    }
    const bad = valueProblem(header, values, line);
    if (bad) {
      problems.push(bad);
      continue;
    }
    rows.push({ line, fields: Object.fromEntries(header.map((column, i) => [column, values[i] ?? ''])) });
  }
  return problems.length > 0 ? { problems } : { table: { header, headerLine: first.line, rows } };
}

/** The longest value any column of an import file takes (a name, a note); longer is a mistake in the file. */
export const maxCsvValueLength = 200;

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A value the database cannot keep (NUL, half a surrogate pair) or far longer than any column needs. */
function valueProblem(header: readonly string[], values: readonly string[], line: number): LineProblem | undefined {
  for (const [i, value] of values.entries()) {
    const column = header[i] ?? '';
    if (value.length > maxCsvValueLength) return { line, code: 'import.value_too_long', params: { column, max: maxCsvValueLength } };
    if (unstorable.test(value)) return { line, code: 'import.value_unreadable', params: { column } };
  }
  return undefined;
}

/** CSV text with a header line, `\n` line ends and quotes only where a value needs them. */
export function formatCsv(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  return stringify([columns, ...rows]);
}

function csvErrorCode(error: CsvError): MessageKey {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'import.unclosed_quote';
  if (
    error.code === 'INVALID_OPENING_QUOTE' ||
    error.code === 'CSV_INVALID_CLOSING_QUOTE' ||
    error.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'
  ) {
    return 'import.misplaced_quote';
  }
  return 'import.unreadable';
}
