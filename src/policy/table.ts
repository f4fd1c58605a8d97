/**
 * A file's rows as the rule core receives them, already parsed: each row remembers its line, so every
 * problem can point at the line a person sees in their editor.
 */
import type { MessageKey } from '../i18n/t.js';

/** Something wrong at a 1-based line of a file; line 0 means the file as a whole. `code` is a message key. */
export interface LineProblem {
  readonly line: number;
  readonly code: MessageKey;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface CsvRow {
  readonly line: number;
  /** Trimmed values keyed by column name. */
  readonly fields: Readonly<Record<string, string>>;
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly headerLine: number;
  readonly rows: readonly CsvRow[];
}

export interface ColumnSpec {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

/** Problems with the header line: every required column present, nothing unknown, nothing twice. */
export function checkHeader(table: CsvTable, spec: ColumnSpec): LineProblem[] {
  const expected = [...spec.required, ...spec.optional];
  const line = table.headerLine;
  const problems: LineProblem[] = [];
  const seen = new Set<string>();
  for (const column of table.header) {
    if (seen.has(column)) problems.push({ line, code: 'import.duplicate_column', params: { column } });
    else if (!expected.includes(column))
      problems.push({ line, code: 'import.unknown_column', params: { column, columns: expected.join(',') } });
    seen.add(column);
  }
  for (const column of spec.required) {
    if (!seen.has(column)) problems.push({ line, code: 'import.missing_column', params: { column, columns: spec.required.join(',') } });
  }
  return problems;
}
