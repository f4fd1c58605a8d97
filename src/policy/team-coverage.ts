/**
 * A team's coverage over some days (POLICY §1): every shift against its minimum, who is off it, and
 * the pending leave that, approved, would drop it below. A shift belongs to the day it starts; a night
 * shift that started yesterday and is still running counts as one of today's.
 */
import { belowMinimum, staffingAfter } from './coverage.js';
import type { RosterStatus } from './roster-status.js';
import { addDays, shiftInterval, type LocalDate } from './time.js';

export interface CoverageRosterRow {
  readonly personId: string;
  readonly name: string;
  readonly date: LocalDate;
  readonly shiftCode: string;
  readonly status: RosterStatus;
}

export interface CoverageLeaveRow {
  readonly requestId: number;
  readonly personId: string;
  readonly name: string;
  readonly status: 'pending' | 'approved';
  readonly date: LocalDate;
  readonly shiftCode: string;
}

/** Someone off a shift. `requestId` is their approved leave, when the roster row came from one. */
export interface Absence {
  readonly personId: string;
  readonly name: string;
  readonly requestId: number | undefined;
}

/** A pending request that, approved, would leave `left` people on a shift whose minimum is higher. */
export interface PendingDrop {
  readonly requestId: number;
  readonly personId: string;
  readonly name: string;
  readonly left: number;
}

export interface ShiftCoverage {
  readonly date: LocalDate;
  readonly shiftCode: string;
  /** People scheduled on it now. */
  readonly scheduled: number;
  readonly minimum: number;
  readonly belowMinimum: boolean;
  readonly absent: readonly Absence[];
  readonly pendingDrops: readonly PendingDrop[];
}

export interface CoverageInput {
  readonly now: Date;
  readonly timeZone: string;
  readonly firstDay: LocalDate;
  readonly days: number;
  /** The team's shifts, in the policy's order. */
  readonly shifts: readonly { readonly code: string; readonly start: string; readonly end: string }[];
  readonly minimums: Readonly<Record<string, number>>;
  /** Roster rows from the day before `firstDay` to the last day. */
  readonly roster: readonly CoverageRosterRow[];
  /** Pending and approved leave on those shifts. */
  readonly leave: readonly CoverageLeaveRow[];
}

/** The day before the first: where a night shift still running on the first day starts. */
export const coverageRosterFrom = (firstDay: LocalDate): LocalDate => addDays(firstDay, -1);

/**
 * Each shift of the days that has not ended by `now`, in day and policy order: the shifts with someone
 * rostered, off or pending on them, or a minimum to meet.
 */
export function teamCoverage(input: CoverageInput): ShiftCoverage[] {
  const key = (date: string, code: string) => `${date}|${code}`;
  const group = <T extends { date: string; shiftCode: string }>(rows: readonly T[]) => {
    const by = new Map<string, T[]>();
    for (const row of rows) {
      const k = key(row.date, row.shiftCode);
      const list = by.get(k);
      if (list) list.push(row);
      else by.set(k, [row]);
    }
    return by;
  };
  const roster = group(input.roster);
  const leave = group(input.leave);
  const out: ShiftCoverage[] = [];
  for (let i = -1; i < input.days; i += 1) {
    const date = addDays(input.firstDay, i);
    for (const shift of input.shifts) {
      if (shiftInterval(date, shift, input.timeZone).end.getTime() <= input.now.getTime()) continue;
      const rows = roster.get(key(date, shift.code)) ?? [];
      const leaveRows = leave.get(key(date, shift.code)) ?? [];
      const minimum = input.minimums[shift.code] ?? 0;
      if (rows.length === 0 && leaveRows.length === 0 && minimum === 0) continue;
      const scheduledIds = new Set(rows.filter((r) => r.status === 'scheduled').map((r) => r.personId));
      const approved = new Map(leaveRows.filter((l) => l.status === 'approved').map((l) => [l.personId, l.requestId]));
      const absent = rows
        .filter((r) => r.status === 'on_leave')
        .map((r) => ({ personId: r.personId, name: r.name, requestId: approved.get(r.personId) }));
      const [after] = staffingAfter([{ date, shiftCode: shift.code }], () => scheduledIds.size, input.minimums);
      const wouldDrop = after !== undefined && belowMinimum([after]).length > 0;
      const pendingDrops = wouldDrop
        ? leaveRows
            .filter((l) => l.status === 'pending' && scheduledIds.has(l.personId))
            .map((l) => ({ requestId: l.requestId, personId: l.personId, name: l.name, left: after.left }))
        : [];
      out.push({
        date,
        shiftCode: shift.code,
        scheduled: scheduledIds.size,
        minimum,
        belowMinimum: scheduledIds.size < minimum,
        absent,
        pendingDrops,
      });
    }
  }
  return out;
}
