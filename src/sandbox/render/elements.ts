/** Block Kit elements to HTML controls carrying the data attributes the page script reads (see index.ts). */
import { DateTime } from 'luxon';
import { t } from '../../i18n/t.js';
import { arrayOf, attributes, escapeHtml, isRecord, jsonAttribute, safeUrl, stringOf, type AttributeValue } from './html.js';
import type { RenderContext } from './context.js';
import { plainText, renderText } from './mrkdwn.js';

/** Where an element sits: its block, whether a change fires block_actions, and its input block's label. */
export interface Place {
  readonly blockId: string;
  readonly index: number;
  readonly dispatch: boolean;
  /** Set inside an input block. */
  readonly input?: { readonly label: string; readonly required: boolean; readonly dispatchOn?: readonly string[] };
}

type Element = Record<string, unknown>;

export function unsupported(kind: 'block' | 'element', type: string, ctx: RenderContext): string {
  const key = kind === 'block' ? 'sandbox.render.unsupported_block' : 'sandbox.render.unsupported_element';
  return `<div class="sd-unsupported">${escapeHtml(t(ctx.locale, key, { type }))}</div>`;
}

/** The attributes every interactive element carries. A missing action_id becomes `a<index in its block>`. */
function common(el: Element, place: Place, extra: Readonly<Record<string, AttributeValue>> = {}): string {
  return attributes({
    'data-action-id': stringOf(el.action_id) ?? `a${place.index}`,
    'data-block-id': place.blockId,
    'data-type': stringOf(el.type),
    'data-dispatch': place.dispatch ? 'true' : undefined,
    'data-confirm': jsonAttribute(isRecord(el.confirm) ? el.confirm : undefined),
    'aria-label': place.input?.label,
    ...extra,
  });
}

function placeholderOf(el: Element): string | undefined {
  return isRecord(el.placeholder) ? plainText(el.placeholder) : undefined;
}

/** The Slack confirm dialog drawn once, in a <template> right after the control, for the page to show. */
function confirmTemplate(el: Element, ctx: RenderContext): string {
  const confirm = el.confirm;
  if (!isRecord(confirm)) return '';
  const danger = confirm.style === 'danger';
  return (
    `<template class="sd-confirm"><div class="sd-dialog sd-confirm-dialog" role="dialog">` +
    `<div class="sd-dialog-title">${renderText(confirm.title, ctx)}</div>` +
    `<div class="sd-dialog-body sd-mrkdwn">${renderText(confirm.text, ctx)}</div>` +
    `<div class="sd-dialog-footer">` +
    `<button type="button" class="sd-button" data-confirm-answer="deny">${renderText(confirm.deny, ctx) || escapeHtml(t(ctx.locale, 'sandbox.render.cancel'))}</button>` +
    `<button type="button" class="sd-button ${danger ? 'sd-button-danger' : 'sd-button-primary'}" data-confirm-answer="confirm">${renderText(confirm.confirm, ctx)}</button>` +
    `</div></div></template>`
  );
}

function button(el: Element, place: Place, ctx: RenderContext): string {
  const style = el.style === 'primary' || el.style === 'danger' ? el.style : undefined;
  const url = stringOf(el.url);
  const attrs = common(el, place, {
    'data-dispatch': undefined,
    'aria-label': stringOf(el.accessibility_label),
    'data-value': stringOf(el.value),
    'data-url': url !== undefined ? safeUrl(url) : undefined,
    'data-style': style,
    'data-text': jsonAttribute(el.text),
  });
  const cls = `sd-button${style ? ` sd-button-${style}` : ''}`;
  return `<button type="button" class="${cls}"${attrs}>${renderText(el.text, ctx)}</button>${confirmTemplate(el, ctx)}`;
}

function optionTag(option: unknown, selected: ReadonlySet<string>): string {
  if (!isRecord(option)) return '';
  const value = stringOf(option.value) ?? '';
  return `<option${attributes({ value, 'data-option': jsonAttribute(option), selected: selected.has(value) })}>${escapeHtml(plainText(option.text))}</option>`;
}

function optionTags(el: Element, selected: ReadonlySet<string>): string {
  if (Array.isArray(el.option_groups)) {
    return el.option_groups
      .filter(isRecord)
      .map(
        (group) =>
          `<optgroup label="${escapeHtml(plainText(group.label))}">${arrayOf(group.options)
            .map((o) => optionTag(o, selected))
            .join('')}</optgroup>`,
      )
      .join('');
  }
  return arrayOf(el.options)
    .map((o) => optionTag(o, selected))
    .join('');
}

const valuesOf = (options: unknown): Set<string> =>
  new Set(arrayOf(options).flatMap((o) => (isRecord(o) && typeof o.value === 'string' ? [o.value] : [])));

function select(el: Element, place: Place, ctx: RenderContext, multiple: boolean): string {
  const selected = multiple ? valuesOf(el.initial_options) : valuesOf([el.initial_option]);
  const none = multiple
    ? ''
    : `<option value=""${selected.size ? '' : ' selected'}>${escapeHtml(placeholderOf(el) ?? t(ctx.locale, 'sandbox.render.choose'))}</option>`;
  const attrs = common(el, place, { multiple, required: place.input?.required });
  return `<select class="sd-select"${attrs}>${none}${optionTags(el, selected)}</select>${confirmTemplate(el, ctx)}`;
}

function usersSelect(el: Element, place: Place, ctx: RenderContext, multiple: boolean): string {
  const initial = multiple
    ? arrayOf(el.initial_users).filter((u): u is string => typeof u === 'string')
    : [stringOf(el.initial_user)].filter((u): u is string => u !== undefined);
  const people = [...ctx.users];
  for (const id of initial) if (!people.some((p) => p.id === id)) people.push({ id, name: ctx.userName(id) ?? id });
  const none = multiple
    ? ''
    : `<option value=""${initial.length ? '' : ' selected'}>${escapeHtml(placeholderOf(el) ?? t(ctx.locale, 'sandbox.render.choose_person'))}</option>`;
  const options = people
    .map((p) => `<option${attributes({ value: p.id, selected: initial.includes(p.id) })}>${escapeHtml(p.name)}</option>`)
    .join('');
  const attrs = common(el, place, { multiple, required: place.input?.required });
  return `<select class="sd-select"${attrs}>${none}${options}</select>${confirmTemplate(el, ctx)}`;
}

function overflow(el: Element, place: Place, ctx: RenderContext): string {
  const options = arrayOf(el.options)
    .map((o) => optionTag(o, new Set()))
    .join('');
  const attrs = common(el, { ...place, dispatch: true }, { 'aria-label': t(ctx.locale, 'sandbox.render.more_actions') });
  return `<select class="sd-overflow"${attrs}><option value="" selected>⋯</option>${options}</select>${confirmTemplate(el, ctx)}`;
}

/** Unix seconds as the `YYYY-MM-DDTHH:mm` a datetime-local input shows, in the viewer's Slack zone. */
function wallTime(seconds: number, zone: string): string | undefined {
  const time = DateTime.fromSeconds(seconds, { zone });
  return time.isValid ? time.toFormat("yyyy-MM-dd'T'HH:mm") : undefined;
}

function picker(el: Element, place: Place, ctx: RenderContext, inputType: string, initial: unknown): string {
  const attrs = common(el, place, {
    type: inputType,
    value: stringOf(initial),
    placeholder: placeholderOf(el),
    required: place.input?.required,
    'data-initial-date-time': inputType === 'datetime-local' && typeof el.initial_date_time === 'number' ? el.initial_date_time : undefined,
    'data-zone': inputType === 'datetime-local' ? (ctx.timeZone ?? 'UTC') : undefined,
  });
  return `<input class="sd-picker"${attrs}>${confirmTemplate(el, ctx)}`;
}

const dispatchOn = (el: Element, place: Place): string | undefined => {
  if (!place.dispatch) return undefined;
  const config = isRecord(el.dispatch_action_config) ? arrayOf(el.dispatch_action_config.trigger_actions_on) : [];
  const on = config.filter((x): x is string => typeof x === 'string');
  return (on.length ? on : ['on_enter_pressed']).join(' ');
};

function textInput(el: Element, place: Place, inputType: string): string {
  const number = (key: string) => (typeof el[key] === 'number' ? (el[key] as number) : undefined);
  const attrs = common(el, place, {
    type: el.multiline === true ? undefined : inputType,
    placeholder: placeholderOf(el),
    minlength: number('min_length'),
    maxlength: number('max_length'),
    min: stringOf(el.min_value),
    max: stringOf(el.max_value),
    step: el.type === 'number_input' ? (el.is_decimal_allowed === true ? 'any' : '1') : undefined,
    required: place.input?.required,
    'data-dispatch-on': dispatchOn(el, place),
  });
  const initial = stringOf(el.initial_value) ?? '';
  if (el.multiline === true) return `<textarea class="sd-text-input" rows="4"${attrs}>${escapeHtml(initial)}</textarea>`;
  return `<input class="sd-text-input"${attrs}${attributes({ value: initial || undefined })}>`;
}

function choices(el: Element, place: Place, ctx: RenderContext, kind: 'checkbox' | 'radio'): string {
  const selected = kind === 'checkbox' ? valuesOf(el.initial_options) : valuesOf([el.initial_option]);
  const name = `sd-${place.blockId}-${stringOf(el.action_id) ?? `a${place.index}`}`;
  const items = arrayOf(el.options)
    .filter(isRecord)
    .map((option) => {
      const value = stringOf(option.value) ?? '';
      const input = `<input${attributes({ type: kind, name, value, 'data-option': jsonAttribute(option), checked: selected.has(value) })}>`;
      const description =
        option.description === undefined ? '' : `<span class="sd-choice-description">${renderText(option.description, ctx)}</span>`;
      return `<label class="sd-choice">${input}<span class="sd-choice-text">${renderText(option.text, ctx)}${description}</span></label>`;
    })
    .join('');
  return `<div class="sd-choices" role="${kind === 'radio' ? 'radiogroup' : 'group'}"${common(el, place)}>${items}</div>${confirmTemplate(el, ctx)}`;
}

function fileInput(el: Element, place: Place): string {
  const types = arrayOf(el.filetypes).filter((x): x is string => typeof x === 'string');
  const maxFiles = typeof el.max_files === 'number' ? el.max_files : 10;
  const attrs = common(el, place, {
    type: 'file',
    accept: types.length ? types.map((x) => `.${x}`).join(',') : undefined,
    multiple: maxFiles > 1,
    required: place.input?.required,
    'data-max-files': maxFiles,
  });
  return `<input class="sd-file-input"${attrs}>`;
}

function image(el: Element): string {
  const url = safeUrl(stringOf(el.image_url) ?? '');
  return url === undefined ? '' : `<img class="sd-image-element"${attributes({ src: url, alt: stringOf(el.alt_text) ?? '' })}>`;
}

/** One element; an unknown type is a visible note, never an error. */
export function renderElement(element: unknown, place: Place, ctx: RenderContext): string {
  if (!isRecord(element)) return unsupported('element', typeof element, ctx);
  switch (element.type) {
    case 'button':
      return button(element, place, ctx);
    case 'static_select':
    case 'multi_static_select':
      return select(element, place, ctx, element.type === 'multi_static_select');
    case 'users_select':
    case 'multi_users_select':
      return usersSelect(element, place, ctx, element.type === 'multi_users_select');
    case 'overflow':
      return overflow(element, place, ctx);
    case 'datepicker':
      return picker(element, place, ctx, 'date', element.initial_date);
    case 'timepicker':
      return picker(element, place, ctx, 'time', element.initial_time);
    case 'datetimepicker':
      return picker(
        element,
        place,
        ctx,
        'datetime-local',
        typeof element.initial_date_time === 'number' ? wallTime(element.initial_date_time, ctx.timeZone ?? 'UTC') : undefined,
      );
    case 'plain_text_input':
      return textInput(element, place, 'text');
    case 'email_text_input':
      return textInput(element, place, 'email');
    case 'url_text_input':
      return textInput(element, place, 'url');
    case 'number_input':
      return textInput(element, place, 'number');
    case 'checkboxes':
      return choices(element, place, ctx, 'checkbox');
    case 'radio_buttons':
      return choices(element, place, ctx, 'radio');
    case 'file_input':
      return fileInput(element, place);
    case 'image':
      return image(element);
    default:
      return unsupported('element', String(element.type), ctx);
  }
}
