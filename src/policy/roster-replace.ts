/**
 * What importing a roster file does to the roster: the file replaces the shifts of the people it names
 * from its first to its last date. Their scheduled shifts in that span that the file leaves out are
 * removed; shifts on leave or swapped are never removed (leaving them out is a problem, see roster-rows).
 */
import type { LocalDate } from './time.js';
import type { RosterStatus } from './roster-status.js';

/** A roster row already in the database. */
export interface ExistingShift {
  readonly id: number;
  readonly personId: string;
  readonly teamId: string;
  readonly date: LocalDate;
  readonly shiftCode: string;
  readonly status: RosterStatus;
}

export interface RosterShift {
  readonly personId: string;
  readonly date: LocalDate;
  readonly shiftCode: string;
}

export interface RosterScope {
  readonly people: ReadonlySet<string>;
  readonly from: LocalDate;
  readonly to: LocalDate;
}

export interface RosterPlan<Row extends RosterShift> {
  readonly add: Row[];
  readonly remove: ExistingShift[];
  readonly unchanged: number;
  /** In scope, left out of the file, but not scheduled: the import must not go ahead silently. */
  readonly wouldDrop: ExistingShift[];
}

export function shiftKey(shift: RosterShift): string {
  return `${shift.personId}|${shift.date}|${shift.shiftCode}`;
}

export function inScope(shift: RosterShift, scope: RosterScope): boolean {
  return scope.people.has(shift.personId) && shift.date >= scope.from && shift.date <= scope.to;
}

export function planRosterReplace<Row extends RosterShift>(
  rows: readonly Row[],
  existing: readonly ExistingShift[],
  scope: RosterScope,
): RosterPlan<Row> {
  const inFile = new Set(rows.map(shiftKey));
  const already = new Set(existing.map(shiftKey));
  const leftOut = existing.filter((shift) => inScope(shift, scope) && !inFile.has(shiftKey(shift)));
  const add = rows.filter((row) => !already.has(shiftKey(row)));
  return {
    add,
    remove: leftOut.filter((shift) => shift.status === 'scheduled'),
    unchanged: rows.length - add.length,
    wouldDrop: leftOut.filter((shift) => shift.status !== 'scheduled'),
  };
}
