/**
 * Proof files reach each approver as a copy in their DM with the bot. A file picked in a modal belongs
 * to the agent and is shared nowhere, so its permalink opens for nobody else: the bot reads it
 * (files.info, then url_private_download with its token), uploads a copy (files.getUploadURLExternal,
 * the bytes to the upload URL, files.completeUploadExternal into the DM, in the card's thread) and the
 * card links the copy. Each copy is claimed in the database first, so nothing is uploaded twice.
 */
import type { webApi } from '@slack/bolt';
import { claimProofFileShare, proofFileShared, proofSharesOfLeave, type ProofShareOutcome } from '../../use-cases/proof-shares.js';
import type { LeaveProofShare, LeaveRequest, ProofFile } from '../../db/schema.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { blockKitLimits } from '../blockkit-limits.js';
import { proofLink } from './parse.js';
import { FileTransferFailure, fileTransferTimeoutMs, uploadFile } from '../upload-file.js';

/** How long one download or upload of a proof file may take before it counts as failed. */
/** Where the approver's card is: the copy goes into its thread. */
export interface CardPlace {
  readonly channel: string;
  readonly ts: string;
}

/** The shares of a request, by approver and then by the agent's file id. */
export type ProofSharesByApprover = ReadonlyMap<string, ReadonlyMap<string, LeaveProofShare>>;

export function byApprover(shares: readonly LeaveProofShare[]): ProofSharesByApprover {
  const map = new Map<string, Map<string, LeaveProofShare>>();
  for (const share of shares) {
    const mine = map.get(share.approverId) ?? new Map<string, LeaveProofShare>();
    mine.set(share.fileId, share);
    map.set(share.approverId, mine);
  }
  return map;
}

export async function loadProofShares(deps: Pick<UseCaseDeps, 'db'>, requestId: number): Promise<ProofSharesByApprover> {
  return byApprover(await proofSharesOfLeave(deps, requestId));
}

/** A Slack error code, or what went wrong on the way, short enough to keep. */
const failureOf = (error: unknown): string =>
  ((error as { data?: { error?: unknown } }).data?.error as string | undefined) ??
  (error instanceof Error ? error.message : String(error)).slice(0, 200);

/**
 * Copies every proof file of the request that this approver has no copy of yet into the DM where
 * their card is. True when something changed (a copy made or a failure recorded), so the card is redrawn.
 */
export async function shareProofFiles(
  client: webApi.WebClient,
  deps: Pick<UseCaseDeps, 'db' | 'logger'>,
  p: { request: LeaveRequest; approverId: string; place: CardPlace; comment: string },
): Promise<boolean> {
  const files = p.request.proofFiles;
  if (files.length === 0) return false;
  const have = (await loadProofShares(deps, p.request.id)).get(p.approverId);
  let changed = false;
  for (const file of files.filter((f) => !have?.has(f.id))) {
    const key = { requestId: p.request.id, fileId: file.id, approverId: p.approverId };
    // another delivery, redraw or copy of the app is sharing it, or has
    if (!(await claimProofFileShare(deps, key))) continue;
    const outcome: ProofShareOutcome = await copyInto(client, file, p.place, p.comment).catch((error: unknown) => ({
      status: 'failed' as const,
      failure: failureOf(error),
    }));
    if (outcome.status === 'failed')
      deps.logger.warn(
        { requestId: p.request.id, fileId: file.id, approverId: p.approverId, failure: outcome.failure },
        'could not share a proof file with an approver; the card says so',
      );
    await proofFileShared(deps, key, outcome);
    changed = true;
  }
  return changed;
}

async function copyInto(client: webApi.WebClient, file: ProofFile, place: CardPlace, comment: string): Promise<ProofShareOutcome> {
  const info = (await client.files.info({ file: file.id })).file;
  const url = info?.url_private_download ?? info?.url_private;
  if (!url) throw new FileTransferFailure('no_download_url');
  if ((info?.size ?? 0) > blockKitLimits.fileInputBytes) throw new FileTransferFailure('too_large');
  const download = await fetch(url, {
    headers: { authorization: `Bearer ${client.token ?? ''}` },
    redirect: 'error',
    signal: AbortSignal.timeout(fileTransferTimeoutMs),
  });
  if (!download.ok) throw new FileTransferFailure(`download_${download.status}`);
  if (Number(download.headers.get('content-length') ?? 0) > blockKitLimits.fileInputBytes) throw new FileTransferFailure('too_large');
  const bytes = new Uint8Array(await download.arrayBuffer());
  if (bytes.length > blockKitLimits.fileInputBytes) throw new FileTransferFailure('too_large');
  if (bytes.length === 0) throw new FileTransferFailure('empty_file');
  const sharedFileId = await uploadFile(client, {
    filename: info?.name || file.name,
    title: info?.title || file.name,
    bytes,
    channel: place.channel,
    threadTs: place.ts,
    comment,
  });
  // the copy's permalink: completeUploadExternal answers only ids and titles
  const copy = await client.files.info({ file: sharedFileId }).then(
    (answer) => answer.file,
    () => undefined,
  );
  const permalink = proofLink.safeParse(copy?.permalink);
  return { status: 'shared', sharedFileId, permalink: permalink.success ? permalink.data : null };
}
