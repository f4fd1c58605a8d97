/**
 * What time does to pending leave (POLICY §2), on a 7×24 clock: a slow approver is reminded, then
 * the step passes up a level; a request still pending when its first shift starts expires.
 */
import {
  changeLeaveStatus,
  firstShiftsAfter,
  listApprovedOwingProof,
  listCoveredShifts,
  listPendingLeaveStartingBy,
  listSteps,
  claimStepCard,
  listStepsMissingCard,
  listStepsPendingSince,
  lockLeave,
  markProof,
  markReminded,
  peopleAwayOn,
  recordLeaveEvent,
  updateStep,
} from '../db/queries/leave.js';
import { loadReportingLines } from '../db/queries/reporting-line.js';
import type { LeaveApprovalStep, LeaveRequest } from '../db/schema.js';
import { escalationTarget } from '../policy/approval.js';
import { leaveEscalatesAt, leaveExpiresAt, leaveReminderAt, proofDueAt } from '../policy/pending.js';
import { addDays, shiftInterval, todayIn } from '../policy/time.js';
import { cardGraceMs } from './card-grace.js';
import { approveStep } from './leave.js';
import { changeEach } from './change-each.js';
import type { UseCaseDeps } from './deps.js';
import { minutesInMs } from '../policy/duration.js';

/** The shortest delay any team uses, so one query finds every candidate. */
function shortest(deps: UseCaseDeps, pick: (leave: UseCaseDeps['policy']['rules']['leave']) => number): number {
  return Math.min(...Object.values(deps.policy.teams).map((team) => pick(team.rules.leave)), pick(deps.policy.rules.leave));
}

const rulesOf = (deps: UseCaseDeps, teamId: string) => deps.policy.teams[teamId]?.rules.leave ?? deps.policy.rules.leave;

const isDue = (at: Date | undefined, now: Date): boolean => at !== undefined && at.getTime() <= now.getTime();

/** Steps whose approver has not answered within the reminder delay and was not reminded yet; each is claimed once. */
export async function remindSlowApprovers(deps: UseCaseDeps, now: Date): Promise<LeaveApprovalStep[]> {
  const pick = (leave: UseCaseDeps['policy']['rules']['leave']) => leave.approval_reminder_after;
  const candidates = await listStepsPendingSince(deps.db, new Date(now.getTime() - minutesInMs(shortest(deps, pick))));
  const slow = candidates.filter(({ step, teamId }) => isDue(leaveReminderAt(step, rulesOf(deps, teamId)), now));
  return changeEach(
    deps.logger,
    'leave.remind',
    slow,
    async ({ step }) => ((await markReminded(deps.db, step.id, now)) ? { ...step, remindedAt: now } : undefined),
    ({ step }) => ({ stepId: step.id }),
  );
}

export interface Escalation {
  readonly step: LeaveApprovalStep;
  /** The step went to someone who had approved this request already: their approval stands for it, and the request moved on. */
  readonly decided: boolean;
  /** The approver the step was taken from, and their card, which now says where the step went. */
  readonly from: { readonly approverId: string; readonly messageChannel: string | null; readonly messageTs: string | null };
}

/** Steps unanswered past the escalation delay pass to the next person up; the top of the line stays. */
export async function escalateSlowApprovals(deps: UseCaseDeps, now: Date): Promise<Escalation[]> {
  const pick = (leave: UseCaseDeps['policy']['rules']['leave']) => leave.approval_escalate_after;
  const candidates = await listStepsPendingSince(deps.db, new Date(now.getTime() - minutesInMs(shortest(deps, pick))));
  const slow = candidates.filter(({ step, teamId }) => isDue(leaveEscalatesAt(step, rulesOf(deps, teamId)), now));
  const escalate = ({ step, teamId }: (typeof slow)[number]) =>
    deps.db.transaction(async (tx): Promise<Escalation | undefined> => {
      const request = await lockLeave(tx, step.requestId);
      const steps = await listSteps(tx, step.requestId);
      const current = steps.find((s) => s.id === step.id);
      if (request?.status !== 'pending' || current?.status !== 'pending' || current.approverId !== step.approverId) return undefined;
      const team = deps.policy.teams[teamId];
      const away = await peopleAwayOn(tx, todayIn(now, team?.timezone ?? deps.policy.default_timezone));
      const target = escalationTarget(await loadReportingLines(tx, [current.approverId]), current.approverId, away);
      if (!target) {
        await updateStep(tx, current.id, { escalatedAt: now }); // nobody above: it stays, and is not retried every minute
        return undefined;
      }
      const passedUp = {
        approverId: target.slackId,
        pendingSince: now,
        remindedAt: null,
        escalatedAt: now,
        messageChannel: null,
        messageTs: null,
      };
      await updateStep(tx, current.id, passedUp);
      await recordLeaveEvent(tx, {
        requestId: request.id,
        at: now,
        actorId: null,
        fromStatus: 'pending',
        toStatus: 'pending',
        note: `step ${current.position + 1} unanswered by ${current.approverId}; passed up to ${target.slackId}`,
      });
      const after: LeaveApprovalStep = { ...current, ...passedUp };
      const from = { approverId: current.approverId, messageChannel: current.messageChannel, messageTs: current.messageTs };
      // one person decides once per request: whoever approved it already is not asked again
      if (steps.some((s) => s.status === 'approved' && s.decidedBy === target.slackId)) {
        const decided = await approveStep(tx, deps, {
          request,
          steps: steps.map((s) => (s.id === after.id ? after : s)),
          step: after,
          actorId: target.slackId,
          now,
          note: 'approved at an earlier step',
        });
        if (decided.kind !== 'understaffed') return { step: after, from, decided: true };
      }
      return { step: after, from, decided: false };
    });
  return changeEach(deps.logger, 'leave.escalate', slow, escalate, ({ step }) => ({ stepId: step.id }));
}

/** Pending requests whose first shift has started (or, filed late, whose last has ended) expire; returns their ids. */
export async function expireUnansweredLeave(deps: UseCaseDeps, now: Date): Promise<number[]> {
  // A day ahead of UTC covers every team's time zone; the exact test is the shift's start below.
  const candidates = await listPendingLeaveStartingBy(deps.db, addDays(todayIn(now, 'UTC'), 1));
  const expire = async (candidate: LeaveRequest): Promise<number | undefined> => {
    const team = deps.policy.teams[candidate.teamId];
    if (!team) return undefined;
    const intervals = (await listCoveredShifts(deps.db, candidate.id)).flatMap((s) => {
      const shift = deps.policy.shifts[s.shiftCode];
      return shift ? [shiftInterval(s.date, shift, team.timezone)] : [];
    });
    if (!isDue(leaveExpiresAt(candidate, intervals), now)) return undefined;
    const done = await deps.db.transaction(async (tx) => {
      const request = await lockLeave(tx, candidate.id);
      if (request?.status !== 'pending') return false;
      for (const step of await listSteps(tx, request.id)) {
        if (step.status === 'pending' || step.status === 'waiting') await updateStep(tx, step.id, { status: 'expired' });
      }
      await changeLeaveStatus(tx, request, 'expired', { at: now, actorId: null, note: 'still pending when the leave started' });
      return true;
    });
    return done ? candidate.id : undefined;
  };
  return changeEach(deps.logger, 'leave.expire', candidates, expire, (candidate) => ({ requestId: candidate.id }));
}

export interface OwedProof {
  readonly request: LeaveRequest;
  /** When the proof is due: the first shift back plus the policy's allowance. */
  readonly dueAt: Date;
}

/**
 * Approved leave with proof still owed: the agent is reminded when their first shift back starts,
 * and their first approver is told once the policy's deadline after that has passed.
 */
export async function chaseOwedProof(deps: UseCaseDeps, now: Date): Promise<{ reminders: OwedProof[]; overdue: OwedProof[] }> {
  const reminders: OwedProof[] = [];
  const overdue: OwedProof[] = [];
  for (const request of await listApprovedOwingProof(deps.db)) {
    const team = deps.policy.teams[request.teamId];
    if (!team) continue;
    const back = (await firstShiftsAfter(deps.db, request.personId, request.lastDay)).flatMap((s) => {
      const shift = deps.policy.shifts[s.shiftCode];
      return shift ? [shiftInterval(s.date, shift, team.timezone).start.getTime()] : [];
    });
    if (back.length === 0) continue;
    const backAt = Math.min(...back);
    if (backAt > now.getTime()) continue;
    const dueAt = proofDueAt(new Date(backAt), team.rules.leave);
    if (request.proofRemindedAt === null && (await markProof(deps.db, request.id, 'proofRemindedAt', now)))
      reminders.push({ request, dueAt });
    if (
      request.proofOverdueAt === null &&
      dueAt.getTime() <= now.getTime() &&
      (await markProof(deps.db, request.id, 'proofOverdueAt', now))
    ) {
      await recordLeaveEvent(deps.db, {
        requestId: request.id,
        at: now,
        actorId: null,
        fromStatus: 'approved',
        toStatus: 'approved',
        note: 'proof overdue',
      });
      overdue.push({ request, dueAt });
    }
  }
  return { reminders, overdue };
}

/** Pending steps whose card never reached the approver (the app stopped, or Slack refused it), each claimed for this caller to post. */
export async function claimMissingStepCards(deps: UseCaseDeps, now: Date): Promise<LeaveApprovalStep[]> {
  const staleBefore = new Date(now.getTime() - cardGraceMs);
  const missing = await listStepsMissingCard(deps.db, staleBefore);
  const claimed = await Promise.all(
    missing.map(async (step) => ((await claimStepCard(deps.db, { step, at: now, staleBefore })) ? step : undefined)),
  );
  return claimed.filter((step): step is LeaveApprovalStep => step !== undefined);
}
