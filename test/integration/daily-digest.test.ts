import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dailyDigestNotices,
  handoverMisses,
  handovers,
  leaveApprovalSteps,
  leaveCoveredShifts,
  leaveRequests,
  swapRequests,
} from '../../src/db/schema.js';
import { parsePolicy } from '../../src/policy/policy-file.js';
import { startShiftdesk, type RunningApp } from '../../src/start.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { FakeClock } from '../harness/fake-clock.js';
import { botToken, repoRoot, signingSecret, startTestApp, type TestApp } from '../harness/test-app.js';
import type { LocalDate } from '../../src/policy/time.js';

// After-sales works in London; the online team has its digest turned off.
const policy = parsePolicy(
  readFileSync(path.join(repoRoot, 'policy.yml'), 'utf8')
    .replace(
      'shifts: [C]\n    min_staffing: { C: 1 }\n  complaints:',
      'timezone: Europe/London\n    shifts: [C]\n    min_staffing: { C: 1 }\n  complaints:',
    )
    .replace('min_staffing: { E: 2, L: 2 }', 'min_staffing: { E: 2, L: 2 }\n    overrides: { digest: { enabled: false } }'),
);

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-12-01T23:00:00Z', policy, dailyDigest: true });
  for (const [id, locale] of [
    ['U0LEAD', 'zh-CN'],
    ['U0OLEAD', 'en-US'],
    ['U0ALEAD', 'en-US'],
    ['U0A1', 'en-US'],
    ['U0A2', 'en-US'],
    ['U0A3', 'en-US'],
    ['U0S1', 'en-US'],
  ] as const)
    app.fake.addUser({ id, name: id, locale });
  await insertPeople(app.db, [
    aPerson({ slackId: 'U0LEAD', name: '张伟', role: 'lead' }),
    aPerson({ slackId: 'U0OLEAD', name: 'Liu Yang', role: 'lead', teamId: 'online' }),
    aPerson({ slackId: 'U0ALEAD', name: 'Ann Lead', role: 'lead', teamId: 'after_sales' }),
    aPerson({ slackId: 'U0A1', name: 'Amy', reportsTo: 'U0LEAD' }),
    aPerson({ slackId: 'U0A2', name: 'Bo', reportsTo: 'U0LEAD' }),
    aPerson({ slackId: 'U0A3', name: 'Cy', reportsTo: 'U0LEAD' }),
    aPerson({ slackId: 'U0S1', name: 'Sam', teamId: 'after_sales', reportsTo: 'U0ALEAD' }),
  ]);
  await insertShifts(app.db, [
    // Wed 2 Dec: R two of two, one of them off on approved leave; W one of two
    { personId: 'U0A1', date: '2026-12-02', shiftCode: 'R', status: 'on_leave' },
    { personId: 'U0A2', date: '2026-12-02', shiftCode: 'R' },
    { personId: 'U0A3', date: '2026-12-02', shiftCode: 'W' },
    // Thu 3 Dec: R two of two
    { personId: 'U0A2', date: '2026-12-03', shiftCode: 'R' },
    { personId: 'U0A3', date: '2026-12-03', shiftCode: 'R' },
    // a day beyond tomorrow: not in the digest
    { personId: 'U0A2', date: '2026-12-05', shiftCode: 'W' },
    { personId: 'U0S1', date: '2026-12-02', shiftCode: 'C', teamId: 'after_sales' },
  ]);
  const leave = (key: string, personId: string, status: 'approved' | 'pending', day: string) => ({
    submissionKey: key,
    personId,
    teamId: 'phone',
    type: 'sick',
    firstDay: day as LocalDate,
    lastDay: day as LocalDate,
    reason: 'a private reason',
    status,
    calendarDays: 1,
    leaveDays: 1,
    hours: 11,
    noticeMinutes: 60,
    lateNotice: false,
    proof: 'owed' as const,
  });
  const [approved, pending] = await app.db
    .insert(leaveRequests)
    .values([leave('l1', 'U0A1', 'approved', '2026-12-02'), leave('l2', 'U0A2', 'pending', '2026-12-03')])
    .returning();
  await app.db.insert(leaveCoveredShifts).values([
    { requestId: approved?.id ?? 0, date: '2026-12-02' as LocalDate, shiftCode: 'R' },
    { requestId: pending?.id ?? 0, date: '2026-12-03' as LocalDate, shiftCode: 'R' },
  ]);
  await app.db.insert(leaveApprovalSteps).values([
    { requestId: approved?.id ?? 0, position: 0, role: 'lead', approverId: 'U0LEAD', status: 'approved' },
    {
      requestId: pending?.id ?? 0,
      position: 0,
      role: 'lead',
      approverId: 'U0LEAD',
      status: 'pending',
      pendingSince: new Date('2026-12-01T20:00:00Z'),
    },
  ]);
  await app.db.insert(swapRequests).values({
    submissionKey: 's1',
    teamId: 'phone',
    requesterId: 'U0A3',
    colleagueId: 'U0A2',
    giveDate: '2026-12-04' as LocalDate,
    giveShift: 'W',
    status: 'pending_lead',
    leadId: 'U0LEAD',
    deadline: new Date('2026-12-03T12:30:00Z'),
  });
  // not leave: a handover the incoming shift refused, and one the month's record counts as missed
  const content = {
    equipmentOk: true,
    equipmentIssue: '',
    staffing: '',
    process: '',
    instructions: '',
    feedback: '',
    notes: '',
    openCaseIds: [],
  };
  await app.db.insert(handovers).values({
    teamId: 'phone',
    shiftDate: '2026-12-01' as LocalDate,
    shiftCode: 'R',
    nextDate: '2026-12-01' as LocalDate,
    nextShiftCode: 'W',
    authorId: 'U0A3',
    status: 'refused',
    lastRefusedBy: 'U0A2',
    lastRefusalReason: 'record_unclear',
    content,
    takeOverDueAt: new Date('2026-12-01T12:45:00Z'),
  });
  await app.db.insert(handoverMisses).values({
    teamId: 'phone',
    shiftDate: '2026-12-01' as LocalDate,
    shiftCode: 'C',
    personId: 'U0A2',
    recordedAt: new Date('2026-12-01T10:00:00Z'),
  });
});

afterAll(async () => {
  await app?.stop();
});

async function tickAt(instant: string, copy: RunningApp = app.running) {
  app.clock.set(instant);
  await copy.scheduler.tick(new Date(instant));
}

/** The digests sent (other jobs tell of expired swaps and missed handovers on the way). */
const digests = () =>
  app.fake.calls('chat.postMessage').filter((c) => c.ok && /今明两天的缺勤与排班|Who's off today and tomorrow/.test(String(c.args.text)));
const textOf = (call: { args: Record<string, unknown> }) =>
  (call.args.blocks as { text?: { text: string } }[]).map((b) => b.text?.text ?? '').join('\n');

describe('the daily who’s-off digest', () => {
  it('waits for digest.time in the team’s zone', async () => {
    app.fake.clearCalls();
    // 07:59 in Shanghai, but 23:59 on Tuesday in London: past that day's time there
    await tickAt('2026-12-01T23:59:00Z');
    expect(digests().map((c) => c.args.channel)).toEqual(['U0ALEAD']);
    expect(textOf(digests()[0] as never)).toContain("Who's off — After-sales team, Tue 1 Dec");
  });

  it('gives the lead, in their language, today’s and tomorrow’s coverage, who is off, shifts below minimum and what waits for them', async () => {
    app.fake.clearCalls();
    await tickAt('2026-12-02T00:00:00Z');
    expect(digests().map((c) => c.args.channel)).toEqual(['U0LEAD']);
    const [dm] = digests();
    if (!dm) throw new Error('no digest');
    expect(dm.args.text).toBe('今明两天的缺勤与排班 — 电话团队');
    const text = textOf(dm);
    expect(text).toContain('今日缺勤 — 电话团队,12月2日 周三');
    expect(text).toContain('*12月2日 周三*  R *1/2* :warning: · C *0/1* :warning: · W *1/2* :warning:');
    expect(text).toContain('缺勤:Amy(R)');
    expect(text).toContain('*12月3日 周四*  R 2/2');
    expect(text).toContain(':hourglass: Bo 待批的请假(R)获批后只剩 1/2');
    expect(text).not.toContain('12月5日');
    // the night shift that started yesterday runs until 08:30, with nobody on it
    expect(text).toContain('*12月1日 周二*  W *0/2* :warning:');
    expect(text).toContain(
      '*低于最低人数* :12月1日 周二 W 0/2、12月2日 周三 R 1/2、12月2日 周三 C 0/1、12月2日 周三 W 1/2、12月3日 周四 C 0/1',
    );
    // what waits is the Home inbox's items, most urgent first, each by its feature's deadline
    expect(text).toContain(
      [
        '*等你处理* (4)',
        '• Bo 的请假:12月3日 周四 – 12月3日 周四 · 截止 12月2日 周三 12:00',
        '• Cy 申请的换班:12月4日 周五 W · 截止 12月3日 周四 20:30',
        '• Cy 的 12月1日 周二 R 交接被拒收',
        '• 2026年12月 漏交接:Bo(1 次)',
      ].join('\n'),
    );
    expect(JSON.stringify(dm.args)).not.toContain('private reason');
    expect(JSON.stringify(dm.args)).not.toContain('病假');
  });

  it('goes once a day, leaves out a team that turned it off, and reaches another zone at its own time', async () => {
    app.fake.clearCalls();
    await tickAt('2026-12-02T00:01:00Z');
    await tickAt('2026-12-02T07:59:00Z');
    expect(digests()).toEqual([]);
    // 08:00 in London
    await tickAt('2026-12-02T08:00:00Z');
    expect(digests().map((c) => c.args.channel)).toEqual(['U0ALEAD']);
    expect(textOf(digests()[0] as never)).toContain("Who's off — After-sales team, Wed 2 Dec");
    await tickAt('2026-12-02T15:00:00Z');
    expect(digests().map((c) => c.args.channel)).toEqual(['U0ALEAD']);
    expect(digests().some((c) => c.args.channel === 'U0OLEAD')).toBe(false);
  });

  it('is tried again the next minute when Slack did not take it, and sent the next day again', async () => {
    app.fake.clearCalls();
    app.fake.failNext('chat.postMessage', 'internal_error');
    await tickAt('2026-12-03T00:00:00Z');
    expect(digests()).toEqual([]);
    await tickAt('2026-12-03T00:01:00Z');
    expect(digests().map((c) => c.args.channel)).toEqual(['U0LEAD']);
    expect(textOf(digests()[0] as never)).toContain('12月3日 周四');
  });

  it('takes over the claim of a copy that died, once the claim is old, and sends nothing twice', async () => {
    await app.db.insert(dailyDigestNotices).values({
      personId: 'U0LEAD',
      day: '2026-12-04' as LocalDate,
      teamId: 'phone',
      claimedBy: 'a-copy-that-died',
      claimedAt: new Date('2026-12-04T00:00:00Z'),
    });
    app.fake.clearCalls();
    await tickAt('2026-12-04T00:02:00Z');
    expect(digests()).toEqual([]);
    await tickAt('2026-12-04T00:06:00Z');
    expect(digests().map((c) => c.args.channel)).toEqual(['U0LEAD']);
    await tickAt('2026-12-04T00:20:00Z');
    expect(digests()).toHaveLength(1);
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
          clock: new FakeClock('2026-12-05T00:00:00Z'),
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

  it('send each lead’s digest once, whether they tick in the same minute or in different ones', async () => {
    const all = [app.running, ...copies];
    app.fake.clearCalls();
    // the same minute: the scheduler's claim on the minute decides
    await Promise.all(all.map((copy) => copy.scheduler.tick(new Date('2026-12-05T00:00:00Z'))));
    // three different minutes at once: the claim on the lead's day decides
    await Promise.all(all.map((copy, i) => copy.scheduler.tick(new Date(Date.parse('2026-12-05T00:01:00Z') + i * 60_000))));
    expect(digests().map((c) => c.args.channel)).toEqual(['U0LEAD']);
    // London's, the same way
    await Promise.all(all.map((copy, i) => copy.scheduler.tick(new Date(Date.parse('2026-12-05T08:00:00Z') + i * 60_000))));
    await Promise.all(all.map((copy) => copy.scheduler.tick(new Date('2026-12-05T08:05:00Z'))));
    expect(
      digests()
        .map((c) => String(c.args.channel))
        .sort(),
    ).toEqual(['U0ALEAD', 'U0LEAD']);
    const notices = await app.db.select().from(dailyDigestNotices);
    expect(notices.filter((n) => n.day === '2026-12-05').every((n) => n.sentAt !== null)).toBe(true);
  });
});
