import { describe, expect, it } from 'vitest';
import {
  actionFrom,
  elementState,
  emptyRequiredBlocks,
  interactiveElement,
  readViewState,
  zonedSeconds,
} from '../../src/sandbox/render/client.js';
import { renderHome, renderMessage, renderModal } from '../../src/sandbox/render/index.js';
import { translator } from '../../src/i18n/t.js';
import type { TeamDefinition } from '../../src/policy/policy-file.js';
import type { LocalDate } from '../../src/policy/time.js';
import { leaveIds } from '../../src/slack/ids.js';
import { readLeaveForm } from '../../src/slack/leave/parse.js';
import { leaveRequestModal } from '../../src/slack/leave/views.js';
import { shippedPolicy } from '../harness/test-app.js';
import { context, dom, mrkdwn, option, plain, type HTMLElement, type HTMLInputElement } from './dom.js';

const ctx = context();

/** A rendered view as the browser holds it. */
function page(html: string): HTMLElement {
  const root = dom(html);
  // happy-dom selects the wrong option when parsing `selected` attributes; a browser does not.
  for (const o of root.querySelectorAll('option[selected]')) (o as unknown as { selected: boolean }).selected = true;
  return root;
}

const control = (root: HTMLElement, blockId: string, actionId = 'value') => {
  const el = root.querySelector(`[data-block-id="${blockId}"][data-action-id="${actionId}"]`);
  if (!el) throw new Error(`no control ${blockId}/${actionId}`);
  return el as HTMLInputElement;
};

const input = (block_id: string, element: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'input',
  block_id,
  label: plain(block_id),
  element: { action_id: 'value', ...element },
  ...extra,
});

const annual = option('Annual', 'annual');
const sick = option('Sick', 'sick');
const later = option('Send proof later', 'later');
const half = option('Half day', 'half');
const file = {
  id: 'F0PROOF',
  name: 'note.pdf',
  title: 'note.pdf',
  mimetype: 'application/pdf',
  filetype: 'pdf',
  permalink: 'http://127.0.0.1/files/F0PROOF',
};

const everyElement = {
  type: 'modal',
  callback_id: 'all',
  title: plain('All'),
  submit: plain('Send'),
  blocks: [
    input('text', { type: 'plain_text_input' }),
    input('area', { type: 'plain_text_input', multiline: true, initial_value: 'first\nsecond' }),
    input('select', { type: 'static_select', options: [annual, sick] }),
    input('grouped', {
      type: 'static_select',
      option_groups: [
        { label: plain('Paid'), options: [annual] },
        { label: plain('Unpaid'), options: [sick] },
      ],
      initial_option: sick,
    }),
    input('multi', { type: 'multi_static_select', options: [annual, sick], initial_options: [annual, sick] }),
    input('person', { type: 'users_select', initial_user: 'U0LEAD' }),
    input('nobody', { type: 'users_select' }),
    input('people', { type: 'multi_users_select', initial_users: ['U0AGENT'] }),
    input('day', { type: 'datepicker', initial_date: '2026-12-07' }),
    input('noday', { type: 'datepicker' }),
    input('time', { type: 'timepicker', initial_time: '16:00' }),
    input('when', { type: 'datetimepicker' }),
    input('checks', { type: 'checkboxes', options: [later, half], initial_options: [half] }),
    input('nochecks', { type: 'checkboxes', options: [later] }),
    input('radio', { type: 'radio_buttons', options: [annual, sick], initial_option: annual }),
    input('noradio', { type: 'radio_buttons', options: [annual, sick] }),
    input('files', { type: 'file_input', filetypes: ['pdf'] }),
    input('email', { type: 'email_text_input' }),
    input('number', { type: 'number_input', is_decimal_allowed: false }),
    {
      type: 'section',
      block_id: 'acc',
      text: mrkdwn('Pick'),
      accessory: { type: 'static_select', action_id: 'sort', options: [annual], initial_option: annual },
    },
    {
      type: 'actions',
      block_id: 'act',
      elements: [
        { type: 'button', action_id: 'go', text: plain('Go'), value: '1' },
        { type: 'overflow', action_id: 'more', options: [annual] },
        { type: 'datepicker', action_id: 'jump' },
      ],
    },
  ],
};

describe('readViewState', () => {
  it('reads every element as Slack sends it before anyone touches the form: initial values, null or empty when none', () => {
    const form = page(renderModal(everyElement, ctx)).querySelector('form');
    expect(readViewState(form as object)).toEqual({
      text: { value: { type: 'plain_text_input', value: null } },
      area: { value: { type: 'plain_text_input', value: 'first\nsecond' } },
      select: { value: { type: 'static_select', selected_option: null } },
      grouped: { value: { type: 'static_select', selected_option: sick } },
      multi: { value: { type: 'multi_static_select', selected_options: [annual, sick] } },
      person: { value: { type: 'users_select', selected_user: 'U0LEAD' } },
      nobody: { value: { type: 'users_select', selected_user: null } },
      people: { value: { type: 'multi_users_select', selected_users: ['U0AGENT'] } },
      day: { value: { type: 'datepicker', selected_date: '2026-12-07' } },
      noday: { value: { type: 'datepicker', selected_date: null } },
      time: { value: { type: 'timepicker', selected_time: '16:00' } },
      when: { value: { type: 'datetimepicker', selected_date_time: null } },
      checks: { value: { type: 'checkboxes', selected_options: [half] } },
      nochecks: { value: { type: 'checkboxes', selected_options: [] } },
      radio: { value: { type: 'radio_buttons', selected_option: annual } },
      noradio: { value: { type: 'radio_buttons', selected_option: null } },
      files: { value: { type: 'file_input', files: [] } },
      email: { value: { type: 'email_text_input', value: null } },
      number: { value: { type: 'number_input', value: null } },
      acc: { sort: { type: 'static_select', selected_option: annual } },
      act: { jump: { type: 'datepicker', selected_date: null } },
    });
  });

  it('reads what a person chose', () => {
    const root = page(renderModal(everyElement, ctx));
    control(root, 'text').value = 'Flu, doctor says 2 days';
    (control(root, 'select') as unknown as { value: string }).value = 'sick';
    (control(root, 'nobody') as unknown as { value: string }).value = 'U0AGENT';
    control(root, 'noday').value = '2026-12-24';
    control(root, 'time').value = '09:30';
    control(root, 'when').value = '2026-12-24T08:00';
    for (const box of control(root, 'nochecks').querySelectorAll('input')) (box as HTMLInputElement).checked = true;
    (control(root, 'noradio').querySelectorAll('input')[1] as HTMLInputElement).checked = true;
    control(root, 'files').dataset.files = JSON.stringify([file]);
    const values = readViewState(root, { dateTimeSeconds: (local) => (local === '2026-12-24T08:00' ? 1_798_099_200 : null) });
    expect(values).toMatchObject({
      text: { value: { type: 'plain_text_input', value: 'Flu, doctor says 2 days' } },
      select: { value: { type: 'static_select', selected_option: sick } },
      nobody: { value: { type: 'users_select', selected_user: 'U0AGENT' } },
      noday: { value: { type: 'datepicker', selected_date: '2026-12-24' } },
      time: { value: { type: 'timepicker', selected_time: '09:30' } },
      when: { value: { type: 'datetimepicker', selected_date_time: 1_798_099_200 } },
      nochecks: { value: { type: 'checkboxes', selected_options: [later] } },
      noradio: { value: { type: 'radio_buttons', selected_option: sick } },
      files: { value: { type: 'file_input', files: [file] } },
    });
  });

  it('reads a datetimepicker’s time in the viewer’s Slack zone, not the browser’s, and shows its initial time there', () => {
    const when = {
      type: 'modal',
      title: plain('When'),
      blocks: [input('when', { type: 'datetimepicker', initial_date_time: 1_798_070_400 })],
    };
    const root = page(renderModal(when, context({ timeZone: 'Asia/Shanghai' })));
    // 2026-12-24 00:00 UTC is 08:00 in Shanghai.
    expect(control(root, 'when').value).toBe('2026-12-24T08:00');
    control(root, 'when').value = '2026-12-24T09:30';
    expect(readViewState(root).when).toEqual({ value: { type: 'datetimepicker', selected_date_time: 1_798_070_400 + 90 * 60 } });
    const inNewYork = page(renderModal(when, context({ timeZone: 'America/New_York' })));
    control(inNewYork, 'when').value = '2026-12-24T09:30';
    expect(readViewState(inNewYork).when).toEqual({
      value: { type: 'datetimepicker', selected_date_time: Date.UTC(2026, 11, 24, 14, 30) / 1000 },
    });
  });

  it('turns a wall time into Unix seconds on either side of a change of offset', () => {
    expect(zonedSeconds('2027-03-14T01:30', 'America/New_York')).toBe(Date.UTC(2027, 2, 14, 6, 30) / 1000);
    expect(zonedSeconds('2027-03-14T03:30', 'America/New_York')).toBe(Date.UTC(2027, 2, 14, 7, 30) / 1000);
    expect(zonedSeconds('not a time', 'UTC')).toBeNull();
  });

  it('finds the required fields left empty, as Slack does before it sends the form, and lets the browser check nothing', () => {
    const form = page(renderModal(everyElement, ctx)).querySelector('form') as unknown as HTMLElement;
    expect(form.hasAttribute('novalidate')).toBe(true);
    expect(emptyRequiredBlocks(form)).toEqual([
      'text',
      'select',
      'nobody',
      'noday',
      'when',
      'nochecks',
      'noradio',
      'files',
      'email',
      'number',
    ]);
    control(form, 'text').value = '   ';
    control(form, 'email').value = 'a@b.c';
    control(form, 'files').dataset.files = JSON.stringify([file]);
    expect(emptyRequiredBlocks(form)).toEqual(['text', 'select', 'nobody', 'noday', 'when', 'nochecks', 'noradio', 'number']);
    const optional = page(
      renderModal({ type: 'modal', title: plain('O'), blocks: [input('note', { type: 'plain_text_input' }, { optional: true })] }, ctx),
    );
    expect(emptyRequiredBlocks(optional)).toEqual([]);
  });

  it('asks the files hook for a file input’s files when one is given', () => {
    const root = page(renderModal(everyElement, ctx));
    expect(readViewState(root, { files: () => [file] }).files).toEqual({ value: { type: 'file_input', files: [file] } });
  });

  it('leaves buttons and overflow menus out, as Slack does', () => {
    const values = readViewState(page(renderModal(everyElement, ctx)));
    expect(Object.keys(values.act ?? {})).toEqual(['jump']);
  });

  it('reads the home tab and messages too', () => {
    const blocks = [
      { type: 'actions', block_id: 'a', elements: [{ type: 'static_select', action_id: 's', options: [annual], initial_option: annual }] },
    ];
    expect(readViewState(page(renderHome({ type: 'home', blocks }, ctx)))).toEqual({
      a: { s: { type: 'static_select', selected_option: annual } },
    });
    expect(readViewState(page(renderMessage({ blocks }, ctx)))).toEqual({ a: { s: { type: 'static_select', selected_option: annual } } });
  });

  it('gives the app’s own form reader what it expects from the real leave modal', () => {
    const policy = shippedPolicy();
    const team = Object.values(policy.teams)[0] as TeamDefinition;
    const modal = leaveRequestModal({ t: translator('en'), locale: 'en', policy, team }, { today: '2026-12-01' as LocalDate });
    const root = page(renderModal(modal, ctx));
    const ids = leaveIds.blocks;
    const typeSelect = control(root, ids.type) as unknown as { value: string; querySelectorAll(s: string): ArrayLike<{ value: string }> };
    const firstType = typeSelect.querySelectorAll('option')[1]?.value ?? '';
    typeSelect.value = firstType;
    control(root, ids.firstDay, leaveIds.datePicked).value = '2026-12-07';
    control(root, ids.lastDay, leaveIds.datePicked).value = '2026-12-08';
    control(root, ids.reason).value = 'Family visit';
    control(root, ids.proof).dataset.files = JSON.stringify([file]);
    (control(root, ids.proofLater).querySelector('input') as HTMLInputElement).checked = true;
    expect(readLeaveForm(readViewState(root))).toEqual({
      type: firstType,
      firstDay: '2026-12-07',
      lastDay: '2026-12-08',
      reason: 'Family visit',
      proofFiles: [{ id: 'F0PROOF', name: 'note.pdf', permalink: file.permalink }],
      proofLater: true,
    });
  });
});

describe('actionFrom', () => {
  const now = Date.UTC(2026, 11, 1, 9, 0, 0, 123);
  const blocks = [
    {
      type: 'actions',
      block_id: 'leave.decision',
      elements: [
        { type: 'button', action_id: 'leave.approve', text: plain('Approve :white_check_mark:'), style: 'primary', value: '42' },
        { type: 'button', action_id: 'plain', text: plain('Plain') },
        { type: 'static_select', action_id: 'pick', options: [annual, sick], initial_option: sick },
        { type: 'overflow', action_id: 'more', options: [annual, sick] },
        { type: 'datepicker', action_id: 'day', initial_date: '2026-12-07' },
        { type: 'users_select', action_id: 'who', initial_user: 'U0LEAD' },
        { type: 'checkboxes', action_id: 'checks', options: [later, half], initial_options: [later] },
        { type: 'radio_buttons', action_id: 'radio', options: [annual], initial_option: annual },
        { type: 'timepicker', action_id: 'at', initial_time: '16:00' },
      ],
    },
    input('typed', { type: 'plain_text_input', initial_value: 'hi' }, { dispatch_action: true }),
  ];
  const root = page(renderMessage({ blocks }, ctx));
  const el = (actionId: string) => root.querySelector(`[data-action-id="${actionId}"]`) as HTMLElement;
  const action = (actionId: string) => actionFrom(el(actionId), { now });
  const base = (type: string, action_id: string, block_id = 'leave.decision') => ({
    type,
    action_id,
    block_id,
    action_ts: '1796115600.123000',
  });

  it('gives a button’s text, value and style', () => {
    expect(action('leave.approve')).toEqual({
      ...base('button', 'leave.approve'),
      text: plain('Approve :white_check_mark:'),
      value: '42',
      style: 'primary',
    });
    expect(action('plain')).toEqual({ ...base('button', 'plain'), text: plain('Plain') });
  });

  it('gives each other element’s choice under Slack’s key for it', () => {
    (el('more') as unknown as { value: string }).value = 'annual';
    expect(action('pick')).toEqual({ ...base('static_select', 'pick'), selected_option: sick });
    expect(action('more')).toEqual({ ...base('overflow', 'more'), selected_option: annual });
    expect(action('day')).toEqual({ ...base('datepicker', 'day'), selected_date: '2026-12-07' });
    expect(action('who')).toEqual({ ...base('users_select', 'who'), selected_user: 'U0LEAD' });
    expect(action('checks')).toEqual({ ...base('checkboxes', 'checks'), selected_options: [later] });
    expect(action('radio')).toEqual({ ...base('radio_buttons', 'radio'), selected_option: annual });
    expect(action('at')).toEqual({ ...base('timepicker', 'at'), selected_time: '16:00' });
    expect(action('value')).toEqual({ ...base('plain_text_input', 'value', 'typed'), value: 'hi' });
  });

  it('stamps action_ts with the time now by default', () => {
    const ts = Number(actionFrom(el('plain')).action_ts);
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(60);
  });
});

describe('interactiveElement', () => {
  const root = page(
    renderMessage(
      {
        blocks: [
          {
            type: 'actions',
            block_id: 'b',
            elements: [
              { type: 'button', action_id: 'go', text: plain(':tada: Go') },
              { type: 'checkboxes', action_id: 'c', options: [later] },
            ],
          },
        ],
      },
      ctx,
    ),
  );

  it('finds the control an event happened inside', () => {
    expect((interactiveElement(root.querySelector('.sd-emoji')) as HTMLElement).dataset.actionId).toBe('go');
    expect((interactiveElement(root.querySelector('input[type="checkbox"]')) as HTMLElement).dataset.type).toBe('checkboxes');
  });

  it('finds nothing outside a control or for something that is not an element', () => {
    expect(interactiveElement(root)).toBeNull();
    expect(interactiveElement(null)).toBeNull();
    expect(interactiveElement({})).toBeNull();
  });
});

describe('elementState', () => {
  it('reads an element of a type it does not know as no state', () => {
    const el = dom('<div data-type="channels_select"></div>').firstElementChild as HTMLElement;
    expect(elementState(el)).toEqual({});
  });
});
