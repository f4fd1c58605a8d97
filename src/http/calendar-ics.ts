import ical, { ICalCalendarMethod, ICalEventBusyStatus, ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import { t } from '../i18n/t.js';
import type { TeamCalendar } from '../use-cases/calendar.js';

/** The calendar's name goes out as written (the library escapes events' texts, not this one). */
const icsText = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, ' ');

/**
 * The feed as an iCalendar file in the team's language (the one of its channel posts): each leave an
 * all-day event "Name — absent" over its days, free time for whoever subscribes, nothing else about it.
 */
export function calendarIcs({ team, events, refreshEvery }: TeamCalendar): string {
  const locale = team.locale;
  const calendar = ical({
    prodId: { company: 'shiftdesk', product: 'leave calendar', language: locale === 'zh-CN' ? 'ZH' : 'EN' },
    name: icsText(t(locale, 'calendar.name', { team: team.label[locale] })),
    method: ICalCalendarMethod.PUBLISH,
    ttl: refreshEvery * 60,
    x: [['X-WR-TIMEZONE', team.timezone]],
  });
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      allDay: true,
      // midnight in the team's zone: the library writes the day as it is there
      start: DateTime.fromISO(event.start, { zone: team.timezone }),
      end: DateTime.fromISO(event.endExclusive, { zone: team.timezone }),
      stamp: event.stamp,
      summary: t(locale, 'calendar.event_title', { name: event.name }),
      transparency: ICalEventTransparency.TRANSPARENT,
      busystatus: ICalEventBusyStatus.FREE,
    });
  }
  return calendar.toString();
}
