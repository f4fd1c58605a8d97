import { describe, expect, it } from 'vitest';
import { toLocalDate, type LocalDate } from '../../src/policy/time.js';
import { demoFiles, repeatRoster, rosterWindow } from '../../src/sandbox/seed.js';

const day = (text: string): LocalDate => toLocalDate(text) as LocalDate;
const lines = (csv: string) => csv.trim().split('\n').slice(1).sort();

describe('the sandbox roster around today', () => {
  it('gives back the demo roster itself for the demo month', () => {
    const { roster } = demoFiles();
    expect(lines(repeatRoster(roster, { from: day('2026-12-01'), to: day('2026-12-31') }))).toEqual(lines(roster));
  });

  it('carries every rotation on: six days for R R W W – –, a week for the office shift', () => {
    const later = lines(repeatRoster(demoFiles().roster, { from: day('2027-03-01'), to: day('2027-03-14') }));
    const of = (id: string) => later.filter((l) => l.endsWith(id)).map((l) => l.slice(0, 12));
    // 2027-03-01 is 90 days after 2026-12-01: 90 = 15 × 6, so U0PH0NE01 starts a new R R W W – – cycle.
    expect(of('U0PH0NE01').slice(0, 4)).toEqual(['2027-03-01,R', '2027-03-02,R', '2027-03-03,W', '2027-03-04,W']);
    // Office shift C Monday to Friday, every week.
    expect(of('U0PH0NE07')).toEqual(['01', '02', '03', '04', '05', '08', '09', '10', '11', '12'].map((d) => `2027-03-${d},C`));
  });

  it('covers this week from Monday and four weeks more, in the team’s zone', () => {
    // Sunday 2026-12-06 22:00 UTC is already Monday in Shanghai.
    expect(rosterWindow(new Date('2026-12-06T22:00:00Z'), 'Asia/Shanghai')).toEqual({ from: '2026-12-07', to: '2027-01-10' });
  });

  it('gives every agent of every team shifts in any week, on the shifts their team works', () => {
    const { org, roster } = demoFiles();
    const agents = org
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','))
      .filter((row) => row[3] === 'agent');
    const week = lines(repeatRoster(roster, { from: day('2027-02-01'), to: day('2027-02-07') }));
    const teamShifts: Record<string, string[]> = { phone: ['R', 'C', 'W'], online: ['E', 'L'], after_sales: ['C'], complaints: ['C', 'L'] };
    for (const [id, , team] of agents) {
      const shifts = week.filter((l) => l.endsWith(`,${id}`)).map((l) => l.split(',')[1]);
      expect(shifts.length, `${id} works that week`).toBeGreaterThan(0);
      for (const shift of shifts) expect(teamShifts[team ?? '']).toContain(shift);
    }
  });
});
