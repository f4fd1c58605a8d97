import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applySwap,
  checkSwap,
  consecutiveDays,
  costsFullAttendance,
  swapDeadline,
  type SwapParty,
  type SwapProposal,
  type SwapShift,
} from '../../src/policy/swap.js';
import { overlaps, shiftInterval, type LocalDate } from '../../src/policy/time.js';
import { shippedPolicy } from '../harness/test-app.js';

const policy = shippedPolicy();
const now = new Date('2026-12-01T02:00:00Z'); // 10:00 on 1 December in Shanghai
const d = (text: string) => text as LocalDate;
const shift = (personId: string, date: string, shiftCode: string): SwapShift => ({ personId, date: d(date), shiftCode });
const party = (
  id: string,
  roster: [string, string][],
  p: { teamId?: string; leave?: string[]; pendingLeave?: string[] } = {},
): SwapParty => ({
  id,
  teamId: p.teamId ?? 'phone',
  roster: roster.map(([date, code]) => shift(id, date, code)),
  leaveDays: new Set(p.leave ?? []),
  pendingLeaveDays: new Set(p.pendingLeave ?? []),
});

function check(requester: SwapParty, colleague: SwapParty, give: SwapShift, take?: SwapShift, pendingGive = false) {
  return checkSwap({ now, policy, proposal: { requester, colleague, give, take }, pendingSwapOn: { give: pendingGive, take: false } });
}
const codes = (result: ReturnType<typeof check>) => (result.ok ? [] : result.refusals.map((r) => [r.code, r.field]));

describe('swap checks', () => {
  const me = party('ME', [['2026-12-10', 'R']]);

  it('accepts a cover by a free colleague and reports rest and hours after the swap', () => {
    const colleague = party('YOU', [
      ['2026-12-08', 'R'],
      ['2026-12-11', 'C'],
    ]);
    const result = check(me, colleague, shift('ME', '2026-12-10', 'R'));
    expect(result).toEqual({
      ok: true,
      after: [{ personId: 'YOU', shift: shift('YOU', '2026-12-10', 'R'), restBefore: 36 * 60, restAfter: 13 * 60, weekHours: 11 + 11 + 8 }],
      giver: { personId: 'ME', weekHours: 0 },
    });
  });

  it('refuses a swap with oneself, and one that names a shift not on the roster', () => {
    expect(codes(check(me, me, shift('ME', '2026-12-10', 'R')))).toEqual([['swap.refusal.self', 'colleague']]);
    expect(codes(check(me, party('YOU', []), shift('ME', '2026-12-11', 'R')))).toEqual([['swap.refusal.not_rostered', 'my_shift']]);
  });

  it('needs 24 hours before the earlier of the two shifts', () => {
    const soon = party('ME', [['2026-12-02', 'R']]);
    const colleague = party('YOU', [['2026-12-05', 'R']]);
    // the R shift on the 2nd starts 22.5 hours from now
    expect(codes(check(soon, colleague, shift('ME', '2026-12-02', 'R'), shift('YOU', '2026-12-05', 'R')))).toEqual([
      ['swap.refusal.notice', 'my_shift'],
    ]);
  });

  it('puts a missed notice on the field of the earlier shift', () => {
    const mine = party('ME', [['2026-12-10', 'R']]);
    const theirs = party('YOU', [['2026-12-02', 'R']]);
    expect(codes(check(mine, theirs, shift('ME', '2026-12-10', 'R'), shift('YOU', '2026-12-02', 'R')))).toEqual([
      ['swap.refusal.notice', 'their_shift'],
    ]);
  });

  it('counts rest across midnight: a night shift ending at 08:30 leaves no rest before a day shift at 08:30', () => {
    const colleague = party('YOU', [['2026-12-09', 'W']]);
    const result = check(me, colleague, shift('ME', '2026-12-10', 'R'));
    expect(result).toMatchObject({
      ok: false,
      refusals: [{ code: 'swap.refusal.rest', field: 'colleague', params: { person: 'YOU', restMinutes: 0, minRestMinutes: 480 } }],
    });
  });

  it('refuses overlapping shifts and too many days in a row', () => {
    expect(codes(check(me, party('YOU', [['2026-12-10', 'C']]), shift('ME', '2026-12-10', 'R')))).toEqual([
      ['swap.refusal.overlap', 'colleague'],
    ]);
    const busy = party(
      'YOU',
      ['04', '05', '06', '07', '08', '09'].map((day) => [`2026-12-${day}`, 'C'] as [string, string]),
    );
    expect(codes(check(me, busy, shift('ME', '2026-12-10', 'R')))).toEqual([['swap.refusal.consecutive', 'colleague']]);
  });

  it('never gives a shift to someone on leave that day, nor across teams', () => {
    expect(codes(check(me, party('YOU', [], { leave: ['2026-12-10'] }), shift('ME', '2026-12-10', 'R')))).toEqual([
      ['swap.refusal.on_leave', 'colleague'],
    ]);
    expect(codes(check(me, party('YOU', [], { teamId: 'online' }), shift('ME', '2026-12-10', 'R')))).toEqual([
      ['swap.refusal.other_team', 'colleague'],
    ]);
  });

  it('waits for leave still to be decided on a day the swap touches, on the field of that shift', () => {
    const mine = party('ME', [['2026-12-10', 'R']], { pendingLeave: ['2026-12-10'] });
    expect(codes(check(mine, party('YOU', []), shift('ME', '2026-12-10', 'R')))).toEqual([['swap.refusal.leave_pending_self', 'my_shift']]);
    expect(codes(check(me, party('YOU', [], { pendingLeave: ['2026-12-10'] }), shift('ME', '2026-12-10', 'R')))).toEqual([
      ['swap.refusal.leave_pending', 'colleague'],
    ]);
    const theirs = party('YOU', [['2026-12-12', 'R']], { pendingLeave: ['2026-12-12'] });
    expect(codes(check(me, theirs, shift('ME', '2026-12-10', 'R'), shift('YOU', '2026-12-12', 'R')))).toEqual([
      ['swap.refusal.leave_pending', 'their_shift'],
    ]);
    const mineLater = party('ME', [['2026-12-10', 'R']], { pendingLeave: ['2026-12-12'] });
    expect(
      codes(check(mineLater, party('YOU', [['2026-12-12', 'R']]), shift('ME', '2026-12-10', 'R'), shift('YOU', '2026-12-12', 'R'))),
    ).toEqual([['swap.refusal.leave_pending_self', 'their_shift']]);
  });

  it('refuses to give someone a shift they already work', () => {
    expect(codes(check(me, party('YOU', [['2026-12-10', 'R']]), shift('ME', '2026-12-10', 'R')))).toEqual([
      ['swap.refusal.already_on_shift', 'colleague'],
    ]);
  });

  it('refuses a shift that already has a swap pending', () => {
    expect(codes(check(me, party('YOU', []), shift('ME', '2026-12-10', 'R'), undefined, true))).toEqual([
      ['swap.refusal.pending', 'my_shift'],
    ]);
  });

  it('checks the requester too when they take a shift in exchange', () => {
    const mine = party('ME', [
      ['2026-12-10', 'R'],
      ['2026-12-11', 'W'],
    ]);
    const theirs = party('YOU', [['2026-12-11', 'R']]);
    expect(codes(check(mine, theirs, shift('ME', '2026-12-10', 'R'), shift('YOU', '2026-12-11', 'R')))).toEqual([
      ['swap.refusal.rest', 'their_shift'],
    ]);
  });

  it('refuses a colleague’s shift that another pending swap holds, on that field', () => {
    const mine = party('ME', [['2026-12-10', 'R']]);
    const theirs = party('YOU', [['2026-12-12', 'R']]);
    const result = checkSwap({
      now,
      policy,
      proposal: { requester: mine, colleague: theirs, give: shift('ME', '2026-12-10', 'R'), take: shift('YOU', '2026-12-12', 'R') },
      pendingSwapOn: { give: false, take: true },
    });
    expect(codes(result)).toEqual([['swap.refusal.pending', 'their_shift']]);
  });

  it('sets the deadline the notice period before the earlier shift, across midnight and time zones', () => {
    const night = { requester: { teamId: 'phone' }, give: shift('ME', '2026-12-10', 'W'), take: shift('YOU', '2026-12-09', 'R') };
    expect(swapDeadline(policy, night).toISOString()).toBe('2026-12-08T00:30:00.000Z'); // R on the 9th starts 08:30 Shanghai
    expect(swapDeadline(policy, { ...night, take: undefined }).toISOString()).toBe('2026-12-09T12:30:00.000Z'); // W on the 10th starts 20:30
  });

  it('warns from the swap that reaches the full-attendance limit', () => {
    expect(costsFullAttendance(0, 2)).toBe(false);
    expect(costsFullAttendance(1, 2)).toBe(false);
    expect(costsFullAttendance(2, 2)).toBe(true);
  });

  it('counts consecutive days through a day', () => {
    expect(consecutiveDays(['2026-12-01', '2026-12-02', '2026-12-04'], d('2026-12-03'))).toBe(4);
    expect(consecutiveDays([], d('2026-12-03'))).toBe(1);
  });
});

describe('approved swaps (property)', () => {
  const people = ['A', 'B', 'C', 'D', 'E'];
  const days = Array.from({ length: 14 }, (_, i) => `2026-12-${String(10 + i).padStart(2, '0')}`);
  const codesOfTeam = ['R', 'C', 'W'];

  it('keep the number of people on every shift and never give anyone two overlapping shifts', () => {
    const rosterArb = fc.array(fc.option(fc.constantFrom(...codesOfTeam), { nil: undefined }), {
      minLength: people.length * days.length,
      maxLength: people.length * days.length,
    });
    const proposalArb = fc.record({
      from: fc.nat(people.length - 1),
      to: fc.nat(people.length - 1),
      giveDay: fc.nat(days.length - 1),
      takeDay: fc.option(fc.nat(days.length - 1), { nil: undefined }),
    });
    fc.assert(
      fc.property(rosterArb, fc.array(proposalArb, { maxLength: 25 }), (cells, proposals) => {
        // one shift a day at most, and no night shift followed by a day shift (the roster starts valid)
        let roster: SwapShift[] = [];
        people.forEach((person, p) => {
          days.forEach((day, i) => {
            const code = cells[p * days.length + i];
            const previous = roster.find((s) => s.personId === person && s.date === days[i - 1]);
            if (code && !(previous?.shiftCode === 'W' && code !== 'W')) roster.push(shift(person, day, code));
          });
        });
        const count = (r: SwapShift[]) =>
          new Map(
            [...new Set(r.map((s) => `${s.date}|${s.shiftCode}`))].map((k) => [
              k,
              r.filter((s) => `${s.date}|${s.shiftCode}` === k).length,
            ]),
          );
        const before = count(roster);
        for (const p of proposals) {
          const requester = people[p.from] as string;
          const colleague = people[p.to] as string;
          const give = roster.find((s) => s.personId === requester && s.date === days[p.giveDay]);
          const take =
            p.takeDay === undefined ? undefined : roster.find((s) => s.personId === colleague && s.date === days[p.takeDay as number]);
          if (!give) continue;
          const asParty = (id: string): SwapParty => ({
            id,
            teamId: 'phone',
            roster: roster.filter((s) => s.personId === id),
            leaveDays: new Set(),
          });
          const proposal: SwapProposal = { requester: asParty(requester), colleague: asParty(colleague), give, take };
          if (!checkSwap({ now, policy, proposal }).ok) continue;
          const after = applySwap(proposal);
          roster = [...roster.filter((s) => s.personId !== requester && s.personId !== colleague), ...after.requester, ...after.colleague];
        }
        expect(count(roster)).toEqual(before);
        for (const person of people) {
          const mine = roster
            .filter((s) => s.personId === person)
            .map((s) => shiftInterval(s.date, policy.shifts[s.shiftCode] as never, 'Asia/Shanghai'));
          for (const [i, a] of mine.entries()) for (const b of mine.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
        }
      }),
      { numRuns: 200, seed: 20261201 },
    );
  });
});
