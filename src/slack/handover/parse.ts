/** The /handover modals' state as Slack sends it, read with zod; anything unexpected reads as empty. */
import type { BlockAction, ViewOutput, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { NewCaseDraft } from '../../policy/handover.js';
import type { HandoverDraft } from '../../use-cases/handover.js';
import { handoverIds } from '../ids.js';
import { clickedValue, readRowId } from '../row-id.js';
import { submissionKeyOf } from '../listener.js';
import { field, type StateValues } from '../view-state.js';

const ids = handoverIds.blocks;
const prefix = handoverIds.fieldPrefix;

const selected = z.object({ selected_option: z.object({ value: z.string() }).nullish() });
const text = z.object({ value: z.string().nullish() });
const dateTime = z.object({ selected_date_time: z.number().int().positive().nullish() });
const user = z.object({ selected_user: z.string().nullish() });

const textOf = (values: StateValues, blockId: string) => field(values, blockId, 'value', text)?.value ?? '';

/** `date|code` from the shift picker. */
export function readShift(values: StateValues): { date: string; shiftCode: string } | undefined {
  return readShiftKey(field(values, ids.shift, handoverIds.shiftPicked, selected)?.selected_option?.value);
}

/** A shift's `date|code`, as the picker and the reminder's button carry it. */
export function readShiftKey(value: string | undefined): { date: string; shiftCode: string } | undefined {
  const match = value === undefined ? null : /^(\d{4}-\d{2}-\d{2})\|([A-Za-z0-9_]{1,32})$/.exec(value);
  return match ? { date: match[1] as string, shiftCode: match[2] as string } : undefined;
}

export function readHandoverForm(values: StateValues): HandoverDraft {
  const equipment = field(values, ids.equipment, 'value', selected)?.selected_option?.value;
  const resolutions = new Map<number, string>();
  const slots = new Set<number>();
  for (const blockId of Object.keys(values)) {
    const resolution = new RegExp(`^${prefix.replace('.', '\\.')}resolution\\.(\\d{1,9})$`).exec(blockId);
    if (resolution) {
      const line = textOf(values, blockId).trim();
      if (line !== '') resolutions.set(Number(resolution[1]), line);
    }
    const slot = new RegExp(`^${prefix.replace('.', '\\.')}case_(?:what|promise|due|owner)\\.(\\d{1,2})$`).exec(blockId);
    if (slot) slots.add(Number(slot[1]));
  }
  const newCases: NewCaseDraft[] = [];
  for (let slot = 0; slot <= Math.max(-1, ...slots); slot += 1) {
    const seconds = field(values, `${prefix}case_due.${slot}`, 'value', dateTime)?.selected_date_time;
    const owner = field(values, `${prefix}case_owner.${slot}`, 'value', user)?.selected_user;
    newCases.push({
      what: textOf(values, `${prefix}case_what.${slot}`),
      promise: textOf(values, `${prefix}case_promise.${slot}`),
      dueAt: seconds ? new Date(seconds * 1000) : undefined,
      ownerId: owner ?? undefined,
    });
  }
  return {
    shift: readShift(values),
    equipmentOk: equipment === 'ok' ? true : equipment === 'issue' ? false : undefined,
    equipmentIssue: textOf(values, ids.equipmentIssue),
    staffing: textOf(values, Object.keys(values).find((id) => id === ids.staffing || id.startsWith(`${ids.staffing}.`)) ?? ids.staffing),
    process: textOf(values, ids.process),
    instructions: textOf(values, ids.instructions),
    feedback: textOf(values, ids.feedback),
    notes: textOf(values, ids.notes),
    resolutions,
    newCases,
  };
}

const metadata = z.object({ slots: z.number().int().min(1).max(20).optional(), handoverId: z.number().int().positive().optional() });

/** The write modal's private_metadata: how many case rows it shows, and the handover it amends. */
export function readWriteMetadata(privateMetadata: string | undefined): { slots: number; handoverId?: number } {
  try {
    const parsed = metadata.safeParse(JSON.parse(privateMetadata ?? ''));
    if (!parsed.success) return { slots: 1 };
    return { slots: parsed.data.slots ?? 1, ...(parsed.data.handoverId ? { handoverId: parsed.data.handoverId } : {}) };
  } catch {
    return { slots: 1 };
  }
}

export function readRefusal(values: StateValues): { reason: string | undefined; note: string } {
  return {
    reason: field(values, ids.refuseReason, 'value', selected)?.selected_option?.value ?? undefined,
    note: textOf(values, ids.refuseNote).trim(),
  };
}

/** The Amend button's value: a handover id, alone or with the version its message showed. */
export function readHandoverId(value: string | undefined): number | undefined {
  return readRowId(value?.split(':')[0]);
}

/**
 * A version no handover has: buttons and refusal forms from before answers carried a version read as
 * this, so their click is answered "changed since" and the message is drawn again with today's buttons.
 */
const unseenVersion = 0;

const answerValue = z
  .string()
  .regex(/^\d{1,9}(:\d{1,9})?$/)
  .transform((value) => {
    const [id, version] = value.split(':').map(Number) as [number, number | undefined];
    return { handoverId: id, version: version ?? unseenVersion };
  })
  .pipe(z.object({ handoverId: z.number().int().positive(), version: z.number().int().nonnegative() }));

/** The Take over and Refuse buttons' value, `<handoverId>:<version>`: the handover and the version the clicker was shown. */
export function readHandoverAnswer(value: string | undefined): { handoverId: number; version: number } | undefined {
  const parsed = answerValue.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function readRefuseMetadata(privateMetadata: string | undefined): { handoverId: number; version: number } | undefined {
  try {
    const parsed = z
      .object({ handoverId: z.number().int().positive(), version: z.number().int().positive().default(unseenVersion) })
      .safeParse(JSON.parse(privateMetadata ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A shift as a button or the picker names it. */
export type ShiftKey = { date: string; shiftCode: string } | undefined;

/** Which handover a Take over or Refuse button answers, and the version it showed. */
export type HandoverButton = { readonly handoverId: number; readonly version: number };

/** A click in the write modal (a shift picked, a case row asked for): what it draws again. */
export interface HandoverModalChange {
  readonly meta: { slots: number; handoverId?: number };
  readonly addCase: boolean;
  readonly shift: ShiftKey;
}

export function readHandoverModalChange(values: StateValues, body: BlockAction): HandoverModalChange {
  return {
    meta: readWriteMetadata(body.view?.private_metadata),
    addCase: body.actions[0]?.action_id === handoverIds.addCase,
    shift: readShift(values),
  };
}

export interface HandoverSubmission {
  readonly draft: HandoverDraft;
  readonly handoverId: number | undefined;
  readonly submissionKey: string;
}

/** The write modal submitted: the draft, the handover it amends, and its submission key. */
export function readHandoverSubmission(view: ViewOutput, body: ViewSubmitAction): HandoverSubmission {
  return {
    draft: readHandoverForm(view.state.values as never),
    handoverId: readWriteMetadata(view.private_metadata).handoverId,
    submissionKey: submissionKeyOf(view, body),
  };
}

export type HandoverRefusal = HandoverButton & { readonly reason: string; readonly note: string };

/** The refusal modal submitted: the handover and version it answers, the reason picked (or '') and the note. */
export function readHandoverRefusal(view: ViewOutput): HandoverRefusal | undefined {
  const answer = readRefuseMetadata(view.private_metadata);
  if (!answer) return undefined;
  const { reason, note } = readRefusal(view.state.values as never);
  return { ...answer, reason: reason ?? '', note };
}

export const clickedHandoverAnswer = (body: BlockAction) => readHandoverAnswer(clickedValue(body));
export const clickedHandoverId = (body: BlockAction) => readHandoverId(clickedValue(body));
export const clickedShift = (body: BlockAction): { shift: ShiftKey } => ({ shift: readShiftKey(clickedValue(body)) });
