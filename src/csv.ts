/**
 * CSV files as tables whose rows remember their line number, so every problem can point at the line a
 * person sees in their editor. The first non-empty line names the columns. What a table is, and the
 * checks of its rows, belong to the rule core (`policy/table.ts` and the `*-rows.ts` beside it).
 */
import { Readable, Transform } from 'node:stream';
import { CsvError, parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
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
  const lines = records.map(lineOf).filter(({ values }) => values.some((v) => v !== ''));

  const [first, ...rest] = lines;
  if (first === undefined) return { problems: [{ line: 0, code: 'import.empty_file', params: {} }] };
  const header = first.values;
  const problems: LineProblem[] = [];
  const rows: CsvRow[] = [];
  for (const { line, values } of rest) {
    const bad = rowProblem(header, values, line);
    if (bad) problems.push(bad);
    else rows.push({ line, fields: fieldsOf(header, values) });
  }
  return problems.length > 0 ? { problems } : { table: { header, headerLine: first.line, rows } };
}

/** A record as the line it starts on and its trimmed values: a record ends on `info.lines`, and quoted values spanning lines push its first line back. */
function lineOf({ record, info }: { record: string[]; info: { lines: number } }): { line: number; values: string[] } {
  let spanned = 0;
  for (const field of record) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) spanned += 1;
  return { line: info.lines - spanned, values: record.map((v) => v.trim()) };
}

/** What a streamed CSV file yields, in file order: its header once, then rows and the problems of rows it cannot take. */
export type CsvStreamPart =
  | { readonly kind: 'header'; readonly header: readonly string[]; readonly line: number }
  | { readonly kind: 'rows'; readonly rows: readonly CsvRow[]; readonly problems: readonly LineProblem[] };

/** Rows per part a stream yields. */
const streamChunkRows = 5000;

/**
 * The same reading as `parseCsvTable`, a part at a time, so that a file of millions of lines never
 * sits in memory. A file that cannot be read on (an unclosed quote) ends with that line's problem; an
 * empty one yields one problem and no header.
 */
export async function* streamCsvTable(input: Readable): AsyncGenerator<CsvStreamPart> {
  let header: readonly string[] | undefined;
  let rows: CsvRow[] = [];
  let problems: LineProblem[] = [];
  for await (const batch of csvRecords(input.setEncoding('utf8').pipe(normalizedLineEnds()))) {
    if (batch instanceof CsvError) {
      problems.push({ line: typeof batch.lines === 'number' ? batch.lines : 0, code: csvErrorCode(batch), params: {} });
      break;
    }
    for (const { line, values } of batch) {
      if (!values.some((v) => v !== '')) continue;
      if (header === undefined) {
        header = values;
        yield { kind: 'header', header, line };
        continue;
      }
      const problem = rowProblem(header, values, line);
      if (problem) problems.push(problem);
      else rows.push({ line, fields: fieldsOf(header, values) });
      if (rows.length + problems.length >= streamChunkRows) {
        yield { kind: 'rows', rows, problems };
        rows = [];
        problems = [];
      }
    }
  }
  if (header === undefined && problems.length === 0) problems.push({ line: 0, code: 'import.empty_file', params: {} });
  if (rows.length > 0 || problems.length > 0) yield { kind: 'rows', rows, problems };
}

/**
 * The records of `\n`-ended text, a batch at a time, each as the line it starts on and its trimmed
 * values, ending with the error when the text cannot be read on. A line without a quote is split at
 * its commas here, which is what the parser would make of it, and much quicker; from the first line
 * with a quote on, the parser reads the rest.
 */
async function* csvRecords(text: AsyncIterable<string>): AsyncGenerator<{ line: number; values: string[] }[] | CsvError> {
  const chunks = text[Symbol.asyncIterator]();
  let carried = '';
  let line = 0;
  let first = true;
  for (;;) {
    const next = await chunks.next();
    if (next.done === true) break;
    let chunk = carried + next.value;
    if (first && chunk !== '') {
      first = false;
      if (chunk.startsWith('\uFEFF')) chunk = chunk.slice(1);
    }
    const batch: { line: number; values: string[] }[] = [];
    let start = 0;
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
      const lineText = chunk.slice(start, end);
      if (lineText.includes('"')) {
        if (batch.length > 0) yield batch;
        yield* parsedRecords(chunk.slice(start), chunks, line);
        return;
      }
      line += 1;
      start = end + 1;
      if (lineText !== '') batch.push({ line, values: splitLine(lineText) });
    }
    carried = chunk.slice(start);
    if (batch.length > 0) yield batch;
  }
  if (carried.includes('"')) yield* parsedRecords(carried, chunks, line);
  else if (carried !== '') yield [{ line: line + 1, values: splitLine(carried) }];
}

function splitLine(text: string): string[] {
  const values = text.split(',');
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as string).trim();
  return values;
}

/** The rest of the text read by the CSV parser, its lines counted on from `linesBefore`. */
async function* parsedRecords(
  head: string,
  rest: AsyncIterator<string>,
  linesBefore: number,
): AsyncGenerator<{ line: number; values: string[] }[] | CsvError> {
  const source = Readable.from(
    (async function* () {
      yield head;
      for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
    })(),
  );
  const parser = source.pipe(parseStream({ info: true, skip_empty_lines: true, relax_column_count: true }));
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { line, values } = lineOf(record);
      yield [{ line: line + linesBefore, values }];
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    if (typeof error.lines === 'number') error.lines += linesBefore;
    yield error;
  }
}

/** `\r\n` and lone `\r` as `\n`, as `parseCsvTable` reads them, also where a chunk ends between the two. */
function normalizedLineEnds(): Transform {
  let heldCr = false;
  return new Transform({
    decodeStrings: false,
    transform(chunk: string, _encoding, done) {
      let text = (heldCr ? '\r' : '') + chunk;
      heldCr = text.endsWith('\r');
      if (heldCr) text = text.slice(0, -1);
      done(null, text.replace(/\r\n?/g, '\n'));
    },
    flush(done) {
      done(null, heldCr ? '\n' : '');
    },
  });
}

function fieldsOf(header: readonly string[], values: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i < header.length; i++) fields[header[i] as string] = values[i] ?? '';
  return fields;
}

/** A row whose field count differs from the header's, or with a value no column can keep. */
function rowProblem(header: readonly string[], values: readonly string[], line: number): LineProblem | undefined {
  if (values.length !== header.length)
    return { line, code: 'import.field_count', params: { count: values.length, expected: header.length } };
  return valueProblem(header, values, line);
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
