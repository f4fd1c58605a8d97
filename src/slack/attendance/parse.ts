/** The comp-time Adjust modal's state as Slack sends it; anything unexpected reads as empty. */
import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { compTimeIds } from '../ids.js';
import { readMetadataId } from '../row-id.js';
import { field } from '../view-state.js';

const text = z.object({ value: z.string().nullish() });

/** The proposal the modal adjusts and the hours typed, still unread; undefined without a proposal. */
export function readCompTimeAdjust(view: ViewOutput): { proposalId: number; typed: string } | undefined {
  const proposalId = readMetadataId(view.private_metadata, 'proposalId');
  if (proposalId === undefined) return undefined;
  return { proposalId, typed: field(view.state.values as never, compTimeIds.blocks.hours, 'value', text)?.value ?? '' };
}
