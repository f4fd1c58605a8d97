/**
 * Calendar days and shift instants. A roster date is the day a shift starts, in the team's time zone;
 * a shift whose end is at or before its start ends the next day (POLICY §1).
 */
import { DateTime } from 'luxon';
import { parseTimeOfDay } from './duration.js';

/** A calendar day `YYYY-MM-DD`, the shape of Slack's datepicker value and of a SQL `date`. */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

export interface Interval {
  readonly start: Date;
  readonly end: Date;
}

export function toLocalDate(text: string): LocalDate | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  return DateTime.fromISO(text, { zone: 'UTC' }).isValid ? (text as LocalDate) : undefined;
}

export function todayIn(now: Date, timeZone: string): LocalDate {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate() as LocalDate;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as LocalDate;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

/** The instants a shift covers when it starts on `date` in `timeZone`. */
export function shiftInterval(date: LocalDate, shift: { readonly start: string; readonly end: string }, timeZone: string): Interval {
  const startMinutes = parseTimeOfDay(shift.start);
  const endMinutes = parseTimeOfDay(shift.end);
  if (startMinutes === undefined || endMinutes === undefined) throw new RangeError(`bad shift times ${shift.start}–${shift.end}`);
  const day = DateTime.fromISO(date, { zone: timeZone });
  const at = (d: DateTime, minutes: number) => d.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
  const start = at(day, startMinutes);
  const end = at(day.plus({ days: endMinutes <= startMinutes ? 1 : 0 }), endMinutes);
  return { start: start.toJSDate(), end: end.toJSDate() };
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The first and last day of the month `date` is in. */
export function monthOf(date: LocalDate): { readonly first: LocalDate; readonly last: LocalDate } {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  return { first: day.startOf('month').toISODate() as LocalDate, last: day.endOf('month').toISODate() as LocalDate };
}
