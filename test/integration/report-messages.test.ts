import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../src/slack/blockkit-limits.js';
import { escapeMrkdwn } from '../../src/slack/blocks.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

const lead = 'U0LEAD';
const amy = 'U0AMY';
const bob = 'U0BOB';

let app: TestApp;

/** Shanghai local time of the week 23–29 November 2026, as an instant. */
const local = (text: string) => new Date(`${text}+08:00`);

beforeAll(async () => {
  app = await startTestApp({
    now: local('2026-11-25T10:00').toISOString(),
    users: [
      { id: lead, name: 'lead', locale: 'en-US' },
      { id: amy, name: 'amy', locale: 'en-US' },
      { id: bob, name: 'bob', locale: 'zh-CN' },
    ],
  });
  await insertPeople(app.db, [aPerson({ slackId: lead, name: 'Lead Sun', role: 'lead' }), aPerson({ slackId: amy, name: 'Amy', reportsTo: lead }), aPerson({ slackId: bob, name: 'Bob', reportsTo: lead, locale: 'zh-CN' })]);
  await insertShifts(app.db, [{ personId: amy, date: '2026-11-23', shiftCode: 'R' }, { personId: bob, date: '2026-11-23', shiftCode: 'R' }]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(() => {
  app.fake.clearCalls();
});

const summary = (done: string, improve: string): ViewStateValues => ({
  'report.done': { value: { type: 'plain_text_input', value: done } },
  'report.improve': { value: { type: 'plain_text_input', value: improve } },
});

async function openForm(userId: string): Promise<{ id: string; view: Record<string, unknown> }> {
  await app.slack.slashCommand({ command: '/report', text: '', userId });
  await app.fake.waitForCall('views.open', (c) => c.ok);
  const top = app.fake.topView(userId);
  if (!top) throw new Error('no modal');
  return top;
}

type SectionBlock = { type: string; text?: { text: string } };

describe("the lead's copy of a long summary", () => {
  it('is escaped, then split into sections within the limit, never inside an escape or an emoji', async () => {
    // raw, 2,989 units then an emoji: a cut at 2,990 units would halve it; escaped, "&" and "<" grow fivefold and fourfold
    const done = `${'a'.repeat(2989)}😀${'Q&A <ok> '.repeat(200)}${'x'.repeat(2999 - 1800)}😀😀 done`;
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
