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

/** The people rostered on one shift (someone is, whatever their row's state): who is still scheduled, and who is off it on leave. */
export interface ShiftRoster {
  readonly scheduled: ReadonlySet<string>;
  /** In the order they are shown. */
  readonly onLeave: readonly { readonly personId: string; readonly name: string }[];
}

/** A team's roster by `date|shift`: only shifts with someone rostered. */
export type CoverageRoster = ReadonlyMap<string, ShiftRoster>;

const slotKey = (date: string, code: string) => `${date}|${code}`;

/** Roster rows (in the order those on leave are shown) grouped by shift. */
export function groupCoverageRoster(rows: readonly CoverageRosterRow[]): CoverageRoster {
  const by = new Map<string, { scheduled: Set<string>; onLeave: { personId: string; name: string }[] }>();
  for (const row of rows) {
    const k = slotKey(row.date, row.shiftCode);
    const slot = by.get(k) ?? { scheduled: new Set<string>(), onLeave: [] };
    by.set(k, slot);
    if (row.status === 'scheduled') slot.scheduled.add(row.personId);
    else if (row.status === 'on_leave') slot.onLeave.push({ personId: row.personId, name: row.name });
  }
  return by;
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
  /** The roster from the day before `firstDay` to the last day. */
  readonly roster: CoverageRoster;
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
  const leave = new Map<string, CoverageLeaveRow[]>();
  for (const row of input.leave) {
    const k = slotKey(row.date, row.shiftCode);
    const list = leave.get(k);
    if (list) list.push(row);
    else leave.set(k, [row]);
  }
  const out: ShiftCoverage[] = [];
  for (let i = -1; i < input.days; i += 1) {
    const date = addDays(input.firstDay, i);
    for (const shift of input.shifts) {
      if (shiftInterval(date, shift, input.timeZone).end.getTime() <= input.now.getTime()) continue;
      const rostered = input.roster.get(slotKey(date, shift.code));
      const leaveRows = leave.get(slotKey(date, shift.code)) ?? [];
      const minimum = input.minimums[shift.code] ?? 0;
      if (rostered === undefined && leaveRows.length === 0 && minimum === 0) continue;
      const scheduledIds = rostered?.scheduled ?? new Set<string>();
      const approved = new Map(leaveRows.filter((l) => l.status === 'approved').map((l) => [l.personId, l.requestId]));
      const absent = (rostered?.onLeave ?? []).map((r) => ({ personId: r.personId, name: r.name, requestId: approved.get(r.personId) }));
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
