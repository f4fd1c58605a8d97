import type { CompTimeCredit, CompTimeSpend, HeldDay } from '../../policy/balances.js';
import type { RosterStatus } from '../../policy/roster-status.js';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import { heldLeaveOf, listCompTimeCredits, listCompTimeSpends, type HeldLeave } from './leave.js';
import { listShiftsOfPerson } from './roster.js';

export interface DayRange {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** What a leave request of one person is checked against. */
export interface LeaveFactsQuery {
  readonly personId: string;
  /** Roster rows whose start day lies in this range. */
  readonly roster: DayRange;
  /** Pending and approved leave that touches this range. */
  readonly held: DayRange;
  /** The leave types that spend comp time, when the balance is needed; otherwise no credits or spends are read. */
  readonly compTimeTypes?: readonly string[];
}

export interface PersonRosterRow {
  readonly id: number;
  readonly date: LocalDate;
  readonly shiftCode: string;
  readonly status: RosterStatus;
}

export interface LeaveFacts {
  /** In day and shift order. */
  readonly roster: readonly PersonRosterRow[];
  readonly held: { readonly periods: readonly HeldLeave[]; readonly days: readonly HeldDay[] };
  readonly credits: readonly CompTimeCredit[];
  /** Held comp-time leave of any date, as spends on its first day. */
  readonly spends: readonly CompTimeSpend[];
}

/** The facts read from the database (inside a transaction when given one). */
export async function readLeaveFacts(db: DbOrTx, q: LeaveFactsQuery): Promise<LeaveFacts> {
  const [roster, held, credits, spends] = await Promise.all([
    listShiftsOfPerson(db, { personId: q.personId, ...q.roster }),
    heldLeaveOf(db, { personId: q.personId, ...q.held }),
    q.compTimeTypes ? listCompTimeCredits(db, q.personId) : [],
    q.compTimeTypes ? listCompTimeSpends(db, q.personId, q.compTimeTypes) : [],
  ]);
  return { roster, held, credits, spends };
}
