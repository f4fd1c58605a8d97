import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../src/csv.js';
import type { CsvTable, LineProblem } from '../../src/policy/table.js';
import { checkOrgRows, type OrgContext } from '../../src/policy/org-rows.js';
import { parsePolicy } from '../../src/policy/policy-file.js';

const policy = parsePolicy(readFileSync(path.resolve(import.meta.dirname, '../../policy.yml'), 'utf8'));
const header = 'slack_id,name,team,role,reports_to';
const noOne: OrgContext['existing'] = new Map();

function table(lines: string[]): CsvTable {
  const parsed = parseCsvTable(lines.join('\n'));
  if ('problems' in parsed) throw new Error(JSON.stringify(parsed.problems));
  return parsed.table;
}

function problemsOf(lines: string[], context: Partial<OrgContext> = {}): LineProblem[] {
  const result = checkOrgRows(table(lines), { policy, existing: noOne, ...context });
  if (!('problems' in result)) throw new Error('expected the file to be refused');
  return result.problems;
}

/** The one problem of a file whose line 3 is `row`, under a valid lead on line 2. */
function problemOfRow(row: string, context: Partial<OrgContext> = {}): Pick<LineProblem, 'code' | 'params'> {
  const problems = problemsOf(
    ['slack_id,name,team,role,reports_to,locale,timezone,annual_leave_days', 'U0LEAD001,张伟,phone,lead,,,,', row],
    context,
  );
  expect(problems).toHaveLength(1);
  expect(problems[0]?.line).toBe(3);
  const { code, params } = problems[0] as LineProblem;
  return { code, params };
}

describe('checkOrgRows', () => {
  it('turns a good file into rows; an absent optional column is undefined, an empty cell null', () => {
    const result = checkOrgRows(
      table([
        'slack_id,name,team,role,reports_to,locale,annual_leave_days',
        'U0LEAD001,张伟,phone,lead,U0MGR0001,zh-CN,12.5',
        'W0AGENT01,Li Na,online,agent,U0LEAD001,,',
      ]),
      { policy, existing: new Map([['U0MGR0001', { reportsTo: null }]]) },
    );
    expect(result).toEqual({
      rows: [
        {
          line: 2,
          slackId: 'U0LEAD001',
          name: '张伟',
          teamId: 'phone',
          role: 'lead',
          reportsTo: 'U0MGR0001',
          locale: 'zh-CN',
          timezone: undefined,
          annualLeaveDays: 12.5,
        },
        {
          line: 3,
          slackId: 'W0AGENT01',
          name: 'Li Na',
          teamId: 'online',
          role: 'agent',
          reportsTo: 'U0LEAD001',
          locale: null,
          timezone: undefined,
          annualLeaveDays: null,
        },
      ],
    });
  });

  it.each([
    ['u0lower01,A,phone,agent,U0LEAD001,,,', 'org_import.bad_slack_id', { value: 'u0lower01' }],
    ['C0CHANNEL,A,phone,agent,U0LEAD001,,,', 'org_import.bad_slack_id', { value: 'C0CHANNEL' }],
    ['U0AGENT01,,phone,agent,U0LEAD001,,,', 'org_import.missing_name', { value: '' }],
    [
      'U0AGENT01,A,sales,agent,U0LEAD001,,,',
      'org_import.unknown_team',
      { value: 'sales', known: 'phone, online, after_sales, complaints' },
    ],
    ['U0AGENT01,A,phone,boss,U0LEAD001,,,', 'org_import.unknown_role', { value: 'boss', known: 'agent, lead, manager, gm, qa, hr' }],
    ['U0AGENT01,A,phone,agent,U0NOBODY1,,,', 'org_import.unknown_reports_to', { value: 'U0NOBODY1' }],
    ['U0AGENT01,A,phone,agent,U0AGENT01,,,', 'org_import.reports_to_self', { value: 'U0AGENT01' }],
    ['U0AGENT01,A,phone,agent,U0LEAD001,zh-TW,,', 'org_import.bad_locale', { value: 'zh-TW' }],
    ['U0AGENT01,A,phone,agent,U0LEAD001,,Mars/Olympus,', 'org_import.bad_timezone', { value: 'Mars/Olympus' }],
    ['U0AGENT01,A,phone,agent,U0LEAD001,,,367', 'org_import.bad_annual_leave_days', { value: '367' }],
    ['U0AGENT01,A,phone,agent,U0LEAD001,,,-1', 'org_import.bad_annual_leave_days', { value: '-1' }],
    ['U0AGENT01,A,phone,agent,U0LEAD001,,,2.25', 'org_import.bad_annual_leave_days', { value: '2.25' }],
    ['U0AGENT01,A,phone,agent,U0LEAD001,,,five', 'org_import.bad_annual_leave_days', { value: 'five' }],
    ['U0LEAD001,Again,phone,agent,,,,', 'org_import.duplicate_person', { value: 'U0LEAD001', first: 2 }],
  ])('refuses %s with %s', (row, code, params) => {
    expect(problemOfRow(row)).toEqual({ code, params });
  });

  it('accepts the edge values of each optional column', () => {
    for (const row of ['U0AGENT01,A,phone,agent,U0LEAD001,en,Asia/Shanghai,0', 'U0AGENT01,A,phone,agent,U0LEAD001,zh-CN,UTC,366']) {
      expect(
        checkOrgRows(table([`${header},locale,timezone,annual_leave_days`, 'U0LEAD001,张伟,phone,lead,,,,', row]), {
          policy,
          existing: noOne,
        }),
      ).toHaveProperty('rows');
    }
  });

  it('lets reports_to name someone already imported, unless they are about to be deactivated', () => {
    const existing = new Map([['U0MGR0001', { reportsTo: null }]]);
    expect(checkOrgRows(table([header, 'U0LEAD001,张伟,phone,lead,U0MGR0001']), { policy, existing })).toHaveProperty('rows');
    expect(problemsOf([header, 'U0LEAD001,张伟,phone,lead,U0MGR0001'], { existing, deactivateMissing: true })).toEqual([
      { line: 2, code: 'org_import.reports_to_leaving', params: { value: 'U0MGR0001' } },
    ]);
  });

  it('reports every problem of a line, including the ones found across rows', () => {
    expect(problemsOf([header, 'U0LEAD001,张伟,phone,lead,', 'u0bad,,sales,agent,U0NOBODY1']).map((p) => [p.line, p.code])).toEqual([
      [3, 'org_import.bad_slack_id'],
      [3, 'org_import.missing_name'],
      [3, 'org_import.unknown_team'],
      [3, 'org_import.unknown_reports_to'],
    ]);
  });

  it('reports a reporting-line cycle on every line in it', () => {
    const problems = problemsOf([
      header,
      'U0GM00001,王建国,phone,gm,',
      'U0AAAAAA1,A,phone,lead,U0AAAAAA3',
      'U0AAAAAA2,B,phone,lead,U0AAAAAA1',
      'U0AAAAAA3,C,phone,lead,U0AAAAAA2',
    ]);
    expect(problems).toEqual([
      { line: 3, code: 'org_import.reporting_cycle', params: { cycle: 'U0AAAAAA1 → U0AAAAAA3 → U0AAAAAA2 → U0AAAAAA1' } },
      { line: 4, code: 'org_import.reporting_cycle', params: { cycle: 'U0AAAAAA2 → U0AAAAAA1 → U0AAAAAA3 → U0AAAAAA2' } },
      { line: 5, code: 'org_import.reporting_cycle', params: { cycle: 'U0AAAAAA3 → U0AAAAAA2 → U0AAAAAA1 → U0AAAAAA3' } },
    ]);
  });

  it('finds cycles through people already imported, where the file changes who someone reports to', () => {
    // In the database the agent reports to the lead; the file makes the lead report to the agent.
    const existing = new Map([
      ['U0LEAD001', { reportsTo: null }],
      ['U0AGENT01', { reportsTo: 'U0LEAD001' }],
    ]);
    expect(problemsOf([header, 'U0LEAD001,张伟,phone,lead,U0AGENT01'], { existing })).toEqual([
      { line: 2, code: 'org_import.reporting_cycle', params: { cycle: 'U0LEAD001 → U0AGENT01 → U0LEAD001' } },
    ]);
    // The same change is fine when the file also gives the agent another boss.
    expect(
      checkOrgRows(
        table([header, 'U0GM00001,王建国,phone,gm,', 'U0LEAD001,张伟,phone,lead,U0AGENT01', 'U0AGENT01,A,phone,agent,U0GM00001']),
        { policy, existing },
      ),
    ).toHaveProperty('rows');
  });

  it('reports a missing column once, on the header line, and nothing else', () => {
    expect(problemsOf(['slack_id,name,role,reports_to', 'U0LEAD001,张伟,lead,', 'bad,,,'])).toEqual([
      { line: 1, code: 'import.missing_column', params: { column: 'team', columns: 'slack_id,name,team,role,reports_to' } },
    ]);
  });

  it('refuses a file with no rows', () => {
    expect(problemsOf([header])).toEqual([{ line: 1, code: 'import.no_rows', params: {} }]);
  });

  it('with three bad rows, names exactly those three lines', () => {
    const problems = problemsOf([
      header,
      'U0GM00001,王建国,phone,gm,',
      'U0AGENT01,A,sales,agent,U0GM00001',
      'U0AGENT02,B,phone,agent,U0GM00001',
      'U0AGENT03,C,phone,agent,U0AGENT03',
      'U0AGENT04,D,phone,agent,U0GM00001',
      'U0AGENT02,E,phone,agent,U0GM00001',
    ]);
    expect([...new Set(problems.map((p) => p.line))]).toEqual([3, 5, 7]);
  });
});
