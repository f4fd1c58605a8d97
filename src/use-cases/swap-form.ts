/** /swap's forms as one use case each: the request modal as it is filled in and submitted, and a rejection given. */
import type { Person } from '../db/schema.js';
import { refusal, type Refusal } from '../policy/decision.js';
import type { UseCaseDeps } from './deps.js';
import { fileForm, type FiledForm, type Filing } from './filing.js';
import { personById } from './people.js';
import {
  checkSwapRequest,
  decideSwap,
  isOfferedDay,
  isSubmitted,
  previewSwap,
  swapById,
  upcomingShifts,
  type DecideSwapResult,
  type ShiftChoice,
  type SwapDraft,
} from './swap.js';

/** The request modal as it stands: any field may be empty; `take` is 'cover' for a one-way cover. */
export interface SwapFormInput {
  readonly give: ShiftChoice | undefined;
  readonly colleagueId: string | undefined;
  readonly take: ShiftChoice | 'cover' | undefined;
  readonly note: string;
}

/** The form with a shift on a day the modal never offers (year 9999, say) read as no pick at all. */
function offeredForm(deps: UseCaseDeps, person: Person, form: SwapFormInput): SwapFormInput {
  const offered = (choice: SwapFormInput['give']) => (choice && isOfferedDay(deps, person, choice.date) ? choice : undefined);
  return { ...form, give: offered(form.give), take: form.take === 'cover' ? 'cover' : offered(form.take) };
}

/** What the modal shows for the form as it stands: both people's next shifts (at most `limit`) and the rules checked so far. */
export async function swapFormState(deps: UseCaseDeps, person: Person, filled: SwapFormInput, limit: number) {
  const form = offeredForm(deps, person, filled);
  const colleague = form.colleagueId ? await personById(deps, form.colleagueId) : undefined;
  const [myShifts, theirShifts] = await Promise.all([
    upcomingShifts(deps, person, limit),
    colleague?.active && colleague.slackId !== person.slackId ? upcomingShifts(deps, colleague, limit) : Promise.resolve([]),
  ]);
  const preview = await previewSwap(deps, person, {
    ...(form.give ? { give: form.give } : {}),
    ...(form.colleagueId ? { colleagueId: form.colleagueId } : {}),
    take: form.take === 'cover' ? undefined : form.take,
  });
  return { form, colleague, myShifts, theirShifts, preview };
}

/**
 * The request modal submitted: refused on its fields when a pick is missing or a rule is broken (a
 * repeated delivery of a filed swap, which its own hold would refuse, counts as written), else filed.
 */
export async function submitSwapForm(
  deps: UseCaseDeps,
  filing: Filing,
  person: Person,
  filled: SwapFormInput,
  submissionKey: string,
): Promise<FiledForm & { readonly colleague?: Person }> {
  const form = offeredForm(deps, person, filled);
  const missing: Refusal[] = [
    ...(form.give ? [] : [refusal('swap.refusal.pick_shift', {}, 'my_shift')]),
    ...(form.colleagueId ? [] : [refusal('swap.refusal.pick_colleague', {}, 'colleague')]),
    ...(form.colleagueId && !form.take ? [refusal('swap.refusal.pick_their_shift', {}, 'their_shift')] : []),
  ];
  const draft: SwapDraft | undefined =
    form.give && form.colleagueId && form.take
      ? { colleagueId: form.colleagueId, give: form.give, take: form.take === 'cover' ? undefined : form.take, note: form.note }
      : undefined;
  const checked = missing.length > 0 || !draft ? { ok: false as const, refusals: missing } : await checkSwapRequest(deps, person, draft);
  if (!checked.ok || !draft) {
    if (await isSubmitted(deps, submissionKey)) return { kind: 'written', submissionId: undefined };
    const colleague = form.colleagueId ? await personById(deps, form.colleagueId) : undefined;
    return { kind: 'refused', refusals: checked.ok ? [] : checked.refusals, ...(colleague ? { colleague } : {}) };
  }
  return fileForm(filing, { kind: 'swap', submissionKey, userId: person.slackId, payload: { draft } });
}

export type RejectSwapResult = { readonly kind: 'refused'; readonly refusals: readonly Refusal[] } | DecideSwapResult;

/** The lead's reason modal submitted: refused on the reason when it is empty or too long for the swap's team, else decided. */
export async function rejectSwap(deps: UseCaseDeps, p: { swapId: number; actorId: string; reason: string }): Promise<RejectSwapResult> {
  if (p.reason === '') return { kind: 'refused', refusals: [refusal('swap.reject.reason_required', {}, 'reason')] };
  const max = rejectReasonMax(deps, await swapById(deps, p.swapId));
  if ([...p.reason].length > max) return { kind: 'refused', refusals: [refusal('common.text_too_long', { max }, 'reason')] };
  return decideSwap(deps, { swapId: p.swapId, actorId: p.actorId, approve: false, reason: p.reason });
}

/** The longest rejection reason the swap's team takes (the department's, for a team gone from the policy). */
export const rejectReasonMax = (deps: UseCaseDeps, swap: { readonly teamId: string } | undefined): number =>
  (deps.policy.teams[swap?.teamId ?? '']?.rules ?? deps.policy.rules).swap.reject_reason_max_chars;
