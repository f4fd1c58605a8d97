/**
 * Each person's org row, roster and leave held in memory, so that a Slack request can be checked and
 * acked without a database round trip. The database tells every app copy who changed (triggers send
 * a notice when a transaction commits); a person with a change not yet read again is answered by the
 * database instead, as is anyone before the first load. Writes never trust it: they check again
 * under their own locks, so a notice still on its way can cost a late refusal, never a wrong write.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { AppLogger } from '../../logger.js';
import type { Policy } from '../../policy/policy-file.js';
import type { LeavePeriod } from '../../policy/leave.js';
import { addDays, todayIn, type LocalDate } from '../../policy/time.js';
import type { Database } from '../client.js';
import type { CoverageRoster } from '../../policy/team-coverage.js';
import type { LeaveFacts, LeaveFactsQuery } from '../queries/leave-facts.js';
import type { Person } from '../schema.js';
import { listPersonIds, loadPersonFacts } from './load.js';
import { TeamRosterIndex } from './team-roster-index.js';
import {
  leaveFactsOf,
  trimToWindow,
  windowCovers,
  windowCoversAllButRosterAhead,
  type FactsWindow,
  type LeaveRow,
  type PersonFacts,
} from './person-facts.js';
import { listShiftsOfPerson } from '../queries/roster.js';
import { withTimeout } from '../../async.js';
import type { ReadModelStats } from '../../metrics.js';

/** The two people's scheduled shifts (each person's in day and shift order) and their approved and pending leave, by person. */
export interface SwapPartyFacts {
  readonly shifts: { personId: string; date: LocalDate; shiftCode: string }[];
  readonly approved: Map<string, LeavePeriod[]>;
  readonly pending: Map<string, LeavePeriod[]>;
}

/** The channel the database's triggers send on (drizzle/0010_change_notices.sql). */
export const peopleChangedChannel = 'shiftdesk_people_changed';
const everyone = '*';
/** Marks a notice this copy sent itself to learn that every earlier one has arrived (no Slack id starts so). */
const markPrefix = '~mark:';

/** People read again per round of queries. */
const batchSize = 1000;
/** How long a failed read waits before it is tried again. */
const retryMs = 1000;
/** How often the window moves on and rows before it are dropped. */
const trimEveryMs = 6 * 60 * 60 * 1000;
/** How often a mark checks that notices still arrive: a connection to PostgreSQL can drop without a word. */
const hearingEveryMs = 30_000;
/** How long a mark may take to come back before notices count as lost. */
const markTimeoutMs = 10_000;

/**
 * How far ahead of today the model holds the roster for a team's rules: as far as the forms offer
 * shifts (the swap form's), the Home's own shifts and the coverage the Home and the digest show. Leave may be asked for much farther ahead; its roster rows there come from the
 * database (see `leaveFactsReadingAhead`).
 */
function rosterDaysAhead(rules: Policy['teams'][string]['rules']): number[] {
  return [rules.swap.offer_days_ahead, rules.home.days, rules.digest.coverage_days];
}

export class ReadModel {
  private readonly facts = new Map<string, PersonFacts>();
  /** Everyone's row, as `everyone` last listed them; dropped whenever someone is read again. */
  private people: Person[] | undefined;
  /** The facts' roster rows by team, day and shift. */
  private readonly rosters = new TeamRosterIndex();
  /** Changed since last read: answered by the database until read again. */
  private readonly stale = new Set<string>();
  /** Notices per person, so a read that a later notice outdated is not kept. */
  private readonly notices = new Map<string, number>();
  /** The facts hold everyone the org knows: an id missing from them is nobody's. */
  private complete = false;
  private listening = false;
  /** Counts resyncs: a read begun before one is thrown away. */
  private epoch = 0;
  private window: FactsWindow;
  private reading: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private trimTimer: NodeJS.Timeout | undefined;
  private hearingTimer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private stopped = false;
  private marks = 0;
  /** Tells this copy's marks from other copies'. */
  private readonly id = randomUUID();
  private readonly markWaiters = new Map<string, () => void>();
  /** When (performance.now()) the changes still to read began to pile up, and when a notice last arrived. */
  private pendingSince = 0;
  private heardAt: number | undefined;

  private constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly policy: Policy,
    private readonly logger: AppLogger,
  ) {
    this.window = this.windowAt();
  }

  /** Listens for changes, then reads everyone in the background; until then every answer comes from the database. */
  static async start(database: Database, deps: { clock: Clock; policy: Policy; logger: AppLogger }): Promise<ReadModel> {
    const model = new ReadModel(database, deps.clock, deps.policy, deps.logger.child({ component: 'read-model' }));
    model.unlisten = await database.listen(
      peopleChangedChannel,
      (payload) => model.changed(payload),
      () => model.resync(),
    );
    model.trimTimer = setInterval(() => model.trim(), trimEveryMs);
    model.trimTimer.unref();
    model.hearingTimer = setInterval(() => void model.checkHearing(), hearingEveryMs);
    model.hearingTimer.unref();
    return model;
  }

  /** `{ person }` (undefined: not in the org), or undefined when the model cannot say. */
  personOf(slackId: string): { readonly person: Person | undefined } | undefined {
    if (!this.current(slackId)) return undefined;
    const facts = this.facts.get(slackId);
    if (facts) return { person: facts.person };
    return this.complete ? { person: undefined } : undefined;
  }

  /** What `readLeaveFacts` would read, or undefined when the model cannot say. */
  leaveFacts(q: LeaveFactsQuery): LeaveFacts | undefined {
    const facts = this.current(q.personId) ? this.facts.get(q.personId) : undefined;
    return facts && windowCovers(this.window, q) ? leaveFactsOf(facts, q) : undefined;
  }

  /**
   * The same, also for a request reaching past the window: then its roster rows are read from the
   * database (one query on the person's own rows) and the rest comes from the model. Undefined when
   * the model cannot say, or the person changed while their rows were read.
   */
  async leaveFactsReadingAhead(q: LeaveFactsQuery): Promise<LeaveFacts | undefined> {
    const held = this.leaveFacts(q);
    if (held) return held;
    const facts = this.current(q.personId) ? this.facts.get(q.personId) : undefined;
    if (!facts || !windowCoversAllButRosterAhead(this.window, q)) return undefined;
    const roster = await listShiftsOfPerson(this.database.db, { personId: q.personId, ...q.roster });
    if (!this.current(q.personId) || this.facts.get(q.personId) !== facts) return undefined;
    return { ...leaveFactsOf(facts, q), roster };
  }

  /**
   * What `teamRosterBetween` would read, grouped by shift, or undefined when the model cannot say:
   * before everyone is read, while anyone's change is still to be read (they could be on this team's
   * roster), or before its window. Names of those on leave sort by code point.
   */
  coverageRoster(p: { teamId: string; from: LocalDate; to: LocalDate }): CoverageRoster | undefined {
    return this.holdsEveryoneWithin(p.from, p.to) ? this.rosters.coverageRoster(p) : undefined;
  }

  /** What `scheduledCounts` would read (people still scheduled per `date|shift` of a team), or undefined when the model cannot say. */
  scheduledCounts(p: { teamId: string; dates: readonly string[] }): Map<string, number> | undefined {
    const dates = [...p.dates].sort();
    const [first, last] = [dates[0], dates.at(-1)];
    if (first === undefined || last === undefined) return new Map();
    return this.holdsEveryoneWithin(first as LocalDate, last as LocalDate) ? this.rosters.scheduledCounts(p) : undefined;
  }

  /**
   * The people's pending and approved leave that touches [from, to], as held (what `heldLeaveOfPeople`
   * reads), or undefined when the model cannot say for one of them.
   */
  heldLeave(p: { personIds: readonly string[]; from: LocalDate; to: LocalDate }): Map<string, LeaveRow[]> | undefined {
    if (p.from < this.window.leaveFrom) return undefined;
    const held = new Map<string, LeaveRow[]>();
    for (const id of p.personIds) {
      const person = this.personOf(id);
      if (!person) return undefined;
      const facts = person.person ? this.facts.get(id) : undefined;
      if (!facts) continue;
      held.set(
        id,
        facts.leave.filter((l) => (l.status === 'pending' || l.status === 'approved') && l.firstDay <= p.to && l.lastDay >= p.from),
      );
    }
    return held;
  }

  /**
   * What the swap check reads of these people for [from, to] (`scheduledShiftsOf`, `approvedLeaveOf`,
   * `pendingLeaveOf`), or undefined when the model cannot say for one of them or outside its window.
   */
  swapFacts(p: { personIds: readonly string[]; from: LocalDate; to: LocalDate }): SwapPartyFacts | undefined {
    if (p.from < this.window.rosterFrom || p.to > this.window.rosterTo || p.from < this.window.leaveFrom) return undefined;
    const out: SwapPartyFacts = { shifts: [], approved: new Map(), pending: new Map() };
    for (const id of p.personIds) {
      const person = this.personOf(id);
      if (!person) return undefined;
      const facts = person.person ? this.facts.get(id) : undefined;
      if (!facts) continue;
      for (const row of facts.roster.rowsBetween(p.from, p.to))
        if (row.status === 'scheduled') out.shifts.push({ personId: id, date: row.date, shiftCode: row.shiftCode });
      for (const l of facts.leave) {
        if (l.firstDay > p.to || l.lastDay < p.from || (l.status !== 'approved' && l.status !== 'pending')) continue;
        const periods = l.status === 'approved' ? out.approved : out.pending;
        periods.set(id, [...(periods.get(id) ?? []), { firstDay: l.firstDay, lastDay: l.lastDay }]);
      }
    }
    return out;
  }

  /** What `requestedSwapCounts` would read, or undefined when the model cannot say. */
  swapCounts(p: {
    personIds: readonly string[];
    from: LocalDate;
    to: LocalDate;
    exceptSwapId?: number;
  }): Map<string, { approved: number; pending: number }> | undefined {
    if (p.from < this.window.leaveFrom) return undefined;
    const counts = new Map<string, { approved: number; pending: number }>();
    for (const id of p.personIds) {
      const person = this.personOf(id);
      if (!person) return undefined;
      const count = { approved: 0, pending: 0 };
      for (const swap of this.facts.get(id)?.swapsAsked ?? []) {
        if (swap.giveDate < p.from || swap.giveDate > p.to || swap.id === p.exceptSwapId) continue;
        count[swap.approved ? 'approved' : 'pending'] += 1;
      }
      counts.set(id, count);
    }
    return counts;
  }

  /** What `heldShifts` would read (`person|date|shift` of the shifts a pending swap other than `exceptSwapId` holds), or undefined when the model cannot say. */
  heldShifts(shifts: readonly { personId: string; date: LocalDate; shiftCode: string }[], exceptSwapId?: number): Set<string> | undefined {
    const held = new Set<string>();
    for (const shift of shifts) {
      const person = this.personOf(shift.personId);
      if (!person) return undefined;
      const hold = this.facts
        .get(shift.personId)
        ?.holds.find((h) => h.date === shift.date && h.shiftCode === shift.shiftCode && h.swapId !== exceptSwapId);
      if (hold) held.add(`${shift.personId}|${shift.date}|${shift.shiftCode}`);
    }
    return held;
  }

  /**
   * Everyone in the org, to be read at once, or undefined when the model cannot say (before everyone is
   * read, or while anyone's change is still to be read).
   */
  everyone(): readonly Person[] | undefined {
    if (!(this.listening && this.complete && this.stale.size === 0)) return undefined;
    this.people ??= [...this.facts.values()].map((f) => f.person);
    return this.people;
  }

  /** Whether the model holds every roster row of [from, to]: everyone read, nobody's change still to read, inside the window. */
  private holdsEveryoneWithin(from: LocalDate, to: LocalDate): boolean {
    return this.listening && this.complete && this.stale.size === 0 && from >= this.window.rosterFrom && to <= this.window.rosterTo;
  }

  /** Whether the person has a leave request filed from this submission, or undefined when the model cannot say. */
  hasLeaveSubmission(personId: string, submissionKey: string): boolean | undefined {
    const facts = this.current(personId) ? this.facts.get(personId) : undefined;
    // a submission is filed with a last day from yesterday on, always inside the window
    return facts ? facts.leave.some((l) => l.submissionKey === submissionKey) : undefined;
  }

  /** What GET /metrics says of the model. */
  stats(): ReadModelStats {
    const now = performance.now();
    return {
      serving: this.listening && this.complete,
      people: this.facts.size,
      pending: this.stale.size,
      lagSeconds: this.stale.size === 0 ? 0 : (now - this.pendingSince) / 1000,
      noticesHeardSecondsAgo: this.heardAt === undefined ? undefined : (now - this.heardAt) / 1000,
    };
  }

  /** Resolves once every change noticed so far has been read. */
  async settled(): Promise<void> {
    while (this.reading) await this.reading;
  }

  /**
   * Resolves once every change committed before the call has been noticed and read: the database sends
   * notices in commit order, so when a mark sent now comes back, all earlier ones are in.
   */
  async caughtUp(): Promise<void> {
    if (this.listening && (await this.markReturns())) await this.settled();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.trimTimer);
    clearInterval(this.hearingTimer);
    clearTimeout(this.retryTimer);
    await this.settled();
    // the database may be closed already (a failed start, a test); there is nothing left to stop then
    await this.unlisten?.().catch((error: unknown) => this.logger.debug({ err: error }, 'stopped listening on a closed connection'));
  }

  /** Sends a mark and waits for it to come back, or for the timeout. */
  private async markReturns(): Promise<boolean> {
    const mark = `${markPrefix}${this.id}:${++this.marks}`;
    const back = new Promise<boolean>((resolve) => this.markWaiters.set(mark, () => resolve(true)));
    try {
      await this.database.db.execute(sql`select pg_notify(${peopleChangedChannel}, ${mark})`);
      return await withTimeout(back, markTimeoutMs, () => false);
    } catch {
      return false;
    } finally {
      this.markWaiters.delete(mark);
    }
  }

  /** Notices that stop arriving turn the model off (the database answers everything); once they arrive again, everyone is read again. */
  private async checkHearing(): Promise<void> {
    if (this.stopped) return;
    const heard = await this.markReturns();
    if (this.stopped) return;
    if (heard && !this.listening) {
      this.logger.info('change notices arrive again; reading everyone again');
      this.resync();
    } else if (!heard && this.listening) {
      this.logger.warn('change notices stopped arriving; the database answers until they do again');
      this.listening = false;
      this.forget();
    }
  }

  private current(slackId: string): boolean {
    return this.listening && !this.stale.has(slackId);
  }

  private changed(payload: string): void {
    if (this.stopped) return;
    this.heardAt = performance.now();
    if (payload.startsWith(markPrefix)) return this.markWaiters.get(payload)?.();
    if (payload === everyone) return this.resync();
    this.markStale(payload);
    this.notices.set(payload, (this.notices.get(payload) ?? 0) + 1);
    this.readSoon();
  }

  /** Listening (re)started or a table was emptied: notices may have been missed, so everyone is read again. */
  private resync(): void {
    this.listening = true;
    this.forget();
    this.readSoon();
  }

  /** Drops everything held; a read under way is thrown away when it ends. */
  private forget(): void {
    this.epoch += 1;
    this.complete = false;
    this.facts.clear();
    this.people = undefined;
    this.rosters.clear();
    this.stale.clear();
    this.notices.clear();
  }

  private markStale(id: string): void {
    if (this.stale.size === 0) this.pendingSince = performance.now();
    this.stale.add(id);
  }

  private readSoon(): void {
    if (this.reading || this.retryTimer || this.stopped || !this.listening) return;
    this.reading = this.readAll()
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'reading changed people failed; the database answers for them until it is tried again');
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.readSoon();
        }, retryMs);
        this.retryTimer.unref();
      })
      .finally(() => {
        this.reading = undefined;
        if (!this.complete || this.stale.size > 0) this.readSoon();
      });
  }

  private async readAll(): Promise<void> {
    const epoch = this.epoch;
    if (!this.complete) {
      const ids = await listPersonIds(this.database.db);
      if (epoch !== this.epoch) return;
      for (const id of ids) this.markStale(id);
      this.complete = true;
    }
    while (this.stale.size > 0 && !this.stopped) {
      const ids = [...this.stale].slice(0, batchSize);
      const noticed = ids.map((id) => this.notices.get(id));
      const window = this.window;
      const read = await loadPersonFacts(this.database.db, ids, window);
      if (epoch !== this.epoch) return;
      // the window moved on while they were read: read them again for the days it now reaches
      if (window !== this.window) continue;
      ids.forEach((id, i) => {
        if (this.notices.get(id) !== noticed[i]) return; // changed again while being read: read it again
        const facts = read.get(id);
        this.hold(id, facts);
        this.stale.delete(id);
        this.notices.delete(id);
      });
    }
  }

  private windowAt(): FactsWindow {
    const today = todayIn(this.clock.now(), 'UTC');
    // Two days back from the UTC day covers yesterday in every time zone (an emergency may start then).
    const rosterFrom = addDays(today, -2);
    const compTimeTypes = new Set<string>();
    let ahead = 0;
    for (const team of Object.values(this.policy.teams)) {
      for (const [code, type] of Object.entries(team.rules.leave.types)) if (type.balance === 'comp_time') compTimeTypes.add(code);
      ahead = Math.max(ahead, ...rosterDaysAhead(team.rules));
    }
    // one more day for the zones ahead of UTC
    const rosterTo = addDays(today, ahead + 1);
    return { rosterFrom, rosterTo, leaveFrom: `${rosterFrom.slice(0, 4)}-01-01` as LocalDate, compTimeTypes: [...compTimeTypes] };
  }

  /**
   * Moves the window on: the rows before it are dropped, and everyone is read again for the days it
   * now reaches (answered by the database until then).
   */
  private trim(): void {
    const window = this.windowAt();
    if (window.rosterFrom === this.window.rosterFrom && window.rosterTo === this.window.rosterTo) return;
    this.window = window;
    for (const [id, facts] of this.facts) {
      this.hold(id, trimToWindow(facts, window));
      this.stale.add(id);
    }
    this.rosters.dropBefore(window.rosterFrom);
    this.readSoon();
  }

  /** The person's facts as now read (undefined: not in the org), their roster rows moved in the index with them. */
  private hold(id: string, facts: PersonFacts | undefined): void {
    this.people = undefined;
    this.rosters.replace(this.facts.get(id), facts);
    if (facts) this.facts.set(id, facts);
    else this.facts.delete(id);
  }
}
