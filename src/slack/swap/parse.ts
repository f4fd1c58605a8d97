/** The /swap modal's state as Slack sends it, read with zod; anything unexpected reads as empty. */
import type { ViewOutput, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { toLocalDate } from '../../policy/time.js';
import type { ShiftChoice } from '../../use-cases/swap.js';
import { swapIds } from '../ids.js';
import { coverOnly } from './views.js';
import { submissionKeyOf } from '../listener.js';
import { readMetadataId } from '../row-id.js';
import { field, type StateValues } from '../view-state.js';

const ids = swapIds.blocks;
const selected = z.object({ selected_option: z.object({ value: z.string() }).nullish() });
const user = z.object({ selected_user: z.string().nullish() });
const text = z.object({ value: z.string().nullish() });

export function readShiftValue(value: string | null | undefined): ShiftChoice | undefined {
  const [date, shiftCode, ...rest] = (value ?? '').split('|');
  const day = date ? toLocalDate(date) : undefined;
  return day && shiftCode && rest.length === 0 ? { date: day, shiftCode } : undefined;
}

export interface SwapForm {
  readonly give: ShiftChoice | undefined;
  readonly colleagueId: string | undefined;
  /** Undefined until picked; 'cover' for a one-way cover. Only a pick made for the current colleague counts. */
  readonly take: ShiftChoice | 'cover' | undefined;
  readonly note: string;
}

export function readRejectReason(values: StateValues): string {
  return field(values, ids.rejectReason, 'value', text)?.value?.trim() ?? '';
}

export function readSwapForm(values: StateValues): SwapForm {
  const colleagueId = field(values, ids.colleague, swapIds.formChanged, user)?.selected_user ?? undefined;
  const theirValue = colleagueId
    ? field(values, `${ids.theirShift}:${colleagueId}`, swapIds.formChanged, selected)?.selected_option?.value
    : undefined;
  return {
    give: readShiftValue(field(values, ids.myShift, swapIds.formChanged, selected)?.selected_option?.value),
    colleagueId,
    take: theirValue === coverOnly ? 'cover' : readShiftValue(theirValue),
    note: field(values, ids.note, 'value', text)?.value ?? '',
  };
}

/** The lead's reason modal: the swap it rejects and the reason; undefined without a swap. */
export function readSwapRejection(view: ViewOutput): { swapId: number; reason: string } | undefined {
  const swapId = readMetadataId(view.private_metadata, 'swapId');
  return swapId === undefined ? undefined : { swapId, reason: readRejectReason(view.state.values as never) };
}

/** The request modal submitted: what its fields hold, and its submission key. */
export function readSwapSubmission(view: ViewOutput, body: ViewSubmitAction): { form: SwapForm; submissionKey: string } {
  return { form: readSwapForm(view.state.values as never), submissionKey: submissionKeyOf(view, body) };
}
