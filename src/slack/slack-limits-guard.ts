/**
 * The last check before anything leaves for Slack: a message or view that breaks one of Slack's length
 * limits would be refused whole, so what is too long is cut to fit (and logged, naming where), and
 * Slack never refuses for length. Views stay within the limits themselves; this catches what they missed.
 */
import type { webApi } from '@slack/bolt';
import type { AppLogger } from '../logger.js';
import { blockKitLimits, blockKitProblems, viewProblems, type BlockKitProblem } from './blockkit-limits.js';
import { clipText, codePoints } from './clip-text.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What was cut, where. */
export interface Cut {
  readonly path: string;
  readonly max: number;
  readonly had: number;
}

/** Keys whose value the app reads back: cut plainly, without a mark (a half id is refused as stale, not shown). */
const identifiers = new Set(['block_id', 'action_id', 'callback_id', 'value', 'private_metadata', 'external_id']);

function segments(path: string): (string | number)[] {
  return path.split('.').flatMap((part) => {
    const [name = '', ...indexes] = part.split('[');
    return [name, ...indexes.map((i) => Number(i.slice(0, -1)))];
  });
}

/** The object or array holding the value at `path`, and its key there. */
function locate(root: Json, path: string): { parent: Json | unknown[]; key: string | number } | undefined {
  const keys = segments(path);
  let parent: unknown = root;
  for (const key of keys.slice(0, -1)) {
    parent = (parent as Record<string | number, unknown> | undefined)?.[key];
    if (typeof parent !== 'object' || parent === null) return undefined;
  }
  return { parent: parent as Json | unknown[], key: keys.at(-1) as string | number };
}

function cutText(parent: Json | unknown[], key: string | number, max: number): string | undefined {
  const value = (parent as Record<string | number, unknown>)[key];
  if (typeof value !== 'string') return undefined;
  if (key === 'url') return undefined;
  if (typeof key === 'string' && identifiers.has(key)) return [...value].slice(0, max).join('');
  if (key === 'initial_value') return clipText(value, max, { mark: '' });
  return clipText(value, max, { mrkdwn: !Array.isArray(parent) && parent.type === 'mrkdwn' });
}

/** Cuts `root` (changed in place) where `problems` say a text or a list is too long. */
function applyCuts(root: Json, problems: readonly BlockKitProblem[]): Cut[] {
  const cuts: Cut[] = [];
  // texts first: cutting a list short moves nothing, but a text beyond the cut must still be found
  const ordered = [...problems.filter((p) => p.limit?.kind === 'length'), ...problems.filter((p) => p.limit?.kind === 'items')];
  for (const problem of ordered) {
    const at = problem.limit && locate(root, problem.path);
    if (!at || !problem.limit) continue;
    const { parent, key } = at;
    const value = (parent as Record<string | number, unknown>)[key];
    if (problem.limit.kind === 'items' && Array.isArray(value)) {
      cuts.push({ path: problem.path, max: problem.limit.max, had: value.length });
      value.length = problem.limit.max;
    } else if (typeof value === 'string') {
      cuts.push({ path: problem.path, max: problem.limit.max, had: codePoints(value) });
      const cut = cutText(parent, key, problem.limit.max);
      if (cut === undefined && !Array.isArray(parent)) delete parent[key as string];
      else (parent as Record<string | number, unknown>)[key] = cut;
    }
  }
  return cuts;
}

/** A message (`text`, `blocks`) within Slack's limits: the same object when nothing is too long, else a cut copy. */
export function messageWithinLimits<T>(message: T): { message: T; cuts: Cut[] } {
  if (!isObject(message)) return { message, cuts: [] };
  const longText = typeof message.text === 'string' && codePoints(message.text) > blockKitLimits.messageText;
  const problems = blockKitProblems('message', message.blocks).filter((p) => p.limit);
  if (!longText && problems.length === 0) return { message, cuts: [] };
  const copy = structuredClone(message) as Json;
  const cuts = applyCuts(copy, problems);
  if (longText && typeof copy.text === 'string') {
    cuts.push({ path: 'text', max: blockKitLimits.messageText, had: codePoints(copy.text) });
    copy.text = clipText(copy.text, blockKitLimits.messageText, { mrkdwn: true });
  }
  return { message: copy as T, cuts };
}

/** A modal or Home tab view within Slack's limits: the same object when nothing is too long, else a cut copy. */
export function viewWithinLimits<T>(view: T): { view: T; cuts: Cut[] } {
  const problems = viewProblems(view).filter((p) => p.limit);
  if (problems.length === 0) return { view, cuts: [] };
  const root = { view: structuredClone(view) };
  const cuts = applyCuts(root, problems);
  return { view: root.view, cuts };
}

/** Logs each cut: a view built a text too long, and the person saw it cut. */
function report(logger: AppLogger, where: string, cuts: readonly Cut[]): void {
  for (const cut of cuts)
    logger.warn(
      { where, path: cut.path, max: cut.max, had: cut.had },
      `a Slack payload broke a length limit at ${cut.path} and was cut to fit`,
    );
}

/** An ack's answer (an ephemeral message, or a modal to update or push to) within Slack's limits. */
export function ackWithinLimits(response: unknown, logger: AppLogger): unknown {
  if (!isObject(response)) return response;
  // a help text is built once and acked again and again, unchanged: it is checked the first time
  const known = acksWithinLimits.get(response);
  if (known !== undefined) return known;
  const within = checkedAck(response, logger);
  acksWithinLimits.set(response, within);
  return within;
}

/** Answers brought within Slack's limits already, by the object acked. */
const acksWithinLimits = new WeakMap<object, unknown>();

function checkedAck(response: Record<string, unknown>, logger: AppLogger): unknown {
  if (isObject(response.view)) {
    const { view, cuts } = viewWithinLimits(response.view);
    report(logger, 'ack', cuts);
    return cuts.length === 0 ? response : { ...response, view };
  }
  const { message, cuts } = messageWithinLimits(response);
  report(logger, 'ack', cuts);
  return message;
}

const messageMethods = new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'chat.scheduleMessage']);
const viewMethods = new Set(['views.open', 'views.push', 'views.update', 'views.publish']);

function headerOf(headers: Record<string, string> | undefined, name: string): string {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found?.[1] ?? '';
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** A Web API call's form body (`blocks` and `view` as JSON fields, as the client sends them) within the limits. */
function formWithinLimits(method: string, body: string, logger: AppLogger): string {
  const form = new URLSearchParams(body);
  if (viewMethods.has(method)) {
    const { view, cuts } = viewWithinLimits(parseJson(form.get('view') ?? ''));
    if (cuts.length === 0) return body;
    report(logger, method, cuts);
    form.set('view', JSON.stringify(view));
    return form.toString();
  }
  const blocks = form.get('blocks');
  const { message, cuts } = messageWithinLimits({
    text: form.get('text') ?? undefined,
    blocks: blocks === null ? undefined : parseJson(blocks),
  });
  if (cuts.length === 0) return body;
  report(logger, method, cuts);
  if (message.text !== undefined) form.set('text', message.text);
  if (message.blocks !== undefined) form.set('blocks', JSON.stringify(message.blocks));
  return form.toString();
}

/**
 * The `fetch` every Slack client of the app uses, and Bolt's respond() with it: Web API calls that
 * send a message or a view, and posts to a response_url, are brought within Slack's limits on the way.
 */
export function limitsGuardedFetch(
  logger: AppLogger,
  inner: webApi.FetchFunction = globalThis.fetch as webApi.FetchFunction,
): webApi.FetchFunction {
  return (url, init) => {
    if (typeof init?.body !== 'string') return inner(url, init);
    const path = new URL(String(url)).pathname;
    const method = path.slice(path.lastIndexOf('/') + 1);
    let body = init.body;
    if (headerOf(init.headers, 'content-type').startsWith('application/json')) {
      const parsed = parseJson(body);
      const { message, cuts } = messageWithinLimits(parsed);
      report(logger, 'response_url', cuts);
      if (cuts.length > 0) body = JSON.stringify(message);
    } else if (messageMethods.has(method) || viewMethods.has(method)) {
      body = formWithinLimits(method, body, logger);
    }
    return inner(url, body === init.body ? init : { ...init, body });
  };
}
