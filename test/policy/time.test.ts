import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDuration, parseDuration } from '../../src/policy/duration.js';
import { DateTime } from 'luxon';
import { addDays, daysBetween, monthOf, overlaps, shiftInterval, toLocalDate, todayIn, type LocalDate } from '../../src/policy/time.js';

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

  it('agrees with luxon on every calendar sum, difference and month from 1970 to 2199 (property)', () => {
    const anyDay = fc
      .integer({ min: 0, max: 83_000 })
      .map((n) => DateTime.fromObject({ year: 1970 }, { zone: 'UTC' }).plus({ days: n }).toISODate() as LocalDate);
    fc.assert(
      fc.property(anyDay, anyDay, fc.integer({ min: -800, max: 800 }), (a, b, n) => {
        const luxonDay = DateTime.fromISO(a, { zone: 'UTC' });
        expect(addDays(a, n)).toBe(luxonDay.plus({ days: n }).toISODate());
        expect(daysBetween(a, b)).toBe(Math.round(DateTime.fromISO(b, { zone: 'UTC' }).diff(luxonDay, 'days').days));
        expect(monthOf(a)).toEqual({ first: luxonDay.startOf('month').toISODate(), last: luxonDay.endOf('month').toISODate() });
      }),
      { seed: 20261130 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 2199 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(toLocalDate(text)).toBe(DateTime.fromISO(text, { zone: 'UTC' }).isValid ? text : undefined);
      }),
      { seed: 20261130 },
    );
  });

  it('takes the same "today" as luxon at any instant, in any order of calls, across daylight-saving changes (property)', () => {
    const zones = [
      'Asia/Shanghai',
      'America/New_York',
      'Europe/London',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
    ];
    const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.constantFrom(...zones)), { minLength: 1, maxLength: 30 }), (calls) => {
        for (const [at, zone] of calls) expect(todayIn(at, zone)).toBe(DateTime.fromJSDate(at, { zone }).toISODate());
      }),
      { seed: 20261130 },
    );
  });

  it('takes "today" right in the hour after a midnight skipped for daylight saving', () => {
    const zones = [
      'America/Santiago',
      'America/Havana',
      'Atlantic/Azores',
      'Asia/Beirut',
      'America/Asuncion',
      'Asia/Tehran',
      'Africa/Cairo',
      'America/Sao_Paulo',
    ];
    for (const zone of zones) {
      // every 15 minutes of two years, in order, so the remembered days are what each answer starts from
      for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2028, 0, 1); at += 15 * 60_000) {
        const expected = DateTime.fromMillis(at, { zone }).toISODate();
        if (todayIn(new Date(at), zone) !== expected)
          expect(`${zone} ${new Date(at).toISOString()} ${todayIn(new Date(at), zone)}`).toBe(expected);
      }
    }
  });

  it('keeps years before 100 as they are', () => {
    expect(toLocalDate('0026-02-28')).toBe('0026-02-28');
    expect(addDays(day('0026-02-28'), 1)).toBe('0026-03-01');
    expect(monthOf(day('0099-12-05'))).toEqual({ first: '0099-12-01', last: '0099-12-31' });
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
    // asked again, it is the same interval, and a caller changing the one it got changes nothing kept
    night.start.setTime(0);
    expect(shiftInterval(day('2026-03-07'), { start: '20:30', end: '08:30' }, 'America/New_York').start.toISOString()).toBe(
      '2026-03-08T01:30:00.000Z',
    );
  });

  it('treats back-to-back shifts as not overlapping', () => {
    const r = shiftInterval(day('2026-12-01'), { start: '08:30', end: '20:30' }, 'Asia/Shanghai');
    const w = shiftInterval(day('2026-12-01'), { start: '20:30', end: '08:30' }, 'Asia/Shanghai');
    const lateThenEarly = [
      shiftInterval(day('2026-12-01'), { start: '16:00', end: '01:00' }, 'Asia/Shanghai'),
      shiftInterval(day('2026-12-02'), { start: '00:30', end: '09:00' }, 'Asia/Shanghai'),
    ] as const;
    expect(overlaps(r, w)).toBe(false);
    expect(overlaps(...lateThenEarly)).toBe(true);
  });
});
