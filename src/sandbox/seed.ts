import { readFileSync } from 'node:fs';
import { AppError } from '../errors.js';
import type { Db } from '../db/client.js';
import { listPeople } from '../db/queries/people.js';
import { listRoster } from '../db/queries/roster.js';
import type { Policy } from '../policy/policy-file.js';
import { addDays, daysBetween, monthOf, todayIn, toLocalDate, type LocalDate } from '../policy/time.js';
import { importClockIns } from '../use-cases/clock-ins.js';
import { importOrg, importRoster } from '../use-cases/org.js';
import { demoClockCsv } from './seed-clock.js';
import { seedPastHandovers, seedPastReports } from './seed-history.js';

/** The demo department and the roster whose rotation the sandbox repeats around today. */
export interface DemoFiles {
  readonly org: string;
  readonly roster: string;
}

export const demoFiles = (): DemoFiles => ({
  org: readFileSync(new URL('../../examples/org.csv', import.meta.url), 'utf8'),
  roster: readFileSync(new URL('../../examples/roster.csv', import.meta.url), 'utf8'),
});

/** This week's Monday back, four more weeks ahead: what the sandbox keeps rostered. */
export function rosterWindow(now: Date, timeZone: string): { from: LocalDate; to: LocalDate } {
  const today = todayIn(now, timeZone);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const from = addDays(today, -weekday);
  return { from, to: addDays(from, 7 * 5 - 1) };
}

/**
 * The demo roster carried over to other dates: each person's shifts repeat with the shortest period
 * their rows in the file repeat with (six days for the R R W W – – rotation, a week for office
 * shifts), so any date gets the shift of a file date that many periods away.
 */
export function repeatRoster(csv: string, range: { from: LocalDate; to: LocalDate }): string {
  const rows = csv
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','));
  const dates = [...new Set(rows.map(([date]) => date as LocalDate))].sort();
  const first = dates[0];
  const last = dates.at(-1);
  if (first === undefined || last === undefined) return 'date,shift,slack_id\n';
  const span = daysBetween(first, last) + 1;
  const byPerson = new Map<string, Map<number, string>>();
  for (const [date, shift, slackId] of rows) {
    if (!date || !shift || !slackId) continue;
    const days = byPerson.get(slackId) ?? new Map<number, string>();
    days.set(daysBetween(first, date as LocalDate), shift);
    byPerson.set(slackId, days);
  }
  const out: string[] = ['date,shift,slack_id'];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) {
    for (const [slackId, days] of byPerson) {
      const period = periodOf(days, span);
      const offset = (((daysBetween(first, date) % period) + period) % period) as number;
      const shift = days.get(offset);
      if (shift !== undefined) out.push(`${date},${shift},${slackId}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function periodOf(days: ReadonlyMap<number, string>, span: number): number {
  for (let period = 1; period <= span / 2; period += 1) {
    let repeats = true;
    for (let day = 0; day + period < span && repeats; day += 1) repeats = days.get(day) === days.get(day + period);
    if (repeats) return period;
  }
  return span;
}

/** The first of last month: the demo's past, so the sandbox has a settled month and the month to date (clock-ins, hours, comp time). */
export function pastFrom(now: Date, timeZone: string): LocalDate {
  return monthOf(addDays(monthOf(todayIn(now, timeZone)).first, -1)).first;
}

export type SeedResult = { readonly seeded: 'org and roster' | 'roster' | 'nothing' };

/**
 * On an empty database: the demo org and the roster window, through the import code `npm run import`
 * uses, with the roster back to the first of last month, the handovers of the shift changes already
 * past in the window (and the two days before it, which the missed-handover check still looks at; see
 * seed-history.ts), and the clock-ins of every shift already over since the first of last month (see
 * seed-clock.ts), so that last month's hours are settled as comp time proposed to the manager. Later: only the days that have come into the window
 * since, so nobody's leave or swaps are touched by a restart.
 */
export async function seedDemo(db: Db, policy: Policy, now: Date, files: DemoFiles = demoFiles()): Promise<SeedResult> {
  const window = rosterWindow(now, policy.default_timezone);
  const empty = (await listPeople(db)).length === 0;
  if (empty) {
    const org = await importOrg(db, policy, files.org);
    if (!org.ok) throw demoInvalid('the demo org', org.problems);
  }
  const rostered = await listRoster(db, window);
  const lastDay = rostered.reduce<string | undefined>((max, row) => (max === undefined || row.date > max ? row.date : max), undefined);
  const from = lastDay === undefined ? window.from : addDays(toLocalDate(lastDay) ?? window.from, 1);
  if (from > window.to) return { seeded: empty ? 'org and roster' : 'nothing' };
  const roster = await importRoster(db, policy, repeatRoster(files.roster, { from, to: window.to }));
  if (!roster.ok) throw demoInvalid('the demo roster', roster.problems);
  if (empty) {
    const past = { from: pastFrom(now, policy.default_timezone), to: addDays(window.from, -1) };
    const earlier = await importRoster(db, policy, repeatRoster(files.roster, past));
    if (!earlier.ok) throw demoInvalid("the demo's past roster", earlier.problems);
    await seedPastHandovers(db, policy, addDays(window.from, -2), now);
    await seedPastReports(db, policy, now);
    await seedPastClockIns(db, policy, { from: past.from, to: window.to }, now);
  }
  return { seeded: empty ? 'org and roster' : 'roster' };
}

/** A demo file that does not import, with each of its problems. */
function demoInvalid(file: string, problems: readonly { line: number; code: string }[]): AppError {
  const lines = problems.map((p) => `line ${p.line}: ${p.code}`);
  return new AppError('sandbox.demo_invalid', `${file} does not import: ${lines.join('; ')}`, { file }, { problems: lines });
}

/** The clock-ins of the range's shifts that ended before `now`, through the import `npm run import -- clock` uses. */
async function seedPastClockIns(db: Db, policy: Policy, window: { from: LocalDate; to: LocalDate }, now: Date): Promise<void> {
  const shifts = (await listRoster(db, window))
    .filter((row) => row.status === 'scheduled')
    .map((row) => ({ ...row, date: row.date as LocalDate }));
  const file = demoClockCsv(policy, shifts, now);
  if (file.trim().split('\n').length < 2) return;
  const imported = await importClockIns(db, policy, file);
  if (!imported.ok) throw demoInvalid('the demo clock-ins', imported.problems);
}
