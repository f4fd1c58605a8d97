import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarIcs } from '../../src/http/calendar-ics.js';
import type { TeamDefinition } from '../../src/policy/policy-file.js';
import type { LocalDate } from '../../src/policy/time.js';
import { shippedPolicy } from '../harness/test-app.js';

const phone = shippedPolicy().teams.phone as TeamDefinition;
const inZone = (timezone: string, locale: TeamDefinition['locale'] = 'en'): TeamDefinition => ({ ...phone, timezone, locale });
const event = {
  uid: 'leave-3@shiftdesk',
  name: 'Amy; "the, second"\nline',
  start: '2026-12-31' as LocalDate,
  endExclusive: '2027-01-02' as LocalDate,
  stamp: new Date('2026-12-01T02:00:00Z'),
};

function parsed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    calendar,
    events: calendar.getAllSubcomponents('vevent').map((c) => {
      const e = new ICAL.Event(c);
      return { uid: e.uid, summary: e.summary, start: e.startDate.toString(), end: e.endDate.toString(), allDay: e.startDate.isDate };
    }),
  };
}

describe('the leave calendar as iCalendar', () => {
  it.each(['Pacific/Honolulu', 'Asia/Shanghai', 'Pacific/Kiritimati', 'UTC'])('keeps the days of leave as they are in %s', (zone) => {
    const { events } = parsed(calendarIcs({ team: inZone(zone), events: [event], refreshEvery: 60 }));
    expect(events).toEqual([
      { uid: 'leave-3@shiftdesk', summary: 'Amy; "the, second"\nline — absent', start: '2026-12-31', end: '2027-01-02', allDay: true },
    ]);
  });

  it('names the calendar in the team language and asks to be fetched again every calendar.refresh_every', () => {
    const zh = parsed(calendarIcs({ team: inZone('Asia/Shanghai', 'zh-CN'), events: [event], refreshEvery: 90 }));
    expect(zh.calendar.getFirstPropertyValue('x-wr-calname')).toBe('电话团队缺勤日历');
    expect(zh.events[0]?.summary).toBe('Amy; "the, second"\nline — 缺勤');
    expect(String(zh.calendar.getFirstPropertyValue('refresh-interval'))).toBe('PT1H30M');
    expect(zh.calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const en = parsed(calendarIcs({ team: inZone('Asia/Shanghai', 'en'), events: [], refreshEvery: 60 }));
    expect(en.calendar.getFirstPropertyValue('x-wr-calname')).toBe('Phone team: who is absent');
    expect(en.events).toEqual([]);
  });

  it('marks the absence as free time for whoever subscribes', () => {
    const text = calendarIcs({ team: inZone('Asia/Shanghai'), events: [event], refreshEvery: 60 });
    const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent');
    expect(vevent?.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
  });
});
