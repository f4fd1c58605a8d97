import type { CompTimeCredit } from '../../policy/balances.js';
import type { LocalDate } from '../../policy/time.js';
import type { LeaveFacts, LeaveFactsQuery } from '../queries/leave-facts.js';
import type { Person } from '../schema.js';
import type { PersonRoster } from './compact-roster.js';

/** What the model holds of the database: roster rows of these days, leave from a day on, and comp-time leave of any date. */
export interface FactsWindow {
  /** Roster rows whose day is on or after this one… */
  readonly rosterFrom: LocalDate;
  /** …and on or before this one: farther ahead, the database is asked. */
  readonly rosterTo: LocalDate;
  /** Leave requests (any status) whose last day is on or after this one. */
  readonly leaveFrom: LocalDate;
  /** Held leave of these types is kept whatever its dates, since comp-time balances count all of it. */
  readonly compTimeTypes: readonly string[];
}

export interface LeaveRow {
  readonly id: number;
  readonly submissionKey: string;
  readonly type: string;
  readonly status: string;
  readonly firstDay: LocalDate;
  readonly lastDay: LocalDate;
  readonly leaveDays: number;
  readonly hours: number;
  /** One entry per covered shift. */
  readonly coveredDays: readonly LocalDate[];
}

/** A voluntary swap the person asked for that still counts (approved, or waiting for the colleague or the lead). */
export interface SwapAsked {
  readonly id: number;
  readonly giveDate: LocalDate;
  readonly approved: boolean;
}

/** A shift of the person that a pending swap holds. */
export interface SwapHold {
  readonly date: LocalDate;
  readonly shiftCode: string;
  readonly swapId: number;
}

/** One person's rows within a window. */
export interface PersonFacts {
  readonly person: Person;
  /** In day and shift order, each row with the team whose roster it is on (the coverage of a team reads it). */
  readonly roster: PersonRoster;
  /** In id order. */
  readonly leave: readonly LeaveRow[];
  readonly credits: readonly CompTimeCredit[];
  /** Whose shift was given on or after the window's `leaveFrom`, in id order. */
  readonly swapsAsked: readonly SwapAsked[];
  /** Every hold, whatever its day: a pending swap holds its shifts until it is decided. */
  readonly holds: readonly SwapHold[];
}

const holds = (row: LeaveRow) => row.status === 'pending' || row.status === 'approved';

/** Whether the window holds every row `q` asks about. */
export function windowCovers(window: FactsWindow, q: LeaveFactsQuery): boolean {
  return q.roster.to <= window.rosterTo && windowCoversAllButRosterAhead(window, q);
}

/** Whether the window holds every row `q` asks about but roster rows after its last day. */
export function windowCoversAllButRosterAhead(window: FactsWindow, q: LeaveFactsQuery): boolean {
  return (
    q.roster.from >= window.rosterFrom &&
    q.held.from >= window.leaveFrom &&
    (q.compTimeTypes ?? []).every((type) => window.compTimeTypes.includes(type))
  );
}

/** The same facts `readLeaveFacts` reads from the database, picked from the person's rows. */
export function leaveFactsOf(facts: PersonFacts, q: LeaveFactsQuery): LeaveFacts {
  const held = facts.leave.filter((l) => holds(l) && l.firstDay <= q.held.to && l.lastDay >= q.held.from);
  const compTypes = q.compTimeTypes;
  return {
    roster: facts.roster.rowsBetween(q.roster.from, q.roster.to),
    held: {
      periods: held.map((l) => ({ firstDay: l.firstDay, lastDay: l.lastDay, type: l.type, leaveDays: l.leaveDays })),
      days: held.flatMap((l) => l.coveredDays.map((date) => ({ date, type: l.type }))),
    },
    credits: compTypes ? facts.credits : [],
    spends: compTypes
      ? facts.leave.filter((l) => holds(l) && compTypes.includes(l.type)).map((l) => ({ on: l.firstDay, hours: l.hours }))
      : [],
  };
}

/** The person's rows that a later window still holds. */
export function trimToWindow(facts: PersonFacts, window: FactsWindow): PersonFacts {
  return {
    ...facts,
    roster: facts.roster.within(window.rosterFrom, window.rosterTo),
    leave: facts.leave.filter((l) => l.lastDay >= window.leaveFrom || (holds(l) && window.compTimeTypes.includes(l.type))),
    swapsAsked: facts.swapsAsked.filter((s) => s.giveDate >= window.leaveFrom),
  };
}
