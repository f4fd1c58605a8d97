import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { absenceCounts } from '../../../src/policy/attendance/absence.js';
import { absenceNoticeRecipients, absenceThresholds } from '../../../src/policy/attendance/absence-notices.js';
import { compTimeDecider, readAdjustedHours } from '../../../src/policy/attendance/comp-time-proposal.js';
import type { Org } from '../../../src/policy/approval.js';
import { parsePolicy } from '../../../src/policy/policy-file.js';
import type { LocalDate } from '../../../src/policy/time.js';

const policy = parsePolicy(readFileSync(path.resolve(import.meta.dirname, '../../../policy.yml'), 'utf8'));
const rules = policy.rules.leave.absence;
const d = (text: string) => text as LocalDate;
const december = { first: d('2026-12-01'), last: d('2026-12-31') };
const counts = (duty: string[], absent: string[]) =>
  absenceCounts({
    month: december,
    dutyDays: duty.map(d),
    absent: absent.map((date) => ({ date: d(date), cause: 'no_clock_in' as const })),
  });

describe('the absence thresholds reached (leave.absence.*)', () => {
  it('a run of contract_consecutive_days, keyed by its first day; the month and the year by their own', () => {
    const reached = absenceThresholds(
      counts(['2026-12-01', '2026-12-02', '2026-12-04'], ['2026-12-01', '2026-12-02', '2026-12-04']),
      december,
      rules,
    );
    expect(reached).toEqual([
      { kind: 'run', period: '2026-12-01', days: ['2026-12-01', '2026-12-02', '2026-12-04'] },
      { kind: 'month', period: '2026-12', days: ['2026-12-01', '2026-12-02', '2026-12-04'] },
      { kind: 'year', period: '2026', days: ['2026-12-01', '2026-12-02', '2026-12-04'] },
    ]);
  });

  it('below every threshold, nothing; each threshold follows its own key', () => {
    const two = counts(['2026-12-01', '2026-12-02'], ['2026-12-01', '2026-12-02']);
    expect(absenceThresholds(two, december, rules)).toEqual([]);
    expect(absenceThresholds(two, december, { ...rules, contract_consecutive_days: 2 }).map((r) => r.kind)).toEqual(['run']);
    expect(absenceThresholds(two, december, { ...rules, bonus_forfeit_days_per_month: 2 }).map((r) => r.kind)).toEqual(['month']);
    expect(absenceThresholds(two, december, { ...rules, contract_days_per_year: 2 }).map((r) => r.kind)).toEqual(['year']);
  });

  it('absences earlier in the year count for the year, not the month; a worked day breaks the run', () => {
    const reached = absenceThresholds(
      counts(['2026-03-02', '2026-12-01', '2026-12-02', '2026-12-03'], ['2026-03-02', '2026-12-01', '2026-12-03']),
      december,
      rules,
    );
    expect(reached).toEqual([{ kind: 'year', period: '2026', days: ['2026-03-02', '2026-12-01', '2026-12-03'] }]);
  });

  it('is told to the nearest active lead and manager above the person', () => {
    const org: Org = new Map([
      ['A', { slackId: 'A', role: 'agent', reportsTo: 'L', active: true }],
      ['L', { slackId: 'L', role: 'lead', reportsTo: 'M', active: true }],
      ['M', { slackId: 'M', role: 'manager', reportsTo: 'G', active: true }],
      ['G', { slackId: 'G', role: 'gm', reportsTo: null, active: true }],
    ]);
    expect(absenceNoticeRecipients(org, 'A')).toEqual(['L', 'M']);
    expect(absenceNoticeRecipients(org, 'L')).toEqual(['M']);
    const leadGone = new Map(org).set('L', { slackId: 'L', role: 'lead', reportsTo: 'M', active: false });
    expect(absenceNoticeRecipients(leadGone, 'A')).toEqual(['M']);
    expect(compTimeDecider(org, 'A')).toBe('M');
    expect(compTimeDecider(org, 'M')).toBeUndefined();
  });
});

describe('adjusted comp time hours', () => {
  it('takes 0 up to the hours proposed, to a tenth, with a comma too', () => {
    expect(readAdjustedHours('40', 46)).toEqual({ ok: true, hours: 40 });
    expect(readAdjustedHours(' 7,5 ', 46)).toEqual({ ok: true, hours: 7.5 });
    expect(readAdjustedHours('0', 46)).toEqual({ ok: true, hours: 0 });
    expect(readAdjustedHours('46', 46)).toEqual({ ok: true, hours: 46 });
  });

  it('refuses more than proposed, negative hours, hundredths and what is no number', () => {
    expect(readAdjustedHours('46.1', 46)).toEqual({ ok: false, code: 'comp_time.adjust.over_proposed', max: 46 });
    expect(readAdjustedHours('-1', 46)).toEqual({ ok: false, code: 'comp_time.adjust.negative' });
    expect(readAdjustedHours('1.25', 46)).toEqual({ ok: false, code: 'comp_time.adjust.tenths' });
    expect(readAdjustedHours('eight', 46)).toEqual({ ok: false, code: 'comp_time.adjust.not_a_number' });
    expect(readAdjustedHours('', 46)).toEqual({ ok: false, code: 'comp_time.adjust.not_a_number' });
  });
});
