/** Turning policy values into words, in the reader's language. */
import { DateTime } from 'luxon';
import type { Translate } from '../i18n/t.js';
import { durationParts, parseTimeOfDay, type Minutes } from '../policy/duration.js';
import type { Label, Locale, Policy, Role, Weekday } from '../policy/policy-file.js';
import type { LocalDate } from '../policy/time.js';

/** A length of time: 90 → "1 hour 30 minutes", 0 → "0 minutes". */
export function humanDuration(minutes: Minutes, t: Translate): string {
  if (minutes === 0) return t('duration.minutes', { count: 0 });
  const { days, hours, minutes: rest } = durationParts(minutes);
  const parts = [
    days ? t(days === 1 ? 'duration.day' : 'duration.days', { count: days }) : '',
    hours ? t(hours === 1 ? 'duration.hour' : 'duration.hours', { count: hours }) : '',
    rest ? t(rest === 1 ? 'duration.minute' : 'duration.minutes', { count: rest }) : '',
  ];
  return parts.filter(Boolean).join(t('duration.join'));
}

/** A notice period a rule asks for, where none at all reads "no notice". */
export function noticeDuration(minutes: Minutes, t: Translate): string {
  return minutes === 0 ? t('duration.none') : humanDuration(minutes, t);
}

export function roleName(role: Role, t: Translate): string {
  return t(`role.${role}`);
}

/**
 * The roles the approval steps one person holds are shown with: the steps' own; or, when the steps
 * passed up or over to them (an escalation, an approver away) and none is a step of their own role,
 * the role of the person they wait for now.
 */
export function stepRolesName(
  steps: readonly { readonly role: Role; readonly escalatedAt: Date | null; readonly skipped: readonly string[] }[],
  approver: { readonly role: Role } | undefined,
  t: Translate,
): string {
  const own = steps.map((s) => s.role);
  const passedOn = steps.some((s) => s.escalatedAt !== null || s.skipped.length > 0);
  const shown = passedOn && approver && !own.includes(approver.role) ? [approver.role] : own;
  return shown.map((role) => roleName(role, t)).join('/');
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

/** Day texts by locale and day: the same few weeks of days are named in message after message. */
const dayTexts = new Map<string, string>();
const dayTextsKept = 10_000;

/** A roster day: "Tue 1 Dec" / "12月1日 周二". */
export function dayText(date: LocalDate | string, locale: Locale): string {
  const key = `${locale}|${date}`;
  let text = dayTexts.get(key);
  if (text === undefined) {
    text = DateTime.fromISO(date)
      .setLocale(locale)
      .toFormat(locale === 'en' ? 'ccc d LLL' : 'M月d日 ccc');
    if (dayTexts.size >= dayTextsKept) dayTexts.clear();
    dayTexts.set(key, text);
  }
  return text;
}

/** A month `YYYY-MM`: "December 2026" / "2026年12月". */
export function monthText(month: string, locale: Locale): string {
  return DateTime.fromISO(`${month}-01`)
    .setLocale(locale)
    .toFormat(locale === 'en' ? 'LLLL yyyy' : 'yyyy年M月');
}

/** Instant texts by locale, zone and instant: an inbox names the same deadlines at every redraw. */
const instantTexts = new Map<string, string>();
const instantTextsKept = 10_000;

/** An instant in a team's time zone: "Tue 1 Dec 10:00" / "12月1日 周二 10:00". */
export function instantText(at: Date, timeZone: string, locale: Locale): string {
  const key = `${locale}|${timeZone}|${at.getTime()}`;
  let text = instantTexts.get(key);
  if (text === undefined) {
    text = DateTime.fromJSDate(at, { zone: timeZone })
      .setLocale(locale)
      .toFormat(locale === 'en' ? 'ccc d LLL HH:mm' : 'M月d日 ccc HH:mm');
    if (instantTexts.size >= instantTextsKept) instantTexts.clear();
    instantTexts.set(key, text);
  }
  return text;
}

/** A rostered shift: "Tue 1 Dec Early" / "12月1日 周二 早班". */
export function shiftText(
  shift: { readonly date: string; readonly shiftCode: string },
  locale: Locale,
  policy: Pick<Policy, 'shifts'>,
): string {
  const definition = policy.shifts[shift.shiftCode];
  return `${dayText(shift.date, locale)} ${definition ? labelIn(definition.label, locale) : shift.shiftCode}`;
}
