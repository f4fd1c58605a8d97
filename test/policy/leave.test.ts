import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLeave, matchLeaveRule, type LeaveCheckInput, type RosteredShift } from '../../src/policy/leave.js';
import { parsePolicy, type TeamDefinition } from '../../src/policy/policy-file.js';
import type { LocalDate } from '../../src/policy/time.js';

const policy = parsePolicy(readFileSync(path.resolve(import.meta.dirname, '../../policy.yml'), 'utf8'));
const phone = policy.teams.phone as TeamDefinition;
const london: TeamDefinition = { ...phone, id: 'london', timezone: 'Europe/London' };
const d = (text: string) => text as LocalDate;
const shifts = (...rows: [string, string][]): RosteredShift[] =>
  rows.map(([date, shiftCode]) => ({ date: d(date), shiftCode, status: 'scheduled' }));

function input(overrides: Partial<LeaveCheckInput> & Pick<LeaveCheckInput, 'now' | 'draft'>): LeaveCheckInput {
  return {
    policy,
    team: phone,
    roster: [],
    ownLeave: [],
    cappedDaysByMonth: {},
    balance: { annualDays: 5, compTimeHours: 40 },
    ...overrides,
  };
}

const refusalsOf = (check: ReturnType<typeof checkLeave>) => (check.ok ? [] : check.refusals.map((r) => [r.code, r.field, r.params]));

describe('the rule table', () => {
  const rules = phone.rules.leave.rules;
  it.each([
    ['sick', 1, ['lead'], 60],
    ['sick', 2, ['lead'], 60],
    ['sick', 3, ['lead', 'manager', 'gm'], 60],
    ['personal', 1, ['lead', 'manager'], 1440],
    ['personal', 3, ['lead', 'manager', 'gm'], 14400],
    ['annual', 1, ['lead'], 1440],
    ['annual', 2, ['lead', 'manager'], 1440],
    ['annual', 5, ['lead', 'manager', 'gm'], 14400],
    ['marriage', 1, ['lead', 'manager', 'gm'], 43200],
    ['comp_time', 1, ['lead'], 4320],
  ])('%s for %i day(s) → %j with %i minutes of notice', (type, days, chain, notice) => {
    const rule = matchLeaveRule(rules, type, days);
    expect(rule.chain).toEqual(chain);
    expect(rule.notice).toBe(notice);
  });
});

describe('notice, measured to the start of the first affected shift in the team time zone', () => {
  const draft = { type: 'personal', firstDay: d('2026-11-24'), lastDay: d('2026-11-24') };

  it('refuses personal leave 23½ hours before a day shift, naming the earliest shift that could be asked for', () => {
    // 09:00 on 23 Nov in Shanghai; the R shift on the 24th starts at 08:30, 23.5 h later.
    const check = checkLeave(
      input({
        now: new Date('2026-11-23T01:00:00Z'),
        draft: { ...draft, lastDay: d('2026-11-25') },
        roster: shifts(['2026-11-24', 'R'], ['2026-11-25', 'R']),
      }),
    );
    expect(refusalsOf(check)).toEqual([
      ['leave.refusal.notice', 'first_day', { type: 'personal', noticeMinutes: 1440, earliestDate: '2026-11-25' }],
    ]);
  });

  it('accepts it 24 hours before', () => {
    const check = checkLeave(input({ now: new Date('2026-11-23T00:30:00Z'), draft, roster: shifts(['2026-11-24', 'R']) }));
    expect(check).toMatchObject({
      ok: true,
      plan: { leaveDays: 1, hours: 11, noticeMinutes: 1440, lateNotice: false, chain: ['lead', 'manager'] },
    });
  });

  it('counts a night shift from its evening start, the day before it ends', () => {
    // 21:00 on the 23rd: the W shift of the 24th starts at 20:30 on the 24th, 23.5 h later.
    const check = checkLeave(input({ now: new Date('2026-11-23T13:00:00Z'), draft, roster: shifts(['2026-11-24', 'W']) }));
    expect(check.ok).toBe(false);
    const inTime = checkLeave(input({ now: new Date('2026-11-23T12:00:00Z'), draft, roster: shifts(['2026-11-24', 'W']) }));
    expect(inTime.ok).toBe(true);
  });

  it("uses the team's own time zone", () => {
    // 08:00 UTC on the 23rd is 08:00 in London; London's R shift of the 24th starts at 08:30 London time.
    const now = new Date('2026-11-23T08:00:00Z');
    expect(checkLeave(input({ now, team: london, draft, roster: shifts(['2026-11-24', 'R']) })).ok).toBe(true);
    expect(checkLeave(input({ now, team: phone, draft, roster: shifts(['2026-11-24', 'R']) })).ok).toBe(false);
  });

  it('lets sick leave be filed after the shift started, flagged as late notice', () => {
    const check = checkLeave(
      input({ now: new Date('2026-11-24T02:00:00Z'), draft: { ...draft, type: 'sick' }, roster: shifts(['2026-11-24', 'R']) }),
    );
    expect(check).toMatchObject({ ok: true, plan: { lateNotice: true, proof: 'after', chain: ['lead'] } });
  });

  it('lets sick leave cover last night’s shift, but nothing older', () => {
    const now = new Date('2026-11-24T18:00:00Z'); // 02:00 on the 25th in Shanghai
    const lastNight = checkLeave(
      input({ now, draft: { type: 'sick', firstDay: d('2026-11-24'), lastDay: d('2026-11-24') }, roster: shifts(['2026-11-24', 'W']) }),
    );
    expect(lastNight.ok).toBe(true);
    const older = checkLeave(
      input({ now, draft: { type: 'sick', firstDay: d('2026-11-23'), lastDay: d('2026-11-23') }, roster: shifts(['2026-11-23', 'W']) }),
    );
    expect(refusalsOf(older)).toEqual([['leave.refusal.in_past', 'first_day', { todayDate: '2026-11-25' }]]);
  });
});

describe('the other rules', () => {
  const now = new Date('2026-11-01T00:00:00Z');

  it('refuses a last day before the first, and dates in the past', () => {
    expect(refusalsOf(checkLeave(input({ now, draft: { type: 'annual', firstDay: d('2026-11-20'), lastDay: d('2026-11-19') } })))).toEqual([
      ['leave.refusal.last_before_first', 'last_day', { firstDate: '2026-11-20' }],
    ]);
    expect(refusalsOf(checkLeave(input({ now, draft: { type: 'annual', firstDay: d('2026-10-31'), lastDay: d('2026-11-02') } })))).toEqual([
      ['leave.refusal.in_past', 'first_day', { todayDate: '2026-11-01' }],
    ]);
  });

  it('refuses a range with no rostered shift, and one that overlaps my own leave', () => {
    const draft = { type: 'annual', firstDay: d('2026-11-20'), lastDay: d('2026-11-21') };
    expect(refusalsOf(checkLeave(input({ now, draft })))).toEqual([
      ['leave.refusal.no_shift', 'first_day', { firstDate: '2026-11-20', lastDate: '2026-11-21' }],
    ]);
    const overlapping = checkLeave(
      input({ now, draft, roster: shifts(['2026-11-20', 'R']), ownLeave: [{ firstDay: d('2026-11-21'), lastDay: d('2026-11-22') }] }),
    );
    expect(refusalsOf(overlapping)).toEqual([
      ['leave.refusal.overlaps_own', 'first_day', { firstDate: '2026-11-21', lastDate: '2026-11-22' }],
    ]);
  });

  it('applies the monthly cap to each month the leave touches', () => {
    const draft = { type: 'personal', firstDay: d('2026-11-29'), lastDay: d('2026-12-02') };
    const roster = shifts(['2026-11-29', 'R'], ['2026-11-30', 'R'], ['2026-12-01', 'R'], ['2026-12-02', 'R']);
    const ok = checkLeave(input({ now, draft, roster, cappedDaysByMonth: { '2026-11': 2, '2026-12': 2 } }));
    expect(ok).toMatchObject({ ok: true, plan: { leaveDays: 4, calendarDays: 4, chain: ['lead', 'manager', 'gm'] } });
    const over = checkLeave(input({ now, draft, roster, cappedDaysByMonth: { '2026-11': 3 } }));
    expect(refusalsOf(over)).toEqual([['leave.refusal.monthly_cap', 'last_day', { month: '2026-11', cap: 4, used: 3, asked: 2 }]]);
  });

  it('lets leave past the monthly cap through, flagged for the approvers, when the policy only warns', () => {
    const draft = { type: 'personal', firstDay: d('2026-11-29'), lastDay: d('2026-12-02') };
    const roster = shifts(['2026-11-29', 'R'], ['2026-11-30', 'R'], ['2026-12-01', 'R'], ['2026-12-02', 'R']);
    const leave = phone.rules.leave;
    const warning: TeamDefinition = {
      ...phone,
      rules: { ...phone.rules, leave: { ...leave, monthly_cap: { ...leave.monthly_cap, enforce: 'warn' } } },
    };
    const over = checkLeave(input({ now, draft, roster, team: warning, cappedDaysByMonth: { '2026-11': 3, '2026-12': 1 } }));
    expect(over).toMatchObject({ ok: true, plan: { overMonthlyCap: [{ month: '2026-11', cap: 4, used: 3, asked: 2 }] } });
    const within = checkLeave(input({ now, draft, roster, team: warning }));
    expect(within).toMatchObject({ ok: true, plan: { overMonthlyCap: [] } });
  });

  it('counts only days with a shift against balances, and refuses when the balance is short', () => {
    const draft = { type: 'annual', firstDay: d('2026-11-20'), lastDay: d('2026-11-23') };
    const roster = shifts(['2026-11-20', 'R'], ['2026-11-22', 'W']);
    expect(checkLeave(input({ now, draft, roster, balance: { annualDays: 2, compTimeHours: 0 } }))).toMatchObject({
      ok: true,
      plan: { leaveDays: 2, hours: 23 },
    });
    expect(refusalsOf(checkLeave(input({ now, draft, roster, balance: { annualDays: 1, compTimeHours: 0 } })))).toEqual([
      ['leave.refusal.annual_balance', 'type', { left: 1, asked: 2 }],
    ]);
    const comp = checkLeave(input({ now, draft: { ...draft, type: 'comp_time' }, roster, balance: { annualDays: 0, compTimeHours: 20 } }));
    expect(refusalsOf(comp)).toEqual([['leave.refusal.comp_time_balance', 'type', { left: 20, asked: 23 }]]);
  });

  it('ignores shifts already given to leave or swapped away', () => {
    const draft = { type: 'annual', firstDay: d('2026-11-20'), lastDay: d('2026-11-20') };
    const roster: RosteredShift[] = [{ date: d('2026-11-20'), shiftCode: 'R', status: 'on_leave' }];
    expect(refusalsOf(checkLeave(input({ now, draft, roster })))[0]?.[0]).toBe('leave.refusal.no_shift');
  });
});
