// The sandbox page's reader of rendered Block Kit: plain JavaScript, served to the browser as is.
// It reads the data attributes described at the top of ./index.ts back into Slack's payload shapes.

/**
 * @typedef {Record<string, unknown>} SlackObject
 * @typedef {{ [blockId: string]: { [actionId: string]: SlackObject } }} StateValues
 * @typedef {object} ReadOptions
 * @property {(input: HTMLInputElement) => SlackObject[]} [files] The files Slack would send for a
 *   file_input, e.g. what the stand-in returned when the page uploaded them. Default: the JSON array in
 *   the input's `data-files` attribute, else none.
 * @property {(local: string, input: HTMLInputElement) => number | null} [dateTimeSeconds] A
 *   datetimepicker's `YYYY-MM-DDTHH:mm` as Unix seconds. Default: read in the zone of its
 *   `data-zone` (the viewer's Slack zone, as Slack reads it), else UTC — never the browser's.
 * @property {number} [now] Milliseconds since the epoch for `action_ts`. Default: `Date.now()`.
 */

/** Element types that fire block_actions but hold no state in `view.state.values`. */
const stateless = new Set(['button', 'overflow', 'workflow_button']);

/** @param {string | undefined} json */
function parsed(json) {
  if (!json) return null;
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** @param {Element} select */
function chosenOptions(select) {
  return Array.from(select.querySelectorAll('option')).filter((option) => option.selected && option.value !== '');
}

/** @param {Element} group */
function checkedOptions(group) {
  return Array.from(group.querySelectorAll('input'))
    .filter((input) => input.checked)
    .map((input) => parsed(input.dataset.option));
}

/** @param {string} text */
const orNull = (text) => (text === '' ? null : text);

/**
 * A wall-clock `YYYY-MM-DDTHH:mm` in `zone` as Unix seconds (Slack's datetimepicker value), or null.
 * @param {string} local
 * @param {string} zone an IANA zone
 * @returns {number | null}
 */
export function zonedSeconds(local, zone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  /** @param {number} at */
  const offset = (at) => {
    const part = (/** @type {string} */ type) => Number(format.formatToParts(new Date(at)).find((p) => p.type === type)?.value);
    return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - at;
  };
  // The zone's offset at the wall time, looked up twice so that a day the offset changes comes out right.
  const first = wall - offset(wall);
  return Math.floor((wall - offset(first)) / 1000);
}

/**
 * One element's state as Slack sends it, without `type`: `{ value }`, `{ selected_option }`… An empty
 * element reads as Slack sends it: null, or an empty list for the multi-valued ones.
 * @param {HTMLElement} el an element carrying `data-type`
 * @param {ReadOptions} [options]
 * @returns {SlackObject}
 */
export function elementState(el, options = {}) {
  const input = /** @type {HTMLInputElement} */ (el);
  switch (el.dataset.type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { value: orNull(input.value) };
    case 'static_select':
    case 'external_select':
    case 'overflow': {
      const [option] = chosenOptions(el);
      return { selected_option: option ? parsed(option.dataset.option) : null };
    }
    case 'multi_static_select':
    case 'multi_external_select':
      return { selected_options: chosenOptions(el).map((option) => parsed(option.dataset.option)) };
    case 'users_select':
      return { selected_user: chosenOptions(el)[0]?.value ?? null };
    case 'multi_users_select':
      return { selected_users: chosenOptions(el).map((option) => option.value) };
    case 'datepicker':
      return { selected_date: orNull(input.value) };
    case 'timepicker':
      return { selected_time: orNull(input.value) };
    case 'datetimepicker': {
      if (input.value === '') return { selected_date_time: null };
      const seconds = options.dateTimeSeconds
        ? options.dateTimeSeconds(input.value, input)
        : zonedSeconds(input.value, input.dataset.zone || 'UTC');
      return { selected_date_time: seconds };
    }
    case 'checkboxes':
      return { selected_options: checkedOptions(el) };
    case 'radio_buttons':
      return { selected_option: checkedOptions(el)[0] ?? null };
    case 'file_input':
      return { files: options.files ? options.files(input) : (parsed(input.dataset.files) ?? []) };
    default:
      return {};
  }
}

/**
 * The `view.state.values` Slack would send for a rendered modal, home tab or message: every stateful
 * element, by block_id and action_id.
 * @param {ParentNode} root a `form.sd-modal`, `.sd-home` or `.sd-message-content`
 * @param {ReadOptions} [options]
 * @returns {StateValues}
 */
export function readViewState(root, options = {}) {
  /** @type {StateValues} */
  const values = {};
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('[data-action-id][data-block-id][data-type]'))) {
    const { blockId, actionId, type } = el.dataset;
    if (!blockId || !actionId || !type || stateless.has(type)) continue;
    const block = values[blockId] ?? {};
    block[actionId] = { type, ...elementState(el, options) };
    values[blockId] = block;
  }
  return values;
}

/**
 * The block ids of required input blocks left empty, as Slack finds them before it sends a
 * view_submission: nothing typed, picked, checked or uploaded.
 * @param {ParentNode} root a `form.sd-modal`
 * @param {ReadOptions} [options]
 * @returns {string[]}
 */
export function emptyRequiredBlocks(root, options = {}) {
  /** @type {string[]} */
  const empty = [];
  for (const block of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('.sd-input[data-required="true"][data-block-id]'))) {
    const el = /** @type {HTMLElement | null} */ (block.querySelector('[data-action-id][data-type]'));
    if (!el || stateless.has(el.dataset.type ?? '')) continue;
    const state = elementState(el, options);
    const filled = Object.values(state).some((v) =>
      Array.isArray(v) ? v.length > 0 : v !== null && v !== undefined && String(v).trim() !== '',
    );
    if (!filled) empty.push(block.dataset.blockId ?? '');
  }
  return empty;
}

/**
 * One entry of a block_actions payload's `actions[]` for the element a person clicked or changed.
 * @param {HTMLElement} el an element carrying `data-action-id`
 * @param {ReadOptions} [options]
 * @returns {SlackObject}
 */
export function actionFrom(el, options = {}) {
  const { actionId, blockId, type, value, style, text } = el.dataset;
  const action_ts = ((options.now ?? Date.now()) / 1000).toFixed(6);
  /** @type {SlackObject} */
  const action = { type, action_id: actionId, block_id: blockId, action_ts };
  if (type === 'button') {
    const label = parsed(text);
    if (label) action.text = label;
    if (value !== undefined) action.value = value;
    if (style !== undefined) action.style = style;
    return action;
  }
  return { ...action, ...elementState(el, options) };
}

/**
 * The interactive element an event happened on, if any: for a click on a button's emoji, the button;
 * for a change to one checkbox, its group.
 * @param {EventTarget | null} target
 * @returns {HTMLElement | null}
 */
export function interactiveElement(target) {
  const el = /** @type {Element | null} */ (target);
  return el && typeof el.closest === 'function' ? /** @type {HTMLElement | null} */ (el.closest('[data-action-id][data-type]')) : null;
}
