import { and, asc, gte, inArray, lte, or, sql } from 'drizzle-orm';
import type { LocalDate } from '../../policy/time.js';
import type { DbOrTx } from '../client.js';
import { compTimeCredits, leaveCoveredShifts, leaveRequests, people, rosterEntries } from '../schema.js';
import type { FactsWindow, HeldRosterRow, LeaveRow, PersonFacts } from './person-facts.js';

const internedStrings = new Map<string, string>();
function interned(text: string): string {
  const known = internedStrings.get(text);
  if (known !== undefined) return known;
  if (internedStrings.size >= 10_000) internedStrings.clear();
  internedStrings.set(text, text);
  return text;
}

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
  const [persons, roster, leave, credits] = await Promise.all([
    db.select().from(people).where(inArray(people.slackId, list)),
    db
      .select({
        personId: rosterEntries.personId,
        id: rosterEntries.id,
        teamId: rosterEntries.teamId,
        date: rosterEntries.date,
        shiftCode: rosterEntries.shiftCode,
        status: rosterEntries.status,
      })
      .from(rosterEntries)
      .where(
        and(inArray(rosterEntries.personId, list), gte(rosterEntries.date, window.rosterFrom), lte(rosterEntries.date, window.rosterTo)),
      )
      .orderBy(asc(rosterEntries.personId), asc(rosterEntries.date), asc(rosterEntries.shiftCode)),
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
  ]);

  const facts = new Map<
    string,
    { person: PersonFacts['person']; roster: HeldRosterRow[]; leave: LeaveRow[]; credits: { earnedOn: LocalDate; hours: number }[] }
  >();
  for (const person of persons) facts.set(person.slackId, { person, roster: [], leave: [], credits: [] });
  // every row of a day, shift or team as the same string: a department's roster repeats a few dozen of each
  for (const { personId, id, teamId, date, shiftCode, status } of roster) {
    facts
      .get(personId)
      ?.roster.push({
        id,
        teamId: interned(teamId),
        date: interned(date) as LocalDate,
        shiftCode: interned(shiftCode),
        status: interned(status) as typeof status,
      });
  }
  for (const { personId, coveredDays, ...row } of leave) {
    facts.get(personId)?.leave.push({
      ...row,
      firstDay: row.firstDay as LocalDate,
      lastDay: row.lastDay as LocalDate,
      hours: Number(row.hours),
      coveredDays: coveredDays ? (coveredDays.split(',') as LocalDate[]) : [],
    });
  }
  for (const { personId, earnedOn, hours } of credits)
    facts.get(personId)?.credits.push({ earnedOn: earnedOn as LocalDate, hours: Number(hours) });
  return facts;
}
