/**
 * The sandbox page's renderer: the Block Kit JSON the bot really sent, drawn as HTML that looks like
 * Slack. Pure (no DOM, no I/O) and safe: every text from the bot is escaped, links other than http(s),
 * mailto and tel are drawn as text, and an unknown block or element type is a visible
 * "unsupported block: <type>" note rather than an error.
 *
 * The contract with the page script, ./client.js (its path for the server is in ./client-file.ts):
 * - Every interactive element carries `data-action-id` (its action_id; a missing one becomes
 *   `a<index in its block>`), `data-block-id` (the enclosing block's block_id; a block without one gets
 *   `b<index in its list>`, the same on every render of the same blocks), `data-type` (the element
 *   type), `data-confirm` (Slack's confirm object as JSON, when present) and `data-dispatch="true"`
 *   when a change should fire block_actions: every element of an actions block, every section
 *   accessory, every overflow, and the element of an input block with `dispatch_action: true` (a text
 *   input there also has `data-dispatch-on`, its trigger_actions_on, default `on_enter_pressed`).
 *   Buttons fire on click and carry no `data-dispatch`.
 * - Buttons: `<button type="button" data-type="button" data-value data-text data-style data-url>`;
 *   `data-text` is the button's text object, `data-url` appears only for a link a person may follow.
 *   When a control has a confirm object, a `<template class="sd-confirm">` right after it holds the
 *   drawn dialog; its buttons carry `data-confirm-answer="confirm" | "deny"`.
 * - Options of selects, checkboxes and radio buttons carry `data-option`: the option object as the bot
 *   sent it, which is what Slack echoes back as `selected_option(s)`.
 * - Controls inside an input block carry `required` unless the block is optional, `aria-label` with
 *   the block's label, and HTML's own minlength/maxlength for min_length/max_length.
 * - `<input type="file" data-type="file_input">`: the page uploads the chosen files and records what
 *   the stand-in returned (see readViewState's `files` hook in ./client.js).
 * - A modal is `<form class="sd-modal" data-callback-id data-private-metadata data-external-id
 *   data-notify-on-close>`; the page adds `data-view-id`. Its close button(s) carry
 *   `data-modal-close`, the submit button is `type="submit"`. An error from `response_action: errors`
 *   is a `.sd-field-error` under its input block (which gets `.sd-has-error`); an error whose block_id
 *   names no block of the view is shown at the top of the body.
 * - The home tab is `<div class="sd-home" data-callback-id data-private-metadata>`; a message is
 *   `<div class="sd-message-content">`.
 */
import { t } from '../../i18n/t.js';
import type { RenderContext } from './context.js';
import { renderBlockList, blockIdOf } from './blocks.js';
import { attributes, escapeHtml, isRecord, stringOf, arrayOf } from './html.js';
import { renderMrkdwn, renderText } from './mrkdwn.js';

export { renderMrkdwn, renderText } from './mrkdwn.js';
export { sandboxCss } from './css.js';
export type { RenderContext } from './context.js';

/** Message or home blocks. */
export function renderBlocks(blocks: readonly unknown[], ctx: RenderContext): string {
  return renderBlockList(blocks, ctx);
}

/** A message as Slack shows it: its blocks, else its text as mrkdwn (the text is only a fallback when blocks are present). */
export function renderMessage(msg: { text?: string; blocks?: readonly unknown[] }, ctx: RenderContext): string {
  const inner = msg.blocks?.length ? renderBlocks(msg.blocks, ctx) : `<div class="sd-mrkdwn">${renderMrkdwn(msg.text ?? '', ctx)}</div>`;
  return `<div class="sd-message-content">${inner}</div>`;
}

/** A modal view as a dialog: title bar, blocks with their errors, Cancel/Submit. */
export function renderModal(view: unknown, ctx: RenderContext, errors: Readonly<Record<string, string>> = {}): string {
  const v = isRecord(view) ? view : {};
  const blocks = arrayOf(v.blocks);
  const ids = new Set(blocks.map((b, i) => (isRecord(b) ? blockIdOf(b, i) : '')));
  const stray = Object.entries(errors).filter(([id]) => !ids.has(id));
  const strayErrors = stray.map(([, message]) => `<div class="sd-field-error" role="alert">${escapeHtml(message)}</div>`).join('');
  const close = renderText(v.close, ctx) || escapeHtml(t(ctx.locale, 'sandbox.render.cancel'));
  const submit =
    v.submit === undefined
      ? ''
      : `<button type="submit" class="sd-button sd-button-primary">${renderText(v.submit, ctx) || escapeHtml(t(ctx.locale, 'sandbox.render.submit'))}</button>`;
  const attrs = attributes({
    'data-callback-id': stringOf(v.callback_id) ?? '',
    'data-private-metadata': stringOf(v.private_metadata) ?? '',
    'data-external-id': stringOf(v.external_id),
    'data-notify-on-close': v.notify_on_close === true ? 'true' : undefined,
  });
  // novalidate: Slack checks required fields itself, under the field, in its own words (the page does so too).
  return (
    `<form class="sd-modal" novalidate${attrs}>` +
    `<div class="sd-modal-title"><span class="sd-modal-title-text">${renderText(v.title, ctx)}</span>` +
    `<button type="button" class="sd-modal-x" data-modal-close aria-label="${escapeHtml(t(ctx.locale, 'sandbox.render.cancel'))}">×</button></div>` +
    `<div class="sd-modal-body">${strayErrors}${renderBlockList(blocks, ctx, errors)}</div>` +
    `<div class="sd-modal-footer"><button type="button" class="sd-button" data-modal-close>${close}</button>${submit}</div>` +
    `</form>`
  );
}

/** The App Home tab. */
export function renderHome(view: unknown, ctx: RenderContext): string {
  const v = isRecord(view) ? view : {};
  const attrs = attributes({
    'data-callback-id': stringOf(v.callback_id) ?? '',
    'data-private-metadata': stringOf(v.private_metadata) ?? '',
  });
  return `<div class="sd-home"${attrs}>${renderBlocks(arrayOf(v.blocks), ctx)}</div>`;
}

/** Slack's problems with a call: `response_metadata.messages`, from a whole response, its metadata or a list. */
function problemsIn(detail: unknown): string[] | undefined {
  const strings = (x: unknown) => (Array.isArray(x) && x.every((m) => typeof m === 'string') ? (x as string[]) : undefined);
  if (typeof detail === 'string') return [detail];
  if (Array.isArray(detail)) return strings(detail);
  if (!isRecord(detail)) return undefined;
  if (isRecord(detail.response_metadata)) return strings(detail.response_metadata.messages);
  return strings(detail.messages);
}

/**
 * What the page shows where Slack refused a call, in Slack's own words (its API speaks English):
 * the method, the error code and the messages Slack gave (e.g. invalid_blocks with the path of each
 * broken rule); any other detail is shown as JSON.
 */
export function renderSlackError(method: string, error: string, detail?: unknown): string {
  const problems = problemsIn(detail);
  let body = '';
  if (problems?.length) body = `<ul class="sd-slack-error-messages">${problems.map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul>`;
  else if (detail !== undefined && problems === undefined)
    body = `<pre class="sd-pre">${escapeHtml(JSON.stringify(detail, null, 2) ?? String(detail))}</pre>`;
  return (
    `<div class="sd-slack-error" role="alert">` +
    `<div class="sd-slack-error-title">Slack refused <code class="sd-code">${escapeHtml(method)}</code>: <code class="sd-code">${escapeHtml(error)}</code></div>` +
    `${body}</div>`
  );
}
