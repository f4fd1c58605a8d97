import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handovers, handoverVersions } from '../../src/db/schema.js';
import type { Policy, TeamDefinition } from '../../src/policy/policy-file.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { shippedPolicy, startTestApp, type TestApp } from '../harness/test-app.js';
import { textOf } from '../fixtures/blocks-text.js';

const lead = 'U0OLEAD';
const amy = 'U0OAMY'; // en, day shift R on 1 December
const wang = 'U0OWANG'; // zh-CN, day shift R on 1 December
const li = 'U0OLI'; // zh-CN, night shift W on 1 December
const ma = 'U0OMA'; // en, after-sales (no handover channel)
const idle = 'U0OIDLE'; // en, of a team that works no shift
const channel = 'C0PHONEHND';

/** The shipped policy and a team without shifts, whose people have nothing to hand over. */
function policyWithIdleTeam(): Policy {
  const policy = shippedPolicy();
  const base = policy.teams.after_sales as TeamDefinition;
  return { ...policy, teams: { ...policy.teams, idle: { ...base, id: 'idle', shifts: [] } } };
}

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T12:10:00Z', // 20:10 in Shanghai: the day shift R ends at 20:30
    policy: policyWithIdleTeam(),
    users: [
      { id: lead, name: 'lead', locale: 'en-US' },
      { id: amy, name: 'amy', locale: 'en-US' },
      { id: wang, name: 'wang', locale: 'zh-CN' },
      { id: li, name: 'li', locale: 'zh-CN' },
      { id: ma, name: 'ma', locale: 'en-US' },
      { id: idle, name: 'idle', locale: 'en-US' },
    ],
  });
  await insertPeople(app.db, [
    aPerson({ slackId: lead, name: 'Lead Sun', role: 'lead' }),
    aPerson({ slackId: amy, name: 'Amy', reportsTo: lead }),
    aPerson({ slackId: wang, name: '王芳', reportsTo: lead }),
    aPerson({ slackId: li, name: '李雷', reportsTo: lead }),
    aPerson({ slackId: ma, name: 'Ma Lin', teamId: 'after_sales' }),
    aPerson({ slackId: idle, name: 'Idle', teamId: 'idle' }),
  ]);
  await insertShifts(app.db, [
    { personId: amy, date: '2026-12-01', shiftCode: 'R' },
    { personId: wang, date: '2026-12-01', shiftCode: 'R' },
    { personId: li, date: '2026-12-01', shiftCode: 'W' },
    { personId: ma, date: '2026-12-01', shiftCode: 'C', teamId: 'after_sales' },
  ]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled(); // what an earlier test set going is over before its calls are forgotten
  app.fake.clearCalls();
});

const text = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
const form = (p: { shift?: string; notes?: string }): ViewStateValues => ({
  ...(p.shift ? { 'handover.shift': { 'handover.shift_picked': { type: 'static_select', selected_option: { value: p.shift } } } } : {}),
  'handover.equipment': { value: { type: 'radio_buttons', selected_option: { value: 'ok' } } },
  'handover.notes': text(p.notes ?? null),
});

async function openModal(userId: string): Promise<string> {
  app.fake.clearCalls();
  await app.slack.slashCommand({ command: '/handover', text: '', userId });
  const opened = await app.fake.waitForCall('views.open');
  expect(opened.ok, JSON.stringify(opened.error)).toBe(true);
  return app.fake.topView(userId)?.id as string;
}
const modalText = (viewId: string) => JSON.stringify(app.fake.view(viewId)?.view);
const ephemeralTo = (words: string) => app.fake.waitForCall('response_url', (c) => String(c.args.text).includes(words));
const dmTo = (userId: string, words: string) =>
  app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === userId && String(c.args.text).includes(words));

describe('/handover for a shift that already has a handover', () => {
  let wangsBlankForm: string;
  let amysSecondForm: string;

  it('offers only shifts that have started and hand over to someone', async () => {
    const viewId = await openModal(amy);
    const picker = (app.fake.view(viewId)!.view.blocks as { block_id?: string; element?: { options?: { value: string }[] } }[]).find(
      (b) => b.block_id === 'handover.shift',
    );
    // 20:10: the office shift C (inside the day shift) hands over to nobody; tonight's night shift has not started
    expect(picker?.element?.options?.map((o) => o.value)).toEqual(['2026-11-30|W', '2026-12-01|R']);
    for (const shift of ['2026-12-01|C', '2026-12-01|W']) {
      const reply = await app.slack.viewSubmission({ userId: amy, viewId, values: form({ shift }) });
      expect(reply.body).toEqual({ response_action: 'errors', errors: { 'handover.shift': "Pick one of today's shifts of your team." } });
    }
    expect(await app.db.select().from(handovers)).toEqual([]);
  });

  it('refuses a shift the modal did not offer', async () => {
    const viewId = await openModal(amy);
    const forged = await app.slack.viewSubmission({ userId: amy, viewId, values: form({ shift: '2026-11-20|R', notes: 'forged' }) });
    expect(forged.body).toEqual({ response_action: 'errors', errors: { 'handover.shift': "Pick one of today's shifts of your team." } });
    const tomorrow = await app.slack.viewSubmission({ userId: amy, viewId, values: form({ shift: '2026-12-03|W', notes: 'forged' }) });
    expect(tomorrow.body).toEqual({ response_action: 'errors', errors: { 'handover.shift': "Pick one of today's shifts of your team." } });
    expect(await app.db.select().from(handovers)).toEqual([]);
  });

  it('writes the handover once; a blank form opened before is refused instead of overwriting it', async () => {
    wangsBlankForm = await openModal(wang);
    amysSecondForm = await openModal(amy);
    const viewId = await openModal(amy);
    expect(
      (await app.slack.viewSubmission({ userId: amy, viewId, values: form({ shift: '2026-12-01|R', notes: 'Printer jammed twice' }) }))
        .body,
    ).toBe('');
    await dmTo(amy, 'Your handover of Tue 1 Dec Day shift R is posted');

    const wangs = await app.slack.viewSubmission({ userId: wang, viewId: wangsBlankForm, values: form({ shift: '2026-12-01|R' }) });
    expect(wangs.body).toEqual({
      response_action: 'errors',
      errors: { 'handover.shift': 'Amy 已经写了这个班次的交接记录;请找他/她或组长修改。' },
    });
    const amys = await app.slack.viewSubmission({ userId: amy, viewId: amysSecondForm, values: form({ shift: '2026-12-01|R' }) });
    expect(amys.body).toEqual({
      response_action: 'errors',
      errors: {
        'handover.shift':
          'Amy wrote the handover of this shift meanwhile, and nothing was overwritten. Close this form and run /handover again to amend it.',
      },
    });
    const versions = await app.db.select().from(handoverVersions);
    expect(versions.map((v) => [v.version, v.content.notes])).toEqual([[1, 'Printer jammed twice']]);
  });

  it('opens the amend form filled with the handover for its author and a lead', async () => {
    for (const userId of [amy, lead]) {
      const viewId = await openModal(userId);
      expect(modalText(viewId)).toContain('Amending the handover of Tue 1 Dec Day shift R — this becomes version 2');
      expect(modalText(viewId)).toContain('"initial_value":"Printer jammed twice"');
    }
  });

  it('tells anyone else who wrote it, and opens nothing', async () => {
    await app.slack.slashCommand({ command: '/handover', text: '', userId: wang });
    await ephemeralTo('Amy 已经写了这个班次的交接记录');
    expect(app.fake.calls('views.open')).toEqual([]);
  });
});

describe('what /handover says when it cannot write a handover as usual', () => {
  it('tells someone whose team works no shift that there is nothing to hand over, in their language', async () => {
    await app.slack.slashCommand({ command: '/handover', text: '', userId: idle });
    await ephemeralTo('Your team has no shift ending around now to hand over.');
    expect(app.fake.calls('views.open')).toEqual([]);
  });

  it('does not tell the author the handover was posted when the team has no channel', async () => {
    const viewId = await openModal(ma);
    expect((await app.slack.viewSubmission({ userId: ma, viewId, values: form({ shift: '2026-12-01|C' }) })).body).toBe('');
    const told = await dmTo(
      ma,
      'Your handover of Tue 1 Dec Office shift C is saved, but it is not in the team channel and nobody is rostered on the next shift',
    );
    expect(String(told.args.text)).not.toContain('posted');
  });

  it('does not tell the author the handover was posted when Slack refused the post', async () => {
    app.clock.set('2026-12-02T00:15:00Z'); // 08:15 on the 2nd: the night shift W ends at 08:30
    const viewId = await openModal(li);
    app.fake.failNext('chat.postMessage', 'channel_not_found');
    expect((await app.slack.viewSubmission({ userId: li, viewId, values: form({ shift: '2026-12-01|W' }) })).body).toBe('');
    const told = await dmTo(li, '你的 12月1日 周二 夜班 W 交接记录已保存');
    expect(String(told.args.text)).toContain('未发到团队频道');
    expect(app.fake.messages(channel).filter((m) => JSON.stringify(m.blocks ?? []).includes('交接班 · 12月1日 周二 夜班 W'))).toEqual([]);
  });
});

describe('a handover to a shift nobody is rostered on', () => {
  const takeOverValue = (blocks: unknown) =>
    (blocks as { elements?: { action_id?: string; value?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'handover.take_over')?.value as string;

  it('says a lead takes it over, and a lead of the team can; nobody else can', async () => {
    app.clock.set('2026-12-02T12:10:00Z'); // 20:10 on the 2nd: nobody is on the night shift W
    await insertShifts(app.db, [{ personId: amy, date: '2026-12-02', shiftCode: 'R' }]);
    const viewId = await openModal(amy);
    expect(modalText(viewId)).toContain('nobody is rostered — a lead of the team can take it over');
    expect((await app.slack.viewSubmission({ userId: amy, viewId, values: form({ shift: '2026-12-02|R' }) })).body).toBe('');
    await dmTo(amy, 'a lead of the team can take it over');
    const posted = app.fake.messages(channel).find((m) => JSON.stringify(m.blocks ?? []).includes('12月2日 周三 长白班 R'));
    expect(textOf(posted?.blocks)).toContain('接班班次无人排班,由本组组长接班');
    const message = { channel: posted?.channel as string, ts: posted?.ts as string };

    await app.slack.blockAction({
      userId: wang,
      actionId: 'handover.take_over',
      value: takeOverValue(posted?.blocks),
      blockId: 'handover.decision',
      message,
    });
    await ephemeralTo('这不是你的班次');
    await app.slack.blockAction({
      userId: lead,
      actionId: 'handover.take_over',
      value: takeOverValue(posted?.blocks),
      blockId: 'handover.decision',
      message,
    });
    await dmTo(amy, 'Lead Sun took over your handover of Wed 2 Dec Day shift R');
    const rows = await app.db.select().from(handovers);
    expect(rows.find((h) => h.shiftDate === '2026-12-02' && h.shiftCode === 'R')).toMatchObject({
      status: 'taken_over',
      takenOverBy: lead,
    });
    const redrawn = app.fake.messages(channel).find((m) => m.ts === posted?.ts);
    expect(textOf(redrawn?.blocks)).toContain('*已接班*,Lead Sun');
  });
});
