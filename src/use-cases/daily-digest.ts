/**
 * The daily "who's off" digest of each lead: today's and tomorrow's coverage of their team, and what
 * waits for them. Sent once per lead and day, however many app copies run: each lead's digest is
 * claimed in daily_digest_notices before it goes, and a claim whose copy died is taken over.
 */
import { countedClaim } from '../metrics.js';
import { claimDigest, digestsSentOn, markDigestSent, releaseDigest } from '../db/queries/daily-digest.js';
import { findHandover, teamLeads } from '../db/queries/handover.js';
import { findLeave } from '../db/queries/leave.js';
import { findPeople, peopleByIds } from '../db/queries/people.js';
import { findSwap } from '../db/queries/swap.js';
import type { Person } from '../db/schema.js';
import { dailyDigestDay } from '../policy/daily-digest.js';
import type { TeamDefinition } from '../policy/policy-file.js';
import { reportWeekStarting } from '../policy/report-week.js';
import type { LocalDate } from '../policy/time.js';
import { coverageOfTeam, type TeamCoverage } from './coverage.js';
import type { UseCaseDeps } from './deps.js';
import { teamOf } from './team.js';
import { loadWaiting, type WaitingItem } from './waiting.js';

/** The digest covers today and tomorrow. */
const digestDays = 2;

/** A claim this old and never marked sent belongs to a copy that died (sending one DM takes seconds). */
const claimLeaseMs = 5 * 60_000;

interface Week {
  readonly start: LocalDate;
  readonly end: LocalDate;
}

/**
 * One line of what waits for the lead, as the digest lists it: an item of their Home inbox with the
 * facts its line names. Never a leave reason or type: the line says "leave", whatever kind it is.
 */
export type DigestLine = (
  | { readonly kind: 'leave'; readonly name: string; readonly firstDay: LocalDate; readonly lastDay: LocalDate }
  | {
      readonly kind: 'swap';
      readonly as: 'colleague' | 'lead';
      readonly name: string;
      readonly date: LocalDate;
      readonly shiftCode: string;
    }
  | {
      readonly kind: 'handover';
      readonly as: 'incoming' | 'lead' | 'author';
      readonly refused: boolean;
      readonly name: string;
      readonly date: LocalDate;
      readonly shiftCode: string;
    }
  | {
      readonly kind: 'proof';
      readonly as: 'owner' | 'approver';
      readonly name: string;
      readonly firstDay: LocalDate;
      readonly lastDay: LocalDate;
    }
  | { readonly kind: 'report'; readonly week: Week }
  | { readonly kind: 'team_reports'; readonly week: Week; readonly missing: readonly string[]; readonly late: readonly string[] }
  | {
      readonly kind: 'missed_handovers';
      readonly month: string;
      readonly people: readonly { readonly name: string; readonly count: number }[];
    }
) & { readonly dueAt: Date | undefined };

export interface DailyDigest {
  readonly team: TeamDefinition;
  readonly day: LocalDate;
  readonly coverage: TeamCoverage;
  /** When it was drawn: a line's deadline before this has passed. */
  readonly at: Date;
  /** What waits for the lead: passed in, so the digest does not decide what counts as waiting. */
  readonly waiting: readonly DigestLine[];
}

export interface DueDigest {
  readonly team: TeamDefinition;
  readonly day: LocalDate;
  /** The team's active leads whose digest of the day has not gone yet. */
  readonly leads: readonly Person[];
}

/** Each team whose digest is due at `now` (turned on, past its time today), with the leads still to get it. */
export async function dueDailyDigests(deps: UseCaseDeps, now: Date): Promise<DueDigest[]> {
  const due: DueDigest[] = [];
  for (const team of Object.values(deps.policy.teams)) {
    const day = dailyDigestDay(now, team.rules.digest, team.timezone);
    if (day === undefined) continue;
    const leadIds = await teamLeads(deps.db, team.id);
    const sent = await digestsSentOn(deps.db, { day, personIds: leadIds });
    const waiting = leadIds.filter((id) => !sent.has(id));
    if (waiting.length > 0) due.push({ team, day, leads: await findPeople(deps.db, waiting) });
  }
  return due;
}

/**
 * What waits for the lead at `now`: their Home inbox's items (the one rule of who must act by when,
 * src/use-cases/waiting.ts), most urgent first, each with the facts its line names.
 */
export async function waitingForLead(deps: UseCaseDeps, lead: Person, now: Date): Promise<DigestLine[]> {
  const items = await loadWaiting(deps, lead, now);
  const lines = await Promise.all(items.map((item) => lineOf(deps, lead, item)));
  return lines.filter((line): line is DigestLine => line !== undefined);
}

const nameOf = async (deps: UseCaseDeps, personId: string): Promise<string> =>
  (await peopleByIds(deps.db, [personId])).get(personId)?.name ?? personId;

/** The item's line, or undefined when it went away between the inbox's read and this one. */
async function lineOf(deps: UseCaseDeps, lead: Person, item: WaitingItem): Promise<DigestLine | undefined> {
  const due = { dueAt: item.dueAt };
  switch (item.kind) {
    // the manager decides comp time on its card and their Home; the digest is the lead's morning list
    case 'comp_time':
      return undefined;
    case 'leave_step':
    case 'proof': {
      const request = await findLeave(deps.db, item.requestId);
      if (!request) return undefined;
      const facts = {
        ...due,
        name: await nameOf(deps, request.personId),
        firstDay: request.firstDay,
        lastDay: request.lastDay,
      };
      return item.kind === 'leave_step' ? { kind: 'leave', ...facts } : { kind: 'proof', as: item.as, ...facts };
    }
    case 'swap': {
      const swap = await findSwap(deps.db, item.swapId);
      if (!swap) return undefined;
      return {
        kind: 'swap',
        as: item.as,
        ...due,
        name: await nameOf(deps, swap.requesterId),
        date: swap.giveDate,
        shiftCode: swap.giveShift,
      };
    }
    case 'handover': {
      const handover = await findHandover(deps.db, item.handoverId);
      if (!handover) return undefined;
      return {
        kind: 'handover',
        as: item.as,
        refused: handover.status === 'refused',
        ...due,
        name: await nameOf(deps, handover.authorId),
        date: handover.shiftDate,
        shiftCode: handover.shiftCode,
      };
    }
    case 'report':
    case 'team_reports': {
      const team = teamOf(deps, item.kind === 'team_reports' ? item.teamId : lead);
      const { start, end } = reportWeekStarting(item.weekStart, team.rules.report, team.timezone);
      const week = { start, end };
      return item.kind === 'report'
        ? { kind: 'report', week, ...due }
        : { kind: 'team_reports', week, missing: item.missing, late: item.late, ...due };
    }
    case 'missed_handovers':
      return { kind: 'missed_handovers', month: item.month, people: item.people, ...due };
  }
}

export async function buildDailyDigest(
  deps: UseCaseDeps,
  p: { team: TeamDefinition; day: LocalDate; lead: Person; now: Date; waiting: readonly DigestLine[] },
): Promise<DailyDigest> {
  const coverage = await coverageOfTeam(deps, { team: p.team, readerId: p.lead.slackId, days: digestDays, now: p.now });
  return { team: p.team, day: p.day, coverage, at: p.now, waiting: p.waiting };
}

export async function claimDailyDigest(
  deps: UseCaseDeps,
  p: { team: TeamDefinition; day: LocalDate; leadId: string; claimedBy: string; now: Date },
): Promise<boolean> {
  return countedClaim(
    deps.metrics,
    'daily_digest',
    claimDigest(deps.db, {
      personId: p.leadId,
      day: p.day,
      teamId: p.team.id,
      claimedBy: p.claimedBy,
      at: p.now,
      staleBefore: new Date(p.now.getTime() - claimLeaseMs),
    }),
  );
}

export async function dailyDigestSent(deps: UseCaseDeps, p: { day: LocalDate; leadId: string }): Promise<void> {
  await markDigestSent(deps.db, { personId: p.leadId, day: p.day, at: deps.clock.now() });
  deps.metrics?.claim('daily_digest', 'finished');
}

export async function releaseDailyDigest(deps: UseCaseDeps, p: { day: LocalDate; leadId: string; claimedBy: string }): Promise<void> {
  await releaseDigest(deps.db, { personId: p.leadId, day: p.day, claimedBy: p.claimedBy });
  deps.metrics?.claim('daily_digest', 'released');
}
