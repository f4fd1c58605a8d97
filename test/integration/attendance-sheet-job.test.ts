import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceSheetSends, people } from '../../src/db/schema.js';
import { startShiftdesk, type RunningApp } from '../../src/start.js';
import { importClockIns } from '../../src/use-cases/clock-ins.js';
import { importOrg, importRoster } from '../../src/use-cases/org.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FakeClock } from '../harness/fake-clock.js';
import { botToken, repoRoot, shippedPolicy, signingSecret, startTestApp, withoutDailyDigest, type TestApp } from '../harness/test-app.js';

// The examples' December, whose sheet is due on 3 January 2027 at 09:00 in Shanghai (01:00 UTC).
const policy = withoutDailyDigest(shippedPolicy());
const example = (name: string) => readFile(path.join(repoRoot, 'examples', name), 'utf8');
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ now: '2027-01-03T00:00:00Z', policy, hrSheet: true });
  expect(await importOrg(app.db, policy, await example('org.csv'))).toMatchObject({ ok: true });
  expect(await importRoster(app.db, policy, await example('roster.csv'))).toMatchObject({ ok: true });
  expect(await importClockIns(app.db, policy, await example('clock.csv'))).toMatchObject({ ok: true });
  for (const [id, locale] of [
    ['U0HR00001', 'zh-CN'],
    ['U0MGR0001', 'en-US'],
  ] as const)
    app.fake.addUser({ id, name: id, locale });
});
afterAll(async () => {
  await app?.stop();
});

const uploads = () => app.fake.calls('files.completeUploadExternal').filter((c) => c.ok);
const sheetOf = (call: ReturnType<typeof uploads>[number]) => {
  const files = call.args.files;
  const [file] = (typeof files === 'string' ? JSON.parse(files) : files) as { id: string }[];
  const stored = app.fake.file(file?.id ?? '');
  return { name: stored?.name, text: stored?.content.toString('utf8') ?? '' };
};

describe('the monthly attendance sheet to HR', () => {
  it('waits for attendance.hr_sheet_time on attendance.hr_sheet_due_day', async () => {
    await app.running.scheduler.tick(at('2027-01-02T23:00:00'));
    await app.running.scheduler.tick(at('2027-01-03T08:59:00'));
    expect(uploads()).toEqual([]);
  });

  it('sends HR last month’s sheet as a file in a DM, once, then tells the manager it went', async () => {
    await app.running.scheduler.tick(at('2027-01-03T09:00:00'));
    await app.running.scheduler.tick(at('2027-01-03T09:01:00'));
    await app.running.scheduler.tick(at('2027-01-05T10:00:00'));
    const sent = uploads();
    expect(sent.map((c) => c.args.channel_id)).toEqual([app.fake.dmChannel('U0HR00001')]);
    const sheet = sheetOf(sent[0] as (typeof sent)[number]);
    expect(sheet.name).toBe('attendance-2026-12.csv');
    expect(sheet.text.startsWith('\uFEFFSlack ID,姓名,团队,出勤班次')).toBe(true);
    expect((parse(sheet.text.slice(1), { columns: true }) as unknown[]).length).toBe(22);
    const hrDm = app.fake.messages(app.fake.dmChannel('U0HR00001')).map((m) => m.text ?? '');
    expect(hrDm.some((text) => text.startsWith('2026-12 考勤表'))).toBe(true);
    const managerDm = app.fake
      .messages(app.fake.dmChannel('U0MGR0001'))
      .map((m) => m.text)
      .filter((text) => text?.includes('attendance sheet'));
    expect(managerDm).toEqual(['The attendance sheet for 2026-12 went to Chen Jing by direct message.']);
  });

  it('is tried again the next minute when Slack refused the upload', async () => {
    await app.db.delete(attendanceSheetSends);
    app.fake.clearCalls();
    app.fake.failNext('files.completeUploadExternal', 'channel_not_found');
    await app.running.scheduler.tick(at('2027-01-06T09:00:00'));
    expect(uploads()).toEqual([]);
    await app.running.scheduler.tick(at('2027-01-06T09:01:00'));
    expect(uploads().map((c) => c.args.channel_id)).toEqual([app.fake.dmChannel('U0HR00001')]);
  });

  it('goes to the managers when nobody has role hr', async () => {
    await app.db.delete(attendanceSheetSends);
    await app.db.update(people).set({ active: false }).where(eq(people.slackId, 'U0HR00001'));
    app.fake.clearCalls();
    await app.running.scheduler.tick(at('2027-01-07T09:00:00'));
    expect(uploads().map((c) => c.args.channel_id)).toEqual([app.fake.dmChannel('U0MGR0001')]);
    await app.db.update(people).set({ active: true }).where(eq(people.slackId, 'U0HR00001'));
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
          policy,
          clock: new FakeClock('2027-02-03T01:00:00Z'),
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

  it('send the file to HR once, whether they tick in the same minute or in different ones', async () => {
    const all = [app.running, ...copies];
    app.fake.clearCalls();
    await Promise.all(all.map((copy) => copy.scheduler.tick(at('2027-02-03T09:00:00'))));
    await Promise.all(all.map((copy, i) => copy.scheduler.tick(new Date(at('2027-02-03T09:01:00').getTime() + i * 60_000))));
    expect(uploads().map((c) => c.args.channel_id)).toEqual([app.fake.dmChannel('U0HR00001')]);
    expect(sheetOf(uploads()[0] as ReturnType<typeof uploads>[number]).name).toBe('attendance-2027-01.csv');
    expect(app.fake.messages(app.fake.dmChannel('U0MGR0001')).filter((m) => m.text?.includes('2027-01'))).toHaveLength(1);
  });
});
