import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { absenceNotices } from '../../src/db/schema.js';
import { startShiftdesk, type RunningApp } from '../../src/start.js';
import { importClockIns } from '../../src/use-cases/clock-ins.js';
import { importOrg, importRoster } from '../../src/use-cases/org.js';
import { FakeClock } from '../harness/fake-clock.js';
import { botToken, repoRoot, shippedPolicy, signingSecret, startTestApp, withoutDailyDigest, type TestApp } from '../harness/test-app.js';

// The examples' December with 马超 (U0PH0NE05) not clocked on 9, 10 and 11 December: three duty days in a row.
const shipped = withoutDailyDigest(shippedPolicy());
const policy = { ...shipped, rules: { ...shipped.rules, attendance: { ...shipped.rules.attendance, hr_sheet_by_dm: false } } };
const example = (name: string) => readFile(path.join(repoRoot, 'examples', name), 'utf8');
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);
const lead = 'U0PHLEAD1';
const manager = 'U0MGR0001';
let app: TestApp;
let clockFile: string;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-12-11T00:00:00Z', policy, hrSheet: true });
  expect(await importOrg(app.db, policy, await example('org.csv'))).toMatchObject({ ok: true });
  expect(await importRoster(app.db, policy, await example('roster.csv'))).toMatchObject({ ok: true });
  clockFile = (await example('clock.csv'))
    .split('\n')
    .filter((line) => !/^U0PH0NE05,2026-12-(09|10|11),/.test(line))
    .join('\n');
  for (const [id, locale] of [
    [lead, 'zh-CN'],
    [manager, 'en-US'],
  ] as const)
    app.fake.addUser({ id, name: id, locale });
});
afterAll(async () => {
  await app?.stop();
});

const noticesTo = (id: string) =>
  app.fake
    .messages(app.fake.dmChannel(id))
    .map((m) => m.text ?? '')
    .filter((text) => text.includes('旷工') || text.includes('absence'));

describe('absence threshold notices', () => {
  it('count no absence on days without clock-in data', async () => {
    await app.running.scheduler.tick(at('2026-12-11T10:00:00'));
    expect(noticesTo(lead)).toEqual([]);
    expect(noticesTo(manager)).toEqual([]);
  });

  it('wait for the threshold: two days in a row are not three', async () => {
    expect(await importClockIns(app.db, policy, clockFile)).toMatchObject({ ok: true });
    // an import that changed something owes a check: the next minute counts the new data
    await app.running.scheduler.tick(at('2026-12-11T10:05:00'));
    expect(await app.db.select().from(absenceNotices)).toEqual([]);
    expect(noticesTo(manager)).toEqual([]);
  });

  it('tell the lead and the manager once, in their languages, when the third day is reached', async () => {
    await app.running.scheduler.tick(at('2026-12-12T09:59:00'));
    expect(noticesTo(manager)).toEqual([]);
    await app.running.scheduler.tick(at('2026-12-12T10:00:00'));
    await app.running.scheduler.tick(at('2026-12-12T10:01:00'));
    expect(noticesTo(manager)).toEqual([
      [
        '马超 has 3 consecutive days of unapproved absence (Wed 9 Dec, Thu 10 Dec, Fri 11 Dec): under the policy the contract may be ended.',
        '马超 has 3 days of unapproved absence this month (Wed 9 Dec, Thu 10 Dec, Fri 11 Dec): under the policy the month’s bonus is forfeited.',
        '马超 has 3 days of unapproved absence this year (Wed 9 Dec, Thu 10 Dec, Fri 11 Dec): under the policy the contract may be ended.',
        'Nothing has been done about it; the attendance sheet lists each day and its cause.',
      ].join('\n'),
    ]);
    expect(noticesTo(lead)).toHaveLength(1);
    expect(noticesTo(lead)[0]).toContain('马超 已连续旷工 3 天(12月9日 周三、12月10日 周四、12月11日 周五):按制度可解除劳动合同。');
  });

  it('tell nobody again: not the next minute, not after a re-import of the same or a corrected file, not the next day', async () => {
    expect(await importClockIns(app.db, policy, clockFile)).toMatchObject({ ok: true, summary: { added: 0, changed: 0 } });
    await app.running.scheduler.tick(at('2026-12-12T10:02:00'));
    const corrected = clockFile.replace('U0PH0NE05,2026-12-12,W,20:24,08:34', 'U0PH0NE05,2026-12-12,W,20:25,08:34');
    expect(await importClockIns(app.db, policy, corrected)).toMatchObject({ ok: true, summary: { changed: 1 } });
    await app.running.scheduler.tick(at('2026-12-12T10:03:00'));
    await app.running.scheduler.tick(at('2026-12-13T10:00:00'));
    expect(noticesTo(manager)).toHaveLength(1);
    expect(noticesTo(lead)).toHaveLength(1);
  });

  it('a notice Slack refused is sent the next minute', async () => {
    await app.db.update(absenceNotices).set({ sentAt: null, claimedAt: null, claimedBy: null });
    app.fake.failNext('chat.postMessage', 'ratelimited');
    await app.running.scheduler.tick(at('2026-12-13T10:01:00'));
    await app.running.scheduler.tick(at('2026-12-13T10:02:00'));
    expect(noticesTo(manager).length + noticesTo(lead).length).toBe(4);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('two app copies on one PostgreSQL (needs TEST_DATABASE_URL)', () => {
  let copy: RunningApp;

  beforeAll(async () => {
    copy = await startShiftdesk({
      config: { slack: { mode: 'http', botToken, signingSecret, apiUrl: `${app.fake.url}/api/` }, port: 0, database: app.target },
      policy,
      clock: new FakeClock('2026-12-19T02:00:00Z'),
      logger: pino({ level: 'silent' }),
      clientOptions: { retryConfig: { retries: 0 } },
      runScheduler: false,
    });
  });
  afterAll(async () => {
    await copy?.stop();
  });

  it('tell a new threshold once, whether they tick in the same minute or in turn', async () => {
    // 郭磊 (U0PH0NE07) was absent on 4 December (late) and 18 December; late by 54 minutes on the 17th makes a third day
    const third = clockFile.replace('U0PH0NE07,2026-12-17,C,09:24,18:03', 'U0PH0NE07,2026-12-17,C,10:24,18:03');
    expect(await importClockIns(app.db, policy, third)).toMatchObject({ ok: true });
    app.fake.clearCalls();
    await Promise.all([app.running, copy].map((c) => c.scheduler.tick(at('2026-12-19T10:00:00'))));
    await Promise.all([app.running, copy].map((c, i) => c.scheduler.tick(at(`2026-12-19T10:0${1 + i}:00`))));
    const sent = app.fake.calls('chat.postMessage').filter((c) => c.ok && String(c.args.text).includes('郭磊'));
    expect(sent.map((c) => c.args.channel).sort()).toEqual([manager, lead].sort());
  });
});
