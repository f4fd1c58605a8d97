/** /leave's forms as one use case each: the request modal submitted, and a rejection asked for and given. */
import type { LeaveRequest, Person, ProofFile } from '../db/schema.js';
import { mayDecide } from '../policy/approval.js';
import { refusal, type Refusal } from '../policy/decision.js';
import { leaveDateRefusals } from '../policy/leave.js';
import { todayIn, type LocalDate } from '../policy/time.js';
import type { UseCaseDeps } from './deps.js';
import { fileForm, type FiledForm, type Filing } from './filing.js';
import {
  approvalStepById,
  checkLeaveRequest,
  decideLeave,
  isLeaveSubmitted,
  leaveById,
  reasonRefusals,
  reportingLinesOf,
  type DecideResult,
  type LeaveDraftInput,
} from './leave.js';
import { personById } from './people.js';
import { teamOf } from './team.js';

/** The request modal as it was submitted: any field may be empty. */
export interface LeaveFormInput {
  readonly type: string | undefined;
  readonly firstDay: LocalDate | undefined;
  readonly lastDay: LocalDate | undefined;
  readonly reason: string;
  readonly proofFiles: readonly ProofFile[];
  readonly proofLater: boolean;
}

/**
 * The request modal submitted: refused on its fields when a rule is broken (a repeated delivery of a
 * filed request, which its own hold would refuse as an overlap, counts as written), else filed.
 */
export async function submitLeaveForm(
  deps: UseCaseDeps,
  filing: Filing,
  person: Person,
  form: LeaveFormInput,
  submissionKey: string,
): Promise<FiledForm> {
  const team = teamOf(deps, person);
  const knownType = form.type !== undefined && team.rules.leave.types[form.type] !== undefined;
  const missing: Refusal[] = [
    ...(knownType ? [] : [refusal('leave.refusal.unknown_type', {}, 'type')]),
    ...(form.firstDay ? [] : [refusal('leave.refusal.bad_date', {}, 'first_day')]),
    ...(form.lastDay ? [] : [refusal('leave.refusal.bad_date', {}, 'last_day')]),
    ...leaveDateRefusals(team.rules.leave, form, todayIn(deps.clock.now(), team.timezone)),
    ...reasonRefusals(form.reason, team.rules.leave),
  ];
  const draft: LeaveDraftInput | undefined =
    form.type && form.firstDay && form.lastDay ? { ...form, type: form.type, firstDay: form.firstDay, lastDay: form.lastDay } : undefined;
  const checked = missing.length > 0 || !draft ? { ok: false as const, refusals: missing } : await checkLeaveRequest(deps, person, draft);
  if (!checked.ok || !draft) {
    if (await isLeaveSubmitted(deps, person, submissionKey)) return { kind: 'written', submissionId: undefined };
    return { kind: 'refused', refusals: checked.ok ? [] : checked.refusals };
  }
  return fileForm(filing, { kind: 'leave', submissionKey, userId: person.slackId, payload: { draft } });
}

export type LeaveRejection =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'not_yours'; readonly approverId: string }
  | { readonly kind: 'already'; readonly status: LeaveRequest['status'] }
  /** The reason modal may open: for whose request, and how long a reason its team takes. */
  | { readonly kind: 'open'; readonly stepId: number; readonly requesterName: string; readonly reasonMaxChars: number };

/** Reject on an approval card: whether the clicker may reject this step now. */
export async function openLeaveRejection(deps: UseCaseDeps, p: { stepId: number; actorId: string }): Promise<LeaveRejection> {
  const step = await approvalStepById(deps, p.stepId);
  if (!step) return { kind: 'unknown' };
  const org = await reportingLinesOf(deps, [step.approverId, p.actorId]);
  if (!mayDecide(org, step.approverId, p.actorId)) return { kind: 'not_yours', approverId: step.approverId };
  const request = await leaveById(deps, step.requestId);
  if (request && request.status !== 'pending') return { kind: 'already', status: request.status };
  const requester = request ? await personById(deps, request.personId) : undefined;
  return { kind: 'open', stepId: step.id, requesterName: requester?.name ?? '', reasonMaxChars: rejectReasonMax(deps, request) };
}

export type RejectLeaveResult = { readonly kind: 'refused'; readonly refusals: readonly Refusal[] } | DecideResult;

/** The reason modal submitted: refused on the reason when it is empty or too long for the request's team, else decided. */
export async function rejectLeave(deps: UseCaseDeps, p: { stepId: number; actorId: string; reason: string }): Promise<RejectLeaveResult> {
  if (p.reason === '') return { kind: 'refused', refusals: [refusal('leave.reject.reason', {}, 'reason')] };
  const step = await approvalStepById(deps, p.stepId);
  const request = step && (await leaveById(deps, step.requestId));
  const max = rejectReasonMax(deps, request);
  if ([...p.reason].length > max) return { kind: 'refused', refusals: [refusal('leave.refusal.reason_too_long', { max }, 'reason')] };
  return decideLeave(deps, { stepId: p.stepId, actorId: p.actorId, approve: false, note: p.reason });
}

/** The longest rejection reason the request's team takes (the department's, for a team gone from the policy). */
const rejectReasonMax = (deps: UseCaseDeps, request: { readonly teamId: string } | undefined): number =>
  (deps.policy.teams[request?.teamId ?? '']?.rules ?? deps.policy.rules).leave.reject_reason_max_chars;
