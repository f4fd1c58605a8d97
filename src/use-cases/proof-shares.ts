/** Which approvers have been shown a leave request's proof files, each share claimed once. */
import { claimProofShare, finishProofShare, proofSharesOf, type ProofShareOutcome } from '../db/queries/proof-shares.js';
import type { LeaveProofShare } from '../db/schema.js';
import type { UseCaseDeps } from './deps.js';

export type { ProofShareOutcome };

type Reads = Pick<UseCaseDeps, 'db'>;
type ShareKey = { requestId: number; fileId: string; approverId: string };

export const proofSharesOfLeave = (deps: Reads, requestId: number): Promise<LeaveProofShare[]> => proofSharesOf(deps.db, requestId);

/** True when this call is the one to share the file; false when another already did or is doing it. */
export const claimProofFileShare = (deps: Reads, key: ShareKey): Promise<boolean> => claimProofShare(deps.db, key);

export const proofFileShared = (deps: Reads, key: ShareKey, outcome: ProofShareOutcome): Promise<void> =>
  finishProofShare(deps.db, key, outcome);
