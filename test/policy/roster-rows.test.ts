import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../src/csv.js';
import type { CsvTable, LineProblem } from '../../src/policy/table.js';
import { parsePolicy } from '../../src/policy/policy-file.js';
import type { ExistingShift } from '../../src/policy/roster-replace.js';
import { checkRosterRows, rosterFileScope, type RosterContext } from '../../src/policy/roster-rows.js';
import type { LocalDate } from '../../src/policy/time.js';

const shipped = readFileSync(path.resolve(import.meta.dirname, '../../policy.yml'), 'utf8');
const policy = parsePolicy(shipped);
// After-sales working every shift, so one person can be put on a night shift and an early one.
const anyShiftPolicy = parsePolicy(shipped.replace('    shifts: [C]\n', ''));

const people: RosterContext['people'] = new Map([
  ['U0PHONE01', { teamId: 'phone', active: true }],
  ['U0PHONE02', { teamId: 'phone', active: true }],
  ['U0ONLINE1', { teamId: 'online', active: true }],
  ['U0AFTER01', { teamId: 'after_sales', active: true }],
  ['U0GONE001', { teamId: 'phone', active: false }],
]);

function table(rows: string[]): CsvTable {
  const parsed = parseCsvTable(['date,shift,slack_id', ...rows].join('\n'));
  if ('problems' in parsed) throw new Error(JSON.stringify(parsed.problems));
  return parsed.table;
}

function check(rows: string[], context: Partial<RosterContext> = {}) {
  return checkRosterRows(table(rows), { policy, people, existing: [], ...context });
}

function problemsOf(rows: string[], context: Partial<RosterContext> = {}): LineProblem[] {
  const result = check(rows, context);
  if (!('problems' in result)) throw new Error('expected the file to be refused');
  return result.problems;
}

let nextId = 1;
function existing(
  personId: string,
  date: string,
  shiftCode: string,
  status: ExistingShift['status'] = 'scheduled',
  teamId = 'phone',
): ExistingShift {
  return { id: nextId++, personId, teamId, date: date as LocalDate, shiftCode, status };
}

describe('checkRosterRows', () => {
  it("turns a good file into rows filed under each person's team", () => {
    const result = check(['2026-12-01,R,U0PHONE01', '2026-12-01,E,U0ONLINE1', '2026-12-02,W,U0PHONE01', '2026-12-03,R,U0PHONE01']);
    expect(result).toMatchObject({
      rows: [
        { line: 2, date: '2026-12-01', shiftCode: 'R', personId: 'U0PHONE01', teamId: 'phone' },
        { line: 3, date: '2026-12-01', shiftCode: 'E', personId: 'U0ONLINE1', teamId: 'online' },
        { line: 4, date: '2026-12-02', shiftCode: 'W', personId: 'U0PHONE01', teamId: 'phone' },
        // The night shift ends at 08:30 and the day shift starts then: touching is not overlapping.
        { line: 5, date: '2026-12-03', shiftCode: 'R', personId: 'U0PHONE01', teamId: 'phone' },
      ],
    });
  });

  it.each([
    ['2026-02-29,R,U0PHONE01', 'roster_import.bad_date', { value: '2026-02-29' }],
    ['1.12.2026,R,U0PHONE01', 'roster_import.bad_date', { value: '1.12.2026' }],
    ['2026-12-01,N,U0PHONE01', 'roster_import.unknown_shift', { value: 'N', known: 'R, C, W, E, L' }],
    ['2026-12-01,R,U0NOBODY1', 'roster_import.unknown_person', { value: 'U0NOBODY1' }],
    ['2026-12-01,R,U0GONE001', 'roster_import.inactive_person', { value: 'U0GONE001' }],
    ['2026-12-01,E,U0PHONE01', 'roster_import.shift_not_for_team', { value: 'E', team: 'phone', known: 'R, C, W' }],
  ])('refuses %s with %s', (row, code, params) => {
    expect(problemsOf(['2026-12-05,R,U0PHONE02', row])).toEqual([{ line: 3, code, params }]);
  });

  it('reports a duplicate row on the later line, naming the first', () => {
    expect(problemsOf(['2026-12-01,R,U0PHONE01', '2026-12-02,R,U0PHONE01', '2026-12-01,R,U0PHONE01'])).toEqual([
      { line: 4, code: 'roster_import.duplicate_row', params: { first: 2 } },
    ]);
  });

  it('reports two shifts of one person on the same day overlapping, on the later line', () => {
    expect(problemsOf(['2026-12-01,C,U0PHONE01', '2026-12-01,R,U0PHONE02', '2026-12-01,R,U0PHONE01'])).toEqual([
      {
        line: 4,
        code: 'roster_import.overlap',
        params: { person: 'U0PHONE01', shift: 'R', date: '2026-12-01', other_shift: 'C', other_date: '2026-12-01', other: 2 },
      },
    ]);
  });

  it("reports a night shift running into the next day's early shift, wherever the lines are", () => {
    const context = { policy: anyShiftPolicy };
    expect(problemsOf(['2026-12-01,W,U0AFTER01', '2026-12-02,E,U0AFTER01'], context)).toEqual([
      {
        line: 3,
        code: 'roster_import.overlap',
        params: { person: 'U0AFTER01', shift: 'E', date: '2026-12-02', other_shift: 'W', other_date: '2026-12-01', other: 2 },
      },
    ]);
    expect(problemsOf(['2026-12-02,E,U0AFTER01', '2026-12-01,W,U0AFTER01'], context)).toEqual([
      {
        line: 3,
        code: 'roster_import.overlap',
        params: { person: 'U0AFTER01', shift: 'W', date: '2026-12-01', other_shift: 'E', other_date: '2026-12-02', other: 2 },
      },
    ]);
    // The late shift ends at 01:00; the next early shift starts at 08:00.
    expect(check(['2026-12-01,L,U0AFTER01', '2026-12-02,E,U0AFTER01'], context)).toHaveProperty('rows');
  });

  it("reports a shift overlapping one already in the roster just outside the file's dates", () => {
    const context = { policy: anyShiftPolicy, existing: [existing('U0AFTER01', '2026-11-30', 'W', 'scheduled', 'after_sales')] };
    expect(problemsOf(['2026-12-01,E,U0AFTER01', '2026-12-02,E,U0AFTER01'], context)).toEqual([
      {
        line: 2,
        code: 'roster_import.overlap_existing',
        params: { person: 'U0AFTER01', shift: 'E', date: '2026-12-01', other_shift: 'W', other_date: '2026-11-30' },
      },
    ]);
  });

  it('does not count a shift the person is on leave for or has swapped away', () => {
    const context = {
      policy: anyShiftPolicy,
      existing: [
        existing('U0AFTER01', '2026-11-30', 'W', 'swapped', 'after_sales'),
        existing('U0AFTER01', '2026-12-02', 'W', 'on_leave', 'after_sales'),
      ],
    };
    expect(check(['2026-12-01,E,U0AFTER01', '2026-12-02,W,U0AFTER01', '2026-12-03,E,U0AFTER01'], context)).toHaveProperty('rows');
  });

  it('refuses to drop a shift on leave or swapped that the file leaves out, naming it without a line', () => {
    const context = {
      existing: [existing('U0PHONE01', '2026-12-02', 'R', 'on_leave'), existing('U0PHONE01', '2026-12-03', 'W', 'swapped')],
    };
    expect(problemsOf(['2026-12-01,R,U0PHONE01', '2026-12-04,R,U0PHONE01'], context)).toEqual([
      { line: 0, code: 'roster_import.drops_on_leave', params: { person: 'U0PHONE01', shift: 'R', date: '2026-12-02' } },
      { line: 0, code: 'roster_import.drops_swapped', params: { person: 'U0PHONE01', shift: 'W', date: '2026-12-03' } },
    ]);
  });

  it("plans to replace the named people's shifts between the file's first and last date, and nothing else", () => {
    const kept = existing('U0PHONE01', '2026-12-01', 'R');
    const dropped = existing('U0PHONE01', '2026-12-02', 'R');
    const otherPerson = existing('U0PHONE02', '2026-12-02', 'R');
    const afterTheFile = existing('U0PHONE01', '2026-12-04', 'R');
    const onLeaveInFile = existing('U0PHONE01', '2026-12-03', 'C', 'on_leave');
    const result = check(['2026-12-01,R,U0PHONE01', '2026-12-02,C,U0PHONE01', '2026-12-03,C,U0PHONE01'], {
      existing: [kept, dropped, otherPerson, afterTheFile, onLeaveInFile],
    });
    if (!('plan' in result)) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.add.map((r) => r.line)).toEqual([3]);
    expect(result.plan.remove).toEqual([dropped]);
    expect(result.plan.unchanged).toBe(2);
    expect(result.plan.wouldDrop).toEqual([]);
  });

  it('takes a status column, empty or as the roster has it, and changes nothing by it', () => {
    const withStatus = (rows: string[], context: Partial<RosterContext> = {}) => {
      const parsed = parseCsvTable(['date,shift,slack_id,status', ...rows].join('\n'));
      if ('problems' in parsed) throw new Error(JSON.stringify(parsed.problems));
      return checkRosterRows(parsed.table, { policy, people, existing: [], ...context });
    };
    const context = {
      existing: [existing('U0PHONE01', '2026-12-02', 'R', 'on_leave'), existing('U0PHONE01', '2026-12-03', 'W', 'swapped')],
    };
    const accepted = withStatus(
      ['2026-12-01,R,U0PHONE01,scheduled', '2026-12-02,R,U0PHONE01,on_leave', '2026-12-03,W,U0PHONE01,swapped', '2026-12-04,R,U0PHONE01,'],
      context,
    );
    if (!('plan' in accepted)) throw new Error(JSON.stringify(accepted.problems));
    expect(accepted.plan.add.map((r) => r.date)).toEqual(['2026-12-01', '2026-12-04']);
    expect(accepted.plan.unchanged).toBe(2);

    expect(
      withStatus(
        [
          '2026-12-01,R,U0PHONE01,leave',
          '2026-12-02,R,U0PHONE01,scheduled',
          '2026-12-03,W,U0PHONE01,swapped',
          '2026-12-04,R,U0PHONE01,on_leave',
        ],
        context,
      ),
    ).toEqual({
      problems: [
        { line: 2, code: 'roster_import.unknown_status', params: { value: 'leave', known: 'scheduled, on_leave, swapped' } },
        { line: 3, code: 'roster_import.status_differs', params: { value: 'scheduled', roster: 'on_leave' } },
        { line: 5, code: 'roster_import.status_differs', params: { value: 'on_leave', roster: 'scheduled' } },
      ],
    });
  });

  it('reports a missing column once, on the header line', () => {
    const parsed = parseCsvTable('date,slack_id\n2026-12-01,U0PHONE01\n');
    if ('problems' in parsed) throw new Error('unreadable');
    expect(checkRosterRows(parsed.table, { policy, people, existing: [] })).toEqual({
      problems: [{ line: 1, code: 'import.missing_column', params: { column: 'shift', columns: 'date,shift,slack_id' } }],
    });
  });
});

describe('rosterFileScope', () => {
  it('covers the people named and the readable dates from first to last', () => {
    const scope = rosterFileScope(table(['2026-12-09,R,U0PHONE01', 'bad,R,U0PHONE02', '2026-12-03,R,U0PHONE01']));
    expect(scope).toEqual({ people: new Set(['U0PHONE01', 'U0PHONE02']), from: '2026-12-03', to: '2026-12-09' });
  });
});
