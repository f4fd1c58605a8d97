import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDuration, parseDuration } from '../../src/policy/duration.js';
import { addDays, daysBetween, overlaps, shiftInterval, toLocalDate, todayIn, type LocalDate } from '../../src/policy/time.js';

const day = (text: string) => toLocalDate(text) as LocalDate;

describe('durations', () => {
  it.each([
    ['15m', 15],
    ['1h', 60],
    ['24h', 1440],
    ['1d', 1440],
    ['10d', 14400],
    ['1d12h', 2160],
    ['0h', 0],
  ])('%s is %i minutes', (text, minutes) => expect(parseDuration(text)).toBe(minutes));

  it.each(['', 'soon', '1 day', '1w', '-1h', 'h'])('refuses %j', (text) => expect(parseDuration(text)).toBeUndefined());

  it('round-trips through its shortest form', () => {
    fc.assert(fc.property(fc.nat(100_000), (m) => parseDuration(formatDuration(m)) === m));
  });
});

describe('calendar days', () => {
  it('accepts only real dates', () => {
    expect(toLocalDate('2026-02-28')).toBe('2026-02-28');
    expect(toLocalDate('2026-02-29')).toBeUndefined();
    expect(toLocalDate('2026-13-01')).toBeUndefined();
    expect(toLocalDate('26-1-1')).toBeUndefined();
  });

  it('takes "today" in the team time zone, not the server one', () => {
    // 2026-11-30 17:00 UTC is already Tuesday 1 December in Shanghai, still Monday in New York.
    const instant = new Date('2026-11-30T17:00:00Z');
    expect(todayIn(instant, 'Asia/Shanghai')).toBe('2026-12-01');
    expect(todayIn(instant, 'America/New_York')).toBe('2026-11-30');
  });

  it('adds days across month and year ends', () => {
    expect(addDays(day('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(day('2026-03-01'), -1)).toBe('2026-02-28');
    expect(daysBetween(day('2026-12-30'), day('2027-01-02'))).toBe(3);
  });
});

describe('shift intervals', () => {
  it('ends a shift on the next day when it ends at or before its start', () => {
    const night = shiftInterval(day('2026-12-31'), { start: '20:30', end: '08:30' }, 'Asia/Shanghai');
    expect(night.start.toISOString()).toBe('2026-12-31T12:30:00.000Z');
    expect(night.end.toISOString()).toBe('2027-01-01T00:30:00.000Z');
    const full = shiftInterval(day('2026-12-01'), { start: '08:00', end: '08:00' }, 'Asia/Shanghai');
    expect(full.end.getTime() - full.start.getTime()).toBe(24 * 3600 * 1000);
  });

  it('keeps wall-clock times across a daylight-saving change', () => {
    // New York springs forward on 2026-03-08: the night shift is one hour shorter.
    const night = shiftInterval(day('2026-03-07'), { start: '20:30', end: '08:30' }, 'America/New_York');
    expect((night.end.getTime() - night.start.getTime()) / 3600_000).toBe(11);
  });

  it('treats back-to-back shifts as not overlapping', () => {
    const r = shiftInterval(day('2026-12-01'), { start: '08:30', end: '20:30' }, 'Asia/Shanghai');
    const w = shiftInterval(day('2026-12-01'), { start: '20:30', end: '08:30' }, 'Asia/Shanghai');
    const lateThenEarly = [shiftInterval(day('2026-12-01'), { start: '16:00', end: '01:00' }, 'Asia/Shanghai'), shiftInterval(day('2026-12-02'), { start: '00:30', end: '09:00' }, 'Asia/Shanghai')] as const;
    expect(overlaps(r, w)).toBe(false);
    expect(overlaps(...lateThenEarly)).toBe(true);
  });
});
