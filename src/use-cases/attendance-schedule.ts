/** The moments the attendance jobs fall due: a time of day in the policy's default zone, daily or on a day of the month. */
import { DateTime } from 'luxon';
import { parseTimeOfDay } from '../policy/duration.js';
import { addDays, monthOf, todayIn, type LocalDate } from '../policy/time.js';

/** `time` (HH:MM) on `date` in `zone`. */
export function momentOn(date: LocalDate, time: string, zone: string): Date {
  const minutes = parseTimeOfDay(time) ?? 0;
  return DateTime.fromISO(date, { zone })
    .set({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
    .toJSDate();
}

/** The daily moments in (from, to]. */
export function dailyMomentsBetween(time: string, zone: string, from: Date, to: Date): Date[] {
  const moments: Date[] = [];
  for (let day = addDays(todayIn(from, zone), -1); ; day = addDays(day, 1)) {
    const at = momentOn(day, time, zone);
    if (at.getTime() > to.getTime()) break;
    if (at.getTime() > from.getTime()) moments.push(at);
  }
  return moments;
}

/** The monthly moments (`day` of each month) in (from, to]. */
export function monthlyMomentsBetween(day: number, time: string, zone: string, from: Date, to: Date): Date[] {
  const moments: Date[] = [];
  for (let month = monthOf(todayIn(from, zone)).first; ; month = addDays(monthOf(month).last, 1)) {
    const at = momentOn(`${month.slice(0, 8)}${String(day).padStart(2, '0')}` as LocalDate, time, zone);
    if (at.getTime() > to.getTime()) break;
    if (at.getTime() > from.getTime()) moments.push(at);
  }
  return moments;
}
