import type { MessageKey } from '../i18n/t.js';

/**
 * A broken rule, as a value: `code` is the i18n key of its message, `params` fill it, and `field`
 * names the input it belongs to so a modal can show it on that field.
 */
export interface Refusal {
  readonly code: MessageKey;
  readonly params: Readonly<Record<string, string | number>>;
  readonly field?: string;
}

export function refusal(code: MessageKey, params: Record<string, string | number> = {}, field?: string): Refusal {
  return field === undefined ? { code, params } : { code, params, field };
}
