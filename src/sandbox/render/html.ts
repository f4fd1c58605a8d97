/** Escaping and attribute helpers: every string that reaches the page goes through one of these. */

const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

export type AttributeValue = string | number | boolean | undefined | null;

/** ` name="value"` for each set attribute; `true` gives a bare attribute, false/undefined/null none. */
export function attributes(values: Readonly<Record<string, AttributeValue>>): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === false) continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

/** JSON for a data attribute the page script parses back. */
export function jsonAttribute(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

/** Only links a person could follow in Slack; anything else (javascript:, data:…) is drawn as text. */
export function safeUrl(url: string): string | undefined {
  return /^(https?:|mailto:|tel:)/i.test(url.trim()) ? url.trim() : undefined;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export const arrayOf = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
