import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { parsePolicy } from '../../src/policy/policy-file.js';

const shipped = readFileSync(path.resolve(import.meta.dirname, '../../policy.yml'), 'utf8');

function problemsOf(yaml: string): readonly string[] {
  try {
    parsePolicy(yaml);
  } catch (error) {
    if (isAppError(error) && error.code === 'policy.invalid') return error.problems;
    throw error;
  }
  throw new Error('expected the policy to be refused');
}

/** The shipped file with one line changed, so each test names exactly the key it breaks. */
function edit(from: string, to: string): string {
  expect(shipped).toContain(from);
  return shipped.replace(from, to);
}

describe('the shipped policy.yml', () => {
  const policy = parsePolicy(shipped);

  it('shows 14 days of one’s shifts on the Home, and 14 when the key is left out; a team may show more', () => {
    expect(policy.rules.home.days).toBe(14);
    const withoutHome = shipped.replace(/^home:\n( .*\n?)*/m, '');
    expect(withoutHome).not.toContain('meeting_pack_again_after');
    expect(parsePolicy(withoutHome).rules.home).toEqual({ days: 14, meeting_pack_again_after: 1 });
    const online = parsePolicy(edit('min_staffing: { E: 2, L: 2 }', 'min_staffing: { E: 2, L: 2 }\n    overrides: { home: { days: 21 } }'));
    expect(online.teams.online?.rules.home.days).toBe(21);
    expect(problemsOf(edit('  days: 14 ', '  days: 0 '))).toEqual(['home.days: expected 1 to 31']);
  });

  it('keeps a month back and 400 days ahead in the leave calendar, refreshed hourly, and the same when the section is left out; a team may change it', () => {
    expect(policy.rules.calendar).toEqual({ days_back: 31, days_ahead: 400, refresh_every: 60 });
    const without = shipped.slice(0, shipped.indexOf("# The team's leave calendar"));
    expect(without).not.toContain('calendar:');
    expect(parsePolicy(without).rules.calendar).toEqual({ days_back: 31, days_ahead: 400, refresh_every: 60 });
    const online = parsePolicy(
      edit(
        'min_staffing: { E: 2, L: 2 }',
        'min_staffing: { E: 2, L: 2 }\n    overrides: { calendar: { days_back: 7, refresh_every: 15m } }',
      ),
    );
    expect(online.teams.online?.rules.calendar).toEqual({ days_back: 7, days_ahead: 400, refresh_every: 15 });
    expect(problemsOf(edit('  refresh_every: 1h ', '  refresh_every: 0m '))).toEqual(['calendar.refresh_every: expected at least 1m']);
    expect(problemsOf(edit('  days_ahead: 400 ', '  days_ahead: 0 '))).toEqual(['calendar.days_ahead: expected 1 or more']);
  });

  it('sets how much a person may type into each form, and the same numbers when the keys are left out', () => {
    const limits = (p: ReturnType<typeof parsePolicy>) => ({
      leave: [p.rules.leave.reason_max_chars, p.rules.leave.reject_reason_max_chars],
      swap: [p.rules.swap.note_max_chars, p.rules.swap.reject_reason_max_chars],
      handover: [p.rules.handover.field_max_chars, p.rules.handover.case_line_max_chars, p.rules.handover.refusal_note_max_chars],
    });
    const expected = { leave: [500, 500], swap: [300, 500], handover: [2000, 300, 500] };
    expect(limits(policy)).toEqual(expected);
    expect(limits(parsePolicy(shipped.replace(/^ {2}\w+_max_chars: .*$/gm, '')))).toEqual(expected);
    expect(problemsOf(edit('  note_max_chars: 300 ', '  note_max_chars: 0 '))).toEqual(['swap.note_max_chars: expected 1 or more']);
  });

  it('carries the numbers of POLICY.md', () => {
    expect(policy.default_locale).toBe('zh-CN');
    expect(policy.shifts.W).toMatchObject({ start: '20:30', end: '08:30', counted_hours: 12, night_allowance: 10 });
    expect(policy.shifts.L).toMatchObject({ start: '16:00', end: '01:00' });
    expect(policy.rules.swap.notice).toBe(24 * 60);
    expect(policy.rules.report).toMatchObject({ due: { weekday: 'saturday', time: '17:00' }, min_chars: 200 });
    expect(policy.rules.handover.outgoing_starts_before_end).toBe(15);
    expect(policy.rules.handover.incoming_arrives_before_start).toBe(5);
    expect(Object.keys(policy.rules.handover.refusal_reasons)).toHaveLength(4);
    expect(policy.rules.leave.comp_time_expires_after_months).toBe(6);
    expect(policy.rules.swap.full_attendance_max_swaps).toBe(2);
    const longLeave = policy.rules.leave.rules.find((r) => r.min_days === 3 && r.types === undefined);
    expect(longLeave).toMatchObject({ notice: 10 * 24 * 60, chain: ['lead', 'manager', 'gm'] });
    const personal = policy.rules.leave.rules.find((r) => r.types?.includes('personal'));
    expect(personal).toMatchObject({ notice: 24 * 60, chain: ['lead', 'manager'] });
  });

  it('gives every team a time zone, its shifts and its staffing minimums', () => {
    expect(policy.teams.phone).toMatchObject({ timezone: 'Asia/Shanghai', shifts: ['R', 'C', 'W'], min_staffing: { R: 2, C: 1, W: 2 } });
    expect(policy.teams.after_sales?.timezone).toBe('Asia/Shanghai');
  });

  it('gives every team the language of its channel posts: its own locale, else default_locale', () => {
    expect(policy.teams.phone?.locale).toBe('zh-CN');
    const english = parsePolicy(edit('    announce_channel: C0PHONEANN', '    locale: en\n    announce_channel: C0PHONEANN'));
    expect([english.teams.phone?.locale, english.teams.online?.locale]).toEqual(['en', 'zh-CN']);
  });

  it('names the windows the forms and jobs use, with defaults a file may leave out', () => {
    expect(policy.rules.swap.offer_days_ahead).toBe(62);
    expect(policy.rules.leave.list_past_days).toBe(31);
    expect(policy.rules.handover).toMatchObject({ missed_catch_up_days: 1, case_due_max_days_ahead: 366 });
    const without = parsePolicy(
      edit('  offer_days_ahead: 62', '')
        .replace(/\n {2}list_past_days: 31[^\n]*/, '')
        .replace(/\n {2}missed_catch_up_days: 1[^\n]*/, ''),
    );
    expect([without.rules.swap.offer_days_ahead, without.rules.leave.list_past_days, without.rules.handover.missed_catch_up_days]).toEqual([
      62, 31, 1,
    ]);
    expect(problemsOf(edit('  offer_days_ahead: 62', '  offer_days_ahead: 0'))[0]).toMatch(/^swap\.offer_days_ahead: /);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(policy.rules.leave.rules)).toBe(true);
  });
});

describe('parsePolicy refuses a bad file with the key path and what was expected', () => {
  it.each([
    [
      'personal:\n      label: { zh-CN: 事假, en: Personal leave }\n      proof: none',
      'personal:\n      label: { zh-CN: 事假, en: Personal leave }\n      notice: soon\n      proof: none',
      'leave.types.personal.notice: unknown key',
    ],
    ['  notice: 24h ', '  notice: soon ', 'swap.notice: expected a duration like "24h" or "1d"'],
    ['start: "08:30"', 'start: "8.30"', 'shifts.R.start: expected a time of day like "08:30"'],
    [
      'timezone: Asia/Shanghai\n    announce_channel: C0PHONEANN',
      'timezone: Mars/Olympus\n    announce_channel: C0PHONEANN',
      'teams.phone.timezone: expected an IANA time zone like "Asia/Shanghai"',
    ],
    ['    announce_channel: C0PHONEANN', '    locale: fr\n    announce_channel: C0PHONEANN', 'teams.phone.locale: expected zh-CN or en'],
    [
      'top_of_org: self_recorded',
      'top_of_org: boss',
      'leave.top_of_org: expected self_recorded, refused or a Slack member id like U0123ABC',
    ],
    ['below_minimum: strict', 'below_minimum: maybe', 'staffing.below_minimum: expected strict or warn'],
    ['below_minimum_emergency: warn', 'below_minimum_emergency: sometimes', 'staffing.below_minimum_emergency: expected strict or warn'],
    ['min_chars: 200', 'min_chars: -1', 'report.min_chars: expected 0 or more'],
    [
      'week_starts: monday',
      'week_starts: mon',
      'report.week_starts: expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday',
    ],
    [
      'chain: [lead] }                 # up to',
      'chain: [boss] }                 # up to',
      'leave.rules.6.chain.0: expected lead, manager or gm',
    ],
    ['{ types: [personal], notice', '{ types: [holiday], notice', 'leave.rules.5.types.0: unknown leave type "holiday"'],
    [
      '    - { notice: 1d, notice_enforce: strict, chain: [lead, manager] }',
      '',
      'leave.rules.6: the last rule must match every request (no types, min_days or max_days)',
    ],
    ['shifts: [R, C, W]', 'shifts: [R, C, X]', 'teams.phone.shifts.2: unknown shift "X"'],
    [
      'min_staffing: { R: 2, C: 1, W: 2 }',
      'min_staffing: { R: 2, C: 1, E: 2 }',
      'teams.phone.min_staffing.E: the team does not work shift "E"',
    ],
  ])('%#: %s → %s', (from, to, problem) => {
    expect(problemsOf(edit(from, to))).toContain(problem);
  });

  it('checks team overrides against the same rules and names them', () => {
    const yaml = edit(
      'min_staffing: { R: 2, C: 1, W: 2 }',
      'min_staffing: { R: 2, C: 1, W: 2 }\n    overrides:\n      swap: { notice: 2 days }\n      payroll: {}',
    );
    expect(problemsOf(yaml)).toEqual([
      'teams.phone.overrides.payroll: unknown rule section (expected one of hours, staffing, leave, swap, handover, report, digest, attendance, calendar, home)',
      'teams.phone.overrides.swap.notice: expected a duration like "24h" or "1d"',
    ]);
  });

  it('applies a valid team override to that team only', () => {
    const policy = parsePolicy(
      edit(
        'min_staffing: { R: 2, C: 1, W: 2 }',
        'min_staffing: { R: 2, C: 1, W: 2 }\n    overrides:\n      leave: { rules: [{ notice: 6h, notice_enforce: strict, chain: [lead] }] }',
      ),
    );
    expect(policy.teams.phone?.rules.leave.rules).toEqual([{ notice: 360, notice_enforce: 'strict', chain: ['lead'] }]);
    expect(policy.teams.phone?.rules.leave.types).toEqual(policy.rules.leave.types);
    expect(policy.teams.online?.rules.leave.rules).toEqual(policy.rules.leave.rules);
  });

  it('reports what is missing and a YAML syntax error with its line', () => {
    expect(problemsOf('default_locale: en\n')).toContain('shifts: is required');
    expect(problemsOf('shifts: [\n')[0]).toMatch(/^line \d+, column \d+: /);
  });
});
