import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { people, reportNotices } from '../../src/db/schema.js';
import { insertRosterEntries } from '../../src/db/queries/roster.js';
import { startShiftdesk, type RunningApp } from '../../src/start.js';
import { FakeClock } from '../harness/fake-clock.js';
import { botToken, signingSecret, startTestApp, type TestApp } from '../harness/test-app.js';
import type { LocalDate } from '../../src/policy/time.js';

const agents = Array.from({ length: 120 }, (_, i) => `U0AGENT${String(i).padStart(3, '0')}`);
const saturday10 = '2026-11-28T02:00:00Z'; // 10:00 in Shanghai

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ now: saturday10 });
  for (const id of ['U0MGR', 'U0LEAD', ...agents]) app.fake.addUser({ id, name: id, locale: 'en-US' });
  await app.db.insert(people).values([
    { slackId: 'U0MGR', name: 'Manager', teamId: 'phone', role: 'manager' },
    { slackId: 'U0LEAD', name: 'Lead', teamId: 'phone', role: 'lead', reportsTo: 'U0MGR' },
  ]);
  await app.db
    .insert(people)
    .values(
      agents.map((slackId) => ({ slackId, name: slackId, teamId: 'phone', role: 'agent' as const, reportsTo: 'U0LEAD', locale: 'en' })),
    );
  await insertRosterEntries(
    app.db,
    agents.map((personId) => ({ personId, teamId: 'phone', date: '2026-11-24' as LocalDate, shiftCode: 'R' })),
  );
});

afterAll(async () => {
  await app?.stop();
});

const delivered = () => app.fake.calls('chat.postMessage').filter((c) => c.ok);

describe('reminders to many people', () => {
  it('wait out 429s and failures and reach everyone exactly once', async () => {
    app.fake.limitRate(50);
    app.fake.rateLimitNext('chat.postMessage', 1); // at least one 429 however slowly this machine sends
    app.fake.failNext('chat.postMessage', 'internal_error');
    const started = performance.now();
    await app.running.scheduler.tick();
    const seconds = (performance.now() - started) / 1000;
    app.fake.limitRate(undefined);

    const channels = delivered().map((c) => c.args.channel);
    expect(channels.sort()).toEqual([...agents].sort());
    expect(app.fake.calls('chat.postMessage').some((c) => c.status === 429)).toBe(true);
    expect(seconds).toBeGreaterThanOrEqual(1); // 120 at 50 a second (a burst of 50 allowed) cannot go faster
    const notices = await app.db.select().from(reportNotices);
    expect(notices).toHaveLength(agents.length);
    expect(notices.every((n) => n.sentAt !== null)).toBe(true);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('three app copies on one PostgreSQL (needs TEST_DATABASE_URL)', () => {
  let copies: RunningApp[] = [];

  beforeAll(async () => {
    const logger = pino({ level: 'silent' });
    copies = await Promise.all(
      [1, 2].map(() =>
        startShiftdesk({
          config: { slack: { mode: 'http', botToken, signingSecret, apiUrl: `${app.fake.url}/api/` }, port: 0, database: app.target },
          policy: app.policy,
          clock: new FakeClock(saturday10),
          logger,
          clientOptions: { retryConfig: { retries: 0 } },
          runScheduler: false,
        }),
      ),
    );
  });

  afterAll(async () => {
    await Promise.all(copies.map((copy) => copy.stop()));
  });

  it('send the 16:00 reminder and the digest once, whether they tick in the same minute or in different ones', async () => {
    app.fake.clearCalls();
    const all = [app.running, ...copies];
    // the same minute: the scheduler's claim on the minute decides
    await Promise.all(all.map((copy) => copy.scheduler.tick(new Date('2026-11-28T08:00:00Z'))));
    // three different minutes at once: the claim on the team's week decides
    await Promise.all(all.map((copy, i) => copy.scheduler.tick(new Date(Date.parse('2026-11-28T08:01:00Z') + i * 60_000))));
    const reminders = delivered().map((c) => String(c.args.channel));
    expect(reminders).toHaveLength(agents.length);
    expect(new Set(reminders).size).toBe(agents.length);

    app.fake.clearCalls();
    await Promise.all(all.map((copy, i) => copy.scheduler.tick(new Date(Date.parse('2026-11-28T09:00:00Z') + i * 60_000))));
    await Promise.all(all.map((copy) => copy.scheduler.tick(new Date('2026-11-28T09:05:00Z'))));
    const digests = delivered().map((c) => String(c.args.channel));
    expect(digests.sort()).toEqual(['U0LEAD', 'U0MGR']);
  });
});

describe('after downtime', () => {
  it('runs on start-up what is due while its period is open, the latest reminder only, and never twice', async () => {
    await insertRosterEntries(
      app.db,
      agents.map((personId) => ({ personId, teamId: 'phone', date: '2026-12-01' as LocalDate, shiftCode: 'R' })),
    );
    app.fake.clearCalls();
    // down from Friday until Saturday 16:30: the 10:00 reminder is not sent late, the 16:00 one is
    await app.running.scheduler.tick(new Date('2026-12-05T08:30:00Z'));
    expect(delivered()).toHaveLength(agents.length);
    expect(String(delivered()[0]?.args.text)).toContain('is due Sat 5 Dec 17:00');

    // down again over the deadline: the digest goes out when the app is back, the same evening
    app.fake.clearCalls();
    await app.running.scheduler.tick(new Date('2026-12-05T10:20:00Z'));
    await app.running.scheduler.tick(new Date('2026-12-05T10:21:00Z'));
    expect(
      delivered()
        .map((c) => c.args.channel)
        .sort(),
    ).toEqual(['U0LEAD', 'U0MGR']);
    // two misses in a row: the week before, whose end the app slept through, had its misses recorded on start-up
    expect(JSON.stringify(delivered().find((c) => c.args.channel === 'U0LEAD')?.args.blocks)).toContain(
      'missed 2 week(s) in all, 2 in a row',
    );

    // a start-up after the week has ended sends nothing more for it
    app.fake.clearCalls();
    await app.running.scheduler.tick(new Date('2026-12-06T16:30:00Z'));
    expect(delivered()).toEqual([]);
  });
});
