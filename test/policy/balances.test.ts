import { describe, expect, it } from 'vitest';
import { annualDaysLeft, compTimeAvailable } from '../../src/policy/balances.js';
import type { LocalDate } from '../../src/policy/time.js';

const d = (text: string) => text as LocalDate;

describe('comp time', () => {
  it('expires hours six months after they were earned', () => {
    const credits = [{ earnedOn: d('2026-01-10'), hours: 8 }, { earnedOn: d('2026-05-01'), hours: 4 }];
    expect(compTimeAvailable(credits, [], d('2026-07-09'), 6)).toBe(12);
    expect(compTimeAvailable(credits, [], d('2026-07-10'), 6)).toBe(4);
  });

  it('spends the oldest valid hours first, so less is lost to expiry', () => {
    const credits = [{ earnedOn: d('2026-01-10'), hours: 8 }, { earnedOn: d('2026-05-01'), hours: 8 }];
    const spends = [{ on: d('2026-06-01'), hours: 6 }];
    expect(compTimeAvailable(credits, spends, d('2026-06-02'), 6)).toBe(10);
    expect(compTimeAvailable(credits, spends, d('2026-08-01'), 6)).toBe(8);
  });

  it('never spends hours that had expired, or were not yet earned, on the day of the spend', () => {
    const credits = [{ earnedOn: d('2026-01-10'), hours: 8 }, { earnedOn: d('2026-09-01'), hours: 8 }];
    const spends = [{ on: d('2026-08-01'), hours: 4 }];
    expect(compTimeAvailable(credits, spends, d('2026-09-02'), 6)).toBe(8);
  });
});

describe('annual leave', () => {
  it("uses the person's entitlement, else the policy's default", () => {
    expect(annualDaysLeft(10, 5, 3)).toBe(7);
    expect(annualDaysLeft(null, 5, 3)).toBe(2);
    expect(annualDaysLeft(null, 5, 7)).toBe(0);
  });
});
