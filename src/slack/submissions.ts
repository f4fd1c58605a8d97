/**
 * The Slack side of the outbox: a checked submission is stored before the modal closes (or the modal
 * says the database is away), written after the ack, and its author is told when it could not be.
 */
import type { webApi } from '@slack/bolt';
import { personById } from '../use-cases/people.js';
import type { Person, Submission } from '../db/schema.js';
import type { Refusal } from '../policy/decision.js';
import { refusal } from '../policy/decision.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import { mayAmend, submitHandover } from '../use-cases/handover.js';
import { handoverPayloadIn } from '../use-cases/handover-form.js';
import { submitLeave, type LeaveDraftInput } from '../use-cases/leave.js';
import { Outbox, type SubmissionFailure, type WriteOutcome } from '../use-cases/outbox.js';
import { submitSwap, type SwapDraft } from '../use-cases/swap.js';
import { teamOf } from '../use-cases/team.js';
import type { AfterAck } from './after-ack.js';
import { ackTimeLeft } from './ack-guard.js';
import { escapeMrkdwn } from './blocks.js';
import { handoverNotifier } from './handover/notify.js';
import { leaveNotifier } from './leave/notify.js';
import type { SlackLocales } from './locale-cache.js';
import { recipientLocale } from './recipient-locale.js';
import { refusalText } from './refusals.js';
import type { ViewArgs } from './route-table.js';
import { swapNotifier } from './swap/notify.js';
import type { Submitted } from './listener.js';
import type { FiledForm, Filing } from '../use-cases/filing.js';
import { viewIn } from './view-context.js';

/** How long the insert before the ack may take at most, whatever time is left. */
const acceptTimeoutMs = 1500;

/**
 * Where a form's use case stores a checked submission, within the time this request has left before its
 * ack; from now until its `checked` is called (the use case filed or refused it), its checks are running.
 */
export function filingFor(
  services: { readonly submissions: Outbox },
  context: ViewArgs['context'],
): Filing & { readonly checked: () => void } {
  const checked = services.submissions.checking();
  return { outbox: services.submissions, timeLeftMs: () => Math.min(acceptTimeoutMs, ackTimeLeft(context)), checked };
}

/**
 * A filed form answered: closed, and written after the ack; or kept open with the refusals on their
 * fields; or, when the database did not take it in time, kept open with the reason on `errorBlock`,
 * so nothing closes that was not stored.
 */
export async function answerFiled(
  services: { readonly submissions: Outbox; readonly afterAck: AfterAck },
  submitted: Pick<Submitted<unknown>, 'user' | 'close' | 'showErrors'>,
  filed: FiledForm,
  on: { readonly errorBlock: string; readonly refusals: (refusals: readonly Refusal[]) => Record<string, string> },
): Promise<void> {
  switch (filed.kind) {
    case 'refused':
      return submitted.showErrors(on.refusals(filed.refusals));
    case 'unreachable':
      return submitted.showErrors({ [on.errorBlock]: submitted.user.t('common.database_unreachable') });
    case 'written': {
      await submitted.close();
      const id = filed.submissionId;
      if (id !== undefined) services.afterAck.run(() => services.submissions.process(id));
    }
  }
}

interface SubmissionContext {
  readonly deps: UseCaseDeps;
  readonly client: webApi.WebClient;
  readonly locales: SlackLocales;
}

/** The author's language and team, for a message to them outside any request. */
async function authorView({ deps, locales }: SubmissionContext, item: Submission) {
  const person = await personById(deps, item.userId);
  const locale = await recipientLocale(locales, deps.policy, person, item.userId);
  const team = person ? teamOf(deps, person) : (Object.values(deps.policy.teams)[0] as ReturnType<typeof teamOf>);
  return { person, view: viewIn(locale, deps.policy, team) };
}

const refused = (refusals: readonly Refusal[]): WriteOutcome => ({ ok: false, failure: { reason: 'refused', detail: { refusals } } });
const refusalsOf = (failure: SubmissionFailure): Refusal[] =>
  failure.reason === 'refused' ? ((failure.detail as { refusals?: Refusal[] }).refusals ?? []) : [];

async function activeAuthor(deps: UseCaseDeps, item: Submission): Promise<Person | undefined> {
  const person = await personById(deps, item.userId);
  return person?.active ? person : undefined;
}

/** The outbox with the three kinds of submission written after an ack. */
export function submissionOutbox(deps: UseCaseDeps, client: webApi.WebClient, locales: SlackLocales, instanceId?: string): Outbox {
  const outbox = new Outbox(deps, {}, instanceId);
  const ctx: SubmissionContext = { deps, client, locales };
  const dm = (userId: string, text: string) => client.chat.postMessage({ channel: userId, text });

  outbox.register('leave', {
    async write(tx, item) {
      const person = await activeAuthor(tx, item);
      if (!person) return refused([refusal('leave.refusal.not_active', {}, 'type')]);
      const result = await submitLeave(tx, person, (item.payload as { draft: LeaveDraftInput }).draft, item.submissionKey);
      if (result.kind === 'refused') return refused(result.refusals);
      return { ok: true, result: { requestId: result.request.id, fresh: result.kind === 'submitted' } };
    },
    async written(_item, result) {
      const { requestId, fresh } = result as { requestId: number; fresh: boolean };
      if (fresh) await leaveNotifier(client, deps, locales).submitted(requestId);
    },
    async tell(item, failure) {
      const { view } = await authorView(ctx, item);
      if (failure.reason === 'gave_up') return void (await dm(item.userId, view.t('common.gave_up.leave')));
      // the roster or the person's leave changed between the check and the write: say so where they will see it
      await dm(item.userId, [view.t('leave.dm.not_submitted'), ...refusalsOf(failure).map((r) => refusalText(r, view))].join('\n'));
    },
  });

  outbox.register('swap', {
    async write(tx, item) {
      const person = await activeAuthor(tx, item);
      if (!person) return refused([refusal('common.inactive', {}, 'my_shift')]);
      const result = await submitSwap(tx, person, (item.payload as { draft: SwapDraft }).draft, item.submissionKey);
      if (result.kind === 'refused') return refused(result.refusals);
      return { ok: true, result: { swapId: result.swap.id, fresh: result.kind === 'submitted' } };
    },
    async written(_item, result) {
      const { swapId, fresh } = result as { swapId: number; fresh: boolean };
      if (fresh) await swapNotifier(client, deps, locales).submitted(swapId);
    },
    async tell(item, failure) {
      const { person, view } = await authorView(ctx, item);
      if (failure.reason === 'gave_up') return void (await dm(item.userId, view.t('common.gave_up.swap')));
      // another swap or a roster change got there between the check and the write: say so where they will see it
      const draft = (item.payload as { draft: SwapDraft }).draft;
      const colleague = await personById(deps, draft.colleagueId);
      const names = new Map([
        [item.userId, escapeMrkdwn(person?.name ?? item.userId)],
        ...(colleague ? ([[colleague.slackId, escapeMrkdwn(colleague.name)]] as const) : []),
      ]);
      await dm(
        item.userId,
        [view.t('swap.dm.not_submitted'), ...refusalsOf(failure).map((r) => refusalText(r, { ...view, names }))].join('\n'),
      );
    },
  });

  outbox.register('handover', {
    async write(tx, item) {
      const person = await activeAuthor(tx, item);
      if (!person) return refused([refusal('common.inactive', {}, 'equipment')]);
      const { draft, handoverId } = handoverPayloadIn(item.payload);
      const result = await submitHandover(tx, person, draft, item.submissionKey, handoverId);
      switch (result.kind) {
        case 'refused':
          return refused(result.refusals);
        case 'not_yours':
        case 'unknown':
          return { ok: false, failure: { reason: 'refused', detail: { kind: 'not_yours' } } };
        case 'already_written':
          return {
            ok: false,
            failure: {
              reason: 'refused',
              detail: { kind: 'already_written', authorId: result.handover.authorId, mayAmend: mayAmend(result.handover, person) },
            },
          };
        default:
          return { ok: true, result: { kind: result.kind, handoverId: result.handover.id } };
      }
    },
    async written(_item, result) {
      const { kind, handoverId } = result as { kind: 'written' | 'amended' | 'addendum' | 'duplicate'; handoverId: number };
      const notifier = handoverNotifier(client, deps, locales);
      if (kind === 'written') await notifier.written(handoverId);
      if (kind === 'amended' || kind === 'addendum') await notifier.amended(handoverId);
    },
    async tell(item, failure) {
      const { view } = await authorView(ctx, item);
      if (failure.reason === 'gave_up') return void (await dm(item.userId, view.t('common.gave_up.handover')));
      const detail = failure.detail as { kind?: string; authorId?: string; mayAmend?: boolean; refusals?: Refusal[] };
      if (detail.kind === 'not_yours') return void (await dm(item.userId, view.t('handover.amend.not_yours')));
      if (detail.kind === 'already_written') {
        const author = detail.authorId ? await personById(deps, detail.authorId) : undefined;
        const key = detail.mayAmend ? 'handover.refusal.written_meanwhile' : 'handover.refusal.already_written';
        return void (await dm(item.userId, view.t(key, { name: escapeMrkdwn(author?.name ?? detail.authorId ?? '') })));
      }
      // something changed between the check and the write: say so where they will see it
      await dm(item.userId, [view.t('handover.dm.not_written'), ...refusalsOf(failure).map((r) => refusalText(r, view))].join('\n'));
    },
  });

  return outbox;
}
