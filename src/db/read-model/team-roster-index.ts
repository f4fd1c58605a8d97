import type { RosterStatus } from '../../policy/roster-status.js';
import type { CoverageRoster, ShiftRoster } from '../../policy/team-coverage.js';
import type { LocalDate } from '../../policy/time.js';
import type { PersonFacts } from './person-facts.js';

interface Slot {
  /** Everyone rostered on the shift, whatever their row's status. */
  readonly rows: Map<string, { readonly status: RosterStatus; readonly name: string }>;
  readonly scheduled: Set<string>;
}

const codePointOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every team's roster by day and shift, kept in step with the people the model holds: a person read
 * again moves only their own rows, so a team's coverage or staffing counts read one slot per shift
 * instead of every person's roster.
 */
export class TeamRosterIndex {
  /** team → day → shift → slot */
  private readonly teams = new Map<string, Map<string, Map<string, Slot>>>();

  /** `before` was held for the person and `after` is now (undefined: none). */
  replace(before: PersonFacts | undefined, after: PersonFacts | undefined): void {
    if (before) {
      for (const row of before.roster) {
        const slot = this.teams.get(row.teamId)?.get(row.date)?.get(row.shiftCode);
        slot?.rows.delete(before.person.slackId);
        slot?.scheduled.delete(before.person.slackId);
      }
    }
    if (after) {
      const id = after.person.slackId;
      const name = after.person.name;
      // one entry per status for all the person's slots: a year of a department is millions of slots
      const entries = new Map<RosterStatus, { readonly status: RosterStatus; readonly name: string }>();
      const entryOf = (status: RosterStatus) => entries.get(status) ?? entries.set(status, { status, name }).get(status);
      for (const row of after.roster) {
        const slot = this.slot(row.teamId, row.date, row.shiftCode);
        slot.rows.set(id, entryOf(row.status) as { readonly status: RosterStatus; readonly name: string });
        if (row.status === 'scheduled') slot.scheduled.add(id);
      }
    }
  }

  /** Drops the days before `from`. */
  dropBefore(from: LocalDate): void {
    for (const days of this.teams.values()) for (const date of days.keys()) if (date < from) days.delete(date);
  }

  clear(): void {
    this.teams.clear();
  }

  /**
   * The team's shifts of [from, to] with someone rostered, as coverage reads them; the sets are copies,
   * so the answer stays as it was read (`copies` false: the index's own, for a caller done with them
   * before its next await). Names of those on leave sort by code point.
   */
  coverageRoster(p: { teamId: string; from: LocalDate; to: LocalDate }, copies = true): CoverageRoster {
    const out = new Map<string, ShiftRoster>();
    const days = this.teams.get(p.teamId);
    if (!days) return out;
    for (const [date, shifts] of days) {
      if (date < p.from || date > p.to) continue;
      for (const [code, slot] of shifts) {
        if (slot.rows.size === 0) continue;
        const onLeave: { personId: string; name: string }[] = [];
        for (const [personId, row] of slot.rows) if (row.status === 'on_leave') onLeave.push({ personId, name: row.name });
        onLeave.sort((a, b) => codePointOrder(a.name, b.name) || codePointOrder(a.personId, b.personId));
        out.set(`${date}|${code}`, { scheduled: copies ? new Set(slot.scheduled) : slot.scheduled, onLeave });
      }
    }
    return out;
  }

  /** People still scheduled per `date|shift` of the team on these days (shifts with nobody left out). */
  scheduledCounts(p: { teamId: string; dates: readonly string[] }): Map<string, number> {
    const counts = new Map<string, number>();
    const days = this.teams.get(p.teamId);
    for (const date of new Set(p.dates)) {
      for (const [code, slot] of days?.get(date) ?? []) if (slot.scheduled.size > 0) counts.set(`${date}|${code}`, slot.scheduled.size);
    }
    return counts;
  }

  private slot(teamId: string, date: string, shiftCode: string): Slot {
    const days = getOrSet(this.teams, teamId, () => new Map<string, Map<string, Slot>>());
    const shifts = getOrSet(days, date, () => new Map<string, Slot>());
    return getOrSet(shifts, shiftCode, () => ({ rows: new Map(), scheduled: new Set<string>() }));
  }
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const held = map.get(key);
  if (held !== undefined) return held;
  const made = make();
  map.set(key, made);
  return made;
}
