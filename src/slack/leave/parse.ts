/** The /leave modal's state as Slack sends it, read with zod; anything unexpected reads as empty. */
import type { ViewOutput, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { ProofFile } from '../../db/schema.js';
import { toLocalDate, type LocalDate } from '../../policy/time.js';
import { leaveIds } from '../ids.js';
import { submissionKeyOf } from '../listener.js';
import { readMetadataId } from '../row-id.js';
import { field, type StateValues } from '../view-state.js';

const ids = leaveIds.blocks;

const selected = z.object({ selected_option: z.object({ value: z.string() }).nullish() });
const date = z.object({ selected_date: z.string().nullish() });
const text = z.object({ value: z.string().nullish() });
/**
 * A proof file's link goes into the approver's card inside a section of at most 3,000 characters, beside
 * the facts: Slack's own permalinks are about a hundred; anything else (or longer) is kept as a name only.
 */
export const proofLimits = { files: 10, name: 100, link: 500 } as const;
export const proofLink = z
  .url({ protocol: /^https?$/ })
  .max(proofLimits.link)
  .refine((link) => !/[<>|\s]/.test(link))
  // plain http only from this machine: the sandbox's Slack stand-in serves its files there
  .refine((link) => link.startsWith('https:') || ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(link).hostname));
const files = z.object({
  files: z
    .array(z.object({ id: z.string().min(1).max(64), name: z.string().nullish(), permalink: z.unknown() }))
    .max(proofLimits.files)
    .nullish(),
});
const checks = z.object({ selected_options: z.array(z.object({ value: z.string() })).nullish() });

export interface LeaveForm {
  readonly type: string | undefined;
  readonly firstDay: LocalDate | undefined;
  readonly lastDay: LocalDate | undefined;
  readonly reason: string;
  readonly proofFiles: ProofFile[];
  readonly proofLater: boolean;
}

export function readLeaveForm(values: StateValues): LeaveForm {
  const first = field(values, ids.firstDay, leaveIds.datePicked, date)?.selected_date;
  const last = field(values, ids.lastDay, leaveIds.datePicked, date)?.selected_date;
  return {
    type: field(values, ids.type, 'value', selected)?.selected_option?.value,
    firstDay: first ? toLocalDate(first) : undefined,
    lastDay: last ? toLocalDate(last) : undefined,
    reason: field(values, ids.reason, 'value', text)?.value ?? '',
    proofFiles: filesIn(values, ids.proof),
    proofLater: (field(values, ids.proofLater, 'value', checks)?.selected_options ?? []).some((o) => o.value === 'later'),
  };
}

export function readProofFiles(values: StateValues): ProofFile[] {
  return filesIn(values, ids.proofFiles);
}

function filesIn(values: StateValues, blockId: string): ProofFile[] {
  return (field(values, blockId, 'value', files)?.files ?? []).map((f) => {
    const permalink = proofLink.safeParse(f.permalink);
    return { id: f.id, name: (f.name || f.id).slice(0, proofLimits.name), ...(permalink.success ? { permalink: permalink.data } : {}) };
  });
}

export function readRejectReason(values: StateValues): string {
  return field(values, ids.rejectReason, 'value', text)?.value?.trim() ?? '';
}

/** The rejection reason modal: the step it rejects and the reason; undefined without a step. */
export function readLeaveRejection(view: ViewOutput): { stepId: number; reason: string } | undefined {
  const stepId = readMetadataId(view.private_metadata, 'stepId');
  return stepId === undefined ? undefined : { stepId, reason: readRejectReason(view.state.values as never) };
}

/** The proof upload modal: the request it is for and the files; undefined without a request. */
export function readProofUpload(view: ViewOutput): { requestId: number; files: ProofFile[] } | undefined {
  const requestId = readMetadataId(view.private_metadata, 'requestId');
  return requestId === undefined ? undefined : { requestId, files: readProofFiles(view.state.values as never) };
}

/** The request modal submitted: what its fields hold, and its submission key. */
export function readLeaveSubmission(view: ViewOutput, body: ViewSubmitAction): { form: LeaveForm; submissionKey: string } {
  return { form: readLeaveForm(view.state.values as never), submissionKey: submissionKeyOf(view, body) };
}
