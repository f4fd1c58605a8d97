/** Small typed builders over Bolt's Block Kit types, so views read as data. */
import type { types } from '@slack/bolt';
import { inputMax } from './blockkit-limits.js';

export type Block = types.KnownBlock;

/** Slack mrkdwn needs &, < and > escaped in any text that came from a person or a file. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A plain_text object (a title, a label, a button's text), its emoji shortcodes drawn. */
export const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: true });

/**
 * A form's text field, read back by its block id (its one element is `value`): at most `maxChars`, or
 * what Slack's inputs hold if that is less; several lines unless `singleLine`.
 */
export function textInput(p: {
  blockId: string;
  label: string;
  hint?: string | undefined;
  optional?: true;
  maxChars: number;
  initial?: string | undefined;
  placeholder?: string;
  singleLine?: true;
}): types.InputBlock {
  return {
    type: 'input',
    block_id: p.blockId,
    ...(p.optional ? { optional: true } : {}),
    label: plain(p.label),
    ...(p.hint ? { hint: plain(p.hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      ...(p.singleLine ? {} : { multiline: true }),
      max_length: inputMax(p.maxChars),
      ...(p.initial ? { initial_value: p.initial } : {}),
      ...(p.placeholder ? { placeholder: plain(p.placeholder) } : {}),
    },
  };
}

export function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

export function header(text: string): types.HeaderBlock {
  return { type: 'header', text: plain(text) };
}

export function context(...texts: string[]): types.ContextBlock {
  return { type: 'context', elements: texts.map((text) => ({ type: 'mrkdwn', text })) };
}

export function divider(): types.DividerBlock {
  return { type: 'divider' };
}

/** Bullet lines as one mrkdwn text. */
export function bullets(lines: readonly string[]): string {
  return lines.map((line) => `• ${line}`).join('\n');
}

/** An ephemeral reply to a slash command, with a plain-text fallback for notifications. */
export function ephemeral(fallback: string, blocks?: Block[]): { response_type: 'ephemeral'; text: string; blocks?: Block[] } {
  return blocks === undefined ? { response_type: 'ephemeral', text: fallback } : { response_type: 'ephemeral', text: fallback, blocks };
}

/** An ephemeral answer to a click, posted beside the message rather than over it. */
export function ephemeralReply(text: string): { response_type: 'ephemeral'; text: string; replace_original: false } {
  return { ...ephemeral(text), replace_original: false };
}

/** `full` when it fits in `max` characters, else `summary`: a text built from a list must stay within Slack's limits. */
export function fitOrSummary(full: string, max: number, summary: () => string): string {
  return [...full].length <= max ? full : summary();
}

/**
 * As many of `lines` as fit in `max` characters, in order, joined by `separator`; when some are left
 * out, `rest(left out)` follows the ones shown (and is kept even if nothing else fits).
 */
export function packLines(lines: readonly string[], max: number, separator: string, rest: (leftOut: number) => string): string {
  const length = (text: string) => [...text].length;
  const all = lines.join(separator);
  if (length(all) <= max) return all;
  const shown: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const tail = rest(lines.length - i - 1);
    const next = used + (shown.length > 0 ? length(separator) : 0) + length(line);
    if (next + length(separator) + length(tail) > max) break;
    shown.push(line);
    used = next;
  }
  return [...shown, rest(lines.length - shown.length)].join(separator);
}
