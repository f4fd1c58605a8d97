/**
 * Calendar days and shift instants. A roster date is the day a shift starts, in the team's time zone;
 * a shift whose end is at or before its start ends the next day (POLICY §1).
 */
import { DateTime } from 'luxon';
import { parseTimeOfDay } from './duration.js';
import { AppError } from '../errors.js';

/** A calendar day `YYYY-MM-DD`, the shape of Slack's datepicker value and of a SQL `date`. */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

export interface Interval {
  readonly start: Date;
  readonly end: Date;
}

// Calendar days are whole UTC days of the built-in Date: no time zone enters the arithmetic.
const dayMs = 86_400_000;
function epochDay(date: string): number {
  const at = new Date(0);
  at.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))); // unlike Date.UTC, keeps years 0–99
  return at.getTime() / dayMs;
}
const fromEpochDay = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10) as LocalDate;

export function toLocalDate(text: string): LocalDate | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  return fromEpochDay(epochDay(text)) === text ? (text as LocalDate) : undefined;
}

/** Days already worked out per zone, with the instants each runs between: most calls skip the zone arithmetic. */
const daysByZone = new Map<string, { readonly from: number; readonly until: number; readonly date: LocalDate }[]>();
const daysKeptPerZone = 16;

export function todayIn(now: Date, timeZone: string): LocalDate {
  const at = now.getTime();
  const known = daysByZone.get(timeZone) ?? [];
  const hit = known.find((d) => at >= d.from && at < d.until);
  if (hit) return hit.date;
  const day = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  // the next day's start, not this day's start time a day later: where midnight is skipped, a day starts at 01:00
  const today = { from: day.toMillis(), until: day.plus({ days: 1 }).startOf('day').toMillis(), date: day.toISODate() as LocalDate };
  daysByZone.set(timeZone, [today, ...known.slice(0, daysKeptPerZone - 1)]);
  return today.date;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(epochDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return epochDay(to) - epochDay(from);
}

/** Shift instants by day, shift times and zone; they never change while the app runs. */
const intervals = new Map<string, { readonly start: number; readonly end: number }>();
const intervalsKept = 50_000;

/** The instants a shift covers when it starts on `date` in `timeZone`. */
export function shiftInterval(date: LocalDate, shift: { readonly start: string; readonly end: string }, timeZone: string): Interval {
  const key = `${date}|${shift.start}|${shift.end}|${timeZone}`;
  let known = intervals.get(key);
  if (!known) {
    const startMinutes = parseTimeOfDay(shift.start);
    const endMinutes = parseTimeOfDay(shift.end);
    if (startMinutes === undefined || endMinutes === undefined)
      throw new AppError('policy.inconsistent', `bad shift times ${shift.start}–${shift.end}`);
    const day = DateTime.fromISO(date, { zone: timeZone });
    const at = (d: DateTime, minutes: number) => d.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
    known = { start: at(day, startMinutes), end: at(day.plus({ days: endMinutes <= startMinutes ? 1 : 0 }), endMinutes) };
    if (intervals.size >= intervalsKept) intervals.clear();
    intervals.set(key, known);
  }
  return { start: new Date(known.start), end: new Date(known.end) };
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The first and last day of a calendar year. */
export function yearOf(year: number): { readonly first: LocalDate; readonly last: LocalDate } {
  return { first: `${year}-01-01` as LocalDate, last: `${year}-12-31` as LocalDate };
}

/** The first and last day of a month named `YYYY-MM`. */
export const monthNamed = (month: string): { readonly first: LocalDate; readonly last: LocalDate } => monthOf(`${month}-01` as LocalDate);

/** The first and last day of the month `date` is in. */
export function monthOf(date: LocalDate): { readonly first: LocalDate; readonly last: LocalDate } {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const nextMonth =
    month === 12 ? `${String(year + 1).padStart(4, '0')}-01-01` : `${date.slice(0, 4)}-${String(month + 1).padStart(2, '0')}-01`;
  return { first: `${date.slice(0, 7)}-01` as LocalDate, last: addDays(nextMonth as LocalDate, -1) };
}
