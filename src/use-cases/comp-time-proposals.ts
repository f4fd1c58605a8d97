/**
 * Comp time proposed from hours (POLICY §1). From `attendance.comp_time_proposal_time` on
 * `attendance.comp_time_proposal_day` (default zone), last month is settled once: each person whose
 * counted hours are over the standard gets a proposal of those hours to their manager (the nearest
 * active manager above them). The manager approves it or enters other hours (0 up to the proposed);
 * the proposal moves from proposed once, in one conditional update, and the credit goes into the
 * comp-time ledger in the same transaction, earned on the month's last day, so it expires
 * `leave.comp_time_expires_after_months` after that.
 */
import { attendanceCheckDone, claimAttendanceCheck } from '../db/queries/attendance-checks.js';
import {
  addCompTimeCredit,
  addCompTimeProposals,
  claimUnsentProposalCards,
  compTimeProposalById,
  decideProposal,
  markProposalCardSent,
  releaseProposalCard,
} from '../db/queries/comp-time-proposals.js';
import { activePeopleWithRole } from '../db/queries/attendance-sends.js';
import { loadReportingLines } from '../db/queries/reporting-line.js';
import type { CompTimeProposal } from '../db/schema.js';
import { AppError } from '../errors.js';
import { compTimeDecider } from '../policy/attendance/comp-time-proposal.js';
import { expiresOn } from '../policy/balances.js';
import { minutesInMs } from '../policy/duration.js';
import { addDays, monthNamed, monthOf, todayIn, type LocalDate } from '../policy/time.js';
import { buildAttendanceSheet } from './attendance-sheet.js';
import { momentOn, monthlyMomentsBetween } from './attendance-schedule.js';
import type { UseCaseDeps } from './deps.js';

/** A card claim this old and never marked sent belongs to a copy that died. */
const claimLeaseMs = minutesInMs(10);

/** Last month, once this month's settling moment has come. */
export function compTimeSettlementDue(
  deps: Pick<UseCaseDeps, 'policy'>,
  now: Date,
): { month: string; range: { first: LocalDate; last: LocalDate } } | undefined {
  const { comp_time_proposals: on, comp_time_proposal_day: day, comp_time_proposal_time: time } = deps.policy.rules.attendance;
  if (!on) return undefined;
  const zone = deps.policy.default_timezone;
  const today = todayIn(now, zone);
  const at = momentOn(`${today.slice(0, 8)}${String(day).padStart(2, '0')}` as LocalDate, time, zone);
  if (now.getTime() < at.getTime()) return undefined;
  const range = monthOf(addDays(monthOf(today).first, -1));
  return { month: range.first.slice(0, 7), range };
}

export function compTimeSettlementsBetween(deps: Pick<UseCaseDeps, 'policy'>, from: Date, to: Date): Date[] {
  const { comp_time_proposals: on, comp_time_proposal_day: day, comp_time_proposal_time: time } = deps.policy.rules.attendance;
  return on ? monthlyMomentsBetween(day, time, deps.policy.default_timezone, from, to) : [];
}

/** Last month's proposals, if no copy has made them yet; how many were made. */
export async function proposeCompTime(deps: UseCaseDeps, now: Date): Promise<number> {
  const due = compTimeSettlementDue(deps, now);
  if (due === undefined) return 0;
  const check = { kind: 'comp_time' as const, period: due.month };
  if (await attendanceCheckDone(deps.db, check)) return 0;
  const sheet = await buildAttendanceSheet(deps.db, deps.policy, due.range, now);
  const over = sheet.rows.filter((row) => row.hours.over > 0);
  const [org, managers] = await Promise.all([
    loadReportingLines(
      deps.db,
      over.map((row) => row.personId),
    ),
    activePeopleWithRole(deps.db, 'manager'),
  ]);
  const proposals = over.flatMap((row) => {
    // someone with no manager in their line is proposed to the department's first manager
    const managerId = compTimeDecider(org, row.personId) ?? managers[0]?.slackId;
    if (managerId === undefined) {
      deps.logger.warn({ person: row.personId, month: due.month }, 'nobody is a manager: the comp time over the standard is not proposed');
      return [];
    }
    return [{ personId: row.personId, month: due.month, hours: row.hours.over, managerId }];
  });
  return deps.db.transaction(async (tx) => {
    if (!(await claimAttendanceCheck(tx, { ...check, at: now }))) return 0;
    return addCompTimeProposals(tx, proposals);
  });
}

export function claimProposalCards(deps: UseCaseDeps, claimedBy: string, now: Date): Promise<CompTimeProposal[]> {
  return claimUnsentProposalCards(deps.db, { claimedBy, at: now, staleBefore: new Date(now.getTime() - claimLeaseMs) });
}

export function proposalCardSent(deps: UseCaseDeps, p: { id: number; channel: string; ts: string }): Promise<void> {
  return markProposalCardSent(deps.db, p);
}

export function releaseProposalCardClaim(deps: UseCaseDeps, id: number, claimedBy: string): Promise<void> {
  return releaseProposalCard(deps.db, { id, claimedBy });
}

export const compTimeProposal = (deps: Pick<UseCaseDeps, 'db'>, id: number): Promise<CompTimeProposal | undefined> =>
  compTimeProposalById(deps.db, id);

/** The ledger day a month's credit is earned on, and the day it expires. */
export function creditDates(deps: Pick<UseCaseDeps, 'policy'>, month: string): { earnedOn: LocalDate; expiresOn: LocalDate } {
  const earnedOn = monthNamed(month).last;
  return { earnedOn, expiresOn: expiresOn({ earnedOn, hours: 0 }, deps.policy.rules.leave.comp_time_expires_after_months) };
}

export type CompTimeDecision =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'not_yours'; readonly proposal: CompTimeProposal }
  | { readonly kind: 'already_decided'; readonly proposal: CompTimeProposal }
  | { readonly kind: 'decided'; readonly proposal: CompTimeProposal; readonly earnedOn: LocalDate; readonly expiresOn: LocalDate };

/** The manager's decision: the proposed hours (approve) or others already checked against them (adjust). */
export async function decideCompTime(
  deps: UseCaseDeps,
  p: { readonly proposalId: number; readonly actorId: string; readonly hours?: number },
): Promise<CompTimeDecision> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const before = await compTimeProposalById(tx, p.proposalId);
    if (before === undefined) return { kind: 'unknown' };
    if (before.managerId !== p.actorId) return { kind: 'not_yours', proposal: before };
    const hours = p.hours ?? before.hours;
    if (hours > before.hours) throw new AppError('comp_time.over_proposed', 'adjusted comp time must not exceed the hours proposed');
    const status = p.hours === undefined || p.hours === before.hours ? 'approved' : 'adjusted';
    const decided = await decideProposal(tx, { id: before.id, actorId: p.actorId, status, hours, at: now });
    if (decided === undefined) {
      const current = await compTimeProposalById(tx, p.proposalId);
      return { kind: 'already_decided', proposal: current ?? before };
    }
    const dates = creditDates(deps, decided.month);
    if (hours > 0)
      await addCompTimeCredit(tx, {
        personId: decided.personId,
        earnedOn: dates.earnedOn,
        hours,
        note: `${decided.month} +${hours}h`,
      });
    return { kind: 'decided', proposal: decided, ...dates };
  });
}
