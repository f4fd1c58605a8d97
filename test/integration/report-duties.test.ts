import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leaveRequests, rosterEntries } from '../../src/db/schema.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import type { LocalDate } from '../../src/policy/time.js';

const manager = 'U0MGR';
const lead = 'U0LEAD';
const fay = 'U0FAY'; // her only shift of the week was given away by a swap
const gus = 'U0GUS'; // took Fay's shift
const hank = 'U0HANK'; // sick the whole week, the leave approved after the deadline

let app: TestApp;

/** Shanghai local time, as an instant. */
const local = (text: string) => new Date(`${text}+08:00`);

beforeAll(async () => {
  app = await startTestApp({
    now: local('2026-11-25T10:00').toISOString(),
    users: [manager, lead, fay, gus, hank].map((id) => ({ id, name: id.toLowerCase(), locale: 'en-US' })),
  });
  await insertPeople(app.db, [
    aPerson({ slackId: manager, name: 'Manager Qian', role: 'manager' }),
    aPerson({ slackId: lead, name: 'Lead Sun', role: 'lead', reportsTo: manager }),
    aPerson({ slackId: fay, name: 'Fay', reportsTo: lead, locale: 'en' }),
    aPerson({ slackId: gus, name: 'Gus', reportsTo: lead, locale: 'en' }),
    aPerson({ slackId: hank, name: 'Hank', reportsTo: lead, locale: 'en' }),
  ]);
  await insertShifts(app.db, [
    { personId: fay, date: '2026-11-24', shiftCode: 'R', status: 'swapped' },
    { personId: gus, date: '2026-11-24', shiftCode: 'R' },
    { personId: hank, date: '2026-11-25', shiftCode: 'R' },
    { personId: gus, date: '2026-12-01', shiftCode: 'R' },
    { personId: hank, date: '2026-12-01', shiftCode: 'R' },
  ]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled(); // what an earlier test set going is over before its calls are forgotten
  app.fake.clearCalls();
});

const tickAt = async (text: string) => {
  app.clock.set(local(text));
  await app.running.scheduler.tick();
};

const dmsTo = (userId: string) => app.fake.calls('chat.postMessage').filter((c) => c.ok && c.args.channel === userId);

describe('a shift given away by a swap', () => {
  it('is not a shift worked: whoever gave away their only shift owes no summary, whoever took it does', async () => {
    await app.slack.slashCommand({ command: '/report', text: '', userId: fay });
    await app.fake.waitForCall('views.open', (c) => c.ok);
    const form = JSON.stringify(app.fake.topView(fay)?.view);
    expect(form).toContain('Shifts worked: none');
    expect(form).not.toContain('Tue 24 Nov R');

    await tickAt('2026-11-28T10:00');
    expect(
      app.fake
        .calls('chat.postMessage')
        .map((c) => c.args.channel)
        .sort(),
    ).toEqual([gus, hank]);

    await tickAt('2026-11-28T17:00');
    const digest = await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === lead);
    expect(digest.args.text).toContain('0 on time · 0 late · 2 missing, of 2 due');
    expect(JSON.stringify(digest.args.blocks)).not.toContain('Fay');
  });
});

describe('leave approved after the deadline', () => {
  it('takes back the miss of a week it covers whole: in the totals and in the run of misses', async () => {
    // Hank was sick all week; the leave is approved on Sunday, after the deadline recorded his miss
    await app.db.insert(leaveRequests).values({
      submissionKey: 'fixture-hank-sick',
      personId: hank,
      teamId: 'phone',
      type: 'sick',
      firstDay: '2026-11-23' as LocalDate,
      lastDay: '2026-11-29' as LocalDate,
      reason: 'flu',
      status: 'approved',
      calendarDays: 7,
      leaveDays: 1,
      hours: 11,
      noticeMinutes: 0,
      lateNotice: true,
      proof: 'not_needed',
    });
    await app.db
      .update(rosterEntries)
      .set({ status: 'on_leave' })
      .where(and(eq(rosterEntries.personId, hank), eq(rosterEntries.date, '2026-11-25' as LocalDate)));

    await tickAt('2026-12-05T17:00');
    const digest = JSON.stringify((await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === lead)).args.blocks);
    expect(digest).toContain('Hank: missing · missed 1 week(s) in all, 1 in a row · policy for this miss: 50 yuan deducted');
    expect(digest).toContain('Gus: missing · missed 2 week(s) in all, 2 in a row · policy for this miss: 100 yuan deducted');
    expect(dmsTo(manager)).toHaveLength(1);
  });
});
