import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  carryForward,
  endingShift,
  handsOver,
  missedAt,
  missedEscalation,
  newCaseRefusals,
  nextShift,
  occurrenceKey,
  occurrencesAround,
  takeOverDueAt,
  teamOccurrences,
  todaysShifts,
  type ShiftOccurrence,
} from '../../src/policy/handover.js';
import { derivedHandoverPairs } from '../../src/policy/handover-pairs.js';
import { AppError } from '../../src/errors.js';
import { parsePolicy, type TeamDefinition } from '../../src/policy/policy-file.js';
import type { LocalDate } from '../../src/policy/time.js';

const policy = parsePolicy(readFileSync(path.resolve(import.meta.dirname, '../../policy.yml'), 'utf8'));
const phone = policy.teams.phone as TeamDefinition; // R 08:30–20:30, C 09:30–18:00, W 20:30–08:30, Shanghai
const online = policy.teams.online as TeamDefinition; // E 08:00–17:30, L 16:00–01:00
const newYork: TeamDefinition = { ...phone, id: 'ny', timezone: 'America/New_York' };

const key = (o: ShiftOccurrence | undefined) => (o ? occurrenceKey(o) : undefined);
function endingAndNext(team: TeamDefinition, at: string, mine?: (o: ShiftOccurrence) => boolean) {
  const now = new Date(at);
  const all = occurrencesAround(policy, team, now);
  const ending = endingShift(all, now, mine);
  return [key(ending), key(ending && nextShift(team, all, ending))];
}

describe('which shift is ending and which takes over', () => {
  it('hands the day shift over to the night shift at 20:30', () => {
    expect(endingAndNext(phone, '2026-12-01T12:15:00Z')).toEqual(['2026-12-01|R', '2026-12-01|W']); // 20:15 Shanghai
    expect(endingAndNext(phone, '2026-12-01T12:45:00Z')).toEqual(['2026-12-01|R', '2026-12-01|W']); // 20:45, a late handover
  });

  it('hands the night shift, which started yesterday, to the next morning across midnight', () => {
    expect(endingAndNext(phone, '2026-12-02T00:20:00Z')).toEqual(['2026-12-01|W', '2026-12-02|R']); // 08:20 on the 2nd
  });

  it('hands the office shift over to nobody: the day shift around it carries on', () => {
    expect(endingAndNext(phone, '2026-12-01T09:50:00Z')).toEqual(['2026-12-01|C', undefined]); // 17:50
  });

  it('hands a late shift ending after midnight to the next early shift, and an early one to the late one at work', () => {
    expect(endingAndNext(online, '2026-12-01T16:50:00Z')).toEqual(['2026-12-01|L', '2026-12-02|E']); // 00:50 on the 2nd
    expect(endingAndNext(online, '2026-12-01T09:20:00Z')).toEqual(['2026-12-01|E', '2026-12-01|L']); // 17:20
  });

  it("prefers the asker's own shift", () => {
    const mine = (o: ShiftOccurrence) => o.shiftCode === 'R';
    expect(endingAndNext(phone, '2026-12-01T09:50:00Z', mine)).toEqual(['2026-12-01|R', '2026-12-01|W']);
  });

  it("counts in the team's time zone, not the server's", () => {
    // 20:15 on 1 December in New York is 01:15 UTC on the 2nd
    expect(endingAndNext(newYork, '2026-12-02T01:15:00Z')).toEqual(['2026-12-01|R', '2026-12-01|W']);
    // across the end of daylight saving time (1 November 2026): the night shift is 13 hours long
    const now = new Date('2026-11-01T12:20:00Z'); // 07:20 EST on 1 November
    const all = occurrencesAround(policy, newYork, now);
    const night = endingShift(all, now);
    expect(key(night)).toBe('2026-10-31|W');
    expect(night && (night.end.getTime() - night.start.getTime()) / 3_600_000).toBe(13);
  });

  it('always finds a next shift that works on after the ending one, for any instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(phone, online, newYork),
        (now, team) => {
          const all = occurrencesAround(policy, team, now);
          const ending = endingShift(
            all.filter((o) => handsOver(team, o)),
            now,
          );
          const next = ending && nextShift(team, all, ending);
          return ending !== undefined && next !== undefined && next.end > ending.end && ending.start <= now;
        },
      ),
    );
  });

  it("lists today's shifts that have started, with last night's", () => {
    const now = new Date('2026-12-02T02:00:00Z'); // 10:00 on the 2nd: the night shift W starts at 20:30
    expect(todaysShifts(occurrencesAround(policy, phone, now), now, phone.timezone).map(key)).toEqual([
      '2026-12-01|W',
      '2026-12-02|R',
      '2026-12-02|C',
    ]);
    const evening = new Date('2026-12-02T12:30:00Z'); // 20:30: it has just started
    expect(todaysShifts(occurrencesAround(policy, phone, evening), evening, phone.timezone).map(key)).toEqual([
      '2026-12-01|W',
      '2026-12-02|R',
      '2026-12-02|C',
      '2026-12-02|W',
    ]);
  });
});

describe('which shift hands over to which', () => {
  const policyText = readFileSync(path.resolve(import.meta.dirname, '../../policy.yml'), 'utf8');

  it('is derived from the shift times when the policy names none', () => {
    expect(phone.hands_over_to).toEqual({ R: 'W', C: null, W: 'R' });
    expect(online.hands_over_to).toEqual({ E: 'L', L: 'E' });
    expect(policy.teams.complaints?.hands_over_to).toEqual({ C: 'L', L: 'C' });
    expect(policy.teams.after_sales?.hands_over_to).toEqual({ C: 'C' });
    expect(derivedHandoverPairs([{ code: 'D', start: '08:00', end: '08:00' }])).toEqual({ D: 'D' }); // a 24-hour shift, to itself the next day
    expect(
      derivedHandoverPairs([
        { code: 'A', start: '08:00', end: '17:00' },
        { code: 'B', start: '08:00', end: '20:00' },
      ]),
    ).toEqual({ A: null, B: 'A' });
  });

  it('follows hands_over_to in the policy, where none means nobody', () => {
    const edited = parsePolicy(
      policyText.replace('min_staffing: { R: 2, C: 1, W: 2 }', 'min_staffing: { R: 2, C: 1, W: 2 }\n    hands_over_to: { C: W, R: none }'),
    );
    expect(edited.teams.phone?.hands_over_to).toEqual({ R: null, C: 'W', W: 'R' });
    const team = edited.teams.phone as TeamDefinition;
    const now = new Date('2026-12-01T09:50:00Z'); // 17:50
    const all = occurrencesAround(edited, team, now);
    const office = all.find((o) => key(o) === '2026-12-01|C') as ShiftOccurrence;
    expect(key(nextShift(team, all, office))).toBe('2026-12-01|W');
    expect(handsOver(team, { shiftCode: 'R' })).toBe(false);
  });

  it('refuses a pair naming a shift the team does not work', () => {
    const bad = policyText.replace(
      'min_staffing: { R: 2, C: 1, W: 2 }',
      'min_staffing: { R: 2, C: 1, W: 2 }\n    hands_over_to: { C: E, L: R }',
    );
    expect(() => parsePolicy(bad)).toThrow(AppError);
    try {
      parsePolicy(bad);
    } catch (error) {
      expect((error as AppError).code).toBe('policy.invalid');
      expect((error as AppError).problems).toEqual([
        'teams.phone.hands_over_to.C: expected none or a shift the team works (R, C, W)',
        'teams.phone.hands_over_to.L: the team does not work shift "L"',
      ]);
    }
  });
});

describe('deadlines', () => {
  it('counts the take-over and missed delays from the shift change', () => {
    const end = new Date('2026-12-01T12:30:00Z');
    expect(takeOverDueAt({ ending: { end }, next: { start: end } }, phone.rules.handover).toISOString()).toBe('2026-12-01T12:45:00.000Z');
    expect(missedAt({ end }, phone.rules.handover).toISOString()).toBe('2026-12-01T13:00:00.000Z');
  });

  it('counts the take-over delay from the next shift’s start when it starts after a gap', () => {
    const lateToEarly = occurrencesAround(policy, online, new Date('2026-12-01T16:50:00Z')); // 00:50 on the 2nd in Shanghai
    const ending = endingShift(lateToEarly, new Date('2026-12-01T16:50:00Z')) as ShiftOccurrence;
    const next = nextShift(online, lateToEarly, ending) as ShiftOccurrence;
    expect([key(ending), key(next)]).toEqual(['2026-12-01|L', '2026-12-02|E']);
    expect(takeOverDueAt({ ending, next }, online.rules.handover).toISOString()).toBe('2026-12-02T00:15:00.000Z'); // 08:15, not 01:15
    const afterSales = policy.teams.after_sales as TeamDefinition; // C 09:30–18:00 every day
    const day = teamOccurrences(policy, afterSales, '2026-12-01' as LocalDate, '2026-12-02' as LocalDate);
    expect(takeOverDueAt({ ending: day[0] as ShiftOccurrence, next: day[1] as ShiftOccurrence }, afterSales.rules.handover)).toEqual(
      new Date((day[1] as ShiftOccurrence).start.getTime() + afterSales.rules.handover.escalate_unacknowledged_after * 60_000),
    );
  });

  it('names what the n-th miss of a month means, the last step beyond the list', () => {
    const levels = phone.rules.handover.missed_escalation;
    expect(missedEscalation(1, levels)?.en).toBe('30 yuan fine');
    expect(missedEscalation(3, levels)?.en).toBe('80 yuan fine');
    expect(missedEscalation(9, levels)?.en).toBe('Dismissal');
    expect(missedEscalation(0, levels)).toBeUndefined();
    expect(missedEscalation(1, [])).toBeUndefined();
  });
});

describe('open cases carry forward', () => {
  const open = [{ id: 1 }, { id: 2 }, { id: 3 }];

  it('closes only the cases given a line, and carries the rest', () => {
    const result = carryForward(open, new Map([[2, 'called back, refund sent']]));
    expect(result.resolved).toEqual([{ case: { id: 2 }, resolution: 'called back, refund sent' }]);
    expect(result.carried).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it('never loses a case: blank lines, cases the form left out, and lines for unknown cases change nothing', () => {
    const result = carryForward(
      open,
      new Map([
        [1, '   '],
        [99, 'done'],
      ]),
    );
    expect(result.resolved).toEqual([]);
    expect(result.carried).toEqual(open);
  });

  it('keeps every case exactly once, whatever the lines', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(50)), fc.array(fc.tuple(fc.nat(60), fc.string())), (ids, lines) => {
        const cases = ids.map((id) => ({ id }));
        const { resolved, carried } = carryForward(cases, new Map(lines));
        const seen = [...resolved.map((r) => r.case.id), ...carried.map((c) => c.id)].sort((a, b) => a - b);
        return JSON.stringify(seen) === JSON.stringify([...ids].sort((a, b) => a - b)) && resolved.every((r) => r.resolution.trim() !== '');
      }),
    );
  });

  it('asks a new case for what, an owner, and a future due time where a customer was promised something', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const codes = (draft: Parameters<typeof newCaseRefusals>[0]) =>
      newCaseRefusals(draft, now, 0, { case_due_max_days_ahead: 30, case_line_max_chars: phone.rules.handover.case_line_max_chars }).map(
        (r) => [r.code, r.field],
      );
    expect(codes({ what: '', promise: '', dueAt: undefined, ownerId: 'U1' })).toEqual([]);
    expect(codes({ what: '', promise: 'refund', dueAt: undefined, ownerId: undefined })).toEqual([
      ['handover.refusal.case_what', 'case_what.0'],
      ['handover.refusal.case_owner', 'case_owner.0'],
      ['handover.refusal.case_due', 'case_due.0'],
    ]);
    expect(codes({ what: 'Li: refund', promise: 'call back', dueAt: new Date('2026-12-01T11:00:00Z'), ownerId: 'U1' })).toEqual([
      ['handover.refusal.case_due_past', 'case_due.0'],
    ]);
    expect(codes({ what: 'Li: refund', promise: 'call back', dueAt: new Date('2026-12-01T13:00:00Z'), ownerId: 'U1' })).toEqual([]);
    expect(codes({ what: 'Li: refund', promise: 'call back', dueAt: new Date('2026-12-31T12:00:00Z'), ownerId: 'U1' })).toEqual([]);
    expect(codes({ what: 'Li: refund', promise: 'call back', dueAt: new Date('2026-12-31T12:00:01Z'), ownerId: 'U1' })).toEqual([
      ['handover.refusal.case_due_far', 'case_due.0'],
    ]);
  });
});
