import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { blockKitLimits as L, blockKitProblems, viewProblems } from '../../src/slack/blockkit-limits.js';
import { clipText, codePoints } from '../../src/slack/clip-text.js';
import { ackWithinLimits, limitsGuardedFetch, messageWithinLimits, viewWithinLimits } from '../../src/slack/slack-limits-guard.js';
import type { webApi } from '@slack/bolt';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const x = (n: number) => 'x'.repeat(n);
const silent = pino({ level: 'silent' });

/** Reads the value at a path like `blocks[0].text.text` (the paths the limits name). */
function at(root: unknown, path: string): unknown {
  return path
    .split('.')
    .flatMap((part) => {
      const [name = '', ...indexes] = part.split('[');
      return [name, ...indexes.map((i) => Number(i.slice(0, -1)))];
    })
    .reduce<unknown>((value, key) => (value as Record<string | number, unknown> | undefined)?.[key], root);
}

const lengthOf = (value: unknown) => (Array.isArray(value) ? value.length : codePoints(String(value)));

/** One limit each: a message or view whose value at `path` is `size` long, and the limit it has. */
interface Case {
  readonly name: string;
  readonly max: number;
  readonly path: string;
  readonly kind: 'message' | 'view';
  build(size: number): Record<string, unknown>;
}

const message = (blocks: unknown[]) => ({ text: 'fallback', blocks });
const modal = (over: Record<string, unknown> = {}, blocks: unknown[] = []) => ({
  type: 'modal',
  title: plain('t'),
  submit: plain('ok'),
  blocks,
  ...over,
});
const button = (over: Record<string, unknown>) => ({
  type: 'actions',
  elements: [{ type: 'button', action_id: 'b', text: plain('go'), ...over }],
});
const options = (n: number, text = 'o') => Array.from({ length: n }, (_, i) => ({ text: plain(text), value: `v${i}` }));
const input = (element: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
  type: 'input',
  block_id: 'i',
  label: plain('l'),
  element: { action_id: 'a', ...element },
  ...over,
});

const cases: Case[] = [
  {
    name: 'section text',
    max: L.sectionText,
    path: 'blocks[0].text.text',
    kind: 'message',
    build: (n) => message([{ type: 'section', text: mrkdwn(x(n)) }]),
  },
  {
    name: 'section field text',
    max: L.sectionFieldText,
    path: 'blocks[0].fields[0].text',
    kind: 'message',
    build: (n) => message([{ type: 'section', fields: [mrkdwn(x(n))] }]),
  },
  {
    name: 'section fields',
    max: L.sectionFields,
    path: 'blocks[0].fields',
    kind: 'message',
    build: (n) => message([{ type: 'section', fields: Array.from({ length: n }, () => mrkdwn('f')) }]),
  },
  {
    name: 'header text',
    max: L.headerText,
    path: 'blocks[0].text.text',
    kind: 'message',
    build: (n) => message([{ type: 'header', text: plain(x(n)) }]),
  },
  {
    name: 'context elements',
    max: L.contextElements,
    path: 'blocks[0].elements',
    kind: 'message',
    build: (n) => message([{ type: 'context', elements: Array.from({ length: n }, () => mrkdwn('c')) }]),
  },
  {
    name: 'context text',
    max: L.contextText,
    path: 'blocks[0].elements[0].text',
    kind: 'message',
    build: (n) => message([{ type: 'context', elements: [mrkdwn(x(n))] }]),
  },
  {
    name: 'actions elements',
    max: L.actionsElements,
    path: 'blocks[0].elements',
    kind: 'message',
    build: (n) =>
      message([
        { type: 'actions', elements: Array.from({ length: n }, (_, i) => ({ type: 'button', action_id: `b${i}`, text: plain('b') })) },
      ]),
  },
  {
    name: 'button text',
    max: L.buttonText,
    path: 'blocks[0].elements[0].text.text',
    kind: 'message',
    build: (n) => message([button({ text: plain(x(n)) })]),
  },
  {
    name: 'button value',
    max: L.buttonValue,
    path: 'blocks[0].elements[0].value',
    kind: 'message',
    build: (n) => message([button({ value: x(n) })]),
  },
  {
    name: 'button url',
    max: L.url,
    path: 'blocks[0].elements[0].url',
    kind: 'message',
    build: (n) => message([button({ url: `https://e.x/${x(n - 12)}` })]),
  },
  {
    name: 'action_id',
    max: L.actionId,
    path: 'blocks[0].elements[0].action_id',
    kind: 'message',
    build: (n) => message([button({ action_id: x(n) })]),
  },
  {
    name: 'block_id',
    max: L.blockId,
    path: 'blocks[0].block_id',
    kind: 'message',
    build: (n) => message([{ type: 'section', block_id: x(n), text: mrkdwn('s') }]),
  },
  {
    name: 'confirm title',
    max: L.confirmTitle,
    path: 'blocks[0].elements[0].confirm.title.text',
    kind: 'message',
    build: (n) => message([button({ confirm: { title: plain(x(n)), text: plain('t'), confirm: plain('y'), deny: plain('n') } })]),
  },
  {
    name: 'confirm text',
    max: L.confirmText,
    path: 'blocks[0].elements[0].confirm.text.text',
    kind: 'message',
    build: (n) => message([button({ confirm: { title: plain('t'), text: plain(x(n)), confirm: plain('y'), deny: plain('n') } })]),
  },
  {
    name: 'confirm button',
    max: L.confirmButton,
    path: 'blocks[0].elements[0].confirm.confirm.text',
    kind: 'message',
    build: (n) => message([button({ confirm: { title: plain('t'), text: plain('t'), confirm: plain(x(n)), deny: plain('n') } })]),
  },
  {
    name: 'message blocks',
    max: L.messageBlocks,
    path: 'blocks',
    kind: 'message',
    build: (n) => message(Array.from({ length: n }, () => ({ type: 'divider' }))),
  },
  { name: 'message text', max: L.messageText, path: 'text', kind: 'message', build: (n) => ({ text: x(n) }) },
  { name: 'modal title', max: L.viewTitle, path: 'view.title.text', kind: 'view', build: (n) => modal({ title: plain(x(n)) }) },
  { name: 'modal submit', max: L.viewButton, path: 'view.submit.text', kind: 'view', build: (n) => modal({ submit: plain(x(n)) }) },
  { name: 'modal close', max: L.viewButton, path: 'view.close.text', kind: 'view', build: (n) => modal({ close: plain(x(n)) }) },
  {
    name: 'private_metadata',
    max: L.privateMetadata,
    path: 'view.private_metadata',
    kind: 'view',
    build: (n) => modal({ private_metadata: x(n) }),
  },
  { name: 'callback_id', max: L.callbackId, path: 'view.callback_id', kind: 'view', build: (n) => modal({ callback_id: x(n) }) },
  {
    name: 'view blocks',
    max: L.viewBlocks,
    path: 'view.blocks',
    kind: 'view',
    build: (n) =>
      modal(
        {},
        Array.from({ length: n }, () => ({ type: 'divider' })),
      ),
  },
  {
    name: 'input label',
    max: L.inputLabel,
    path: 'view.blocks[0].label.text',
    kind: 'view',
    build: (n) => modal({}, [input({ type: 'plain_text_input' }, { label: plain(x(n)) })]),
  },
  {
    name: 'input hint',
    max: L.inputHint,
    path: 'view.blocks[0].hint.text',
    kind: 'view',
    build: (n) => modal({}, [input({ type: 'plain_text_input' }, { hint: plain(x(n)) })]),
  },
  {
    name: 'placeholder',
    max: L.placeholder,
    path: 'view.blocks[0].element.placeholder.text',
    kind: 'view',
    build: (n) => modal({}, [input({ type: 'plain_text_input', placeholder: plain(x(n)) })]),
  },
  {
    name: 'initial_value',
    max: L.plainTextInput,
    path: 'view.blocks[0].element.initial_value',
    kind: 'view',
    build: (n) => modal({}, [input({ type: 'plain_text_input', initial_value: x(n) })]),
  },
  {
    name: 'initial_value within max_length',
    max: 500,
    path: 'view.blocks[0].element.initial_value',
    kind: 'view',
    build: (n) => modal({}, [input({ type: 'plain_text_input', max_length: 500, initial_value: x(n) })]),
  },
  {
    name: 'select options',
    max: L.selectOptions,
    path: 'view.blocks[0].element.options',
    kind: 'view',
    build: (n) => modal({}, [input({ type: 'static_select', options: options(n) })]),
  },
  {
    name: 'option text',
    max: L.optionText,
    path: 'view.blocks[0].element.options[0].text.text',
    kind: 'view',
    build: (n) => modal({}, [input({ type: 'static_select', options: options(1, x(n)) })]),
  },
  {
    name: 'option description',
    max: L.optionDescription,
    path: 'view.blocks[0].element.options[0].description.text',
    kind: 'view',
    build: (n) => modal({}, [input({ type: 'static_select', options: [{ text: plain('o'), value: 'v', description: plain(x(n)) }] })]),
  },
  {
    name: 'initial option text',
    max: L.optionText,
    path: 'view.blocks[0].element.initial_option.text.text',
    kind: 'view',
    build: (n) => modal({}, [input({ type: 'static_select', options: options(1), initial_option: { text: plain(x(n)), value: 'v0' } })]),
  },
  {
    name: 'radio options',
    max: L.choiceOptions,
    path: 'view.blocks[0].element.options',
    kind: 'view',
    build: (n) => modal({}, [input({ type: 'radio_buttons', options: options(n) })]),
  },
  {
    name: 'overflow options',
    max: L.overflowOptions,
    path: 'blocks[0].accessory.options',
    kind: 'message',
    build: (n) => message([{ type: 'section', text: mrkdwn('s'), accessory: { type: 'overflow', action_id: 'o', options: options(n) } }]),
  },
];

const fitInto = (c: Case, payload: Record<string, unknown>) =>
  c.kind === 'message' ? messageWithinLimits(payload).message : { view: viewWithinLimits(payload).view };
const problemsOf = (c: Case, fitted: Record<string, unknown>) =>
  c.kind === 'message'
    ? [
        ...blockKitProblems('message', fitted.blocks),
        ...(typeof fitted.text === 'string' && codePoints(fitted.text) > L.messageText ? [{ path: 'text' }] : []),
      ]
    : viewProblems(fitted.view);

describe('the limits guard', () => {
  it.each(cases)('leaves $name at its limit as it is', (c) => {
    const payload = c.build(c.max);
    const fitted = fitInto(c, payload);
    expect(problemsOf(c, fitted)).toEqual([]);
    expect(fitted).toEqual(c.kind === 'message' ? payload : { view: payload });
  });

  it.each(cases)('cuts $name over its limit to fit, and nothing else', (c) => {
    const payload = c.build(c.max + 7);
    const before = structuredClone(payload);
    const fitted = fitInto(c, payload);
    expect(problemsOf(c, fitted)).toEqual([]);
    expect(payload).toEqual(before);
    const value = at(fitted, c.path);
    if (c.name === 'button url') expect(value).toBeUndefined();
    else expect(lengthOf(value)).toBe(c.max);
    if (typeof value === 'string' && !/_id$|value$|metadata$/.test(c.path)) expect(value.endsWith('…')).toBe(true);
  });

  it('returns the very object when nothing is too long', () => {
    const payload = message([{ type: 'section', text: mrkdwn('hi') }]);
    expect(messageWithinLimits(payload).message).toBe(payload);
    const view = modal();
    expect(viewWithinLimits(view).view).toBe(view);
  });

  it('cuts an ack answer: the modal it updates to, or the ephemeral message', () => {
    const update = ackWithinLimits({ response_action: 'update', view: modal({ title: plain(x(30)) }) }, silent) as {
      response_action: string;
      view: { title: { text: string } };
    };
    expect(update.response_action).toBe('update');
    expect(codePoints(update.view.title.text)).toBe(L.viewTitle);
    const reply = ackWithinLimits(
      { response_type: 'ephemeral', text: 'hi', blocks: [{ type: 'section', text: mrkdwn(x(4000)) }] },
      silent,
    ) as { blocks: { text: { text: string } }[] };
    expect(codePoints(reply.blocks[0]?.text.text ?? '')).toBe(L.sectionText);
    expect(ackWithinLimits(undefined, silent)).toBeUndefined();
  });

  it("cuts a Web API call's form body and a response_url post on their way, and passes the rest through untouched", async () => {
    const seen: { url: string; body: unknown }[] = [];
    const inner: webApi.FetchFunction = async (url, init) => {
      seen.push({ url: String(url), body: init?.body });
      return new Response('{"ok":true}') as unknown as Awaited<ReturnType<webApi.FetchFunction>>;
    };
    const guarded = limitsGuardedFetch(silent, inner);
    const form = new URLSearchParams({
      channel: 'C1',
      text: 'a b',
      blocks: JSON.stringify([{ type: 'header', text: plain(x(200)) }]),
    }).toString();
    await guarded('https://slack.com/api/chat.postMessage', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    await guarded('https://slack.com/api/views.open', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ trigger_id: 't', view: JSON.stringify(modal({ title: plain(x(40)) })) }).toString(),
    });
    await guarded('https://hooks.slack.com/actions/T/1/x', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'hi', blocks: [{ type: 'section', text: mrkdwn(x(3100)) }] }),
    });
    const untouched = new URLSearchParams({ channel: 'C1', text: 'short' }).toString();
    await guarded('https://slack.com/api/chat.postMessage', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: untouched,
    });
    await guarded('https://slack.com/api/users.list', { method: 'POST', body: 'limit=200' });

    const posted = new URLSearchParams(seen[0]?.body as string);
    expect(posted.get('channel')).toBe('C1');
    expect(posted.get('text')).toBe('a b');
    expect(blockKitProblems('message', JSON.parse(posted.get('blocks') ?? '[]'))).toEqual([]);
    expect(viewProblems(JSON.parse(new URLSearchParams(seen[1]?.body as string).get('view') ?? '{}'))).toEqual([]);
    expect(blockKitProblems('message', (JSON.parse(seen[2]?.body as string) as { blocks: unknown }).blocks)).toEqual([]);
    expect(seen[3]?.body).toBe(untouched);
    expect(seen[4]?.body).toBe('limit=200');
  });
});

describe('cutting a text', () => {
  it('keeps a text at its limit, and cuts a longer one to the limit with a mark', () => {
    expect(clipText('abc', 3)).toBe('abc');
    expect(clipText('abcd', 3)).toBe('ab…');
  });

  it('counts code points and never splits a grapheme: an emoji with its skin tone, a flag, a family, an accent', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(clipText(`${family}${family}`, 8)).toBe(`${family}…`);
    expect(clipText(`ab${family}`, 8)).toBe('ab…');
    expect(clipText('👍🏽👍🏽👍🏽', 5)).toBe('👍🏽👍🏽…');
    expect(clipText('🇨🇳🇨🇳🇨🇳', 5)).toBe('🇨🇳🇨🇳…');
    expect(clipText('e\u0301e\u0301e\u0301', 4)).toBe('e\u0301…');
    expect(clipText('中文请假理由', 4)).toBe('中文请…');
  });

  it('in mrkdwn, never leaves half a link, mention, date or escape', () => {
    const link = '<https://example.com/proof/123|proof.pdf>';
    expect(clipText(`see ${link} now`, 20, { mrkdwn: true })).toBe('see …');
    expect(clipText(`see ${link}`, 45, { mrkdwn: true })).toBe(`see ${link}`);
    expect(clipText(`hi <@U0123ABCDEF> there`, 10, { mrkdwn: true })).toBe('hi …');
    expect(clipText('a &amp; b &lt; c', 8, { mrkdwn: true })).toBe('a &amp;…');
    expect(clipText('a &amp; b', 5, { mrkdwn: true })).toBe('a …');
    expect(clipText(`${'x'.repeat(10)}`, 5, { mrkdwn: true })).toBe('xxxx…');
  });

  it('shows a link too long for any room as its label', () => {
    expect(clipText(`<https://example.com/${'p'.repeat(100)}|proof.pdf> rest`, 20, { mrkdwn: true })).toBe('proof.pdf');
    expect(clipText(`<https://example.com/${'p'.repeat(100)}|${'l'.repeat(50)}>`, 20, { mrkdwn: true })).toBe(`${'l'.repeat(19)}…`);
    expect(clipText(`<https://example.com/${'p'.repeat(100)}>`, 20, { mrkdwn: true })).toBe('…');
  });

  it('cuts without a mark when asked (a prefilled form value)', () => {
    expect(clipText('abcdef', 4, { mark: '' })).toBe('abcd');
  });
});
