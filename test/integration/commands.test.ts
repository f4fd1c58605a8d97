import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { textOf } from '../fixtures/blocks-text.js';

const lead = 'U0LEAD1';
const zhAgent = 'U0AGENTZH';
const enAgent = 'U0AGENTEN';
const stranger = 'U0STRANGER';
const japanese = 'U0AGENTJA';
const japaneseNoPref = 'U0AGENTJB';
const gone = 'U0GONE';
const stranger2 = 'U0STRANGER2';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T02:00:00Z', // 10:00 on Tuesday 1 December in Shanghai
    users: [
      { id: lead, name: 'zhang.lei', locale: 'zh-CN', tz: 'Asia/Shanghai' },
      { id: zhAgent, name: 'wang.fang', locale: 'zh-CN', tz: 'Asia/Shanghai' },
      { id: enAgent, name: 'amy.chen', locale: 'en-US', tz: 'Asia/Shanghai' },
      { id: stranger, name: 'visitor', locale: 'en-GB', tz: 'Europe/London' },
      { id: japanese, name: 'sato', locale: 'ja-JP', tz: 'Asia/Tokyo' },
      { id: japaneseNoPref, name: 'suzuki', locale: 'ja-JP', tz: 'Asia/Tokyo' },
      { id: gone, name: 'former', locale: 'en-US', tz: 'Asia/Shanghai' },
    ],
  });
  await insertPeople(app.db, [
    aPerson({ slackId: lead, name: '张磊', role: 'lead' }),
    aPerson({ slackId: zhAgent, name: '王芳', reportsTo: lead }),
    aPerson({ slackId: enAgent, name: 'Amy <Chen>', reportsTo: lead, teamId: 'online' }),
    aPerson({ slackId: japanese, name: 'Sato', reportsTo: lead, locale: 'en' }),
    aPerson({ slackId: japaneseNoPref, name: 'Suzuki', reportsTo: lead }),
    aPerson({ slackId: gone, name: 'Former', reportsTo: lead, active: false }),
  ]);
  await insertShifts(app.db, [
    { personId: zhAgent, date: '2026-11-30', shiftCode: 'R' },
    { personId: zhAgent, date: '2026-12-01', shiftCode: 'R' },
    { personId: zhAgent, date: '2026-12-02', shiftCode: 'W' },
    { personId: zhAgent, date: '2026-12-04', shiftCode: 'C', status: 'on_leave' },
    { personId: zhAgent, date: '2026-12-08', shiftCode: 'R' },
  ]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled(); // what an earlier test set going is over before its calls are forgotten
  app.fake.reset();
});

/** Every text of a reply's blocks (sections and context elements), one per line. */
const blockText = (body: unknown) =>
  ((body as { blocks?: { text?: { text: string }; elements?: { text?: string }[] }[] }).blocks ?? [])
    .flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')])
    .join('\n');

describe('request signing', () => {
  it('rejects a forged signature with 401 and does nothing', async () => {
    const reply = await app.slack.slashCommand({ command: '/leave', text: 'help', userId: zhAgent }, { signingSecret: 'not-the-secret' });
    expect(reply.status).toBe(401);
    expect(app.fake.calls()).toEqual([]);
  });

  it('rejects a correctly signed request older than five minutes', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const reply = await app.slack.slashCommand({ command: '/leave', text: 'help', userId: zhAgent }, { timestamp: sixMinutesAgo });
    expect(reply.status).toBe(401);
  });

  it('rejects an unsigned request', async () => {
    const reply = await app.slack.slashCommand({ command: '/leave', text: 'help', userId: zhAgent }, { unsigned: true });
    expect(reply.status).toBe(401);
  });
});

describe('slash command help', () => {
  it('answers /leave help ephemerally in Chinese for a zh-CN user, well within 3 s', async () => {
    const reply = await app.slack.slashCommand({ command: '/leave', text: 'help', userId: zhAgent });
    expect(reply.status).toBe(200);
    expect(reply.ackMs).toBeLessThan(3000);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', text: '/leave — 请假' });
    const text = blockText(reply.body);
    expect(text).toContain('*电话团队* 的规定');
    expect(text).toContain('提前 10 天 — 组长 → 客服部经理 → 总经理');
  });

  it('answers in English for an en-US user, with the rules of their own team', async () => {
    const reply = await app.slack.slashCommand({ command: '/leave', text: 'help', userId: enAgent });
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', text: '/leave — leave requests (请假)' });
    expect(blockText(reply.body)).toContain('Rules for *Online chat team*');
  });

  it.each([
    ['/swap', 'zh-CN', zhAgent, '/swap — 换班', '严禁私自调班'],
    ['/swap', 'en', enAgent, '/swap — shift swaps (换班)', 'Ask at least 1 day before the earlier of the two shifts.'],
    ['/handover', 'zh-CN', zhAgent, '/handover — 交接班', '四不接'],
    ['/handover', 'en', enAgent, '/handover — shift handover (交接班)', 'The record is unclear'],
    ['/report', 'zh-CN', zhAgent, '/report — 每周工作总结', '不少于 200 字'],
    ['/report', 'en', enAgent, '/report — weekly work summary (周报)', 'at least 200 characters'],
  ])('%s help in %s', async (command, _locale, userId, title, rule) => {
    const reply = await app.slack.slashCommand({ command, text: 'help', userId });
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', text: title });
    expect(blockText(reply.body)).toContain(rule);
  });

  it('answers an unknown sub-command with what it does know', async () => {
    const reply = await app.slack.slashCommand({ command: '/swap', text: 'frobnicate <now>', userId: enAgent });
    const text = blockText(reply.body);
    expect(text).toContain("`/swap frobnicate` is not something I know. Here's what I can do:");
    expect(text).toContain('`/swap help` — this help');
  });

  it('accepts 帮助 as help', async () => {
    const reply = await app.slack.slashCommand({ command: '/report', text: '帮助', userId: zhAgent });
    expect(reply.body).toMatchObject({ text: '/report — 每周工作总结' });
    expect(blockText(reply.body)).not.toContain('我不认识');
  });
});

describe('people the org does not know', () => {
  it('tells someone outside the roster to ask their lead, in their language', async () => {
    const reply = await app.slack.slashCommand({ command: '/leave', text: '', userId: stranger });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ response_type: 'ephemeral', text: expect.stringContaining('You are not in the roster yet') });
  });

  it('still shows them help, with the department-wide rules', async () => {
    const reply = await app.slack.slashCommand({ command: '/swap', text: 'help', userId: stranger });
    expect(blockText(reply.body)).toContain('Department rules');
  });

  it('tells an inactive person their account is inactive', async () => {
    const reply = await app.slack.slashCommand({ command: '/handover', text: '', userId: gone });
    expect(reply.body).toEqual({ response_type: 'ephemeral', text: expect.stringContaining('marked as inactive') });
  });
});

describe('language', () => {
  it("uses the org file's language when Slack's is neither Chinese nor English, else the policy default", async () => {
    const withPreference = await app.slack.slashCommand({ command: '/leave', text: 'help', userId: japanese });
    expect(withPreference.body).toMatchObject({ text: '/leave — leave requests (请假)' });
    const without = await app.slack.slashCommand({ command: '/leave', text: 'help', userId: japaneseNoPref });
    expect(without.body).toMatchObject({ text: '/leave — 请假' });
  });

  it("falls back to the policy's language when Slack cannot tell the user's", async () => {
    app.fake.addUser({ id: stranger2, name: 'visitor2', locale: 'en-US', tz: 'Asia/Shanghai' }); // joined after the start-up
    app.fake.failNext('users.info', 'fatal_error');
    const reply = await app.slack.slashCommand({ command: '/leave', text: 'help', userId: stranger2 });
    expect(reply.body).toMatchObject({ text: '/leave — 请假' });
    // the failure is remembered for a while instead of costing a call per request…
    await app.slack.slashCommand({ command: '/leave', text: 'help', userId: stranger2 });
    expect(app.fake.calls('users.info').filter((c) => c.args.user === stranger2)).toHaveLength(1);
    // …and Slack is asked again later
    app.clock.advance(11 * 60 * 1000);
    const later = await app.slack.slashCommand({ command: '/leave', text: 'help', userId: stranger2 });
    expect(later.body).toMatchObject({ text: '/leave — leave requests (请假)' });
    app.clock.set('2026-12-01T02:00:00Z');
  });

  it('learns every locale at start-up with users.list, so nobody’s request waits on users.info', async () => {
    const reply = await app.slack.slashCommand({ command: '/leave', text: 'help', userId: enAgent });
    expect(reply.body).toMatchObject({ text: '/leave — leave requests (请假)' });
    expect(app.fake.calls('users.info').filter((c) => c.args.user === enAgent)).toEqual([]);
  });

  it('asks Slack once for someone who joined after the start-up, and then uses its cache', async () => {
    app.fake.addUser({ id: 'U0NEWCOMER', name: 'newcomer', locale: 'zh-CN', tz: 'Asia/Shanghai' });
    await app.slack.slashCommand({ command: '/leave', text: 'help', userId: 'U0NEWCOMER' });
    await app.slack.slashCommand({ command: '/swap', text: 'help', userId: 'U0NEWCOMER' });
    const lookups = app.fake.calls('users.info').filter((c) => c.args.user === 'U0NEWCOMER');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]?.args.include_locale).toBeTruthy();
  });
});

describe('App Home', () => {
  it("publishes the person's shifts of the next 14 days, in the team's time zone", async () => {
    await app.slack.event({ type: 'app_home_opened', user: zhAgent, channel: 'D0HOME', tab: 'home' });
    const call = await app.fake.waitForCall('views.publish', (c) => c.args.user_id === zhAgent);
    const text = JSON.stringify(call.args.view);
    expect(text).toContain('王芳,你好 — 电话团队 客服代表。');
    expect(text).toContain('12月1日 周二 · 长白班 R 08:30–20:30');
    expect(text).toContain('夜班 W 20:30–次日 08:30');
    expect(text).toContain('常日班 C 09:30–18:00 — 请假');
    const shifts = JSON.stringify((call.args.view as { blocks: unknown[] }).blocks.find((b) => JSON.stringify(b).includes('未来 14 天')));
    expect(shifts).not.toContain('11月30日');
    expect(shifts).toContain('12月8日 周二 · 长白班 R');
  });

  it('escapes names and tells someone outside the roster where they stand', async () => {
    await app.slack.event({ type: 'app_home_opened', user: enAgent, channel: 'D0HOME2', tab: 'home' });
    const mine = await app.fake.waitForCall('views.publish', (c) => c.args.user_id === enAgent);
    expect(textOf(mine.args.view)).toContain('Hello Amy &lt;Chen&gt;');
    await app.slack.event({ type: 'app_home_opened', user: stranger, channel: 'D0HOME3', tab: 'home' });
    const theirs = await app.fake.waitForCall('views.publish', (c) => c.args.user_id === stranger);
    expect(textOf(theirs.args.view)).toContain('You are not in the roster yet');
  });
});

describe('/healthz', () => {
  it('answers 200 while the database answers', async () => {
    const response = await fetch(`${app.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, database: 'up' });
  });
});

describe('/healthz without a database', () => {
  it('answers 503 once the database stops answering', async () => {
    const broken = await startTestApp();
    try {
      await broken.running.database.close();
      const response = await fetch(`${broken.baseUrl}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ok: false, database: 'down' });
    } finally {
      await broken.stop();
    }
  });
});
