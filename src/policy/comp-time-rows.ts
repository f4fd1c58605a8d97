/** The comp-time file (`slack_id,earned_on,hours[,note]`, one row per person and day), checked whole. */
import { z } from 'zod';
import { checkHeader, type ColumnSpec, type CsvTable, type LineProblem } from './table.js';
import { problemFor, problemFromIssue } from './row-problems.js';
import { toLocalDate, type LocalDate } from './time.js';

export const compTimeColumns: ColumnSpec = { required: ['slack_id', 'earned_on', 'hours'], optional: ['note'] };

export interface ValidCompTimeRow {
  readonly line: number;
  readonly personId: string;
  readonly earnedOn: LocalDate;
  readonly hours: number;
  readonly note: string | null;
}

export function checkCompTimeRows(
  table: CsvTable,
  people: ReadonlyMap<string, { readonly active: boolean }>,
): { readonly rows: ValidCompTimeRow[] } | { readonly problems: LineProblem[] } {
  const headerProblems = checkHeader(table, compTimeColumns);
  if (headerProblems.length > 0) return { problems: headerProblems };
  if (table.rows.length === 0) return { problems: [{ line: table.headerLine, code: 'import.no_rows', params: {} }] };

  const schema = z.object({
    slack_id: z.string().refine((id) => people.has(id), problemFor('roster_import.unknown_person')),
    earned_on: z
      .string()
      .refine((text) => toLocalDate(text) !== undefined, problemFor('comp_time_import.bad_date'))
      .transform((text) => text as LocalDate),
    hours: z
      .string()
      .refine((text) => /^\d{1,2}(\.\d)?$/.test(text) && Number(text) > 0 && Number(text) <= 24, problemFor('comp_time_import.bad_hours'))
      .transform(Number),
    note: z.string().optional(),
  });
  const problems: LineProblem[] = [];
  const rows: ValidCompTimeRow[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, fields } of table.rows) {
    const key = `${fields.slack_id}|${fields.earned_on}`;
    const first = firstLine.get(key);
    if (first !== undefined) problems.push({ line, code: 'comp_time_import.duplicate_day', params: { first } });
    else firstLine.set(key, line);
    const parsed = schema.safeParse(fields, { reportInput: true });
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((issue) => problemFromIssue(line, issue)));
      continue;
    }
    if (people.get(parsed.data.slack_id)?.active === false)
      problems.push({ line, code: 'roster_import.inactive_person', params: { value: parsed.data.slack_id } });
    rows.push({
      line,
      personId: parsed.data.slack_id,
      earnedOn: parsed.data.earned_on,
      hours: parsed.data.hours,
      note: parsed.data.note?.trim() || null,
    });
  }
  return problems.length > 0 ? { problems: problems.sort((a, b) => a.line - b.line) } : { rows };
}
