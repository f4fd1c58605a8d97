import { describe, expect, it } from 'vitest';
import { calendarEvents, calendarWindow } from '../../src/policy/calendar.js';
import type { LocalDate } from '../../src/policy/time.js';

const day = (text: string) => text as LocalDate;

describe('calendarWindow', () => {
  it('runs from calendar.days_back days before today to calendar.days_ahead days after it', () => {
    expect(calendarWindow(day('2026-12-01'), { days_back: 31, days_ahead: 400, refresh_every: 60 })).toEqual({
      from: '2026-10-31',
      to: '2028-01-05',
    });
    expect(calendarWindow(day('2026-03-01'), { days_back: 1, days_ahead: 1, refresh_every: 60 })).toEqual({
      from: '2026-02-28',
      to: '2026-03-02',
    });
    expect(calendarWindow(day('2026-12-01'), { days_back: 0, days_ahead: 7, refresh_every: 60 }).from).toBe('2026-12-01');
  });
});

describe('calendarEvents', () => {
  const approvedAt = new Date('2026-11-20T03:00:00Z');

  it('makes one event per leave, ending the day after its last day, with a UID of the leave alone', () => {
    expect(
      calendarEvents([
        { requestId: 7, name: '王芳', firstDay: day('2026-12-30'), lastDay: day('2027-01-02'), approvedAt },
        { requestId: 8, name: 'Amy', firstDay: day('2026-12-03'), lastDay: day('2026-12-03'), approvedAt },
      ]),
    ).toEqual([
      { uid: 'leave-7@shiftdesk', name: '王芳', start: '2026-12-30', endExclusive: '2027-01-03', stamp: approvedAt },
      { uid: 'leave-8@shiftdesk', name: 'Amy', start: '2026-12-03', endExclusive: '2026-12-04', stamp: approvedAt },
    ]);
  });
});
