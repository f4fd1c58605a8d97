/**
 * Clock-in and clock-out times of a file (`HH:MM` in the team's time zone) as instants. A shift's
 * `date` is the day it starts, but a night shift's clock-out falls on the next day and an early
 * clock-in may fall on the day before, so a time is placed on the day that puts it nearest the
 * shift's scheduled start (a clock-in) or end (a clock-out).
 */
import { DateTime } from 'luxon';
import { parseTimeOfDay, type Minutes } from '../duration.js';
import { addDays, shiftInterval, type Interval, type LocalDate } from '../time.js';

export interface ShiftTimes {
  readonly start: string;
  readonly end: string;
}

/** The instant of `time` (HH:MM in `timeZone`) nearest `target`, on one of the days around `date`. */
export function placeClockTime(date: LocalDate, time: string, target: Date, timeZone: string): Date | undefined {
  const minutes = parseTimeOfDay(time);
  if (minutes === undefined) return undefined;
  let best: number | undefined;
  for (const offset of [-1, 0, 1, 2]) {
    const at = DateTime.fromISO(addDays(date, offset), { zone: timeZone })
      .set({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
      .toMillis();
    if (best === undefined || Math.abs(at - target.getTime()) < Math.abs(best - target.getTime())) best = at;
  }
  return best === undefined ? undefined : new Date(best);
}

/** `HH:MM` of an instant in `timeZone`: what the export writes back. */
export function clockTimeOf(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat('HH:mm');
}

export interface ShiftClock {
  readonly clockedIn: Date | null;
  readonly clockedOut: Date | null;
}

/** What one shift's clock-in record says against the shift's scheduled times. */
export interface ShiftPunctuality {
  readonly scheduled: Interval;
  /** Minutes after the scheduled start the person clocked in (0 when on time or early; 0 without a clock-in). */
  readonly minutesLate: Minutes;
  /** Minutes before the scheduled end the person clocked out (0 when on time or later; 0 without a clock-out). */
  readonly minutesLeftEarly: Minutes;
  readonly missingClockIn: boolean;
  readonly missingClockOut: boolean;
}

/** Per shift worked: minutes late, minutes left early, a missing clock-in or clock-out (times in the team's zone, crossing midnight). */
export function punctuality(date: LocalDate, shift: ShiftTimes, timeZone: string, clock: ShiftClock): ShiftPunctuality {
  const scheduled = shiftInterval(date, shift, timeZone);
  const minutesBetween = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
  return {
    scheduled,
    minutesLate: clock.clockedIn === null ? 0 : minutesBetween(scheduled.start, clock.clockedIn),
    minutesLeftEarly: clock.clockedOut === null ? 0 : minutesBetween(clock.clockedOut, scheduled.end),
    missingClockIn: clock.clockedIn === null,
    missingClockOut: clock.clockedOut === null,
  };
}
