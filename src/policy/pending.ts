/**
 * Who must act on each kind of open item, and by when: one statement per feature, read by the Home
 * inbox ("Waiting for you"), the reminders and the escalations alike. Pure: every input is passed in.
 */
import { escalationTarget, type Org } from './approval.js';
import { approverRoles, type ApproverRole, type Rules } from './policy-file.js';

const minutes = (n: number) => n * 60_000;

/** Who is to act on an item now, by when (undefined: no deadline), and what happens then. */
export interface Pending {
  readonly actors: readonly string[];
  readonly dueAt: Date | undefined;
  /** What the deadline brings: the item passes up, ends, or is reported to the lead. */
  readonly atDeadline: 'escalates' | 'expires' | 'reported' | 'counted' | 'none';
}

export const noOne: Pending = { actors: [], dueAt: undefined, atDeadline: 'none' };

const earliest = (...dates: (Date | undefined)[]): Date | undefined =>
  dates.reduce<Date | undefined>((min, d) => (d === undefined ? min : min === undefined || d < min ? d : min), undefined);

// ------------------------------------------------------------------------------------------------
// A team's items (its handovers, summaries, missed handovers, and swaps and proofs left with someone
// gone): nothing waits for nobody. Who would act but is not there is stood in for by whoever their
// approval chain escalates to.

const isApprover = (role: string) => approverRoles.includes(role as ApproverRole);

/** Who acts in place of `slackId`: themselves while active, else the nearest active approver above them. */
export function actingFor(org: Org, slackId: string): string | undefined {
  return org.get(slackId)?.active ? slackId : escalationTarget(org, slackId, new Set())?.slackId;
}

/**
 * Who acts for a team: its active leads; a team with none, whom its agents' approval chain escalates
 * to: each one they report to who is an active approver, else the nearest active approver above them
 * (the manager, say, of a lead who left).
 */
export function teamActors(org: Org, team: { readonly leads: readonly string[]; readonly reportsTo: readonly string[] }): string[] {
  if (team.leads.length > 0) return [...team.leads];
  const actors = team.reportsTo.flatMap((id) => {
    const member = org.get(id);
    if (member?.active && isApprover(member.role)) return [id];
    const above = escalationTarget(org, id, new Set());
    return above ? [above.slackId] : [];
  });
  return [...new Set(actors)];
}

// ------------------------------------------------------------------------------------------------
// Leave (POLICY §2): the pending step's approver, until it passes up or the leave starts.

export interface LeaveStepState {
  readonly status: string;
  readonly approverId: string;
  readonly pendingSince: Date | null;
  readonly remindedAt: Date | null;
  readonly escalatedAt: Date | null;
}

/** When the step's approver is reminded: once, `approval_reminder_after` after the step came to them. */
export function leaveReminderAt(step: LeaveStepState, rules: Rules['leave']): Date | undefined {
  if (step.status !== 'pending' || step.pendingSince === null || step.remindedAt !== null) return undefined;
  return new Date(step.pendingSince.getTime() + minutes(rules.approval_reminder_after));
}

/**
 * When the step passes up a level: `approval_escalate_after` after it came to its approver, and again
 * that long after the last try when nobody above could take it.
 */
export function leaveEscalatesAt(step: LeaveStepState, rules: Rules['leave']): Date | undefined {
  if (step.status !== 'pending' || step.pendingSince === null) return undefined;
  const from = step.escalatedAt !== null && step.escalatedAt > step.pendingSince ? step.escalatedAt : step.pendingSince;
  return new Date(from.getTime() + minutes(rules.approval_escalate_after));
}

/**
 * A pending leave request expires when its first shift starts; filed after that (an emergency), when
 * its last shift ends. `shifts` are the request's shifts as instants.
 */
export function leaveExpiresAt(
  request: { readonly noticeMinutes: number },
  shifts: readonly { readonly start: Date; readonly end: Date }[],
): Date | undefined {
  if (shifts.length === 0) return undefined;
  return request.noticeMinutes < 0
    ? new Date(Math.max(...shifts.map((s) => s.end.getTime())))
    : new Date(Math.min(...shifts.map((s) => s.start.getTime())));
}

/** A leave step: its approver acts, by the escalation or the expiry, whichever comes first. */
export function pendingLeaveStep(
  request: { readonly status: string; readonly noticeMinutes: number },
  step: LeaveStepState,
  rules: Rules['leave'],
  shifts: readonly { readonly start: Date; readonly end: Date }[],
): Pending {
  if (request.status !== 'pending' || step.status !== 'pending') return noOne;
  const escalates = leaveEscalatesAt(step, rules);
  const expires = leaveExpiresAt(request, shifts);
  const dueAt = earliest(escalates, expires);
  return { actors: [step.approverId], dueAt, atDeadline: dueAt !== undefined && dueAt === expires ? 'expires' : 'escalates' };
}

/**
 * Proof owed for approved leave: the agent attaches it; once they are back at work (`backAt`), it is due
 * `proof_due_after_return` later, and after that their first approver is to follow it up.
 */
export function proofDueAt(backAt: Date, rules: Rules['leave']): Date {
  return new Date(backAt.getTime() + minutes(rules.proof_due_after_return));
}

export function pendingProof(
  request: { readonly status: string; readonly proof: string; readonly personId: string },
  p: { backAt: Date | undefined; firstApproverId: string | undefined; now: Date },
  rules: Rules['leave'],
): Pending {
  if (request.status !== 'approved' || request.proof !== 'owed') return noOne;
  const dueAt = p.backAt === undefined ? undefined : proofDueAt(p.backAt, rules);
  if (dueAt !== undefined && dueAt <= p.now && p.firstApproverId !== undefined)
    return { actors: [p.firstApproverId], dueAt, atDeadline: 'none' };
  return { actors: [request.personId], dueAt, atDeadline: 'reported' };
}

// ------------------------------------------------------------------------------------------------
// Comp time proposed from a month's hours (POLICY §1): the manager decides, before the month's sheet
// goes to HR (after it, the sheet shows the proposal as not approved).

export function pendingCompTime(proposal: { readonly status: string; readonly managerId: string }, sheetDueAt: Date): Pending {
  return proposal.status === 'proposed' ? { actors: [proposal.managerId], dueAt: sheetDueAt, atDeadline: 'reported' } : noOne;
}

// ------------------------------------------------------------------------------------------------
// Swaps (POLICY §3): the colleague consents, then the lead approves, before the notice deadline.

export function pendingSwap(swap: {
  readonly status: string;
  readonly colleagueId: string;
  readonly leadId: string | null;
  readonly deadline: Date;
}): Pending {
  if (swap.status === 'pending_colleague') return { actors: [swap.colleagueId], dueAt: swap.deadline, atDeadline: 'expires' };
  if (swap.status === 'pending_lead' && swap.leadId !== null) return { actors: [swap.leadId], dueAt: swap.deadline, atDeadline: 'expires' };
  return noOne;
}

/** A swap waits until its deadline: past it, it expires. */
export const swapOverdue = (swap: { readonly deadline: Date }, now: Date): boolean => swap.deadline <= now;

// ------------------------------------------------------------------------------------------------
// Handovers (POLICY §4): the incoming shift takes over by `takeOverDueAt`; past it, or refused, the lead.

export function pendingHandover(
  handover: { readonly status: string; readonly takeOverDueAt: Date; readonly authorId: string },
  p: { incoming: readonly string[]; leads: readonly string[]; now: Date },
): Pending {
  if (handover.status === 'refused') return { actors: [...new Set([handover.authorId, ...p.leads])], dueAt: undefined, atDeadline: 'none' };
  if (handover.status !== 'submitted') return noOne;
  if (handover.takeOverDueAt <= p.now) return { actors: p.leads, dueAt: handover.takeOverDueAt, atDeadline: 'none' };
  return { actors: p.incoming, dueAt: handover.takeOverDueAt, atDeadline: 'reported' };
}

/** The lead hears of a handover nobody took over once its take-over time has passed. */
export const handoverUnanswered = (handover: { readonly status: string; readonly takeOverDueAt: Date }, now: Date): boolean =>
  handover.status === 'submitted' && handover.takeOverDueAt <= now;

// ------------------------------------------------------------------------------------------------
// Weekly summary (POLICY §5): the agent sends it by the week's deadline; then missing ones are counted.

export function pendingReport(p: { personId: string; owes: boolean; sent: boolean; dueAt: Date; now: Date }): Pending {
  if (!p.owes || p.sent || p.dueAt <= p.now) return noOne;
  return { actors: [p.personId], dueAt: p.dueAt, atDeadline: 'counted' };
}
