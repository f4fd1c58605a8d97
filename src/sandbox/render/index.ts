/**
 * Server-side renderer of the sandbox page: Slack's Block Kit JSON, as the bot really sent it, to
 * HTML. Pure (no DOM, no I/O); every text from the bot is escaped.
 */

export interface RenderContext {
  /** Display name for a user id (<@U…> mentions, users_select options); undefined = show the id. */
  userName(id: string): string | undefined;
  /** Channel name for a channel id (<#C…>); undefined = show the id. */
  channelName(id: string): string | undefined;
  /** The page's own words ("only visible to you", "Cancel"…) follow the acting person's language. */
  readonly locale: 'zh-CN' | 'en';
  /** People offered by users_select elements. */
  readonly users: readonly { id: string; name: string }[];
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function renderMrkdwn(text: string, _ctx: RenderContext): string {
  return escapeHtml(text);
}

export function renderText(obj: unknown, ctx: RenderContext): string {
  const text = (obj as { text?: unknown } | undefined)?.text;
  return typeof text === 'string' ? renderMrkdwn(text, ctx) : '';
}

export function renderBlocks(blocks: readonly unknown[], _ctx: RenderContext): string {
  return blocks.map(() => '<div class="sd-block"></div>').join('');
}

export function renderMessage(msg: { text?: string; blocks?: readonly unknown[] }, ctx: RenderContext): string {
  return msg.blocks?.length ? renderBlocks(msg.blocks, ctx) : renderMrkdwn(msg.text ?? '', ctx);
}

export function renderModal(view: unknown, ctx: RenderContext, _errors?: Readonly<Record<string, string>>): string {
  const blocks = (view as { blocks?: unknown[] } | undefined)?.blocks ?? [];
  return `<form class="sd-modal">${renderBlocks(blocks, ctx)}</form>`;
}

export function renderHome(view: unknown, ctx: RenderContext): string {
  const blocks = (view as { blocks?: unknown[] } | undefined)?.blocks ?? [];
  return `<div class="sd-home">${renderBlocks(blocks, ctx)}</div>`;
}

export function renderSlackError(method: string, error: string, _detail?: unknown): string {
  return `<div class="sd-slack-error">${escapeHtml(method)}: ${escapeHtml(error)}</div>`;
}

export const sandboxCss = '';
