/**
 * A broken rule, as a value: `code` is the i18n key of its message, `params` fill it, and `field`
 * names the input it belongs to so a modal can show it on that field.
 */
export interface Refusal {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly field?: string;
}

export function refusal(code: string, params: Record<string, string | number> = {}, field?: string): Refusal {
  return field === undefined ? { code, params } : { code, params, field };
}
