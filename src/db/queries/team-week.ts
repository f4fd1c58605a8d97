import { aliasedTable, and, asc, eq, gt, gte, inArray, lte, or } from 'drizzle-orm';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import { approvedLeaveTouching } from './leave.js';
import { handoverEvents, handoverMisses, handoverMissedShifts, handovers, leaveRequests, people, swapRequests } from '../schema.js';
import type { WeekRange } from './report.js';

export interface WeekLeaveRow {
  readonly requestId: number;
  readonly personId: string;
  readonly name: string;
  readonly type: string;
  readonly firstDay: LocalDate;
  readonly lastDay: LocalDate;
}

/** A team's approved leave that touches the week, by first day. */
export async function approvedLeaveInWeek(db: DbOrTx, p: { teamId: string; week: WeekRange }): Promise<WeekLeaveRow[]> {
  const rows = await db
    .select({
      requestId: leaveRequests.id,
      personId: leaveRequests.personId,
      name: people.name,
      type: leaveRequests.type,
      firstDay: leaveRequests.firstDay,
      lastDay: leaveRequests.lastDay,
    })
    .from(leaveRequests)
    .innerJoin(people, eq(people.slackId, leaveRequests.personId))
    .where(and(eq(leaveRequests.teamId, p.teamId), approvedLeaveTouching(p.week.start, p.week.end)))
    .orderBy(asc(leaveRequests.firstDay), asc(people.name));
  return rows;
}

export interface WeekSwapRow {
  readonly requesterName: string;
  readonly colleagueName: string;
  readonly giveDate: LocalDate;
  readonly giveShift: string;
  readonly takeDate: LocalDate | null;
  readonly takeShift: string | null;
}

/** A team's approved swaps moving a shift of the week, by the shift given. */
export async function approvedSwapsInWeek(db: DbOrTx, p: { teamId: string; week: WeekRange }): Promise<WeekSwapRow[]> {
  const requester = aliasedTable(people, 'requester');
  const colleague = aliasedTable(people, 'colleague');
  const inWeek = (column: typeof swapRequests.giveDate | typeof swapRequests.takeDate) =>
    and(gte(column, p.week.start), lte(column, p.week.end));
  const rows = await db
    .select({
      requesterName: requester.name,
      colleagueName: colleague.name,
      giveDate: swapRequests.giveDate,
      giveShift: swapRequests.giveShift,
      takeDate: swapRequests.takeDate,
      takeShift: swapRequests.takeShift,
    })
    .from(swapRequests)
    .innerJoin(requester, eq(requester.slackId, swapRequests.requesterId))
    .innerJoin(colleague, eq(colleague.slackId, swapRequests.colleagueId))
    .where(
      and(
        eq(swapRequests.teamId, p.teamId),
        eq(swapRequests.status, 'approved'),
        or(inWeek(swapRequests.giveDate), inWeek(swapRequests.takeDate)),
      ),
    )
    .orderBy(asc(swapRequests.giveDate), asc(swapRequests.id));
  return rows;
}

export interface WeekRefusalRow {
  readonly shiftDate: LocalDate;
  readonly shiftCode: string;
  readonly reason: string | null;
  readonly byName: string | null;
}

/** Each refusal of a handover of the team's shifts in the week, in order. */
export async function handoverRefusalsInWeek(db: DbOrTx, p: { teamId: string; week: WeekRange }): Promise<WeekRefusalRow[]> {
  const rows = await db
    .select({ shiftDate: handovers.shiftDate, shiftCode: handovers.shiftCode, reason: handoverEvents.reason, byName: people.name })
    .from(handoverEvents)
    .innerJoin(handovers, eq(handovers.id, handoverEvents.handoverId))
    .leftJoin(people, eq(people.slackId, handoverEvents.actorId))
    .where(
      and(
        eq(handovers.teamId, p.teamId),
        eq(handoverEvents.kind, 'refused'),
        gte(handovers.shiftDate, p.week.start),
        lte(handovers.shiftDate, p.week.end),
      ),
    )
    .orderBy(asc(handovers.shiftDate), asc(handovers.shiftCode), asc(handoverEvents.id));
  return rows;
}

export interface WeekMissRow {
  readonly shiftDate: LocalDate;
  readonly shiftCode: string;
  readonly names: readonly string[];
}

/** The team's shifts of the week that ended with someone rostered and no handover, with who was on them. */
export async function missedHandoversInWeek(db: DbOrTx, p: { teamId: string; week: WeekRange }): Promise<WeekMissRow[]> {
  const shifts = await db
    .select({ shiftDate: handoverMissedShifts.shiftDate, shiftCode: handoverMissedShifts.shiftCode })
    .from(handoverMissedShifts)
    .where(
      and(
        eq(handoverMissedShifts.teamId, p.teamId),
        gt(handoverMissedShifts.rostered, 0),
        gte(handoverMissedShifts.shiftDate, p.week.start),
        lte(handoverMissedShifts.shiftDate, p.week.end),
      ),
    )
    .orderBy(asc(handoverMissedShifts.shiftDate), asc(handoverMissedShifts.shiftCode));
  if (shifts.length === 0) return [];
  const misses = await db
    .select({ shiftDate: handoverMisses.shiftDate, shiftCode: handoverMisses.shiftCode, name: people.name })
    .from(handoverMisses)
    .innerJoin(people, eq(people.slackId, handoverMisses.personId))
    .where(and(eq(handoverMisses.teamId, p.teamId), inArray(handoverMisses.shiftDate, [...new Set(shifts.map((s) => s.shiftDate))])))
    .orderBy(asc(people.name));
  return shifts.map((s) => ({
    shiftDate: s.shiftDate,
    shiftCode: s.shiftCode,
    names: misses.filter((m) => m.shiftDate === s.shiftDate && m.shiftCode === s.shiftCode).map((m) => m.name),
  }));
}
