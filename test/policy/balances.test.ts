import { describe, expect, it } from 'vitest';
import { annualBalance, annualDaysLeft, compTimeAvailable, compTimeLeft } from '../../src/policy/balances.js';
import type { LocalDate } from '../../src/policy/time.js';

const d = (text: string) => text as LocalDate;

describe('comp time', () => {
  it('expires hours six months after they were earned', () => {
    const credits = [
      { earnedOn: d('2026-01-10'), hours: 8 },
      { earnedOn: d('2026-05-01'), hours: 4 },
    ];
    expect(compTimeAvailable(credits, [], d('2026-07-09'), 6)).toBe(12);
    expect(compTimeAvailable(credits, [], d('2026-07-10'), 6)).toBe(4);
  });

  it('spends the oldest valid hours first, so less is lost to expiry', () => {
    const credits = [
      { earnedOn: d('2026-01-10'), hours: 8 },
      { earnedOn: d('2026-05-01'), hours: 8 },
    ];
    const spends = [{ on: d('2026-06-01'), hours: 6 }];
    expect(compTimeAvailable(credits, spends, d('2026-06-02'), 6)).toBe(10);
    expect(compTimeAvailable(credits, spends, d('2026-08-01'), 6)).toBe(8);
  });

  it('never spends hours that had expired, or were not yet earned, on the day of the spend', () => {
    const credits = [
      { earnedOn: d('2026-01-10'), hours: 8 },
      { earnedOn: d('2026-09-01'), hours: 8 },
    ];
    const spends = [{ on: d('2026-08-01'), hours: 4 }];
    expect(compTimeAvailable(credits, spends, d('2026-09-02'), 6)).toBe(8);
  });
});

describe('comp-time credits', () => {
  it('lists each credit still usable with the hours it has left and when they expire, spent ones and expired ones left out', () => {
    const credits = [
      { earnedOn: d('2026-01-10'), hours: 8 },
      { earnedOn: d('2026-03-01'), hours: 4 },
      { earnedOn: d('2026-05-01'), hours: 8 },
    ];
    const spends = [{ on: d('2026-06-01'), hours: 6 }];
    expect(compTimeLeft(credits, spends, d('2026-06-02'), 6)).toEqual([
      { earnedOn: '2026-01-10', hours: 8, left: 2, expiresOn: '2026-07-10' },
      { earnedOn: '2026-03-01', hours: 4, left: 4, expiresOn: '2026-09-01' },
      { earnedOn: '2026-05-01', hours: 8, left: 8, expiresOn: '2026-11-01' },
    ]);
    expect(compTimeLeft(credits, [{ on: d('2026-06-01'), hours: 12 }], d('2026-07-10'), 6).map((c) => c.earnedOn)).toEqual(['2026-05-01']);
  });
});

describe('annual leave', () => {
  it('splits a year into days approved, days waiting and days left of the entitlement', () => {
    expect(annualBalance(null, 5, { taken: 2, pending: 1 })).toEqual({ entitled: 5, taken: 2, pending: 1, left: 2 });
    expect(annualBalance(3, 5, { taken: 2, pending: 2 })).toEqual({ entitled: 3, taken: 2, pending: 2, left: 0 });
  });

  it("uses the person's entitlement, else the policy's default", () => {
    expect(annualDaysLeft(10, 5, 3)).toBe(7);
    expect(annualDaysLeft(null, 5, 3)).toBe(2);
    expect(annualDaysLeft(null, 5, 7)).toBe(0);
  });
});
