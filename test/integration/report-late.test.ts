import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportMisses } from '../../src/db/schema.js';
import { department, ids, peopleOf, slackUsersOf } from '../fixtures/department.js';
import { insertPeople, insertShifts } from '../fixtures/org.js';
import { openReportForm, summary } from '../fixtures/report-form.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

const { lead, amy, bob, carol } = ids;
const staff = [
  department.lead,
  department.amy, // misses the deadline of the first week by a minute, on time the second
  department.bob, // sends nothing the first week, on time the second
  department.carol, // sends nothing either week
];

let app: TestApp;

/** Shanghai local time, as an instant. */
const local = (text: string) => new Date(`${text}+08:00`);

const done = 'Handled eighty calls on the day shift, closed twelve complaints and wrote every handover on time. '.repeat(3);

async function send(userId: string, at: string) {
  await app.running.settled();
  app.fake.clearCalls();
  app.clock.set(local(at));
  const form = await openReportForm(app, userId);
  const reply = await app.slack.viewSubmission({ userId, viewId: form.id, values: summary(done, 'Answer faster on the night shift.') });
  expect(reply.body).toBe('');
  await app.running.settled();
}

async function digestAt(at: string) {
  await app.running.settled();
  app.fake.clearCalls();
  app.clock.set(local(at));
  await app.running.scheduler.tick();
  await app.running.settled();
  const digest = app.fake
    .calls('chat.postMessage')
    .find((c) => c.args.channel === lead && String(c.args.text).startsWith('Weekly summaries'));
  expect(digest?.ok).toBe(true);
  return (digest!.args.blocks as { text?: { text: string } }[]).flatMap((b) => (b.text?.text ?? '').split('\n'));
}

beforeAll(async () => {
  app = await startTestApp({
    now: local('2026-11-25T10:00').toISOString(),
    users: slackUsersOf(staff),
  });
  await insertPeople(app.db, peopleOf(staff));
  await insertShifts(
    app.db,
    ['2026-11-24', '2026-12-01'].flatMap((date) => [amy, bob, carol].map((personId) => ({ personId, date, shiftCode: 'R' }))),
  );
});

afterAll(async () => {
  await app?.stop();
});

describe('a summary sent after the deadline, before the week ends', () => {
  let firstWeek: string[];
  let secondWeek: string[];
  let lateCopy: unknown;

  beforeAll(async () => {
    firstWeek = await digestAt('2026-11-28T17:00');
    await send(amy, '2026-11-28T17:01');
    lateCopy = app.fake.calls('chat.postMessage').find((c) => c.args.channel === lead)?.args.text;
    await send(amy, '2026-12-04T10:00');
    await send(bob, '2026-12-04T11:00');
    secondWeek = await digestAt('2026-12-05T17:00');
  });

  it('is missing in the digest at the deadline, and late in the copy the lead gets a minute later', () => {
    expect(firstWeek).toContain('• Amy: missing · missed 1 week(s) in all, 1 in a row · policy for this miss: 50 yuan deducted');
    expect(lateCopy).toBe("Amy's weekly summary, week of Mon 23 Nov – Sun 29 Nov — *late*");
  });

  it('is late, not missed: the next digest counts no miss for that week and names no step of the policy', () => {
    const amyLine = secondWeek.find((line) => line.startsWith('• Amy:'));
    expect(amyLine).toBe('• Amy: submitted · missed 0 week(s) in all, 0 in a row · sent late 1 week(s) in all');
  });

  it('comes in the next digest, with the week it belongs to and when it was sent', () => {
    const heading = secondWeek.indexOf('*Came in late for the week of Mon 23 Nov – Sun 29 Nov, after its digest:*');
    expect(heading).toBeGreaterThan(0);
    expect(secondWeek[heading + 1]).toBe('• Amy: sent Sat 28 Nov 17:01');
    expect(secondWeek.filter((line) => line.includes('Bob: sent') || line.includes('Carol: sent'))).toEqual([]);
  });

  it("says which week the policy's step belongs to: this one when it is missing, else the last one missed", () => {
    expect(secondWeek).toContain('• Carol: missing · missed 2 week(s) in all, 2 in a row · policy for this miss: 100 yuan deducted');
    expect(secondWeek).toContain(
      '• Bob: submitted · missed 1 week(s) in all, 0 in a row · policy for the last miss, week of Mon 23 Nov – Sun 29 Nov: 50 yuan deducted',
    );
  });

  it('leaves the record of what was missing at the deadline as it was', async () => {
    const recorded = await app.db.select().from(reportMisses);
    expect(
      recorded
        .filter((m) => m.weekStart === '2026-11-23')
        .map((m) => m.personId)
        .sort(),
    ).toEqual([amy, bob, carol]);
  });
});
