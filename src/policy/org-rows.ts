/**
 * The org file (one row per person), checked whole against the policy and the people already imported.
 * Every problem is reported with its line; a file with any problem yields no rows at all.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { checkHeader, type ColumnSpec, type CsvTable, type LineProblem } from './table.js';
import type { MessageKey } from '../i18n/t.js';
import { roles, type Locale, type Policy, type Role } from './policy-file.js';
import { problemFor, problemFromIssue } from './row-problems.js';

export const orgColumns: ColumnSpec = {
  required: ['slack_id', 'name', 'team', 'role', 'reports_to'],
  optional: ['locale', 'timezone', 'annual_leave_days'],
};

export interface ValidOrgRow {
  readonly line: number;
  readonly slackId: string;
  readonly name: string;
  readonly teamId: string;
  readonly role: Role;
  readonly reportsTo: string | null;
  /** For the optional columns, undefined means the file has no such column: the person's current value stays. */
  readonly locale: Locale | null | undefined;
  readonly timezone: string | null | undefined;
  readonly annualLeaveDays: number | null | undefined;
}

export interface OrgContext {
  readonly policy: Pick<Policy, 'teams'>;
  /** Everyone already imported, by Slack id, with whom they report to now. */
  readonly existing: ReadonlyMap<string, { readonly reportsTo: string | null }>;
  /** People missing from the file are about to be deactivated, so nobody in it may report to them. */
  readonly deactivateMissing?: boolean;
}

export type OrgCheck = { readonly rows: ValidOrgRow[] } | { readonly problems: LineProblem[] };

/** Slack member ids: U… for workspace members, W… for Enterprise Grid. */
const slackIdPattern = /^[UW][A-Z0-9]{2,31}$/;
const leaveDaysPattern = /^\d{1,3}(\.\d)?$/;
const locales: readonly string[] = ['zh-CN', 'en'] satisfies Locale[];

export function checkOrgRows(table: CsvTable, context: OrgContext): OrgCheck {
  const headerProblems = checkHeader(table, orgColumns);
  if (headerProblems.length > 0) return { problems: headerProblems };
  if (table.rows.length === 0) return { problems: [{ line: table.headerLine, code: 'import.no_rows', params: {} }] };

  const schema = rowSchema(context.policy);
  const problems: LineProblem[] = [];
  const rows: ValidOrgRow[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, fields } of table.rows) {
    const slackId = fields.slack_id ?? '';
    const first = firstLine.get(slackId);
    if (first !== undefined) problems.push({ line, code: 'org_import.duplicate_person', params: { value: slackId, first } });
    else firstLine.set(slackId, line);

    const parsed = schema.safeParse(fields, { reportInput: true });
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((issue) => problemFromIssue(line, issue)));
      continue;
    }
    const row = parsed.data;
    rows.push({
      line,
      slackId: row.slack_id,
      name: row.name,
      teamId: row.team,
      role: row.role,
      reportsTo: row.reports_to,
      locale: row.locale,
      timezone: row.timezone,
      annualLeaveDays: row.annual_leave_days,
    });
  }

  problems.push(...reportsToProblems(table, new Set(firstLine.keys()), context), ...cycleProblems(table, firstLine, context.existing));
  if (problems.length > 0) return { problems: problems.sort((a, b) => a.line - b.line) };
  return { rows };
}

function rowSchema(policy: Pick<Policy, 'teams'>) {
  const teams = Object.keys(policy.teams);
  const optional = <T>(valid: (text: string) => boolean, code: MessageKey, convert: (text: string) => T) =>
    z
      .string()
      .refine((text) => text === '' || valid(text), problemFor(code))
      .transform((text) => (text === '' ? null : convert(text)))
      .optional();
  return z.object({
    slack_id: z.string().refine((text) => slackIdPattern.test(text), problemFor('org_import.bad_slack_id')),
    name: z.string().refine((text) => text !== '', problemFor('org_import.missing_name')),
    team: z.string().refine((text) => teams.includes(text), problemFor('org_import.unknown_team', { known: teams.join(', ') })),
    role: z
      .string()
      .refine((text) => (roles as readonly string[]).includes(text), problemFor('org_import.unknown_role', { known: roles.join(', ') }))
      .transform((text) => text as Role),
    reports_to: z.string().transform((text) => (text === '' ? null : text)),
    locale: optional(
      (text) => locales.includes(text),
      'org_import.bad_locale',
      (text) => text as Locale,
    ),
    timezone: optional(
      (text) => IANAZone.isValidZone(text),
      'org_import.bad_timezone',
      (text) => text,
    ),
    annual_leave_days: optional((text) => leaveDaysPattern.test(text) && Number(text) <= 366, 'org_import.bad_annual_leave_days', Number),
  });
}

/** Checked on every row, even one with other problems, so each line shows all that is wrong with it. */
function reportsToProblems(table: CsvTable, inFile: ReadonlySet<string>, context: OrgContext): LineProblem[] {
  const problems: LineProblem[] = [];
  for (const { line, fields } of table.rows) {
    const reportsTo = fields.reports_to ?? '';
    if (reportsTo === '') continue;
    const params = { value: reportsTo };
    if (reportsTo === fields.slack_id) problems.push({ line, code: 'org_import.reports_to_self', params });
    else if (inFile.has(reportsTo)) continue;
    else if (!context.existing.has(reportsTo)) problems.push({ line, code: 'org_import.unknown_reports_to', params });
    else if (context.deactivateMissing) problems.push({ line, code: 'org_import.reports_to_leaving', params });
  }
  return problems;
}

/**
 * Reporting lines after the import: the database's, with the file's rows taking precedence. Every cycle
 * that runs through the file is reported on each of its file lines.
 */
function cycleProblems(table: CsvTable, firstLine: ReadonlyMap<string, number>, existing: OrgContext['existing']): LineProblem[] {
  const reportsTo = new Map<string, string>();
  for (const [id, person] of existing) if (person.reportsTo !== null) reportsTo.set(id, person.reportsTo);
  for (const { line, fields } of table.rows) {
    const id = fields.slack_id ?? '';
    if (firstLine.get(id) !== line) continue;
    const boss = fields.reports_to ?? '';
    if (boss === '' || boss === id) reportsTo.delete(id);
    else reportsTo.set(id, boss);
  }

  const problems: LineProblem[] = [];
  for (const cycle of findCycles(reportsTo)) {
    cycle.forEach((id, i) => {
      const line = firstLine.get(id);
      if (line === undefined) return;
      const fromHere = [...cycle.slice(i), ...cycle.slice(0, i), id];
      problems.push({ line, code: 'org_import.reporting_cycle', params: { cycle: fromHere.join(' → ') } });
    });
  }
  return problems;
}

/** Each node has at most one outgoing edge, so one walk per start finds every cycle once. */
function findCycles(next: ReadonlyMap<string, string>): string[][] {
  const done = new Set<string>();
  const cycles: string[][] = [];
  for (const start of next.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let node: string | undefined = start;
    while (node !== undefined && !done.has(node) && !onPath.has(node)) {
      path.push(node);
      onPath.add(node);
      node = next.get(node);
    }
    if (node !== undefined && onPath.has(node)) cycles.push(path.slice(path.indexOf(node)));
    for (const visited of path) done.add(visited);
  }
  return cycles;
}
