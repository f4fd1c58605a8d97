import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, reportNotices, reportRuns } from '../../src/db/schema.js';
import { insertRosterEntries } from '../../src/db/queries/roster.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import type { LocalDate } from '../../src/policy/time.js';

const agents = Array.from({ length: 8 }, (_, i) => `U0AGENT${i}`);
const saturday10 = new Date('2026-11-28T02:00:00Z'); // 10:00 in Shanghai: the first reminder
const weekStart = '2026-11-23';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ now: saturday10.toISOString() });
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

/** The scheduler's minute, with the app's clock at it. */
async function tickAt(instant: string) {
  app.clock.set(instant);
  await app.running.scheduler.tick(app.clock.now());
}

const reminded = () =>
  app.fake
    .calls('chat.postMessage')
    .filter((c) => c.ok)
    .map((c) => String(c.args.channel));

describe('a copy killed while sending the reminder', () => {
  it('leaves its claims to the next copy, which reminds everyone it had not, and nobody twice', async () => {
    // killed after its first DMs: the run and every notice claimed, one marked sent
    await app.db.insert(reportRuns).values({
      kind: 'reminder.0',
      scope: 'phone',
      weekStart: weekStart as LocalDate,
      claimedBy: 'a-copy-that-died',
      claimedAt: saturday10,
    });
    await app.db.insert(reportNotices).values(
      agents.map((personId, i) => ({
        kind: 'reminder.0',
        weekStart: weekStart as LocalDate,
        personId,
        claimedAt: saturday10,
        ...(i === 0 ? { sentAt: saturday10 } : {}),
      })),
    );

    // still within its claim: the copy may only be slow
    await tickAt('2026-11-28T02:05:00Z');
    expect(reminded()).toEqual([]);

    await tickAt('2026-11-28T02:16:00Z');
    expect(reminded().sort()).toEqual(agents.slice(1));
    const notices = await app.db.select().from(reportNotices);
    expect(notices.every((n) => n.sentAt !== null)).toBe(true);

    // later runs send nothing more
    await tickAt('2026-11-28T02:40:00Z');
    await tickAt('2026-11-28T03:10:00Z');
    expect(reminded().sort()).toEqual(agents.slice(1));
  });
});
