/**
 * What a submitted form comes to when it is written after the ack: refused on its fields, or stored in
 * the outbox to be written once Slack is answered (or stored before: a repeated delivery), or not
 * stored because the database did not take it in time.
 */
import type { Refusal } from '../policy/decision.js';
import type { Outbox } from './outbox.js';

export type FiledForm =
  | { readonly kind: 'refused'; readonly refusals: readonly Refusal[] }
  /** `submissionId`: the stored submission to write now; undefined when a delivery before this one filed it. */
  | { readonly kind: 'written'; readonly submissionId: number | undefined }
  | { readonly kind: 'unreachable' };

/** Where a checked form is stored, and how long the insert before the ack may take. */
export interface Filing {
  readonly outbox: Outbox;
  /**
   * Asked when the insert starts, after the form's checks: the checks take some of the ack's time, and
   * an insert that outlasts the ack would be written though its author was told it was not.
   */
  readonly timeLeftMs: () => number;
  /** The form's checks are over (it is filed or refused now): inserts waiting to go in with it need wait no more. */
  readonly checked?: () => void;
}

/** Stores a checked submission of `userId`. */
export async function fileForm(
  { outbox, timeLeftMs, checked }: Filing,
  submission: {
    readonly kind: 'leave' | 'swap' | 'handover';
    readonly submissionKey: string;
    readonly userId: string;
    readonly payload: unknown;
  },
): Promise<FiledForm> {
  checked?.();
  const id = await outbox.accept(submission, timeLeftMs());
  return id === undefined ? { kind: 'unreachable' } : { kind: 'written', submissionId: id };
}
