/** /handover's form as one use case each: the modal drawn again as it is filled in, and submitted. */
import type { Person } from '../db/schema.js';
import type { UseCaseDeps } from './deps.js';
import { fileForm, type FiledForm, type Filing } from './filing.js';
import { amendHandoverForm, checkHandoverDraft, newHandoverForm, type HandoverDraft, type HandoverForm } from './handover.js';

/** The form again: the amend form of `handoverId`, or the new form for `shift`; undefined when that handover may not be amended. */
export async function handoverFormFor(
  deps: UseCaseDeps,
  person: Person,
  p: { readonly handoverId: number | undefined; readonly shift: { date: string; shiftCode: string } | undefined },
): Promise<HandoverForm | undefined> {
  if (p.handoverId === undefined) return newHandoverForm(deps, person, p.shift);
  const amend = await amendHandoverForm(deps, person, p.handoverId);
  return amend.kind === 'form' ? amend.form : undefined;
}

/** The modal submitted (a new handover, or an amendment of `handoverId`): refused on its fields, else filed. */
export async function submitHandoverForm(
  deps: UseCaseDeps,
  filing: Filing,
  person: Person,
  p: { readonly draft: HandoverDraft; readonly handoverId: number | undefined; readonly submissionKey: string },
): Promise<FiledForm> {
  const refusals = await checkHandoverDraft(deps, person, p.draft, p.handoverId, p.submissionKey);
  if (refusals.length > 0) return { kind: 'refused', refusals };
  return fileForm(filing, {
    kind: 'handover',
    submissionKey: p.submissionKey,
    userId: person.slackId,
    payload: handoverPayload(p.draft, p.handoverId),
  });
}

/** A handover draft as JSON: its map of case lines as pairs, its due times as ISO strings. */
export function handoverPayload(draft: HandoverDraft, handoverId: number | undefined) {
  return {
    draft: {
      ...draft,
      resolutions: [...draft.resolutions],
      newCases: draft.newCases.map((c) => ({ ...c, dueAt: c.dueAt?.toISOString() })),
    },
    ...(handoverId === undefined ? {} : { handoverId }),
  };
}

type StoredHandover = ReturnType<typeof handoverPayload>;

/** The draft and the handover it amends, back from the stored JSON. */
export function handoverPayloadIn(payload: unknown): { draft: HandoverDraft; handoverId: number | undefined } {
  const stored = payload as StoredHandover;
  return {
    draft: {
      ...stored.draft,
      resolutions: new Map(stored.draft.resolutions),
      newCases: stored.draft.newCases.map((c) => ({ ...c, dueAt: c.dueAt === undefined ? undefined : new Date(c.dueAt) })),
    },
    handoverId: stored.handoverId,
  };
}
