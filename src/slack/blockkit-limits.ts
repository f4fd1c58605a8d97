/**
 * Slack's published Block Kit limits, checked the way Slack checks them. Views use them to stay inside
 * the limits; the test stand-in uses the same checks to refuse what Slack would refuse.
 */
export const blockKitLimits = {
  messageBlocks: 50,
  viewBlocks: 100,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  blockId: 255,
  actionId: 255,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  actionsElements: 25,
  contextElements: 10,
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  selectOptions: 100,
  overflowOptions: 5,
  choiceOptions: 10,
  optionText: 75,
  optionDescription: 75,
  optionValue: 150,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  messageText: 40_000,
  /**
   * Not documented: Slack refuses a message whose blocks' texts add up to much more than this
   * (`msg_blocks_too_long`), so long lists keep their texts under it.
   */
  messageBlocksText: 12_000,
  /** What a plain_text_input can hold at most (its max_length, min_length and initial_value). */
  plainTextInput: 3000,
  /** The text after a slash command that the app reads; longer is refused before any work. */
  commandText: 3000,
  /** A link in a block (a button's url, a proof file's permalink). */
  url: 3000,
  /** The largest file a file_input takes (Slack's element reference: "There is a 10MB file size limit"); a bigger proof file is not copied. */
  fileInputBytes: 10 * 1024 * 1024,
} as const;

/** A text input's max_length for a policy's limit: Slack's inputs hold no more than `plainTextInput`. */
export const inputMax = (chars: number): number => Math.min(chars, blockKitLimits.plainTextInput);

export type Surface = 'message' | 'modal' | 'home';

export interface BlockKitProblem {
  /** Where in the payload, e.g. `blocks[3].text.text`. */
  readonly path: string;
  readonly message: string;
  /** The limit a too long text or too long list broke; absent for other problems (a missing label, a duplicate id). */
  readonly limit?: { readonly kind: 'length' | 'items'; readonly max: number };
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string | undefined => (isObject(value) && typeof value.text === 'string' ? value.text : undefined);

class Checker {
  readonly problems: BlockKitProblem[] = [];

  maxLength(path: string, value: string | undefined, max: number): void {
    if (value !== undefined && [...value].length > max)
      this.problems.push({ path, message: `must be at most ${max} characters (has ${[...value].length})`, limit: { kind: 'length', max } });
  }

  maxItems(path: string, value: unknown, max: number, min = 0): void {
    if (!Array.isArray(value)) return;
    if (value.length > max)
      this.problems.push({ path, message: `must have at most ${max} items (has ${value.length})`, limit: { kind: 'items', max } });
    if (value.length < min) this.problems.push({ path, message: `must have at least ${min} item(s)` });
  }

  require(path: string, ok: boolean, message: string): void {
    if (!ok) this.problems.push({ path, message });
  }
}

/** Every way `blocks` breaks Slack's limits for the given surface; empty when Slack would accept them. */
export function blockKitProblems(surface: Surface, blocks: unknown): BlockKitProblem[] {
  const check = new Checker();
  checkBlocks(check, surface, blocks, 'blocks');
  return check.problems;
}

/** Every way a modal or Home tab view breaks Slack's limits. */
export function viewProblems(view: unknown): BlockKitProblem[] {
  const check = new Checker();
  if (!isObject(view)) return [{ path: 'view', message: 'must be an object' }];
  const surface: Surface = view.type === 'home' ? 'home' : 'modal';
  check.require('view.type', view.type === 'modal' || view.type === 'home', 'must be "modal" or "home"');
  if (surface === 'modal') {
    check.require('view.title', textOf(view.title) !== undefined, 'a modal needs a plain_text title');
    check.maxLength('view.title.text', textOf(view.title), blockKitLimits.viewTitle);
    check.maxLength('view.submit.text', textOf(view.submit), blockKitLimits.viewButton);
    check.maxLength('view.close.text', textOf(view.close), blockKitLimits.viewButton);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    check.require('view.submit', !hasInput || view.submit !== undefined, 'a modal with input blocks needs a submit button');
  }
  if (typeof view.private_metadata === 'string')
    check.maxLength('view.private_metadata', view.private_metadata, blockKitLimits.privateMetadata);
  if (typeof view.callback_id === 'string') check.maxLength('view.callback_id', view.callback_id, blockKitLimits.callbackId);
  checkBlocks(check, surface, view.blocks, 'view.blocks');
  return check.problems;
}

function checkBlocks(check: Checker, surface: Surface, blocks: unknown, path: string): void {
  if (blocks === undefined) return;
  if (!Array.isArray(blocks)) return check.require(path, false, 'must be an array');
  check.maxItems(path, blocks, surface === 'message' ? blockKitLimits.messageBlocks : blockKitLimits.viewBlocks);
  const blockIds = new Set<string>();
  for (const [i, block] of blocks.entries()) {
    const at = `${path}[${i}]`;
    if (!isObject(block) || typeof block.type !== 'string') {
      check.require(at, false, 'must be a block with a type');
      continue;
    }
    if (typeof block.block_id === 'string') {
      check.maxLength(`${at}.block_id`, block.block_id, blockKitLimits.blockId);
      check.require(`${at}.block_id`, !blockIds.has(block.block_id), `duplicate block_id "${block.block_id}"`);
      blockIds.add(block.block_id);
    }
    checkBlock(check, surface, block, at);
  }
}

function checkBlock(check: Checker, surface: Surface, block: Json, at: string): void {
  switch (block.type) {
    case 'section': {
      const text = textOf(block.text);
      check.require(at, text !== undefined || Array.isArray(block.fields), 'a section needs text or fields');
      if (text !== undefined) check.require(`${at}.text.text`, text.length > 0, 'must not be empty');
      check.maxLength(`${at}.text.text`, text, blockKitLimits.sectionText);
      check.maxItems(`${at}.fields`, block.fields, blockKitLimits.sectionFields);
      if (Array.isArray(block.fields))
        for (const [i, f] of block.fields.entries()) check.maxLength(`${at}.fields[${i}].text`, textOf(f), blockKitLimits.sectionFieldText);
      if (isObject(block.accessory)) checkElement(check, block.accessory, `${at}.accessory`);
      return;
    }
    case 'header':
      check.require(`${at}.text`, textOf(block.text) !== undefined, 'a header needs plain_text text');
      return check.maxLength(`${at}.text.text`, textOf(block.text), blockKitLimits.headerText);
    case 'context':
      check.maxItems(`${at}.elements`, block.elements, blockKitLimits.contextElements, 1);
      if (Array.isArray(block.elements))
        for (const [i, e] of block.elements.entries()) check.maxLength(`${at}.elements[${i}].text`, textOf(e), blockKitLimits.contextText);
      return;
    case 'actions':
      check.maxItems(`${at}.elements`, block.elements, blockKitLimits.actionsElements, 1);
      if (Array.isArray(block.elements))
        for (const [i, e] of block.elements.entries()) if (isObject(e)) checkElement(check, e, `${at}.elements[${i}]`);
      return;
    case 'input':
      check.require(at, surface !== 'message', 'input blocks are only allowed in modals and Home tabs');
      check.require(`${at}.label`, textOf(block.label) !== undefined, 'an input needs a label');
      check.maxLength(`${at}.label.text`, textOf(block.label), blockKitLimits.inputLabel);
      check.maxLength(`${at}.hint.text`, textOf(block.hint), blockKitLimits.inputHint);
      check.require(`${at}.element`, isObject(block.element), 'an input needs an element');
      if (isObject(block.element)) checkElement(check, block.element, `${at}.element`);
      return;
    default:
      return;
  }
}

function checkElement(check: Checker, element: Json, at: string): void {
  if (typeof element.action_id === 'string') check.maxLength(`${at}.action_id`, element.action_id, blockKitLimits.actionId);
  check.maxLength(`${at}.placeholder.text`, textOf(element.placeholder), blockKitLimits.placeholder);
  if (element.type === 'button') {
    check.maxLength(`${at}.text.text`, textOf(element.text), blockKitLimits.buttonText);
    if (typeof element.value === 'string') check.maxLength(`${at}.value`, element.value, blockKitLimits.buttonValue);
    if (typeof element.url === 'string') check.maxLength(`${at}.url`, element.url, blockKitLimits.url);
  }
  if (element.type === 'plain_text_input') {
    const maxLength = typeof element.max_length === 'number' ? element.max_length : undefined;
    check.require(
      `${at}.max_length`,
      maxLength === undefined || (maxLength >= 1 && maxLength <= blockKitLimits.plainTextInput),
      `must be between 1 and ${blockKitLimits.plainTextInput}`,
    );
    if (typeof element.initial_value === 'string')
      check.maxLength(
        `${at}.initial_value`,
        element.initial_value,
        Math.min(maxLength ?? blockKitLimits.plainTextInput, blockKitLimits.plainTextInput),
      );
  }
  if (isObject(element.confirm)) {
    const confirm = element.confirm;
    check.maxLength(`${at}.confirm.title.text`, textOf(confirm.title), blockKitLimits.confirmTitle);
    check.maxLength(`${at}.confirm.text.text`, textOf(confirm.text), blockKitLimits.confirmText);
    check.maxLength(`${at}.confirm.confirm.text`, textOf(confirm.confirm), blockKitLimits.confirmButton);
    check.maxLength(`${at}.confirm.deny.text`, textOf(confirm.deny), blockKitLimits.confirmButton);
  }
  for (const key of ['initial_option', 'initial_options'] as const) {
    const chosen = element[key];
    const list = Array.isArray(chosen) ? chosen : isObject(chosen) ? [chosen] : [];
    list.forEach((option, i) => {
      const where = Array.isArray(chosen) ? `${at}.${key}[${i}]` : `${at}.${key}`;
      if (isObject(option)) check.maxLength(`${where}.text.text`, textOf(option.text), blockKitLimits.optionText);
    });
  }
  const optionLimit =
    element.type === 'overflow'
      ? blockKitLimits.overflowOptions
      : element.type === 'checkboxes' || element.type === 'radio_buttons'
        ? blockKitLimits.choiceOptions
        : blockKitLimits.selectOptions;
  check.maxItems(`${at}.options`, element.options, optionLimit, element.type === 'overflow' ? 1 : 0);
  if (Array.isArray(element.options)) {
    element.options.forEach((option, i) => {
      if (!isObject(option)) return;
      check.maxLength(`${at}.options[${i}].text.text`, textOf(option.text), blockKitLimits.optionText);
      check.maxLength(`${at}.options[${i}].description.text`, textOf(option.description), blockKitLimits.optionDescription);
      if (typeof option.value === 'string') check.maxLength(`${at}.options[${i}].value`, option.value, blockKitLimits.optionValue);
    });
  }
}
