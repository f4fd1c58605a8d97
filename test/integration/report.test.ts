import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leaveRequests, reportMisses, reportRuns, weeklyReports } from '../../src/db/schema.js';
import { department, englishManager, ids, peopleOf, slackUsersOf } from '../fixtures/department.js';
import { insertPeople, insertShifts } from '../fixtures/org.js';
import { openReportForm, summary } from '../fixtures/report-form.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import type { LocalDate } from '../../src/policy/time.js';
import { textOf } from '../fixtures/blocks-text.js';

const { manager, lead, amy, bob, carol, dave, erin } = ids;
const staff = [
  englishManager,
  department.lead,
  department.amy,
  { ...department.bob, slackLocale: 'zh-CN', locale: 'zh-CN' },
  { ...department.carol, locale: 'en' },
  department.dave, // on leave the whole week
  department.erin, // not rostered this week
];

let app: TestApp;

/** Shanghai local time of the week 23–29 November 2026, as an instant. */
const local = (text: string) => new Date(`${text}+08:00`);

beforeAll(async () => {
  app = await startTestApp({
    now: local('2026-11-25T10:00').toISOString(),
    users: slackUsersOf(staff),
  });
  await insertPeople(app.db, peopleOf(staff));
  await insertShifts(app.db, [
    ...['2026-11-23', '2026-11-24'].flatMap((date) => [amy, bob, carol].map((personId) => ({ personId, date, shiftCode: 'R' }))),
    { personId: dave, date: '2026-11-24', shiftCode: 'R', status: 'on_leave' },
    { personId: erin, date: '2026-11-16', shiftCode: 'R' },
  ]);
  await app.db.insert(leaveRequests).values({
    submissionKey: 'fixture-dave',
    personId: dave,
    teamId: 'phone',
    type: 'annual',
    firstDay: '2026-11-21' as LocalDate,
    lastDay: '2026-11-30' as LocalDate,
    reason: 'holiday',
    status: 'approved',
    calendarDays: 10,
    leaveDays: 1,
    hours: 11,
    noticeMinutes: 20_000,
    lateNotice: false,
    proof: 'not_needed',
  });
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled(); // what an earlier test set going is over before its calls are forgotten
  app.fake.clearCalls();
});

const openForm = (userId: string) => openReportForm(app, userId);

const tickAt = async (text: string) => {
  app.clock.set(local(text));
  await app.running.scheduler.tick();
};

const dmsTo = (userId: string) => app.fake.calls('chat.postMessage').filter((c) => c.ok && c.args.channel === userId);

describe('/report', () => {
  it('opens a form pre-filled with the week, refuses a short summary by how much, and sends the lead a copy', async () => {
    const form = await openForm(amy);
    const text = JSON.stringify(form.view);
    expect(text).toContain('Week of Mon 23 Nov – Sun 29 Nov');
    expect(text).toContain('At least 200 characters');
    expect(text).toContain('Shifts worked: Mon 23 Nov R, Tue 24 Nov R');

    const prefilled = 'Shifts worked: Mon 23 Nov R, Tue 24 Nov R\n';
    const short = await app.slack.viewSubmission({
      userId: amy,
      viewId: form.id,
      values: summary(`${prefilled}接听来电八十通`, '加快处理速度'),
    });
    expect(short.body).toEqual({
      response_action: 'errors',
      errors: { 'report.improve': '187 more characters needed: 13 of 200 so far, both fields together.' },
    });
    expect(await app.db.select().from(weeklyReports)).toEqual([]);

    const done = `${prefilled}${'Handled eighty calls and closed twelve complaints. '.repeat(3)}`;
    const ok = await app.slack.viewSubmission({
      userId: amy,
      viewId: form.id,
      values: summary(done, 'Answer faster on the night shift; write clearer notes 🙂'),
    });
    expect(ok.body).toBe('');
    const copy = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === lead);
    expect(copy.args.text).toBe("Amy's weekly summary, week of Mon 23 Nov – Sun 29 Nov");
    expect(textOf(copy.args.blocks)).toContain('closed twelve complaints');
    await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === amy && String(c.args.text).includes('You can change it with /report until Sat 28 Nov 17:00'),
    );
    const [stored] = await app.db.select().from(weeklyReports).where(eq(weeklyReports.personId, amy));
    expect(stored).toMatchObject({ weekStart: '2026-11-23', late: false });

    // the same submission again changes nothing and tells nobody twice
    app.fake.clearCalls();
    await app.slack.viewSubmission({
      userId: amy,
      viewId: form.id,
      values: summary(done, 'Answer faster on the night shift; write clearer notes 🙂'),
    });
    await app.running.settled(); // the second delivery's work after its ack
    expect(app.fake.calls('chat.postMessage')).toEqual([]);

    // before the deadline it can be edited; the form shows what was written
    const again = await openForm(amy);
    expect(textOf(again.view)).toContain('you can change it until Sat 28 Nov 17:00');
    await app.slack.viewSubmission({
      userId: amy,
      viewId: again.id,
      values: summary(done, 'Answer faster on the night shift, and write clearer notes.'),
    });
    await app.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === lead && String(c.args.text).includes('Amy updated the weekly summary'),
    );
    expect(await app.db.select().from(weeklyReports)).toHaveLength(1);
  });

  it('reminds only those who owe a report and have not sent it, once per reminder, in their language', async () => {
    await tickAt('2026-11-28T09:59');
    expect(dmsTo(bob)).toEqual([]);

    await tickAt('2026-11-28T10:00');
    const reminded = app.fake
      .calls('chat.postMessage')
      .map((c) => c.args.channel)
      .sort();
    expect(reminded).toEqual([bob, carol]);
    expect(dmsTo(bob)[0]?.args.text).toContain('工作总结将于 11月28日 周六 17:00 截止');
    expect(dmsTo(carol)[0]?.args.text).toContain('is due Sat 28 Nov 17:00');

    await tickAt('2026-11-28T10:01');
    await tickAt('2026-11-28T12:00');
    expect(app.fake.calls('chat.postMessage')).toHaveLength(2);

    // the button opens the form directly
    const button = dmsTo(carol)[0];
    const posted = app.fake.messages(app.fake.dmChannel(carol)).at(-1) ?? app.fake.messages(carol).at(-1);
    await app.slack.blockAction({
      userId: carol,
      actionId: 'report.open',
      value: '2026-11-23',
      message: { channel: posted?.channel as string, ts: posted?.ts as string },
    });
    const opened = await app.fake.waitForCall('views.open', (c) => c.ok);
    expect(JSON.stringify(opened.args.view)).toContain('report.write');
    expect(button).toBeDefined();

    app.fake.clearCalls();
    await tickAt('2026-11-28T16:00');
    expect(
      app.fake
        .calls('chat.postMessage')
        .map((c) => c.args.channel)
        .sort(),
    ).toEqual([bob, carol]);
  });

  it('records the misses at the deadline and sends each lead one digest, and the manager a roll-up', async () => {
    await tickAt('2026-11-28T17:00');
    const digest = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === lead);
    expect(digest.args.text).toBe(
      'Weekly summaries, Phone team, week of Mon 23 Nov – Sun 29 Nov: 1 on time · 0 late · 2 missing, of 3 due',
    );
    const lines = JSON.stringify(digest.args.blocks);
    expect(lines).toContain('Bob: missing · missed 1 week(s) in all, 1 in a row · policy for this miss: 50 yuan deducted');
    expect(lines).toContain('Amy: submitted · missed 0 week(s) in all, 0 in a row');
    expect(lines).not.toContain('Dave');
    expect(lines).not.toContain('Erin');
    const rollup = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === manager);
    expect(textOf(rollup.args.blocks)).toContain('Phone team: 1 on time · 0 late · 2 missing, of 3 due');
    expect((await app.db.select().from(reportMisses)).map((m) => m.personId).sort()).toEqual([bob, carol]);

    await tickAt('2026-11-28T17:01');
    await tickAt('2026-11-29T09:00');
    expect(dmsTo(lead)).toHaveLength(1);
    expect(dmsTo(manager)).toHaveLength(1);
    const runs = await app.db.select().from(reportRuns);
    expect(runs.filter((r) => r.kind === 'digest' && r.scope === 'phone')).toHaveLength(1);
  });

  it('takes a report after the deadline, marked late, and no longer changes one sent on time', async () => {
    app.clock.set(local('2026-11-28T17:30'));
    const form = await openForm(bob);
    expect(textOf(form.view)).toContain('本次提交将标记为 *迟交*');
    const done = '本周共值长白班两天,接听客户来电一百二十通,处理投诉十五件,其中十二件当日办结,三件转交二线跟进。'.repeat(4);
    await app.slack.viewSubmission({
      userId: bob,
      viewId: form.id,
      values: summary(done, '下周要提高一次解决率,认真填写交接班记录,按时提交周报。'),
    });
    const copy = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === lead);
    expect(copy.args.text).toBe("Bob's weekly summary, week of Mon 23 Nov – Sun 29 Nov — *late*");
    const [stored] = await app.db.select().from(weeklyReports).where(eq(weeklyReports.personId, bob));
    expect(stored?.late).toBe(true);

    const amyForm = await openForm(amy);
    const refused = await app.slack.viewSubmission({
      userId: amy,
      viewId: amyForm.id,
      values: summary('x'.repeat(300), 'changed after the deadline'),
    });
    expect((refused.body as { errors: Record<string, string> }).errors['report.done']).toContain('can no longer be changed');
  });
});
