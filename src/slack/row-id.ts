import type { BlockAction } from '@slack/bolt';
import { z } from 'zod';

/** A button's value is a row id (an approval step's, a request's, a swap's); anything else reads as undefined. */
export function readRowId(value: string | undefined): number | undefined {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** The value of the clicked button of a block action. */
export function clickedValue(body: BlockAction): string | undefined {
  const action = body.actions[0];
  return action && 'value' in action ? action.value : undefined;
}

/** The row id carried by the clicked button of a block action. */
export function clickedRowId(body: BlockAction): number | undefined {
  return readRowId(clickedValue(body));
}

const rowId = z.number().int().positive();

/** The row id a modal carries in private_metadata under `key` (`{ stepId }`, `{ proposalId }`, …); anything else reads as undefined. */
export function readMetadataId(privateMetadata: string | undefined, key: string): number | undefined {
  try {
    const parsed = z.object({ [key]: rowId }).safeParse(JSON.parse(privateMetadata ?? ''));
    return parsed.success ? (parsed.data[key] as number) : undefined;
  } catch {
    return undefined;
  }
}
