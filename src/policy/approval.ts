/**
 * Approval chains (POLICY §2): the roles a rule names become people by walking up the requester's
 * reporting line; an approver who is away that day hands the step to the next person up.
 */
import { approverRoles, type ApproverRole, type Role } from './policy-file.js';

export interface OrgMember {
  readonly slackId: string;
  readonly role: Role;
  readonly reportsTo: string | null;
  readonly active: boolean;
}

export interface ChainStep {
  readonly role: ApproverRole;
  readonly approverId: string;
  /** Who would have decided but is away that day; the record shows the step was passed up. */
  readonly skipped: readonly string[];
}

export type Org = ReadonlyMap<string, OrgMember>;

const rank = (role: Role): number => approverRoles.indexOf(role as ApproverRole);

/** The people above `slackId`, nearest first; stops at a cycle or a missing link. */
export function lineAbove(org: Org, slackId: string): OrgMember[] {
  const line: OrgMember[] = [];
  const seen = new Set([slackId]);
  let next = org.get(slackId)?.reportsTo ?? null;
  while (next !== null && !seen.has(next)) {
    const member = org.get(next);
    if (!member) break;
    line.push(member);
    seen.add(next);
    next = member.reportsTo;
  }
  return line;
}

/**
 * The approver of each role in `roles`, in order: the nearest active person above the requester with
 * that role (or, failing that, a higher approver role). Someone in `away` is skipped for the next
 * person up. Consecutive steps that land on the same person merge into one. Undefined when nobody
 * above the requester can approve.
 */
export function buildChain(
  org: Org,
  requesterId: string,
  roles: readonly ApproverRole[],
  away: ReadonlySet<string>,
): ChainStep[] | undefined {
  const line = lineAbove(org, requesterId).filter((m) => m.active && rank(m.role) >= 0);
  const steps: ChainStep[] = [];
  let from = 0; // a later step never goes back down the line
  for (const role of roles) {
    const at = line.findIndex((m, i) => i >= from && rank(m.role) >= rank(role));
    if (at === -1) return undefined;
    const skipped: string[] = [];
    let index = at;
    while (index < line.length && away.has((line[index] as OrgMember).slackId)) skipped.push((line[index++] as OrgMember).slackId);
    const approver = line[index];
    if (!approver) return undefined;
    from = index;
    const previous = steps.at(-1);
    if (previous?.approverId === approver.slackId) {
      steps[steps.length - 1] = { role, approverId: approver.slackId, skipped: [...previous.skipped, ...skipped] };
    } else {
      steps.push({ role, approverId: approver.slackId, skipped });
    }
  }
  return steps;
}

/** The step's approver, or anyone above them in the org, may decide; nobody else. */
export function mayDecide(org: Org, approverId: string, actorId: string): boolean {
  if (actorId === approverId) return org.get(actorId)?.active ?? false;
  return lineAbove(org, approverId).some((m) => m.slackId === actorId && m.active);
}

/** Who a slow approver's step passes up to: the nearest active approver above them who is not away. */
export function escalationTarget(org: Org, approverId: string, away: ReadonlySet<string>): OrgMember | undefined {
  return lineAbove(org, approverId).find((m) => m.active && rank(m.role) >= 0 && !away.has(m.slackId));
}

export interface StepState {
  readonly position: number;
  readonly approverId: string;
  readonly status: string;
  readonly decidedBy: string | null;
}

/**
 * What approving `step` as `actorId` leaves to do: the waiting steps right after it whose approver has
 * already approved this request (they are approved with it; one person decides once), and the first
 * waiting step of someone else, which comes next. No `next`: the request is approved.
 */
export function stepsAfterApproval<S extends StepState>(
  steps: readonly S[],
  step: S,
  actorId: string,
): { decidedAlready: S[]; next: S | undefined } {
  const deciders = new Set([actorId, ...steps.flatMap((s) => (s.status === 'approved' && s.decidedBy ? [s.decidedBy] : []))]);
  const later = steps.filter((s) => s.position > step.position && s.status === 'waiting').sort((a, b) => a.position - b.position);
  const at = later.findIndex((s) => !deciders.has(s.approverId));
  return at === -1 ? { decidedAlready: later, next: undefined } : { decidedAlready: later.slice(0, at), next: later[at] };
}

/** Who approves the leave of someone with nobody above them (policy `leave.top_of_org`): recorded as they file it, nobody, or a named deputy. */
export type TopOfOrg = 'self_recorded' | 'refused' | (string & {});

export type Approvers =
  | { readonly kind: 'chain'; readonly steps: readonly ChainStep[] }
  | { readonly kind: 'self_recorded' }
  | { readonly kind: 'nobody'; readonly topOfOrg: boolean };

/**
 * The approval chain of a request, or what the policy says for the top of the org: an approver
 * (lead, manager, gm) with no active approver above them. Anyone else without a chain is an org-file
 * mistake: nobody.
 */
export function approversFor(
  org: Org,
  requesterId: string,
  roles: readonly ApproverRole[],
  away: ReadonlySet<string>,
  topOfOrg: TopOfOrg,
): Approvers {
  const steps = buildChain(org, requesterId, roles, away);
  if (steps && steps.length > 0) return { kind: 'chain', steps };
  const requester = org.get(requesterId);
  const atTop =
    requester !== undefined && rank(requester.role) >= 0 && !lineAbove(org, requesterId).some((m) => m.active && rank(m.role) >= 0);
  if (!atTop) return { kind: 'nobody', topOfOrg: false };
  if (topOfOrg === 'self_recorded') return { kind: 'self_recorded' };
  const deputy = topOfOrg === 'refused' ? undefined : org.get(topOfOrg);
  if (!deputy?.active || deputy.slackId === requesterId || away.has(deputy.slackId)) return { kind: 'nobody', topOfOrg: true };
  return { kind: 'chain', steps: [{ role: 'gm', approverId: deputy.slackId, skipped: [] }] };
}
