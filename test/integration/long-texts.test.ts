import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/policy/policy-file.js';
import { codePoints } from '../../src/slack/clip-text.js';
import { maxCsvValueLength } from '../../src/csv.js';
import { importOrg } from '../../src/use-cases/org.js';
import { insertShifts } from '../fixtures/org.js';
import { openReportForm, summary } from '../fixtures/report-form.js';
import { option } from '../fixtures/view-state.js';
import type { RecordedCall } from '../harness/fake-slack/index.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { repoRoot, startTestApp, type TestApp } from '../harness/test-app.js';

/**
 * Every free-text field of every feature filled to the longest the form allows, and past it as a
 * forger would, by people whose names are as long as an org file can make them, under a policy whose
 * labels are as long as a policy file can make them: Slack (the stand-in,
 * which refuses what Slack refuses) accepts every message, view and answer the app sends.
 */

const gm = 'U0GM';
const manager = 'U0MGR';
const lead = 'U0LEAD';
const amy = 'U0AMY';
const wang = 'U0WANG';
const li = 'U0LI';
const handoverChannel = 'C0PHONEHND';

/** A name as long as an org file takes, with what mrkdwn must escape and what a cut must not split. */
const longName = (who: string) => {
  let name = '';
  for (const char of `${who} <&> 👨‍👩‍👧‍👦 ${'长长的名字 Longname 😀 '.repeat(40)}`) {
    if (name.length + char.length > maxCsvValueLength) break;
    name += char;
  }
  return name.trimEnd();
};
/** Text of exactly `n` characters: Chinese, emoji with modifiers, mrkdwn's special characters and a link-like run. */
const textOf = (n: number, seed: string) => {
  const unit = `${seed} 退款 <https://x.example|link> &amp; *bold* 👍🏽 `;
  let text = '';
  while (codePoints(text) < n) text += unit;
  return [...text].slice(0, n).join('');
};
/** Slack never sends more than 3000 characters in a text input; a forger does. */
const forged = (seed: string) => textOf(20_000, seed);

/** The shipped policy with every label (shifts, teams, leave types, refusal reasons) as long as a policy file lets it be. */
const policy = parsePolicy(
  readFileSync(path.join(repoRoot, 'policy.yml'), 'utf8').replace(
    /\{ zh-CN: ([^,}]+), en: ([^}]+) \}/g,
    (_, zh: string, en: string) => `{ zh-CN: ${zh}${'很长的标签'.repeat(60)}, en: ${en.trim()}${' very long label'.repeat(20)} }`,
  ),
);

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T12:10:00Z', // 20:10 on Tuesday 1 December in Shanghai: the day shift R ends at 20:30
    policy,
    users: [
      { id: gm, name: 'gm', locale: 'zh-CN' },
      { id: manager, name: 'manager', locale: 'en-US' },
      { id: lead, name: 'lead', locale: 'en-US' },
      { id: amy, name: 'amy', locale: 'en-US' },
      { id: wang, name: 'wang', locale: 'zh-CN' },
      { id: li, name: 'li', locale: 'zh-CN' },
    ],
  });
  const org = [
    'slack_id,name,team,role,reports_to',
    `${gm},${longName('GM')},phone,gm,`,
    `${manager},${longName('Manager')},phone,manager,${gm}`,
    `${lead},${longName('Lead')},phone,lead,${manager}`,
    ...[
      [amy, 'Amy'],
      [wang, '王芳'],
      [li, '李雷'],
    ].map(([id, who]) => `${id},${longName(who as string)},phone,agent,${lead}`),
  ].join('\n');
  const imported = await importOrg(app.db, app.policy, `${org}\n`);
  expect(imported.ok, JSON.stringify(imported)).toBe(true);
  await insertShifts(app.db, [
    { personId: amy, date: '2026-12-01', shiftCode: 'R' },
    { personId: li, date: '2026-12-01', shiftCode: 'W' },
    { personId: amy, date: '2026-12-10', shiftCode: 'R' },
    { personId: wang, date: '2026-12-11', shiftCode: 'R' },
    { personId: amy, date: '2027-01-11', shiftCode: 'R' },
    { personId: wang, date: '2026-11-30', shiftCode: 'R' },
  ]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled();
  app.fake.clearCalls();
});

/** Every call the stand-in refused since the test began (the harness itself fails on an ack Slack would drop). */
const refusals = async () => {
  await app.running.settled();
  return app.fake
    .calls()
    .filter((c) => !c.ok)
    .map((c) => `${c.method}: ${c.error}`);
};
const text = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
const viewOpened = (callbackId: string) =>
  app.fake.waitForCall('views.open', (c) => c.ok && (c.args.view as { callback_id?: string }).callback_id === callbackId);
const buttonsOf = (blocks: unknown) =>
  ((blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[]).flatMap((b) => b.elements ?? []);
const cardTo = (userId: string, actionId: string) =>
  app.fake.waitForCall(
    'chat.postMessage',
    (c) => c.ok && c.args.channel === userId && buttonsOf(c.args.blocks).some((e) => e.action_id === actionId),
  );
const messageOf = (card: RecordedCall) => {
  const posted = app.fake
    .messages()
    .find(
      (m) => m.channel === app.fake.dmChannel(card.args.channel as string) && JSON.stringify(m.blocks) === JSON.stringify(card.args.blocks),
    );
  return { channel: posted?.channel as string, ts: posted?.ts as string };
};
const click = (userId: string, actionId: string, card: RecordedCall, blockId: string) =>
  app.slack.blockAction({
    userId,
    actionId,
    value: buttonsOf(card.args.blocks).find((e) => e.action_id === actionId)?.value as string,
    blockId,
    message: messageOf(card),
  });

describe('leave', () => {
  const values = (reason: string, permalink: string): ViewStateValues => ({
    'leave.type': { value: option('marriage') },
    'leave.first_day': { 'leave.date_picked': { type: 'datepicker', selected_date: '2027-01-11' } },
    'leave.last_day': { 'leave.date_picked': { type: 'datepicker', selected_date: '2027-01-11' } },
    'leave.reason': text(reason),
    // a file the stand-in holds, so the bot can copy it to each approver; its name and link at their longest
    'leave.proof': { value: { type: 'file_input', files: [{ id: certificateId(), name: textOf(100, 'certificate'), permalink }] } },
  });
  const permalink = (n: number) => `https://files.example/${'p'.repeat(n - 22)}`;
  let certificate: string | undefined;
  const certificateId = () => {
    certificate ??= app.fake.uploadFile(amy, {
      name: textOf(100, 'certificate'),
      mimetype: 'application/pdf',
      content: Buffer.from('%PDF-1.4 certificate'),
    }).id as string;
    return certificate;
  };

  it('takes the longest reason and proof link, and is rejected with the longest reason, every message accepted', async () => {
    await app.slack.slashCommand({ command: '/leave', text: '', userId: amy });
    await viewOpened('leave.request');
    const viewId = app.fake.topView(amy)?.id as string;
    const over = await app.slack.viewSubmission({ userId: amy, viewId, values: values(forged('reason'), permalink(500)) });
    expect(over.body).toMatchObject({ response_action: 'errors' });
    expect(await app.slack.viewSubmission({ userId: amy, viewId, values: values(textOf(500, 'reason'), permalink(500)) })).toMatchObject({
      body: '',
    });

    const card = await cardTo(lead, 'leave.reject');
    await click(lead, 'leave.reject', card, 'leave.decision');
    await viewOpened('leave.reject_reason');
    const rejectView = app.fake.topView(lead)?.id as string;
    const tooLong = await app.slack.viewSubmission({
      userId: lead,
      viewId: rejectView,
      values: { 'leave.reject_reason': text(forged('no')) },
    });
    expect(tooLong.body).toMatchObject({ response_action: 'errors' });
    expect(
      await app.slack.viewSubmission({ userId: lead, viewId: rejectView, values: { 'leave.reject_reason': text(textOf(500, 'no')) } }),
    ).toMatchObject({ body: '' });
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === amy && c.ok);
    await app.slack.slashCommand({ command: '/leave', text: 'list', userId: amy });
    expect(await refusals()).toEqual([]);
  });
});

describe('swap', () => {
  const form = (note: string): ViewStateValues => ({
    'swap.my_shift': { 'swap.form_changed': option('2026-12-10|R') },
    'swap.colleague': { 'swap.form_changed': { type: 'users_select', selected_user: wang } },
    [`swap.their_shift:${wang}`]: { 'swap.form_changed': option('2026-12-11|R') },
    'swap.note': text(note),
  });

  it('takes the longest note and is rejected with the longest reason, every message accepted', async () => {
    await app.slack.slashCommand({ command: '/swap', text: '', userId: amy });
    await viewOpened('swap.request');
    const viewId = app.fake.topView(amy)?.id as string;
    await app.slack.blockAction({ userId: amy, actionId: 'swap.form_changed', blockId: 'swap.colleague', viewId, values: form('') });
    await app.fake.waitForCall('views.update');
    expect((await app.slack.viewSubmission({ userId: amy, viewId, values: form(forged('note')) })).body).toMatchObject({
      response_action: 'errors',
    });
    expect((await app.slack.viewSubmission({ userId: amy, viewId, values: form(textOf(300, 'note')) })).body).toBe('');

    await click(wang, 'swap.accept', await cardTo(wang, 'swap.accept'), 'swap.answer');
    const leadCard = await cardTo(lead, 'swap.reject');
    await click(lead, 'swap.reject', leadCard, 'swap.answer');
    await viewOpened('swap.reject_reason');
    const rejectView = app.fake.topView(lead)?.id as string;
    expect(
      (await app.slack.viewSubmission({ userId: lead, viewId: rejectView, values: { 'swap.reject_reason': text(forged('no')) } })).body,
    ).toMatchObject({ response_action: 'errors' });
    expect(
      (await app.slack.viewSubmission({ userId: lead, viewId: rejectView, values: { 'swap.reject_reason': text(textOf(500, 'no')) } }))
        .body,
    ).toBe('');
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === amy && String(c.args.text).includes('reject'));
    await app.slack.slashCommand({ command: '/swap', text: 'list', userId: amy });
    expect(await refusals()).toEqual([]);
  });
});

describe('handover', () => {
  const form = (size: (max: number) => number, staffingBlock: string): ViewStateValues => {
    const field = (max: number, seed: string) => text(textOf(size(max), seed));
    return {
      'handover.shift': { 'handover.shift_picked': { type: 'static_select', selected_option: { value: '2026-12-01|R' } } },
      'handover.equipment': { value: { type: 'radio_buttons', selected_option: { value: 'issue' } } },
      'handover.equipment_issue': field(2000, 'issue'),
      [staffingBlock]: field(2000, 'staffing'),
      'handover.process': field(2000, 'process'),
      'handover.instructions': field(2000, 'instructions'),
      'handover.feedback': field(2000, 'feedback'),
      'handover.notes': field(2000, 'notes'),
      'handover.case_what.0': field(300, 'what'),
      'handover.case_promise.0': field(300, 'promise'),
      'handover.case_due.0': { value: { type: 'datetimepicker', selected_date_time: Date.parse('2026-12-02T04:00:00Z') / 1000 } },
      'handover.case_owner.0': { value: { type: 'users_select', selected_user: li } },
    };
  };

  it('takes every field at its longest, is refused with the longest note, and amended, every message accepted', async () => {
    await app.slack.slashCommand({ command: '/handover', text: '', userId: amy });
    await viewOpened('handover.write');
    const viewId = app.fake.topView(amy)?.id as string;
    const staffingBlock = (app.fake.view(viewId)!.view as { blocks: { block_id?: string }[] }).blocks.find((b) =>
      b.block_id?.startsWith('handover.staffing'),
    )?.block_id as string;
    expect((await app.slack.viewSubmission({ userId: amy, viewId, values: form(() => 20_000, staffingBlock) })).body).toMatchObject({
      response_action: 'errors',
    });
    const accepted = await app.slack.viewSubmission({ userId: amy, viewId, values: form((max) => max, staffingBlock) });
    expect(accepted.body, JSON.stringify(accepted.body)).toBe('');
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === handoverChannel);

    const dm = await cardTo(li, 'handover.refuse');
    await click(li, 'handover.refuse', dm, 'handover.decision');
    await viewOpened('handover.refuse_reason');
    const refuseView = app.fake.topView(li)?.id as string;
    const refusal = (note: string) => ({
      'handover.refuse_reason': { value: { type: 'radio_buttons', selected_option: { value: 'record_unclear' } } },
      'handover.refuse_note': text(note),
    });
    expect((await app.slack.viewSubmission({ userId: li, viewId: refuseView, values: refusal(forged('why')) })).body).toMatchObject({
      response_action: 'errors',
    });
    expect((await app.slack.viewSubmission({ userId: li, viewId: refuseView, values: refusal(textOf(500, 'why')) })).body).toBe('');

    const back = await cardTo(amy, 'handover.amend');
    await click(amy, 'handover.amend', back, 'handover.decision');
    await app.fake.waitForCall('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === 'handover.write');
    await app.slack.slashCommand({ command: '/handover', text: 'history', userId: lead });
    expect(await refusals()).toEqual([]);
  });
});

describe('weekly report', () => {
  it('takes both fields at their longest and past them, and the lead’s copy is accepted', async () => {
    const form = await openReportForm(app, wang);
    expect(
      (await app.slack.viewSubmission({ userId: wang, viewId: form.id, values: summary(forged('done'), forged('improve')) })).status,
    ).toBe(200);
    const again = await openReportForm(app, wang);
    expect(
      (await app.slack.viewSubmission({ userId: wang, viewId: again.id, values: summary(textOf(3000, 'done'), textOf(3000, 'improve')) }))
        .status,
    ).toBe(200);
    expect(await refusals()).toEqual([]);
  });
});

describe('Home tab', () => {
  it('draws everyone’s Home with the longest names, accepted', async () => {
    for (const user of [amy, lead, manager, gm])
      await app.slack.event({ type: 'app_home_opened', user, channel: app.fake.dmChannel(user), tab: 'home' });
    await app.running.settled();
    expect(app.fake.calls('views.publish').length).toBeGreaterThan(0);
    expect(await refusals()).toEqual([]);
  });
});
