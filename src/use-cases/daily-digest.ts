/**
 * The daily "who's off" digest of each lead: today's and tomorrow's coverage of their team, and what
 * waits for them. Sent once per lead and day, however many app copies run: each lead's digest is
 * claimed in daily_digest_notices before it goes, and a claim whose copy died is taken over.
 */
import { claimDigest, digestsSentOn, leaveWaitingFor, markDigestSent, releaseDigest, swapsWaitingFor } from '../db/queries/daily-digest.js';
import { teamLeads } from '../db/queries/handover.js';
import { findPeople } from '../db/queries/people.js';
import type { Person } from '../db/schema.js';
import { dailyDigestDay } from '../policy/daily-digest.js';
import type { TeamDefinition } from '../policy/policy-file.js';
import type { LocalDate } from '../policy/time.js';
import { coverageOfTeam, type TeamCoverage } from './coverage.js';
import type { UseCaseDeps } from './deps.js';

/** The digest covers today and tomorrow. */
const digestDays = 2;

/** A claim this old and never marked sent belongs to a copy that died (sending one DM takes seconds). */
const claimLeaseMs = 5 * 60_000;

/** Something waiting for the lead's decision, as the digest lists it. */
export type WaitingItem =
  | { readonly kind: 'leave'; readonly name: string; readonly firstDay: LocalDate; readonly lastDay: LocalDate }
  | { readonly kind: 'swap'; readonly name: string; readonly date: LocalDate; readonly shiftCode: string };

export interface DailyDigest {
  readonly team: TeamDefinition;
  readonly day: LocalDate;
  readonly coverage: TeamCoverage;
  /** What waits for the lead: passed in, so the digest does not decide what counts as waiting. */
  readonly waiting: readonly WaitingItem[];
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
 * What waits for the lead today: leave steps and swaps for them to decide, from the same queries the
 * approval reminders use.
 */
export async function waitingForLead(deps: UseCaseDeps, leadId: string): Promise<WaitingItem[]> {
  const [leave, swaps] = await Promise.all([leaveWaitingFor(deps.db, leadId), swapsWaitingFor(deps.db, leadId)]);
  return [
    ...leave.map((l): WaitingItem => ({ kind: 'leave', name: l.name, firstDay: l.firstDay, lastDay: l.lastDay })),
    ...swaps.map((s): WaitingItem => ({ kind: 'swap', name: s.name, date: s.giveDate, shiftCode: s.giveShift })),
  ];
}

export async function buildDailyDigest(deps: UseCaseDeps, p: { team: TeamDefinition; day: LocalDate; lead: Person; now: Date; waiting: readonly WaitingItem[] }): Promise<DailyDigest> {
  const coverage = await coverageOfTeam(deps, { team: p.team, readerId: p.lead.slackId, days: digestDays, now: p.now });
  return { team: p.team, day: p.day, coverage, waiting: p.waiting };
}

export async function claimDailyDigest(deps: UseCaseDeps, p: { team: TeamDefinition; day: LocalDate; leadId: string; claimedBy: string; now: Date }): Promise<boolean> {
  return claimDigest(deps.db, { personId: p.leadId, day: p.day, teamId: p.team.id, claimedBy: p.claimedBy, at: p.now, staleBefore: new Date(p.now.getTime() - claimLeaseMs) });
}

export async function dailyDigestSent(deps: UseCaseDeps, p: { day: LocalDate; leadId: string }): Promise<void> {
  await markDigestSent(deps.db, { personId: p.leadId, day: p.day, at: deps.clock.now() });
}

export async function releaseDailyDigest(deps: UseCaseDeps, p: { day: LocalDate; leadId: string; claimedBy: string }): Promise<void> {
  await releaseDigest(deps.db, { personId: p.leadId, day: p.day, claimedBy: p.claimedBy });
}
