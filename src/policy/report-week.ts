/**
 * The report week (POLICY §5) in a team's time zone: seven days from the policy's `week_starts`, with
 * its deadline and reminder times on the weekdays the policy names. Late reports are taken until the
 * week ends; the lead's digest may run from the deadline until then.
 */
import { DateTime } from 'luxon';
import { parseTimeOfDay } from './duration.js';
import type { Rules, Weekday } from './policy-file.js';
import { addDays, todayIn, type LocalDate } from './time.js';

const weekdayNumbers: Record<Weekday, number> = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 };

export type ReportRules = Rules['report'];

export interface ReportWeek {
  /** First and last day, inclusive. */
  readonly start: LocalDate;
  readonly end: LocalDate;
  readonly dueAt: Date;
  /** In the policy's order. */
  readonly remindAt: readonly Date[];
  /** When the week is over: midnight after `end`. */
  readonly closesAt: Date;
}

/** The first day of the week `date` falls in. */
export function weekStartOf(date: LocalDate, weekStarts: Weekday): LocalDate {
  const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday;
  return addDays(date, -((weekday - weekdayNumbers[weekStarts] + 7) % 7));
}

/** The instant of `weekday` at `time` within the week starting on `start`. */
function instantInWeek(start: LocalDate, weekStarts: Weekday, at: { weekday: Weekday; time: string }, timeZone: string): Date {
  const offset = (weekdayNumbers[at.weekday] - weekdayNumbers[weekStarts] + 7) % 7;
  const minutes = parseTimeOfDay(at.time) ?? 0;
  return DateTime.fromISO(addDays(start, offset), { zone: timeZone })
    .set({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
    .toJSDate();
}

export function reportWeekStarting(start: LocalDate, rules: ReportRules, timeZone: string): ReportWeek {
  const end = addDays(start, 6);
  return {
    start,
    end,
    dueAt: instantInWeek(start, rules.week_starts, rules.due, timeZone),
    remindAt: rules.reminders.map((r) => instantInWeek(start, rules.week_starts, r, timeZone)),
    closesAt: DateTime.fromISO(addDays(end, 1), { zone: timeZone }).toJSDate(),
  };
}

/** The week `now` falls in, in the team's time zone. */
export function reportWeekAt(now: Date, rules: ReportRules, timeZone: string): ReportWeek {
  return reportWeekStarting(weekStartOf(todayIn(now, timeZone), rules.week_starts), rules, timeZone);
}

export function isLate(submittedAt: Date, week: ReportWeek): boolean {
  return submittedAt.getTime() > week.dueAt.getTime();
}

/** Reports for the week are still taken (late after the deadline). */
export function isOpen(now: Date, week: ReportWeek): boolean {
  return now.getTime() < week.closesAt.getTime();
}

/**
 * The reminder to send at `now`, by its position in the policy: the latest one whose time has come
 * while the deadline has not. After downtime that skipped several, only the latest is sent.
 */
export function dueReminder(now: Date, week: ReportWeek): number | undefined {
  if (now.getTime() >= week.dueAt.getTime()) return undefined;
  let due: number | undefined;
  week.remindAt.forEach((at, i) => {
    if (at.getTime() <= now.getTime() && (due === undefined || at.getTime() >= (week.remindAt[due] as Date).getTime())) due = i;
  });
  return due;
}

/** The digest is due from the deadline until the week closes. */
export function digestDue(now: Date, week: ReportWeek): boolean {
  return now.getTime() >= week.dueAt.getTime() && now.getTime() < week.closesAt.getTime();
}
