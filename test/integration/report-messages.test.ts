import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../src/slack/blockkit-limits.js';
import { handoverCases, handovers } from '../../src/db/schema.js';
import { escapeMrkdwn } from '../../src/slack/blocks.js';
import { department, ids, peopleOf, slackUsersOf } from '../fixtures/department.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { openReportForm, summary } from '../fixtures/report-form.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import type { LocalDate } from '../../src/policy/time.js';

const { lead, amy, bob } = ids;
const staff = [department.lead, department.amy, { ...department.bob, slackLocale: 'zh-CN', locale: 'zh-CN' }];

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
    { personId: amy, date: '2026-11-23', shiftCode: 'R' },
    { personId: bob, date: '2026-11-23', shiftCode: 'R' },
  ]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled(); // what an earlier test set going is over before its calls are forgotten
  app.fake.clearCalls();
});

const openForm = (userId: string) => openReportForm(app, userId);

type SectionBlock = { type: string; text?: { text: string } };

describe("the lead's copy of a long summary", () => {
  it('is escaped, then split into sections within the limit, never inside an escape or an emoji', async () => {
    // raw, 2,989 units then an emoji: a cut at 2,990 units would halve it; escaped, "&" and "<" grow fivefold and fourfold,
    // so the field's 3,000 characters (all Slack sends) take two sections
    const done = `${'a'.repeat(2989)}😀Q&A <ok>`;
    const improve = `${'&'.repeat(599)}ab😀 & <next week>`;
    const form = await openForm(amy);
    const reply = await app.slack.viewSubmission({ userId: amy, viewId: form.id, values: summary(done, improve) });
    expect(reply.body).toBe('');
    const copy = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === lead);
    expect(blockKitProblems('message', copy.args.blocks)).toEqual([]);
    expect(copy.ok).toBe(true);
    const blocks = copy.args.blocks as SectionBlock[];
    const texts = blocks.map((b) => b.text?.text ?? '');
    for (const text of texts) {
      expect([...text].length).toBeLessThanOrEqual(3000);
      expect(text).not.toMatch(/\p{Cs}/u); // no half of a surrogate pair
      expect(text).not.toMatch(/&(a|am|l|g)?$/u); // no escape cut at the end of a section
    }
    const doneAt = texts.indexOf('*Done this week*');
    const improveAt = texts.indexOf('*To improve next week*');
    expect(texts.slice(doneAt + 1, improveAt).join('')).toBe(escapeMrkdwn(done));
    expect(texts.slice(improveAt + 1).join('')).toBe(escapeMrkdwn(improve));
    expect(improveAt - doneAt - 1).toBeGreaterThan(1);
  });
});

describe('open cases in the pre-filled summary', () => {
  it('lists at most 10, each title clipped to 80 characters, then how many more, in both languages', async () => {
    const [handover] = await app.db
      .insert(handovers)
      .values({
        teamId: 'phone',
        shiftDate: '2026-11-23' as LocalDate,
        shiftCode: 'R',
        nextDate: '2026-11-24' as LocalDate,
        nextShiftCode: 'R',
        authorId: bob,
        content: {
          equipmentOk: true,
          equipmentIssue: '',
          staffing: '',
          process: '',
          instructions: '',
          feedback: '',
          notes: '',
          openCaseIds: [],
        },
        takeOverDueAt: local('2026-11-24T08:45'),
      })
      .returning();
    const title = (i: number) => `Case ${String(i).padStart(2, '0')} 客户投诉😀${'物流延误,'.repeat(30)}`;
    await app.db
      .insert(handoverCases)
      .values(Array.from({ length: 13 }, (_, i) => ({ teamId: 'phone', openedIn: handover?.id as number, what: title(i), ownerId: bob })));
    const cases = (await app.db.select({ id: handoverCases.id }).from(handoverCases)).map((c) => c.id).sort((a, b) => a - b);

    const form = await openForm(bob);
    const prefill = String(
      (form.view.blocks as { element?: { initial_value?: string } }[]).find((b) => b.element?.initial_value?.includes('未结工单'))?.element
        ?.initial_value,
    );
    const line = prefill.split('\n').find((l) => l.startsWith('我负责的未结工单:')) as string;
    const items = line.slice('我负责的未结工单:'.length).split('、');
    expect(items).toHaveLength(11);
    expect(items.at(-1)).toBe('另有 3 件');
    expect(items[0]).toBe(`#${cases[0]} ${[...title(0)].slice(0, 79).join('')}…`);
    for (const item of items.slice(0, 10)) expect([...item.replace(/^#\d+ /u, '')]).toHaveLength(80);
    expect(line).not.toContain(`#${cases[10]} `);

    app.fake.clearCalls();
    app.fake.addUser({ id: 'U0CASEEN', name: 'caseen', locale: 'en-US' });
    await insertPeople(app.db, [aPerson({ slackId: 'U0CASEEN', name: 'Case Owner', reportsTo: lead, locale: 'en' })]);
    await app.db.insert(handoverCases).values(
      Array.from({ length: 12 }, (_, i) => ({
        teamId: 'phone',
        openedIn: handover?.id as number,
        what: `Refund ${i}`,
        ownerId: 'U0CASEEN',
      })),
    );
    const english = JSON.stringify((await openForm('U0CASEEN')).view);
    expect(english).toContain('Refund 9, +2 more');
    expect(english).not.toContain('Refund 10');
  });
});

describe('shifts worked in the pre-filled summary', () => {
  const fay = 'U0FAY';

  it('lists only the shifts that have started when the form opens, and counts the lines against that form', async () => {
    app.fake.addUser({ id: fay, name: 'fay', locale: 'en-US' });
    await insertPeople(app.db, [aPerson({ slackId: fay, name: 'Fay', reportsTo: lead, locale: 'en' })]);
    await insertShifts(
      app.db,
      ['2026-11-23', '2026-11-25', '2026-11-28'].map((date) => ({ personId: fay, date, shiftCode: 'R' })),
    );
    // Wednesday 08:40: that day's shift (from 08:30) is on, Saturday's is to come
    app.clock.set(local('2026-11-25T08:40'));
    const form = await openForm(fay);
    const prefill = String(
      (form.view.blocks as { element?: { initial_value?: string } }[]).find((b) => b.element?.initial_value?.startsWith('Shifts worked'))
        ?.element?.initial_value,
    );
    expect(prefill.split('\n')[0]).toBe('Shifts worked: Mon 23 Nov R, Wed 25 Nov R');

    // sent on Saturday, once that shift has started too: the line as the form showed it still does not count
    app.clock.set(local('2026-11-28T09:00'));
    const reply = await app.slack.viewSubmission({ userId: fay, viewId: form.id, values: summary(`${prefill}Ten calls`, '') });
    expect(reply.body).toEqual({
      response_action: 'errors',
      errors: { 'report.improve': '191 more characters needed: 9 of 200 so far, both fields together.' },
    });
  });
});
