import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarTokens, leaveRequests } from '../../src/db/schema.js';
import { issueCalendarToken, revokeCalendarTokens } from '../../src/use-cases/calendar.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import type { RecordedCall } from '../harness/fake-slack/index.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { option } from '../fixtures/view-state.js';
import type { LocalDate } from '../../src/policy/time.js';

/**
 * GET /calendar/<team>.ics: the team's approved leave as an iCalendar feed, built by the app with one
 * library and read back here with another (ical.js), the way a calendar app would.
 */
const lead = 'U0CLEAD';
const zhang = 'U0CZHANG';
const amy = 'U0CAMY';
const li = 'U0CLI';
const bob = 'U0CBOB'; // of the online team

const reasons = ['发烧咳嗽,医生让休息', 'a migraine, doctor says rest', 'stomach flu'];

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T02:00:00Z', // 10:00 on Tuesday 1 December in Shanghai
    users: [
      { id: lead, name: 'lead', locale: 'en-US' },
      { id: zhang, name: 'zhang', locale: 'zh-CN' },
      { id: amy, name: 'amy', locale: 'en-US' },
      { id: li, name: 'li', locale: 'zh-CN' },
      { id: bob, name: 'bob', locale: 'en-US' },
    ],
  });
  await insertPeople(app.db, [
    aPerson({ slackId: lead, name: 'Lead Sun', role: 'lead' }),
    aPerson({ slackId: zhang, name: 'Zhang Wei', reportsTo: lead }),
    aPerson({ slackId: amy, name: 'Amy, Jr.', reportsTo: lead }),
    aPerson({ slackId: li, name: '李雷', reportsTo: lead }),
    aPerson({ slackId: bob, name: 'Bob Online', teamId: 'online' }),
  ]);
  await insertShifts(app.db, [
    { personId: zhang, date: '2026-12-02', shiftCode: 'W' },
    { personId: zhang, date: '2026-12-03', shiftCode: 'W' },
    { personId: amy, date: '2026-12-03', shiftCode: 'R' },
    { personId: li, date: '2026-12-04', shiftCode: 'R' },
  ]);
});

afterAll(async () => {
  await app?.stop();
});

const leaveForm = (p: { first: string; last: string; reason: string }): ViewStateValues => ({
  'leave.type': { value: option('sick') },
  'leave.first_day': { 'leave.date_picked': { type: 'datepicker', selected_date: p.first } },
  'leave.last_day': { 'leave.date_picked': { type: 'datepicker', selected_date: p.last } },
  'leave.reason': { value: { type: 'plain_text_input', value: p.reason } },
  'leave.proof': { value: { type: 'file_input', files: [] } },
  'leave.proof_later': { value: { type: 'checkboxes', selected_options: [{ value: 'later' }] } },
});

/** Files sick leave as the person, through the form; its id and the card the lead got. */
async function fileLeave(userId: string, p: { first: string; last: string; reason: string }): Promise<{ id: number; card: RecordedCall }> {
  app.fake.clearCalls();
  await app.slack.slashCommand({ command: '/leave', text: '', userId });
  await app.fake.waitForCall('views.open', (c) => c.ok && (c.args.view as { callback_id?: string }).callback_id === 'leave.request');
  const viewId = app.fake.topView(userId)?.id as string;
  expect((await app.slack.viewSubmission({ userId, viewId, values: leaveForm(p) })).body).toBe('');
  const card = await app.fake.waitForCall(
    'chat.postMessage',
    (c) => c.args.channel === lead && JSON.stringify(c.args.blocks ?? []).includes('"leave.approve"'),
  );
  await app.running.settled();
  const [request] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.personId, userId));
  return { id: request?.id as number, card };
}

async function approve(leave: { id: number; card: RecordedCall }): Promise<void> {
  const posted = app.fake
    .messages()
    .find((m) => m.channel === app.fake.dmChannel(lead) && JSON.stringify(m.blocks) === JSON.stringify(leave.card.args.blocks));
  const step = (leave.card.args.blocks as { elements?: { action_id?: string; value?: string }[] }[])
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === 'leave.approve')?.value as string;
  await app.slack.blockAction({
    userId: lead,
    actionId: 'leave.approve',
    value: step,
    blockId: 'leave.decision',
    message: { channel: posted?.channel as string, ts: posted?.ts as string },
  });
  await app.running.settled();
  const [request] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.id, leave.id));
  expect(request?.status).toBe('approved');
}

const feedUrl = (team: string, token?: string) =>
  `${app.baseUrl}/calendar/${team}.ics${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;

interface ParsedEvent {
  readonly uid: string;
  readonly summary: string;
  readonly start: string;
  readonly end: string;
  readonly allDay: boolean;
}

async function readFeed(team: string, token: string): Promise<{ text: string; name: unknown; events: ParsedEvent[] }> {
  const response = await fetch(feedUrl(team, token));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  const text = await response.text();
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate && event.endDate.isDate,
    };
  });
  return { text, name: calendar.getFirstPropertyValue('x-wr-calname'), events };
}

/** Every leave type's name in both languages, the reasons given and the type codes. */
const secrets = () => [
  ...Object.entries(app.policy.rules.leave.types).flatMap(([code, type]) => [code, type.label['zh-CN'], type.label.en]),
  ...reasons,
];
const leaks = (text: string) => secrets().filter((secret) => text.toLowerCase().includes(secret.toLowerCase()));

let phoneToken: string;
let zhangLeave: number;
let amyLeave: number;

describe('the team leave calendar', () => {
  it('lists approved leave as all-day events "Name — absent" over its days, in the team language, and nothing of why', async () => {
    const issued = await issueCalendarToken(app.running.deps, 'phone');
    if (issued.kind !== 'issued') throw new Error('phone is a team');
    phoneToken = issued.token;

    const zhangFiled = await fileLeave(zhang, { first: '2026-12-02', last: '2026-12-03', reason: reasons[0] as string });
    const amyFiled = await fileLeave(amy, { first: '2026-12-03', last: '2026-12-03', reason: reasons[1] as string });
    await fileLeave(li, { first: '2026-12-04', last: '2026-12-04', reason: reasons[2] as string }); // left waiting
    expect((await readFeed('phone', phoneToken)).events).toEqual([]);

    await approve(zhangFiled);
    await approve(amyFiled);
    zhangLeave = zhangFiled.id;
    amyLeave = amyFiled.id;
    const feed = await readFeed('phone', phoneToken);
    // the phone team names no locale: the policy's default_locale, zh-CN
    expect(feed.name).toBe('电话团队缺勤日历');
    expect(feed.events).toEqual([
      { uid: `leave-${zhangLeave}@shiftdesk`, summary: 'Zhang Wei — 缺勤', start: '2026-12-02', end: '2026-12-04', allDay: true },
      { uid: `leave-${amyLeave}@shiftdesk`, summary: 'Amy, Jr. — 缺勤', start: '2026-12-03', end: '2026-12-04', allDay: true },
    ]);
    expect(feed.text).toContain('TRANSP:TRANSPARENT');
    expect(leaks(feed.text)).toEqual([]);
    // fetched again, the same events with the same UIDs: calendar apps update them in place
    expect((await readFeed('phone', phoneToken)).events).toEqual(feed.events);
  });

  it('leaves out the leave of other teams and leave that ended before the window', async () => {
    const base = {
      type: 'annual',
      reason: 'a trip',
      status: 'approved' as const,
      calendarDays: 1,
      leaveDays: 1,
      hours: 8,
      noticeMinutes: 10_000,
      lateNotice: false,
      proof: 'not_needed' as const,
      decidedAt: new Date('2026-10-01T00:00:00Z'),
    };
    await app.db.insert(leaveRequests).values([
      {
        ...base,
        submissionKey: 'calendar-online',
        personId: bob,
        teamId: 'online',
        firstDay: '2026-12-03' as LocalDate,
        lastDay: '2026-12-03' as LocalDate,
      },
      // the window starts calendar.days_back (31) days before 1 December
      {
        ...base,
        submissionKey: 'calendar-old',
        personId: li,
        teamId: 'phone',
        firstDay: '2026-10-30' as LocalDate,
        lastDay: '2026-10-30' as LocalDate,
      },
      {
        ...base,
        submissionKey: 'calendar-edge',
        personId: li,
        teamId: 'phone',
        firstDay: '2026-10-31' as LocalDate,
        lastDay: '2026-10-31' as LocalDate,
      },
    ]);
    const [edge] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.submissionKey, 'calendar-edge'));
    const feed = await readFeed('phone', phoneToken);
    expect(feed.events.map((e) => e.uid)).toEqual([
      `leave-${edge?.id}@shiftdesk`,
      `leave-${zhangLeave}@shiftdesk`,
      `leave-${amyLeave}@shiftdesk`,
    ]);
    expect(feed.text).not.toContain('Bob Online');

    // 00:30 on 2 December in Shanghai (still 1 December in UTC): the window now starts on 1 November there
    app.clock.set('2026-12-01T16:30:00Z');
    expect((await readFeed('phone', phoneToken)).events.map((e) => e.uid)).toEqual([
      `leave-${zhangLeave}@shiftdesk`,
      `leave-${amyLeave}@shiftdesk`,
    ]);

    const online = await issueCalendarToken(app.running.deps, 'online');
    if (online.kind !== 'issued') throw new Error('online is a team');
    const onlineFeed = await readFeed('online', online.token);
    expect(onlineFeed.events.map((e) => e.summary)).toEqual(['Bob Online — 缺勤']);
  });

  it('drops withdrawn leave at the next fetch', async () => {
    await app.slack.blockAction({
      userId: zhang,
      actionId: 'leave.withdraw',
      value: String(zhangLeave),
      blockId: 'list',
      message: { channel: app.fake.dmChannel(zhang), ts: '1764547200.000001' },
    });
    await app.running.settled();
    const [after] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.id, zhangLeave));
    expect(after?.status).toBe('cancelled');
    const feed = await readFeed('phone', phoneToken);
    expect(feed.events.map((e) => e.uid)).not.toContain(`leave-${zhangLeave}@shiftdesk`);
    expect(feed.events.map((e) => e.uid)).toContain(`leave-${amyLeave}@shiftdesk`);
    expect(feed.text).not.toContain('Zhang Wei');
  });

  it('answers a missing, wrong, other team’s or revoked token, and an unknown team, with the bare 404 of an unknown address', async () => {
    const unknownAddress = await fetch(`${app.baseUrl}/no-such-page`);
    const notFound = async (url: string) => {
      const response = await fetch(url);
      return { status: response.status, body: await response.text(), type: response.headers.get('content-type') };
    };
    const expected = { status: 404, body: await unknownAddress.text(), type: unknownAddress.headers.get('content-type') };
    expect(expected.status).toBe(404);

    const online = await issueCalendarToken(app.running.deps, 'online');
    if (online.kind !== 'issued') throw new Error('online is a team');
    expect(await notFound(feedUrl('phone'))).toEqual(expected);
    expect(await notFound(feedUrl('phone', ''))).toEqual(expected);
    expect(await notFound(feedUrl('phone', `${phoneToken.slice(0, -1)}${phoneToken.endsWith('A') ? 'B' : 'A'}`))).toEqual(expected);
    expect(await notFound(feedUrl('phone', online.token))).toEqual(expected);
    expect(await notFound(feedUrl('sales', phoneToken))).toEqual(expected);
    expect(await notFound(feedUrl('constructor', phoneToken))).toEqual(expected);
    expect(await notFound(`${app.baseUrl}/calendar/phone?token=${phoneToken}`)).toEqual(expected);

    // a second link works beside the first; revoking ends both, and the other team's stays
    const second = await issueCalendarToken(app.running.deps, 'phone');
    if (second.kind !== 'issued') throw new Error('phone is a team');
    expect((await fetch(feedUrl('phone', second.token))).status).toBe(200);
    expect((await fetch(feedUrl('phone', phoneToken))).status).toBe(200);
    expect(await revokeCalendarTokens(app.running.deps, 'phone')).toMatchObject({ kind: 'revoked', count: 2 });
    expect(await notFound(feedUrl('phone', phoneToken))).toEqual(expected);
    expect(await notFound(feedUrl('phone', second.token))).toEqual(expected);
    expect((await fetch(feedUrl('online', online.token))).status).toBe(200);
  });

  it('keeps only the hash of a token', async () => {
    const rows = await app.db.select().from(calendarTokens);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.tokenHash).not.toContain(phoneToken);
    }
  });
});
