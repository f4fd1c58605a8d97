import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  renderBlocks,
  renderHome,
  renderMessage,
  renderModal,
  renderMrkdwn,
  renderSlackError,
  renderText,
  sandboxCss,
} from '../../src/sandbox/render/index.js';
import { context, dom, mrkdwn, option, plain, type HTMLElement, type HTMLInputElement, type HTMLTemplateElement } from './dom.js';
import { catalogs } from '../../src/i18n/catalogs/index.js';

const ctx = context();
const md = (text: string) => dom(renderMrkdwn(text, ctx));
const blocks = (...list: unknown[]) => dom(renderBlocks(list, ctx));
const one = (html: HTMLElement, selector: string) => {
  const found = html.querySelector(selector);
  if (!found) throw new Error(`no ${selector} in ${html.innerHTML}`);
  return found as HTMLElement;
};
const actions = (...elements: unknown[]) => blocks({ type: 'actions', block_id: 'act', elements });
const inputBlock = (element: unknown, extra: Record<string, unknown> = {}) =>
  blocks({ type: 'input', block_id: 'field', label: plain('Reason'), element, ...extra });

describe('mrkdwn', () => {
  it('draws *bold*, _italic_ and ~strike~, nested too', () => {
    const html = md('*bold* _italic_ ~gone~ *a _b_ c*');
    expect([...html.querySelectorAll('b')].map((b) => b.textContent)).toEqual(['bold', 'a b c']);
    expect(one(html, 'b i').textContent).toBe('b');
    expect(one(html, 'i').textContent).toBe('italic');
    expect(one(html, 's').textContent).toBe('gone');
  });

  it('leaves markup inside `code` and ```pre``` alone', () => {
    const html = md('run `*not bold*` then ```line one\n*line* two```');
    expect(one(html, 'code.sd-code').textContent).toBe('*not bold*');
    expect(one(html, 'pre.sd-pre').textContent).toBe('line one\n*line* two');
    expect(html.querySelector('b')).toBeNull();
  });

  it('links <url|label>, bare <url> and <mailto:…>', () => {
    const html = md('<https://example.com/a?b=1&amp;c=2|the docs> <https://example.com> <mailto:lead@example.com>');
    const links = [...html.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent]);
    expect(links).toEqual([
      ['https://example.com/a?b=1&c=2', 'the docs'],
      ['https://example.com', 'https://example.com'],
      ['mailto:lead@example.com', 'lead@example.com'],
    ]);
    expect(one(html, 'a').getAttribute('rel')).toContain('noopener');
  });

  it('draws links that are not http(s), mailto or tel as their label only', () => {
    const html = md('<javascript:alert(1)|click> <data:text/html,hi|there>');
    expect(html.querySelector('a')).toBeNull();
    expect(html.textContent).toBe('click there');
  });

  it('keeps • and numbered list lines as lines', () => {
    const html = md('Next:\n• one\n• two\n1. first\n2. second');
    expect(html.textContent).toBe('Next:\n• one\n• two\n1. first\n2. second');
    expect(sandboxCss).toMatch(/\.sd-mrkdwn \{[^}]*white-space: pre-wrap/);
  });

  it('quotes lines starting with > (escaped as Slack asks, or raw)', () => {
    expect([...md('&gt; escaped\nplain').querySelectorAll('blockquote')].map((q) => q.textContent)).toEqual(['escaped']);
    expect(one(md('> raw'), 'blockquote').textContent).toBe('raw');
    expect(md('a > b').querySelector('blockquote')).toBeNull();
  });

  it('adds no empty line around a quote or a code block', () => {
    expect(md('before\n&gt; quoted\nafter').innerHTML).toBe('before<blockquote class="sd-quote">quoted</blockquote>after');
    expect(md('before\n```code```\nafter').innerHTML).toBe('before<pre class="sd-pre">code</pre>after');
  });

  it('names people for <@U…>, and shows the id of someone unknown', () => {
    const html = md('<@U0AGENT> asks <@U0NOBODY>');
    expect([...html.querySelectorAll('.sd-mention')].map((m) => m.textContent)).toEqual(['@Li Na', '@U0NOBODY']);
    expect(one(html, '.sd-mention').dataset.userId).toBe('U0AGENT');
  });

  it('names channels for <#C…>, uses the label of <#C…|name>, and shows an unknown id', () => {
    expect([...md('<#C0TEAM> <#C0X|handover> <#C0UNKNOWN>').querySelectorAll('.sd-mention')].map((m) => m.textContent)).toEqual([
      '#team-alpha',
      '#handover',
      '#C0UNKNOWN',
    ]);
  });

  it('draws <!here>, <!channel> and a labelled <!subteam^…|@team>', () => {
    expect([...md('<!here> <!channel> <!subteam^S1|@leads>').querySelectorAll('.sd-mention')].map((m) => m.textContent)).toEqual([
      '@here',
      '@channel',
      '@leads',
    ]);
  });

  it('turns emoji shortcodes into emoji and leaves unknown ones as typed', () => {
    expect(md(':white_check_mark: done :warning: :x: :hourglass_flowing_sand: :no_such_emoji:').textContent).toBe(
      '✅ done ⚠️ ❌ ⏳ :no_such_emoji:',
    );
  });

  it('shows Slack-escaped &lt; &gt; &amp; as the characters', () => {
    expect(md('a &lt;b&gt; &amp; c').textContent).toBe('a <b> & c');
  });
});

describe('text objects', () => {
  it('shows plain_text as typed, with emoji unless emoji is false', () => {
    expect(dom(renderText(plain('*Leave* :palm_tree:'), ctx)).textContent).toBe('*Leave* 🌴');
    expect(dom(renderText({ type: 'plain_text', text: ':palm_tree:', emoji: false }, ctx)).textContent).toBe(':palm_tree:');
  });

  it('draws mrkdwn text objects as mrkdwn', () => {
    expect(one(dom(renderText(mrkdwn('*x*'), ctx)), 'b').textContent).toBe('x');
  });

  it('draws nothing for something that is not a text object', () => {
    expect(renderText(undefined, ctx)).toBe('');
    expect(renderText(42, ctx)).toBe('');
  });
});

describe('blocks', () => {
  it('header', () => {
    const header = one(blocks({ type: 'header', block_id: 'h', text: plain('Leave request') }), '.sd-header');
    expect(header.textContent).toBe('Leave request');
    expect(header.dataset.blockId).toBe('h');
  });

  it('section with text, fields and an accessory', () => {
    const html = blocks({
      type: 'section',
      block_id: 'card',
      text: mrkdwn('*Li Na* asks for leave'),
      fields: [mrkdwn('*Type*\nAnnual'), mrkdwn('*Days*\n2')],
      accessory: { type: 'button', action_id: 'open', text: plain('Open'), value: '7' },
    });
    expect(one(html, '.sd-section-text b').textContent).toBe('Li Na');
    expect([...html.querySelectorAll('.sd-field')].map((f) => f.textContent)).toEqual(['Type\nAnnual', 'Days\n2']);
    const button = one(html, '.sd-accessory button');
    expect(button.dataset).toMatchObject({ actionId: 'open', blockId: 'card', type: 'button', value: '7' });
  });

  it('context with texts and images', () => {
    const html = blocks({
      type: 'context',
      elements: [
        mrkdwn('_sent by_ <@U0LEAD>'),
        plain('today'),
        { type: 'image', image_url: 'https://example.com/a.png', alt_text: 'logo' },
      ],
    });
    expect([...html.querySelectorAll('.sd-context-text')].map((x) => x.textContent)).toEqual(['sent by @Wang Wei', 'today']);
    expect(one(html, '.sd-context img').getAttribute('alt')).toBe('logo');
  });

  it('divider', () => {
    expect(blocks({ type: 'divider' }).querySelector('.sd-divider hr')).not.toBeNull();
  });

  it('actions: every element knows its block and fires on change', () => {
    const html = actions(
      { type: 'button', action_id: 'approve', text: plain('Approve') },
      { type: 'static_select', action_id: 'pick', options: [option('A', 'a')] },
      { type: 'datepicker', action_id: 'day' },
    );
    const els = [...html.querySelectorAll<HTMLElement>('[data-action-id]')];
    expect(els.map((e) => [e.dataset.actionId, e.dataset.blockId, e.dataset.type, e.dataset.dispatch])).toEqual([
      ['approve', 'act', 'button', undefined],
      ['pick', 'act', 'static_select', 'true'],
      ['day', 'act', 'datepicker', 'true'],
    ]);
  });

  it('input: label, hint, required unless optional', () => {
    const required = inputBlock({ type: 'plain_text_input', action_id: 'value' }, { hint: plain('Say why') });
    expect(one(required, '.sd-label').textContent).toBe('Reason');
    expect(one(required, '.sd-hint').textContent).toBe('Say why');
    expect(one(required, 'input').hasAttribute('required')).toBe(true);
    expect(one(required, 'input').getAttribute('aria-label')).toBe('Reason');

    const optional = inputBlock({ type: 'plain_text_input', action_id: 'value' }, { optional: true });
    expect(one(optional, '.sd-optional').textContent).toBe('(optional)');
    expect(one(optional, 'input').hasAttribute('required')).toBe(false);
  });

  it('input with dispatch_action fires on change; without it, not', () => {
    expect(
      one(inputBlock({ type: 'static_select', action_id: 'v', options: [] }, { dispatch_action: true }), 'select').dataset.dispatch,
    ).toBe('true');
    expect(one(inputBlock({ type: 'static_select', action_id: 'v', options: [] }), 'select').dataset.dispatch).toBeUndefined();
    const text = one(
      inputBlock(
        { type: 'plain_text_input', action_id: 'v', dispatch_action_config: { trigger_actions_on: ['on_character_entered'] } },
        { dispatch_action: true },
      ),
      'input',
    );
    expect(text.dataset).toMatchObject({ dispatch: 'true', dispatchOn: 'on_character_entered' });
    expect(one(inputBlock({ type: 'plain_text_input', action_id: 'v' }, { dispatch_action: true }), 'input').dataset.dispatchOn).toBe(
      'on_enter_pressed',
    );
  });

  it('image', () => {
    const html = blocks({ type: 'image', image_url: 'https://example.com/roster.png', alt_text: 'roster', title: plain('Roster') });
    expect(one(html, 'img').getAttribute('src')).toBe('https://example.com/roster.png');
    expect(one(html, 'figcaption').textContent).toBe('Roster');
  });

  it('gives a block without a block_id the id b<index>, the same on every render', () => {
    const list = [{ type: 'divider' }, { type: 'actions', elements: [{ type: 'button', action_id: 'x', text: plain('X') }] }];
    const ids = () => [...dom(renderBlocks(list, ctx)).querySelectorAll<HTMLElement>('[data-block-id]')].map((e) => e.dataset.blockId);
    expect(ids()).toEqual(['b0', 'b1', 'b1']);
    expect(ids()).toEqual(ids());
  });

  it('shows an unknown block or element type as a note, in the reader’s language', () => {
    const html = blocks({ type: 'rich_text', elements: [] }, 'nonsense', null, {
      type: 'actions',
      elements: [{ type: 'workflow_button' }],
    });
    expect([...html.querySelectorAll('.sd-unsupported')].map((n) => n.textContent)).toEqual([
      'unsupported block: rich_text',
      'unsupported block: string',
      'unsupported block: object',
      'unsupported element: workflow_button',
    ]);
    expect(dom(renderBlocks([{ type: 'video' }], context({ locale: 'zh-CN' }))).textContent).toBe('不支持的区块:video');
  });

  it('survives blocks with missing or wrong-typed fields', () => {
    const broken = [
      { type: 'section' },
      { type: 'section', fields: 'x', text: 3 },
      { type: 'input' },
      { type: 'actions', elements: {} },
      { type: 'context', elements: [null] },
      { type: 'header' },
    ];
    expect(() => renderBlocks(broken, ctx)).not.toThrow();
  });
});

describe('elements', () => {
  it('button: style, value, url and the confirm dialog', () => {
    const confirm = {
      title: plain('Reject?'),
      text: mrkdwn('This *cannot* be undone'),
      confirm: plain('Reject'),
      deny: plain('Keep'),
      style: 'danger',
    };
    const html = actions(
      { type: 'button', action_id: 'ok', text: plain('Approve'), style: 'primary', value: 'req:7' },
      { type: 'button', action_id: 'no', text: plain('Reject'), style: 'danger', value: 'req:7', confirm },
      { type: 'button', action_id: 'docs', text: plain('Docs'), url: 'https://example.com/docs' },
      { type: 'button', action_id: 'evil', text: plain('Evil'), url: 'javascript:alert(1)' },
    );
    const [ok, no, docs, evil] = [...html.querySelectorAll<HTMLElement>('button[data-type="button"]')];
    expect(ok?.className).toBe('sd-button sd-button-primary');
    expect(ok?.dataset).toMatchObject({ value: 'req:7', style: 'primary' });
    expect(JSON.parse(ok?.dataset.text ?? '')).toEqual(plain('Approve'));
    expect(no?.className).toBe('sd-button sd-button-danger');
    expect(JSON.parse(no?.dataset.confirm ?? '')).toEqual(confirm);
    expect(docs?.dataset.url).toBe('https://example.com/docs');
    expect(evil?.dataset.url).toBeUndefined();

    const template = no?.nextElementSibling as HTMLTemplateElement;
    expect(template.matches('template.sd-confirm')).toBe(true);
    const dialog = dom(template.innerHTML);
    expect(one(dialog, '.sd-dialog-title').textContent).toBe('Reject?');
    expect(one(dialog, '.sd-dialog-body b').textContent).toBe('cannot');
    expect(one(dialog, '[data-confirm-answer="confirm"]').className).toContain('sd-button-danger');
    expect(one(dialog, '[data-confirm-answer="deny"]').textContent).toBe('Keep');
  });

  it('static_select: options, option groups, the initial option and a placeholder', () => {
    const flat = one(
      actions({
        type: 'static_select',
        action_id: 's',
        placeholder: plain('Leave type'),
        options: [option('Annual', 'annual'), option('Sick', 'sick')],
        initial_option: option('Sick', 'sick'),
      }),
      'select',
    );
    expect([...flat.querySelectorAll('option')].map((o) => [o.value, o.textContent, o.hasAttribute('selected')])).toEqual([
      ['', 'Leave type', false],
      ['annual', 'Annual', false],
      ['sick', 'Sick', true],
    ]);
    expect(JSON.parse(flat.querySelectorAll('option')[2]?.dataset.option ?? '')).toEqual(option('Sick', 'sick'));

    const grouped = one(
      actions({
        type: 'static_select',
        action_id: 'g',
        option_groups: [
          { label: plain('Paid'), options: [option('Annual', 'annual')] },
          { label: plain('Unpaid'), options: [option('Personal', 'personal')] },
        ],
      }),
      'select',
    );
    expect([...grouped.querySelectorAll('optgroup')].map((g) => [g.getAttribute('label'), g.textContent])).toEqual([
      ['Paid', 'Annual'],
      ['Unpaid', 'Personal'],
    ]);
    expect(grouped.querySelector('option')?.hasAttribute('selected')).toBe(true);
    expect(grouped.querySelector('option')?.textContent).toBe('Select an option');
  });

  it('users_select: the people of the context, the initial user chosen', () => {
    const select = one(inputBlock({ type: 'users_select', action_id: 'who', initial_user: 'U0LEAD' }), 'select');
    expect([...select.querySelectorAll('option')].map((o) => [o.value, o.textContent, o.hasAttribute('selected')])).toEqual([
      ['', 'Select a person', false],
      ['U0AGENT', 'Li Na', false],
      ['U0LEAD', 'Wang Wei', true],
    ]);
    const stranger = one(inputBlock({ type: 'users_select', action_id: 'who', initial_user: 'U0GONE' }), 'select');
    expect(stranger.querySelector('option[value="U0GONE"]')?.hasAttribute('selected')).toBe(true);
  });

  it('datepicker and timepicker with their initial values', () => {
    expect(one(inputBlock({ type: 'datepicker', action_id: 'd', initial_date: '2026-12-07' }), 'input').outerHTML).toMatch(
      /type="date".*value="2026-12-07"/,
    );
    const time = one(inputBlock({ type: 'timepicker', action_id: 't', initial_time: '16:00' }), 'input');
    expect([time.getAttribute('type'), time.getAttribute('value'), time.dataset.type]).toEqual(['time', '16:00', 'timepicker']);
    const when = one(inputBlock({ type: 'datetimepicker', action_id: 'w', initial_date_time: 1765000000 }), 'input');
    expect([when.getAttribute('type'), when.dataset.initialDateTime]).toEqual(['datetime-local', '1765000000']);
  });

  it('plain_text_input: single line or multiline, lengths, initial value and placeholder', () => {
    const line = one(
      inputBlock({
        type: 'plain_text_input',
        action_id: 'v',
        min_length: 10,
        max_length: 500,
        initial_value: 'Flu',
        placeholder: plain('Why?'),
      }),
      'input',
    );
    expect(['type', 'minlength', 'maxlength', 'value', 'placeholder'].map((a) => line.getAttribute(a))).toEqual([
      'text',
      '10',
      '500',
      'Flu',
      'Why?',
    ]);
    const area = one(
      inputBlock({ type: 'plain_text_input', action_id: 'v', multiline: true, initial_value: 'two\nlines', max_length: 3000 }),
      'textarea',
    );
    expect([area.textContent, area.getAttribute('maxlength'), area.dataset.type]).toEqual(['two\nlines', '3000', 'plain_text_input']);
  });

  it('checkboxes with descriptions and initial options', () => {
    const html = inputBlock({
      type: 'checkboxes',
      action_id: 'c',
      options: [option('Send proof later', 'later'), { ...option('Half day', 'half'), description: mrkdwn('_morning_ only') }],
      initial_options: [option('Send proof later', 'later')],
    });
    const boxes = [...html.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(boxes.map((b) => [b.value, b.checked])).toEqual([
      ['later', true],
      ['half', false],
    ]);
    expect(one(html, '.sd-choice-description i').textContent).toBe('morning');
    expect(one(html, '.sd-choices').dataset).toMatchObject({ type: 'checkboxes', actionId: 'c', blockId: 'field' });
  });

  it('radio_buttons in one group, with the initial option checked', () => {
    const html = inputBlock({
      type: 'radio_buttons',
      action_id: 'r',
      options: [option('Yes', 'yes'), option('No', 'no')],
      initial_option: option('No', 'no'),
    });
    const radios = [...html.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => [r.value, r.checked])).toEqual([
      ['yes', false],
      ['no', true],
    ]);
    expect(new Set(radios.map((r) => r.name)).size).toBe(1);
    expect(one(html, '.sd-choices').getAttribute('role')).toBe('radiogroup');
  });

  it('file_input is a real file picker with the allowed types', () => {
    const input = one(inputBlock({ type: 'file_input', action_id: 'value', filetypes: ['pdf', 'png', 'jpg'], max_files: 3 }), 'input');
    expect(['type', 'accept'].map((a) => input.getAttribute(a))).toEqual(['file', '.pdf,.png,.jpg']);
    expect(input.hasAttribute('multiple')).toBe(true);
    expect(input.dataset).toMatchObject({ type: 'file_input', maxFiles: '3' });
    expect(one(inputBlock({ type: 'file_input', action_id: 'value', max_files: 1 }), 'input').hasAttribute('multiple')).toBe(false);
  });

  it('overflow is a small menu that fires on change', () => {
    const menu = one(
      blocks({
        type: 'section',
        block_id: 's',
        text: mrkdwn('x'),
        accessory: { type: 'overflow', action_id: 'more', options: [option('Edit', 'edit'), option('Delete', 'delete')] },
      }),
      'select',
    );
    expect(menu.dataset).toMatchObject({ type: 'overflow', dispatch: 'true', blockId: 's' });
    expect([...menu.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['⋯', 'Edit', 'Delete']);
  });

  it('gives an element without an action_id the id a<index in its block>', () => {
    const html = actions({ type: 'button', text: plain('One') }, { type: 'button', text: plain('Two') });
    expect([...html.querySelectorAll<HTMLElement>('button')].map((b) => b.dataset.actionId)).toEqual(['a0', 'a1']);
  });
});

describe('messages and the home tab', () => {
  it('draws a message’s blocks, not its fallback text', () => {
    const html = dom(renderMessage({ text: 'fallback', blocks: [{ type: 'section', text: mrkdwn('*card*') }] }, ctx));
    expect(html.textContent).toBe('card');
  });

  it('draws a message without blocks as mrkdwn', () => {
    const html = dom(renderMessage({ text: ':white_check_mark: *Approved*' }, ctx));
    expect(one(html, '.sd-message-content .sd-mrkdwn b').textContent).toBe('Approved');
    expect(html.textContent).toBe('✅ Approved');
  });

  it('draws the home tab with its callback id', () => {
    const html = dom(renderHome({ type: 'home', callback_id: 'home', blocks: [{ type: 'header', text: plain('shiftdesk') }] }, ctx));
    expect(one(html, '.sd-home').dataset.callbackId).toBe('home');
    expect(one(html, '.sd-header').textContent).toBe('shiftdesk');
  });
});

describe('modals', () => {
  const view = {
    type: 'modal',
    callback_id: 'leave.request',
    private_metadata: '{"team":"phone","note":"<b>\'x\'</b>"}',
    title: plain('Request leave'),
    submit: plain('Send'),
    close: plain('Not now'),
    blocks: [
      { type: 'input', block_id: 'leave.reason', label: plain('Reason'), element: { type: 'plain_text_input', action_id: 'value' } },
      { type: 'input', block_id: 'leave.first_day', label: plain('First day'), element: { type: 'datepicker', action_id: 'value' } },
    ],
  };

  it('is a form with its callback id, private metadata, title and buttons', () => {
    const form = one(dom(renderModal(view, ctx)), 'form.sd-modal');
    expect(form.dataset.callbackId).toBe('leave.request');
    expect(form.dataset.privateMetadata).toBe(view.private_metadata);
    expect(one(form, '.sd-modal-title-text').textContent).toBe('Request leave');
    expect(one(form, 'button[type="submit"]').textContent).toBe('Send');
    expect(one(form, '.sd-modal-footer [data-modal-close]').textContent).toBe('Not now');
    expect(form.querySelectorAll('[data-modal-close]')).toHaveLength(2);
  });

  it('says Cancel in the reader’s language when the view names no close button, and has no submit without one', () => {
    const form = dom(
      renderModal({ type: 'modal', title: plain('Info'), blocks: [{ type: 'section', text: mrkdwn('hi') }] }, context({ locale: 'zh-CN' })),
    );
    expect(one(form, '.sd-modal-footer [data-modal-close]').textContent).toBe('取消');
    expect(form.querySelector('button[type="submit"]')).toBeNull();
  });

  it('shows each field error under its block, and an error for no block at the top', () => {
    const form = dom(
      renderModal(view, ctx, { 'leave.first_day': 'Leave needs 3 days’ notice <at least>', 'leave.ghost': 'Something else' }),
    );
    const field = one(form, '[data-block-id="leave.first_day"].sd-input');
    expect(field.classList.contains('sd-has-error')).toBe(true);
    expect(one(field, '.sd-field-error').textContent).toBe('Leave needs 3 days’ notice <at least>');
    expect(one(field, '.sd-field-error').previousElementSibling?.matches('input')).toBe(true);
    expect(one(form, '[data-block-id="leave.reason"]').querySelector('.sd-field-error')).toBeNull();
    expect(one(form, '.sd-modal-body > .sd-field-error').textContent).toBe('Something else');
  });

  it('draws a view that is not an object as an empty dialog', () => {
    expect(() => renderModal(null, ctx)).not.toThrow();
    expect(one(dom(renderModal('x', ctx)), 'form.sd-modal').dataset.callbackId).toBe('');
  });
});

describe('Slack’s refusals', () => {
  it('shows a message that breaks a Block Kit rule as Slack’s error with its messages, not as blocks', () => {
    const answer = {
      ok: false,
      error: 'invalid_blocks',
      response_metadata: { messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'] },
    };
    const html = dom(renderSlackError('chat.postMessage', answer.error, answer));
    expect(one(html, '.sd-slack-error-title').textContent).toBe('Slack refused chat.postMessage: invalid_blocks');
    expect([...html.querySelectorAll('li')].map((li) => li.textContent)).toEqual(answer.response_metadata.messages);
  });

  it('takes the messages alone, response_metadata, a string or other detail as JSON', () => {
    const messages = (detail: unknown) =>
      [...dom(renderSlackError('views.open', 'invalid_arguments', detail)).querySelectorAll('li')].map((li) => li.textContent);
    expect(messages(['[ERROR] a'])).toEqual(['[ERROR] a']);
    expect(messages({ messages: ['[ERROR] b'] })).toEqual(['[ERROR] b']);
    expect(messages('expired_trigger_id')).toEqual(['expired_trigger_id']);
    expect(one(dom(renderSlackError('views.open', 'expired_trigger_id', { trigger_id: '1.2' })), 'pre').textContent).toContain(
      '"trigger_id": "1.2"',
    );
    expect(dom(renderSlackError('views.open', 'expired_trigger_id')).querySelector('pre, ul')).toBeNull();
  });

  it('escapes the method, the error and the messages', () => {
    const html = dom(renderSlackError('<b>m</b>', '<i>e</i>', ['<script>alert(1)</script>']));
    expect(html.querySelector('b, i, script')).toBeNull();
    expect(html.textContent).toContain('<script>alert(1)</script>');
  });
});

describe('escaping', () => {
  const evil = `<img src=x onerror="alert(1)">"'&<script>alert(2)</script>`;
  const allowed = new Set([
    'DIV',
    'SPAN',
    'B',
    'I',
    'S',
    'CODE',
    'PRE',
    'BLOCKQUOTE',
    'A',
    'FORM',
    'BUTTON',
    'SELECT',
    'OPTION',
    'OPTGROUP',
    'INPUT',
    'TEXTAREA',
    'LABEL',
    'TEMPLATE',
    'HR',
    'FIGURE',
    'FIGCAPTION',
    'IMG',
    'UL',
    'LI',
  ]);
  const problems = (html: HTMLElement) =>
    [...html.querySelectorAll('*')].flatMap((el) => [
      ...(allowed.has(el.tagName) ? [] : [`<${el.tagName}>`]),
      ...[...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}@${a.name}`),
      ...(el.tagName === 'IMG' && el.getAttribute('src') === 'x' ? ['img from bot text'] : []),
    ]);

  it('lets no text of the bot become markup, in any block, element, attribute or the modal', () => {
    const t = (type: 'plain_text' | 'mrkdwn') => ({ type, text: evil });
    const opt = { text: t('plain_text'), value: evil, description: t('mrkdwn') };
    const view = {
      type: 'modal',
      callback_id: evil,
      private_metadata: evil,
      external_id: evil,
      title: t('plain_text'),
      submit: t('plain_text'),
      close: t('plain_text'),
      blocks: [
        { type: 'header', block_id: evil, text: t('plain_text') },
        {
          type: 'section',
          text: t('mrkdwn'),
          fields: [t('mrkdwn'), t('plain_text')],
          accessory: { type: 'overflow', action_id: evil, options: [opt] },
        },
        { type: 'context', elements: [t('mrkdwn'), { type: 'image', image_url: evil, alt_text: evil }] },
        { type: 'image', image_url: `javascript:${evil}`, alt_text: evil, title: t('plain_text') },
        {
          type: 'actions',
          block_id: `${evil}2`,
          elements: [
            {
              type: 'button',
              action_id: evil,
              text: t('plain_text'),
              value: evil,
              url: evil,
              confirm: { title: t('plain_text'), text: t('mrkdwn'), confirm: t('plain_text'), deny: t('plain_text') },
            },
            {
              type: 'static_select',
              action_id: 's',
              placeholder: t('plain_text'),
              option_groups: [{ label: t('plain_text'), options: [opt] }],
              initial_option: opt,
            },
            { type: 'users_select', action_id: 'u', initial_user: evil },
          ],
        },
        {
          type: 'input',
          block_id: 'i1',
          label: t('plain_text'),
          hint: t('plain_text'),
          element: { type: 'plain_text_input', action_id: evil, initial_value: evil, placeholder: t('plain_text'), multiline: true },
        },
        {
          type: 'input',
          block_id: 'i2',
          label: t('plain_text'),
          element: { type: 'checkboxes', action_id: 'c', options: [opt], initial_options: [opt] },
        },
        { type: 'input', block_id: 'i3', label: t('plain_text'), element: { type: 'radio_buttons', action_id: 'r', options: [opt] } },
        { type: 'input', block_id: 'i4', label: t('plain_text'), element: { type: 'file_input', action_id: 'f', filetypes: [evil] } },
        { type: evil },
      ],
    };
    const html = dom(
      renderModal(view, context({ userName: () => evil, channelName: () => evil, users: [{ id: evil, name: evil }] }), { i1: evil }),
    );
    const templates = [...html.querySelectorAll('template')].map((tpl) => dom(tpl.innerHTML));
    expect([html, ...templates].flatMap(problems)).toEqual([]);
    const form = one(html, 'form');
    expect([form.dataset.callbackId, form.dataset.privateMetadata, form.dataset.externalId]).toEqual([evil, evil, evil]);
    expect(one(html, 'textarea').textContent).toBe(evil);
    expect(one(html, '.sd-field-error').textContent).toBe(evil);
  });

  it('lets no mrkdwn become markup other than Slack’s own', () => {
    const pieces = fc.constantFrom(
      '<',
      '>',
      '&',
      '"',
      "'",
      '*',
      '_',
      '~',
      '`',
      '```',
      '\n',
      '&lt;',
      '&gt;',
      '&amp;',
      '<@',
      '<#',
      '<!',
      '|',
      ':',
      'x',
      ' ',
      'script',
      'img',
      'onerror=',
      'javascript:',
      'http://a',
      'mailto:',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const html = dom(renderMrkdwn(parts.join(''), context({ userName: () => '<b>x</b>' })));
        expect(problems(html)).toEqual([]);
        for (const a of html.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^(https?:|mailto:|tel:)/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('emoji on a machine without Slack’s images', () => {
  it('draws every shortcode the bot sends as an emoji, never as its raw :name:', () => {
    const texts = [...Object.values(catalogs.en), ...Object.values(catalogs['zh-CN'])].join('\n');
    const shortcodes = [...new Set(texts.match(/:[a-z0-9_+-]+:/g) ?? [])];
    expect(shortcodes.length).toBeGreaterThan(0);
    for (const code of shortcodes) {
      const html = renderMrkdwn(`before ${code} after`, context());
      expect(html.replace(/title="[^"]*"/g, ''), code).not.toContain(code);
    }
  });

  it('falls back to the emoji fonts a machine may have, after the text fonts (whose digits and spaces they would otherwise draw)', () => {
    const font = /--sd-font:([^;]*);/.exec(sandboxCss)?.[1] ?? '';
    expect(font.indexOf('sans-serif')).toBeLessThan(font.indexOf('var(--sd-emoji-fonts)'));
    expect(sandboxCss).toMatch(
      /--sd-emoji-fonts:[^;]*"Noto Color Emoji"[^;]*"Segoe UI Emoji"|--sd-emoji-fonts:[^;]*"Segoe UI Emoji"[^;]*"Noto Color Emoji"/,
    );
  });
});
