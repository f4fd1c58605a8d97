import type { z } from 'zod';
import { blockKitLimits } from './blockkit-limits.js';

/** A modal's `view.state.values`: block id → action id → the element's state. */
export type StateValues = Record<string, Record<string, unknown>>;

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this removes
const nul = /\u0000/g;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as the database and Slack can keep it: at most `max` UTF-16 units (cut before any other work), without
 * NUL or halves of a surrogate pair (PostgreSQL refuses both). Only a forged request carries either.
 */
export function cleanText(text: string, max: number = blockKitLimits.plainTextInput): string {
  return text.slice(0, max).replace(nul, '').replace(loneSurrogate, '');
}

/** An element's state with every string cleaned and every list cut to what Slack sends at most. */
function cleanState(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (typeof value !== 'object' || value === null || depth > 4) return typeof value === 'object' ? undefined : value;
  if (Array.isArray(value)) return value.slice(0, blockKitLimits.selectOptions).map((item) => cleanState(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanState(item, depth + 1)]));
}

/** One element's state, cleaned and then read with `schema`; missing or unexpected reads as undefined. */
export function field<T>(values: StateValues, blockId: string, actionId: string, schema: z.ZodType<T>): T | undefined {
  const state = values[blockId]?.[actionId];
  if (state === undefined) return undefined;
  const parsed = schema.safeParse(cleanState(state));
  return parsed.success ? parsed.data : undefined;
}
