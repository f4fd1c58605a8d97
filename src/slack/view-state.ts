import type { z } from 'zod';

/** A modal's `view.state.values`: block id → action id → the element's state. */
export type StateValues = Record<string, Record<string, unknown>>;

/** One element's state read with `schema`; missing or unexpected reads as undefined. */
export function field<T>(values: StateValues, blockId: string, actionId: string, schema: z.ZodType<T>): T | undefined {
  const state = values[blockId]?.[actionId];
  if (state === undefined) return undefined;
  const parsed = schema.safeParse(state);
  return parsed.success ? parsed.data : undefined;
}
