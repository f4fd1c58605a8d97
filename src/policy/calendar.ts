/**
 * The team's leave calendar: which approved leave its feed shows, and each leave as one all-day event
 * over its days. Leave is taken in whole days here, so every event is all-day.
 */
import type { Rules } from './policy-file.js';
import { addDays, type LocalDate } from './time.js';

export interface CalendarWindow {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** Leave with a day in this window is in the feed: `days_back` days before today to `days_ahead` after it. */
export function calendarWindow(today: LocalDate, rules: Rules['calendar']): CalendarWindow {
  return { from: addDays(today, -rules.days_back), to: addDays(today, rules.days_ahead) };
}

export interface LeaveForCalendar {
  readonly requestId: number;
  readonly name: string;
  readonly firstDay: LocalDate;
  readonly lastDay: LocalDate;
  readonly approvedAt: Date;
}

export interface CalendarEvent {
  /** The same for a leave at every fetch, so calendar apps update the event instead of adding another. */
  readonly uid: string;
  readonly name: string;
  readonly start: LocalDate;
  /** The day after the last day of leave: an all-day event's end is exclusive (RFC 5545). */
  readonly endExclusive: LocalDate;
  readonly stamp: Date;
}

export function calendarEvents(leave: readonly LeaveForCalendar[]): CalendarEvent[] {
  return leave.map((l) => ({
    uid: `leave-${l.requestId}@shiftdesk`,
    name: l.name,
    start: l.firstDay,
    endExclusive: addDays(l.lastDay, 1),
    stamp: l.approvedAt,
  }));
}
