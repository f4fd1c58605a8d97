import type { CoverageRoster, ShiftRoster } from '../../policy/team-coverage.js';
import type { LocalDate } from '../../policy/time.js';
import { dateOfDay, dayNumber, shiftCodeLimit, shiftOfCode, teamCode } from './compact-roster.js';
import type { PersonFacts } from './person-facts.js';

const codePointOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every team's roster, kept in step with the people the model holds: who has rows on each team's
 * roster, and how many are scheduled per day and shift. A person read again moves only their own
 * rows; a team's staffing counts read one number per shift, its coverage only its own people's rows.
 */
export class TeamRosterIndex {
  /** team → the people with a row on its roster */
  private readonly members = new Map<number, Map<string, PersonFacts>>();
  /** team → day number → shift → people scheduled */
  private readonly scheduled = new Map<number, Map<number, Map<number, number>>>();

  /** `before` was held for the person and `after` is now (undefined: none). */
  replace(before: PersonFacts | undefined, after: PersonFacts | undefined): void {
    if (before) this.count(before, -1);
    if (after) this.count(after, 1);
  }

  /** Drops the days before `from`. */
  dropBefore(from: LocalDate): void {
    const first = dayNumber(from);
    for (const days of this.scheduled.values()) for (const day of days.keys()) if (day < first) days.delete(day);
  }

  clear(): void {
    this.members.clear();
    this.scheduled.clear();
  }

  /**
   * The team's shifts of [from, to] with someone rostered, as coverage reads them; the sets are new,
   * so the answer stays as it was read. Names of those on leave sort by code point.
   */
  coverageRoster(p: { teamId: string; from: LocalDate; to: LocalDate }): CoverageRoster {
    type Slot = ShiftRoster & { scheduled: Set<string>; onLeave: { personId: string; name: string }[] };
    const out = new Map<string, Slot>();
    const team = teamCode(p.teamId);
    const members = team === undefined ? undefined : this.members.get(team);
    if (!members) return out;
    const [first, last] = [dayNumber(p.from), dayNumber(p.to)];
    // slots by day and shift number while the rows are read: a team's week is thousands of rows and a few dozen slots
    const slots = new Map<number, Slot>();
    for (const [personId, facts] of members) {
      const roster = facts.roster;
      for (let i = roster.firstOnOrAfter(first); i < roster.length && roster.day(i) <= last; i++) {
        if (roster.team(i) !== team) continue;
        const key = roster.day(i) * shiftCodeLimit + roster.shift(i);
        let slot = slots.get(key);
        if (!slot) {
          slot = { scheduled: new Set<string>(), onLeave: [] };
          slots.set(key, slot);
        }
        if (roster.isScheduled(i)) slot.scheduled.add(personId);
        else if (roster.isOnLeave(i)) slot.onLeave.push({ personId, name: facts.person.name });
      }
    }
    for (const [key, slot] of slots) {
      slot.onLeave.sort((a, b) => codePointOrder(a.name, b.name) || codePointOrder(a.personId, b.personId));
      out.set(`${dateOfDay(Math.floor(key / shiftCodeLimit))}|${shiftOfCode(key % shiftCodeLimit)}`, slot);
    }
    return out;
  }

  /** People still scheduled per `date|shift` of the team on these days (shifts with nobody left out). */
  scheduledCounts(p: { teamId: string; dates: readonly string[] }): Map<string, number> {
    const counts = new Map<string, number>();
    const team = teamCode(p.teamId);
    const days = team === undefined ? undefined : this.scheduled.get(team);
    for (const date of new Set(p.dates)) {
      for (const [shift, n] of days?.get(dayNumber(date as LocalDate)) ?? []) if (n > 0) counts.set(`${date}|${shiftOfCode(shift)}`, n);
    }
    return counts;
  }

  /** Adds (`by` 1) or takes away (-1) the person's rows. */
  private count(facts: PersonFacts, by: 1 | -1): void {
    const roster = facts.roster;
    const id = facts.person.slackId;
    let lastTeam = -1;
    for (let i = 0; i < roster.length; i++) {
      const team = roster.team(i);
      if (team !== lastTeam) {
        lastTeam = team;
        const members = getOrSet(this.members, team, () => new Map<string, PersonFacts>());
        if (by > 0) members.set(id, facts);
        else members.delete(id);
      }
      if (!roster.isScheduled(i)) continue;
      const days = getOrSet(this.scheduled, team, () => new Map<number, Map<number, number>>());
      const shifts = getOrSet(days, roster.day(i), () => new Map<number, number>());
      shifts.set(roster.shift(i), (shifts.get(roster.shift(i)) ?? 0) + by);
    }
  }
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const held = map.get(key);
  if (held !== undefined) return held;
  const made = make();
  map.set(key, made);
  return made;
}
