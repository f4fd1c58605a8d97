import { and, asc, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import { pendingSwapStatuses } from '../queries/swap.js';
import { compTimeCredits, leaveCoveredShifts, leaveRequests, people, rosterEntries, swapHolds, swapRequests } from '../schema.js';
import { PersonRoster } from './compact-roster.js';
import type { FactsWindow, LeaveRow, PersonFacts, SwapAsked, SwapHold } from './person-facts.js';

export async function listPersonIds(db: DbOrTx): Promise<string[]> {
  const rows = await db.select({ slackId: people.slackId }).from(people);
  return rows.map((r) => r.slackId);
}

/** The rows of `ids` within the window; people the org does not know are missing from the map. */
export async function loadPersonFacts(db: DbOrTx, ids: readonly string[], window: FactsWindow): Promise<Map<string, PersonFacts>> {
  const list = [...ids];
  const heldCompTime =
    window.compTimeTypes.length > 0
      ? and(inArray(leaveRequests.status, ['pending', 'approved']), inArray(leaveRequests.type, [...window.compTimeTypes]))
      : undefined;
  const [persons, roster, leave, credits, swaps, holds] = await Promise.all([
    db.select().from(people).where(inArray(people.slackId, list)),
    // one row per person, the rows joined in one text of numbers and codes (no value holds a comma: codes
    // and ids the policy and Slack define): a department's year of roster is read in a few round trips,
    // each decoding thousands of values instead of millions, straight into the compact roster
    db
      .select({
        personId: rosterEntries.personId,
        rows: sql<string>`string_agg(${rosterEntries.id}::text || ',' || (${rosterEntries.date} - date '1970-01-01')::text || ',' || ${rosterEntries.shiftCode} || ',' || ${rosterEntries.status}::text || ',' || ${rosterEntries.teamId}, ',' order by ${rosterEntries.date}, ${rosterEntries.shiftCode})`,
      })
      .from(rosterEntries)
      .where(
        and(inArray(rosterEntries.personId, list), gte(rosterEntries.date, window.rosterFrom), lte(rosterEntries.date, window.rosterTo)),
      )
      .groupBy(rosterEntries.personId),
    db
      .select({
        personId: leaveRequests.personId,
        id: leaveRequests.id,
        submissionKey: leaveRequests.submissionKey,
        type: leaveRequests.type,
        status: leaveRequests.status,
        firstDay: leaveRequests.firstDay,
        lastDay: leaveRequests.lastDay,
        leaveDays: leaveRequests.leaveDays,
        hours: leaveRequests.hours,
        coveredDays: sql<
          string | null
        >`(select string_agg(${leaveCoveredShifts.date}::text, ',') from ${leaveCoveredShifts} where ${leaveCoveredShifts.requestId} = ${leaveRequests.id})`,
      })
      .from(leaveRequests)
      .where(and(inArray(leaveRequests.personId, list), or(gte(leaveRequests.lastDay, window.leaveFrom), heldCompTime)))
      .orderBy(asc(leaveRequests.id)),
    db
      .select({ personId: compTimeCredits.personId, earnedOn: compTimeCredits.earnedOn, hours: compTimeCredits.hours })
      .from(compTimeCredits)
      .where(inArray(compTimeCredits.personId, list)),
    // as requestedSwapCounts counts them: a cover a lead called for is no voluntary swap
    db
      .select({ personId: swapRequests.requesterId, id: swapRequests.id, giveDate: swapRequests.giveDate, status: swapRequests.status })
      .from(swapRequests)
      .where(
        and(
          inArray(swapRequests.requesterId, list),
          inArray(swapRequests.status, ['approved', ...pendingSwapStatuses]),
          isNull(swapRequests.coverCallId),
          gte(swapRequests.giveDate, window.leaveFrom),
        ),
      )
      .orderBy(asc(swapRequests.id)),
    db
      .select({ personId: swapHolds.personId, date: swapHolds.date, shiftCode: swapHolds.shiftCode, swapId: swapHolds.swapId })
      .from(swapHolds)
      .where(inArray(swapHolds.personId, list)),
  ]);

  const facts = new Map<
    string,
    {
      person: PersonFacts['person'];
      roster: PersonRoster;
      leave: LeaveRow[];
      credits: { earnedOn: LocalDate; hours: number }[];
      swapsAsked: SwapAsked[];
      holds: SwapHold[];
    }
  >();
  for (const person of persons)
    facts.set(person.slackId, { person, roster: PersonRoster.empty, leave: [], credits: [], swapsAsked: [], holds: [] });
  for (const { personId, rows } of roster) {
    const held = facts.get(personId);
    if (held) held.roster = PersonRoster.parse(rows.split(','));
  }
  for (const { personId, coveredDays, ...row } of leave) {
    facts.get(personId)?.leave.push({
      ...row,
      firstDay: row.firstDay,
      lastDay: row.lastDay,
      hours: Number(row.hours),
      coveredDays: coveredDays ? (coveredDays.split(',') as LocalDate[]) : [],
    });
  }
  for (const { personId, earnedOn, hours } of credits) facts.get(personId)?.credits.push({ earnedOn, hours: Number(hours) });
  for (const { personId, status, ...swap } of swaps) facts.get(personId)?.swapsAsked.push({ ...swap, approved: status === 'approved' });
  for (const { personId, ...hold } of holds) facts.get(personId)?.holds.push(hold);
  return facts;
}
