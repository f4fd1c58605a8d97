/** Block Kit blocks to HTML; every block carries `data-block-id` (its block_id, else `b<index>`). */
import { t } from '../../i18n/t.js';
import { renderElement, unsupported } from './elements.js';
import { arrayOf, attributes, escapeHtml, isRecord, safeUrl, stringOf } from './html.js';
import type { RenderContext } from './context.js';
import { plainText, renderText } from './mrkdwn.js';

type Block = Record<string, unknown>;

/** The id a block is known by on the page: its block_id, else its index prefixed `b`. */
export const blockIdOf = (block: Block, index: number): string => stringOf(block.block_id) ?? `b${index}`;

function wrap(block: Block, blockId: string, kind: string, inner: string, extra = '', more: Readonly<Record<string, string>> = {}): string {
  return `<div class="sd-block sd-${kind}${extra}"${attributes({ 'data-block-id': blockId, 'data-block-type': stringOf(block.type), ...more })}>${inner}</div>`;
}

function section(block: Block, blockId: string, ctx: RenderContext): string {
  const text = block.text === undefined ? '' : `<div class="sd-section-text sd-mrkdwn">${renderText(block.text, ctx)}</div>`;
  const fields = arrayOf(block.fields);
  const grid = fields.length
    ? `<div class="sd-fields">${fields.map((f) => `<div class="sd-field sd-mrkdwn">${renderText(f, ctx)}</div>`).join('')}</div>`
    : '';
  const accessory =
    block.accessory === undefined
      ? ''
      : `<div class="sd-accessory">${renderElement(block.accessory, { blockId, index: 0, dispatch: true }, ctx)}</div>`;
  return wrap(block, blockId, 'section', `<div class="sd-section-main">${text}${grid}</div>${accessory}`);
}

function context(block: Block, blockId: string, ctx: RenderContext): string {
  const items = arrayOf(block.elements).map((el) => {
    if (isRecord(el) && el.type === 'image') {
      const url = safeUrl(stringOf(el.image_url) ?? '');
      return url === undefined ? '' : `<img class="sd-context-image"${attributes({ src: url, alt: stringOf(el.alt_text) ?? '' })}>`;
    }
    return `<span class="sd-context-text sd-mrkdwn">${renderText(el, ctx)}</span>`;
  });
  return wrap(block, blockId, 'context', items.join(''));
}

function actions(block: Block, blockId: string, ctx: RenderContext): string {
  const elements = arrayOf(block.elements).map((el, index) => renderElement(el, { blockId, index, dispatch: true }, ctx));
  return wrap(block, blockId, 'actions', elements.join(''));
}

function input(block: Block, blockId: string, ctx: RenderContext, error: string | undefined): string {
  const optional = block.optional === true;
  const label = plainText(block.label);
  const element = renderElement(
    block.element,
    { blockId, index: 0, dispatch: block.dispatch_action === true, input: { label, required: !optional } },
    ctx,
  );
  const optionalNote = optional ? ` <span class="sd-optional">${escapeHtml(t(ctx.locale, 'sandbox.render.optional'))}</span>` : '';
  const hint = block.hint === undefined ? '' : `<div class="sd-hint">${renderText(block.hint, ctx)}</div>`;
  const errorLine = error === undefined ? '' : `<div class="sd-field-error" role="alert">${escapeHtml(error)}</div>`;
  const inner = `<div class="sd-label">${renderText(block.label, ctx)}${optionalNote}</div>${element}${errorLine}${hint}`;
  return wrap(block, blockId, 'input', inner, error === undefined ? '' : ' sd-has-error', optional ? {} : { 'data-required': 'true' });
}

function image(block: Block, blockId: string, ctx: RenderContext): string {
  const url = safeUrl(stringOf(block.image_url) ?? '');
  const title = block.title === undefined ? '' : `<figcaption class="sd-image-title">${renderText(block.title, ctx)}</figcaption>`;
  const img = url === undefined ? '' : `<img class="sd-image"${attributes({ src: url, alt: stringOf(block.alt_text) ?? '' })}>`;
  return wrap(block, blockId, 'image', `<figure>${title}${img}</figure>`);
}

/** One block; `error` is a `response_action: errors` message for its block_id. */
export function renderBlock(block: unknown, index: number, ctx: RenderContext, error?: string): string {
  if (!isRecord(block)) return unsupported('block', typeof block, ctx);
  const blockId = blockIdOf(block, index);
  switch (block.type) {
    case 'header':
      return wrap(block, blockId, 'header', renderText(block.text, ctx));
    case 'section':
      return section(block, blockId, ctx);
    case 'context':
      return context(block, blockId, ctx);
    case 'divider':
      return wrap(block, blockId, 'divider', '<hr>');
    case 'actions':
      return actions(block, blockId, ctx);
    case 'input':
      return input(block, blockId, ctx, error);
    case 'image':
      return image(block, blockId, ctx);
    default:
      return unsupported('block', String(block.type), ctx);
  }
}

export function renderBlockList(blocks: readonly unknown[], ctx: RenderContext, errors?: Readonly<Record<string, string>>): string {
  return blocks
    .map((block, index) => {
      const id = isRecord(block) ? blockIdOf(block, index) : undefined;
      return renderBlock(block, index, ctx, id === undefined ? undefined : errors?.[id]);
    })
    .join('');
}
