/** Turning policy values into words, in the reader's language. */
import type { Translate } from '../i18n/t.js';
import { parseTimeOfDay, type Minutes } from '../policy/duration.js';
import type { Label, Locale, Role, Weekday } from '../policy/policy-file.js';

export function humanDuration(minutes: Minutes, t: Translate): string {
  if (minutes === 0) return t('duration.none');
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [
    days ? t(days === 1 ? 'duration.day' : 'duration.days', { count: days }) : '',
    hours ? t(hours === 1 ? 'duration.hour' : 'duration.hours', { count: hours }) : '',
    rest ? t(rest === 1 ? 'duration.minute' : 'duration.minutes', { count: rest }) : '',
  ];
  return parts.filter(Boolean).join(t('duration.join'));
}

export function roleName(role: Role, t: Translate): string {
  return t(`role.${role}`);
}

export function weekdayName(day: Weekday, t: Translate): string {
  return t(`weekday.${day}`);
}

export function labelIn(label: Label, locale: Locale): string {
  return label[locale];
}

export function joinList(items: readonly string[], t: Translate): string {
  return items.join(t('list.join'));
}

export function shiftTimes(shift: { readonly start: string; readonly end: string }, t: Translate): string {
  const crossesMidnight = (parseTimeOfDay(shift.end) ?? 0) <= (parseTimeOfDay(shift.start) ?? 0);
  return t(crossesMidnight ? 'shift.times_next_day' : 'shift.times', { start: shift.start, end: shift.end });
}
