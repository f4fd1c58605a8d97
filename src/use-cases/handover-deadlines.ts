/**
 * What time does to handovers (POLICY §4): a handover nobody has taken over is reported to the lead
 * once; a shift that ends without one is recorded as missed for the people on it, and the lead is told
 * once; a promise made to a customer is reminded to its owner when it falls due.
 */
import {
  claimDueCaseReminders,
  claimHandoverReminder,
  claimMissedShift,
  claimUnansweredAlerts,
  handoverKeys,
  missCounts,
  missedKeys,
  recordHandoverEvent,
  recordMisses,
  scheduledOn,
  takenOverKeys,
} from '../db/queries/handover.js';
import type { Handover, HandoverCase } from '../db/schema.js';
import { handsOver, missedAt, nextShift, occurrenceKey, teamOccurrences, type ShiftOccurrence } from '../policy/handover.js';
import type { TeamDefinition } from '../policy/policy-file.js';
import { addDays, monthOf, todayIn, type LocalDate } from '../policy/time.js';
import type { UseCaseDeps } from './deps.js';
import { minutesInMs } from '../policy/duration.js';

/** Handovers not taken over by their deadline; each is returned once, whichever app copy asks. */
export async function alertUnansweredHandovers(deps: UseCaseDeps, now: Date): Promise<Handover[]> {
  const claimed = (await claimUnansweredAlerts(deps.db, now)).sort((a, b) => a.id - b.id);
  for (const handover of claimed) {
    try {
      await recordHandoverEvent(deps.db, {
        handoverId: handover.id,
        at: now,
        actorId: null,
        kind: 'unanswered_alert',
        version: handover.version,
      });
    } catch (error) {
      deps.logger.error(
        { err: error, handoverId: handover.id },
        'could not record an unanswered-handover alert; the lead is told all the same',
      );
    }
  }
  return claimed;
}

export interface MissedHandover {
  readonly team: TeamDefinition;
  readonly shift: ShiftOccurrence;
  /** The people on the shift, each with their missed handovers in the shift's month, this one included. */
  readonly people: readonly { readonly personId: string; readonly countThisMonth: number }[];
}

/** Teams that use handovers: those with a `handover_channel` in the policy. */
export const handoverTeams = (deps: Pick<UseCaseDeps, 'policy'>): TeamDefinition[] =>
  Object.values(deps.policy.teams).filter((team) => team.handover_channel !== undefined);

/**
 * Shifts whose missed deadline has passed with no handover written: recorded per person, once, for
 * the teams that use handovers. Each team is recorded in its own transaction, so a failure in one
 * leaves the others' records, and what they return, as they are.
 */
export async function recordMissedHandovers(deps: UseCaseDeps, now: Date): Promise<MissedHandover[]> {
  const missed: MissedHandover[] = [];
  for (const team of handoverTeams(deps)) {
    try {
      missed.push(...(await recordMissedOfTeam(deps, team, now)));
    } catch (error) {
      deps.logger.error({ err: error, teamId: team.id }, 'could not record the missed handovers of a team; the next minute tries again');
    }
  }
  return missed;
}

/**
 * The team's shifts that hand over to someone and whose missed deadline fell within the catch-up window
 * (`handover.missed_catch_up_days`) before `now`: the scheduler catches up on minutes it lost, but a
 * database full of old shifts (an import of last month's roster) is not news.
 */
function dueShifts(deps: UseCaseDeps, team: TeamDefinition, now: Date, range: { from: LocalDate; to: LocalDate }): ShiftOccurrence[] {
  return teamOccurrences(deps.policy, team, range.from, range.to).filter((o) => {
    if (!handsOver(team, o)) return false;
    const deadline = missedAt(o, team.rules.handover).getTime();
    return deadline <= now.getTime() && deadline > now.getTime() - team.rules.handover.missed_catch_up_days * 24 * 60 * 60_000;
  });
}

async function recordMissedOfTeam(deps: UseCaseDeps, team: TeamDefinition, now: Date): Promise<MissedHandover[]> {
  const today = todayIn(now, team.timezone);
  const range = { teamId: team.id, from: addDays(today, -(team.rules.handover.missed_catch_up_days + 1)), to: today };
  const due = dueShifts(deps, team, now, range);
  if (due.length === 0) return [];
  return deps.db.transaction(async (tx) => {
    const written = await handoverKeys(tx, range);
    const recorded = await missedKeys(tx, range);
    const missed: MissedHandover[] = [];
    for (const shift of due.filter((o) => !written.has(occurrenceKey(o)) && !recorded.has(occurrenceKey(o)))) {
      const rostered = await scheduledOn(tx, { teamId: team.id, date: shift.date, shiftCode: shift.shiftCode });
      // recorded even when nobody was rostered, so the shift is not looked at again every minute
      if (
        !(await claimMissedShift(tx, {
          teamId: team.id,
          shiftDate: shift.date,
          shiftCode: shift.shiftCode,
          rostered: rostered.length,
          at: now,
        }))
      )
        continue;
      const newlyRecorded = await recordMisses(tx, {
        teamId: team.id,
        shiftDate: shift.date,
        shiftCode: shift.shiftCode,
        personIds: rostered,
        at: now,
      });
      if (newlyRecorded.length === 0) continue;
      const month = monthOf(shift.date);
      const counts = await missCounts(tx, { personIds: newlyRecorded, from: month.first, to: month.last });
      missed.push({ team, shift, people: newlyRecorded.map((personId) => ({ personId, countThisMonth: counts.get(personId) ?? 1 })) });
    }
    return missed;
  });
}

export interface HandoverReminder {
  readonly kind: 'outgoing' | 'incoming';
  readonly team: TeamDefinition;
  /** The shift whose handover it is about, and the one that takes it over. */
  readonly shift: ShiftOccurrence;
  readonly next: ShiftOccurrence;
  /** Who is reminded: those scheduled on `shift` (outgoing) or on `next` (incoming). */
  readonly people: readonly string[];
}

/**
 * Reminders due at `now`, each claimed once whichever app copy asks, for the teams that use handovers
 * and the shifts that hand over to someone: the outgoing shift `handover.outgoing_starts_before_end`
 * before its end, while nothing is written and until the handover counts as missed; the incoming shift
 * `handover.incoming_arrives_before_start` before it starts, until it starts, while nobody has taken
 * the handover over.
 */
export async function dueHandoverReminders(deps: UseCaseDeps, now: Date): Promise<HandoverReminder[]> {
  const due: HandoverReminder[] = [];
  for (const team of handoverTeams(deps)) {
    try {
      due.push(...(await remindersOfTeam(deps, team, now)));
    } catch (error) {
      deps.logger.error(
        { err: error, teamId: team.id },
        'could not work out the handover reminders of a team; the next minute tries again',
      );
    }
  }
  return due;
}

async function remindersOfTeam(deps: UseCaseDeps, team: TeamDefinition, now: Date): Promise<HandoverReminder[]> {
  const today = todayIn(now, team.timezone);
  const range = { teamId: team.id, from: addDays(today, -2), to: addDays(today, 1) };
  const all = teamOccurrences(deps.policy, team, range.from, addDays(range.to, 1));
  const rules = team.rules.handover;
  const at = now.getTime();
  const candidates = all.flatMap((shift) => {
    const next = shift.date <= range.to && handsOver(team, shift) ? nextShift(team, all, shift) : undefined;
    if (!next) return [];
    const outgoing = shift.end.getTime() - minutesInMs(rules.outgoing_starts_before_end) <= at && at < missedAt(shift, rules).getTime();
    const incoming = next.start.getTime() - minutesInMs(rules.incoming_arrives_before_start) <= at && at < next.start.getTime();
    return [
      ...(outgoing ? [{ kind: 'outgoing' as const, shift, next }] : []),
      ...(incoming ? [{ kind: 'incoming' as const, shift, next }] : []),
    ];
  });
  if (candidates.length === 0) return [];
  const [written, takenOver] = await Promise.all([handoverKeys(deps.db, range), takenOverKeys(deps.db, range)]);
  const reminders: HandoverReminder[] = [];
  for (const c of candidates) {
    if ((c.kind === 'outgoing' ? written : takenOver).has(occurrenceKey(c.shift))) continue;
    if (
      !(await claimHandoverReminder(deps.db, {
        teamId: team.id,
        shiftDate: c.shift.date,
        shiftCode: c.shift.shiftCode,
        kind: c.kind,
        at: now,
      }))
    )
      continue;
    const on = c.kind === 'outgoing' ? c.shift : c.next;
    const people = await scheduledOn(deps.db, { teamId: team.id, date: on.date, shiftCode: on.shiftCode });
    if (people.length > 0) reminders.push({ ...c, team, people });
  }
  return reminders;
}

/** Open cases whose promised time has come; each owner is reminded once. */
export async function dueCaseReminders(deps: UseCaseDeps, now: Date): Promise<HandoverCase[]> {
  return claimDueCaseReminders(deps.db, now);
}
