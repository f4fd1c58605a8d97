/**
 * The demo department's clock-ins, in the clock-in file's format: for each rostered shift that has
 * ended, a clock-in a few minutes before its start and a clock-out a few minutes after its end, with
 * the odd late arrival, early leave, forgotten clock-out, a late arrival long enough to count as
 * absence, and now and then a shift nobody clocked at all. Which shift gets which is fixed by its
 * person, day and shift, so the same roster always gives the same file. One agent
 * (`demoAbsentAgent`) clocked none of their last three shifts over, on three duty days in a row: the
 * absence thresholds are reached, and their lead and manager are told.
 */
import { DateTime } from 'luxon';
import { minutesInMs } from '../policy/duration.js';
import type { Policy } from '../policy/policy-file.js';
import { shiftInterval, type LocalDate } from '../policy/time.js';

export interface DemoShift {
  readonly personId: string;
  readonly teamId: string;
  readonly date: LocalDate;
  readonly shiftCode: string;
}

function hashOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/** Hu Xiaoyan, of the phone team: not clocked on their last three duty days. */
export const demoAbsentAgent = 'U0PH0NE06';
const absentDays = 3;

/** The clock-in CSV of the shifts that ended before `now`, by date, person and shift. */
export function demoClockCsv(policy: Policy, shifts: readonly DemoShift[], now: Date): string {
  const lines: string[] = [];
  const ended = (shift: DemoShift) => {
    const definition = policy.shifts[shift.shiftCode];
    const zone = policy.teams[shift.teamId]?.timezone ?? policy.default_timezone;
    return definition !== undefined && shiftInterval(shift.date, definition, zone).end.getTime() <= now.getTime();
  };
  const absentOn = new Set(
    [...new Set(shifts.filter((s) => s.personId === demoAbsentAgent && ended(s)).map((s) => s.date))].sort().slice(-absentDays),
  );
  const sorted = [...shifts].sort((a, b) =>
    a.date !== b.date
      ? a.date < b.date
        ? -1
        : 1
      : a.personId !== b.personId
        ? a.personId < b.personId
          ? -1
          : 1
        : a.shiftCode < b.shiftCode
          ? -1
          : 1,
  );
  for (const shift of sorted) {
    const definition = policy.shifts[shift.shiftCode];
    if (definition === undefined) continue;
    const zone = policy.teams[shift.teamId]?.timezone ?? policy.default_timezone;
    const { start, end } = shiftInterval(shift.date, definition, zone);
    if (end.getTime() > now.getTime()) continue;
    if (shift.personId === demoAbsentAgent && absentOn.has(shift.date)) continue;
    const h = hashOf(`${shift.personId}|${shift.date}|${shift.shiftCode}`);
    if (h % 97 === 0) continue; // not clocked at all
    const at = (base: Date, minutes: number) => DateTime.fromMillis(base.getTime() + minutesInMs(minutes), { zone }).toFormat('HH:mm');
    let clockIn = at(start, -(1 + (h % 9)));
    let clockOut = at(end, h % 7);
    if (h % 23 === 1) clockIn = at(start, 4 + (h % 17));
    if (h % 89 === 2) clockIn = at(start, 41 + (h % 30));
    if (h % 31 === 3) clockOut = at(end, -(6 + (h % 20)));
    if (h % 53 === 4) clockOut = '';
    lines.push(`${shift.personId},${shift.date},${shift.shiftCode},${clockIn},${clockOut}`);
  }
  return `slack_id,date,shift,in,out\n${lines.map((line) => `${line}\n`).join('')}`;
}
