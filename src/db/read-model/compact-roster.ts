/**
 * A person's roster rows as numbers: three 32-bit integers a row (the row's id, its day as days since
 * 1970-01-01, and its shift, status and team as small codes) in one typed array per person, instead of
 * an object a row. A department's year of roster is millions of rows; held so it takes tens of
 * megabytes and no work from the garbage collector.
 */
import { AppError } from '../../errors.js';
import type { RosterStatus } from '../../policy/roster-status.js';
import { addDays, daysBetween, type LocalDate } from '../../policy/time.js';
import type { PersonRosterRow } from '../queries/leave-facts.js';

/** Strings a roster repeats (shift codes, statuses, team ids) as small numbers, each once for the process. */
class Codes {
  private readonly numbers = new Map<string, number>();
  private readonly texts: string[] = [];
  constructor(private readonly limit: number) {}

  of(text: string): number {
    const known = this.numbers.get(text);
    if (known !== undefined) return known;
    const n = this.texts.length;
    // codes the policy and the org define: a few dozen; more is a roster this layout was not made for
    if (n >= this.limit)
      throw new AppError('read_model.too_many_values', `more than ${this.limit} distinct roster values`, { limit: this.limit });
    this.numbers.set(text, n);
    this.texts.push(text);
    return n;
  }

  /** The code of `text` when one was ever given, else undefined. */
  find(text: string): number | undefined {
    return this.numbers.get(text);
  }

  text(n: number): string {
    return this.texts[n] as string;
  }
}

const shiftBits = 12;
const statusBits = 4;
/** Shift codes are numbered below this. */
export const shiftCodeLimit = 1 << shiftBits;
const shiftCodes = new Codes(shiftCodeLimit);
const statuses = new Codes(1 << statusBits);
const teams = new Codes(1 << (32 - shiftBits - statusBits - 1));

/** Three numbers a row: id, day, packed codes. */
const stride = 3;

const epoch = '1970-01-01' as LocalDate;
/** Days since 1970-01-01. */
export const dayNumber = (date: LocalDate): number => daysBetween(epoch, date);

const dates = new Map<number, LocalDate>();
/** The day of a day number, one string per day for the process (a roster spans a few hundred). */
export function dateOfDay(day: number): LocalDate {
  const known = dates.get(day);
  if (known !== undefined) return known;
  if (dates.size >= 10_000) dates.clear();
  const date = addDays(epoch, day);
  dates.set(day, date);
  return date;
}

export const teamCode = (teamId: string): number | undefined => teams.find(teamId);
export const teamOfCode = (code: number): string => teams.text(code);
export const shiftOfCode = (code: number): string => shiftCodes.text(code);
const scheduledCode = statuses.of('scheduled');
const onLeaveCode = statuses.of('on_leave');

/** One person's roster rows in day and shift order. */
export class PersonRoster {
  static readonly empty = new PersonRoster(new Int32Array(0));

  private constructor(private readonly cells: Int32Array) {}

  get length(): number {
    return this.cells.length / stride;
  }

  /** Rows of `<id>,<day number>,<shift>,<status>,<team>` each, in day and shift order, as the roster query joins them. */
  static parse(fields: readonly string[]): PersonRoster {
    const rows = fields.length / 5;
    const cells = new Int32Array(rows * stride);
    for (let r = 0; r < rows; r++) {
      const f = r * 5;
      cells[r * stride] = Number(fields[f]);
      cells[r * stride + 1] = Number(fields[f + 1]);
      cells[r * stride + 2] = pack(
        shiftCodes.of(fields[f + 2] as string),
        statuses.of(fields[f + 3] as string),
        teams.of(fields[f + 4] as string),
      );
    }
    return new PersonRoster(cells);
  }

  id(i: number): number {
    return this.cells[i * stride] as number;
  }
  day(i: number): number {
    return this.cells[i * stride + 1] as number;
  }
  shift(i: number): number {
    return (this.cells[i * stride + 2] as number) & ((1 << shiftBits) - 1);
  }
  status(i: number): number {
    return ((this.cells[i * stride + 2] as number) >>> shiftBits) & ((1 << statusBits) - 1);
  }
  team(i: number): number {
    return (this.cells[i * stride + 2] as number) >>> (shiftBits + statusBits);
  }
  isScheduled(i: number): boolean {
    return this.status(i) === scheduledCode;
  }
  isOnLeave(i: number): boolean {
    return this.status(i) === onLeaveCode;
  }

  /** The index of the first row on or after `day`. */
  firstOnOrAfter(day: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.day(mid) < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The rows of [from, to] as the database reads them for one person. */
  rowsBetween(from: LocalDate, to: LocalDate): PersonRosterRow[] {
    const last = dayNumber(to);
    const rows: PersonRosterRow[] = [];
    for (let i = this.firstOnOrAfter(dayNumber(from)); i < this.length && this.day(i) <= last; i++) {
      rows.push({
        id: this.id(i),
        date: dateOfDay(this.day(i)),
        shiftCode: shiftCodes.text(this.shift(i)),
        status: statuses.text(this.status(i)) as RosterStatus,
      });
    }
    return rows;
  }

  /** The rows of [from, to] only (shared cells when nothing is dropped). */
  within(from: LocalDate, to: LocalDate): PersonRoster {
    const first = this.firstOnOrAfter(dayNumber(from));
    const end = this.firstOnOrAfter(dayNumber(to) + 1);
    if (first === 0 && end === this.length) return this;
    return new PersonRoster(this.cells.slice(first * stride, end * stride));
  }
}

function pack(shift: number, status: number, team: number): number {
  return shift | (status << shiftBits) | (team << (shiftBits + statusBits));
}
