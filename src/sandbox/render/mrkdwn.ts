/**
 * Slack mrkdwn and text objects to HTML. slack-message-parser (MIT, no dependencies, typed) parses
 * the text into a tree; every leaf is escaped here, so its output is safe by construction rather
 * than by trusting a renderer. node-emoji turns shortcodes into emoji.
 */
import { get as emoji } from 'node-emoji';
import { NodeType, parse, type Node } from 'slack-message-parser';
import { escapeHtml, isRecord, safeUrl, stringOf } from './html.js';
import type { RenderContext } from './context.js';

/** Slack's three escapes in message text, undone before the text is escaped for HTML. */
function unescapeSlack(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** Slack draws a raw `>` at the start of a line as a quote too; the parser only knows `&gt;`. */
const quotesEscaped = (text: string): string => text.replace(/^>/gm, '&gt;');

function shortcode(name: string, source: string): string {
  const found = emoji(name);
  return found === undefined ? escapeHtml(source) : `<span class="sd-emoji" title=":${escapeHtml(name)}:">${found}</span>`;
}

const isBlockLevel = (node: Node | undefined): boolean => node?.type === NodeType.Quote || node?.type === NodeType.PreText;

function nodes(list: readonly Node[] | undefined, ctx: RenderContext): string {
  const all = list ?? [];
  return all
    .map((node, i) => {
      if (node.type !== NodeType.Text) return nodeHtml(node, ctx);
      // A quote or code block is a box of its own: the line break next to it would be an empty line.
      let text = node.text;
      if (isBlockLevel(all[i + 1])) text = text.replace(/\n$/, '');
      if (isBlockLevel(all[i - 1])) text = text.replace(/^\n/, '');
      return escapeHtml(unescapeSlack(text));
    })
    .join('');
}

function nodeHtml(node: Node, ctx: RenderContext): string {
  switch (node.type) {
    case NodeType.Text:
      return escapeHtml(unescapeSlack(node.text));
    case NodeType.Bold:
      return `<b>${nodes(node.children, ctx)}</b>`;
    case NodeType.Italic:
      return `<i>${nodes(node.children, ctx)}</i>`;
    case NodeType.Strike:
      return `<s>${nodes(node.children, ctx)}</s>`;
    case NodeType.Code:
      return `<code class="sd-code">${escapeHtml(unescapeSlack(node.text))}</code>`;
    case NodeType.PreText:
      return `<pre class="sd-pre">${escapeHtml(unescapeSlack(node.text.replace(/^\n/, '')))}</pre>`;
    case NodeType.Quote:
      return `<blockquote class="sd-quote">${nodes(node.children, ctx).replace(/^ /, '')}</blockquote>`;
    case NodeType.URL: {
      const raw = safeUrl(unescapeSlack(node.url));
      const url = raw === undefined ? undefined : (ctx.link?.(raw) ?? raw);
      const label = node.label?.length ? nodes(node.label, ctx) : escapeHtml(unescapeSlack(node.url).replace(/^mailto:/i, ''));
      return url === undefined
        ? label
        : `<a class="sd-link" href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${label}</a>`;
    }
    case NodeType.UserLink: {
      const name = node.label?.length ? nodes(node.label, ctx) : escapeHtml(ctx.userName(node.userID) ?? node.userID);
      return `<span class="sd-mention" data-user-id="${escapeHtml(node.userID)}">@${name}</span>`;
    }
    case NodeType.ChannelLink: {
      const name = node.label?.length ? nodes(node.label, ctx) : escapeHtml(ctx.channelName(node.channelID) ?? node.channelID);
      return `<span class="sd-mention" data-channel-id="${escapeHtml(node.channelID)}">#${name}</span>`;
    }
    case NodeType.Command:
      return command(node.name, node.arguments, node.label, ctx);
    case NodeType.Emoji:
      return shortcode(node.name, node.source);
    case NodeType.Root:
      return nodes(node.children, ctx);
  }
}

/** `<!here>`, `<!channel>`, `<!everyone>`, `<!subteam^S…|@team>`, `<!date^…|fallback>`. */
function command(name: string, args: readonly string[], label: readonly Node[] | undefined, ctx: RenderContext): string {
  if (name === 'here' || name === 'channel' || name === 'everyone') return `<span class="sd-mention sd-broadcast">@${name}</span>`;
  if (label?.length) return `<span class="sd-mention">${nodes(label, ctx)}</span>`;
  return escapeHtml(name === 'subteam' ? `@${args[0] ?? name}` : `<!${[name, ...args].join('^')}>`);
}

/** mrkdwn as HTML; line breaks are kept by the stylesheet (`white-space: pre-wrap`). */
export function renderMrkdwn(text: string, ctx: RenderContext): string {
  return nodes(parse(quotesEscaped(text)).children, ctx);
}

/** plain_text is shown as typed, with shortcodes as emoji unless `emoji: false`. */
export function renderPlain(text: string, withEmoji: boolean): string {
  if (!withEmoji) return escapeHtml(text);
  return text
    .split(/(:[a-z0-9_+'-]+:)/i)
    .map((part, i) => (i % 2 === 1 ? shortcode(part.slice(1, -1), part) : escapeHtml(part)))
    .join('');
}

/** A text object `{type: plain_text | mrkdwn, text, emoji}`; anything else is empty. */
export function renderText(obj: unknown, ctx: RenderContext): string {
  if (!isRecord(obj)) return '';
  const text = stringOf(obj.text) ?? '';
  return obj.type === 'mrkdwn' ? renderMrkdwn(text, ctx) : renderPlain(text, obj.emoji !== false);
}

/** The text of a text object without markup, for attributes and option labels. */
export function plainText(obj: unknown): string {
  return isRecord(obj) ? (stringOf(obj.text) ?? '') : '';
}
