import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportMisses } from '../../src/db/schema.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import type { LocalDate } from '../../src/policy/time.js';

const manager = 'U0MGR';
const goneLead = 'U0GONE'; // left: inactive
const lead = 'U0LEAD';
const olga = 'U0OLGA'; // her lead is inactive
const pia = 'U0PIA'; // reports to nobody
const quinn = 'U0QUINN';
const many = Array.from({ length: 60 }, (_, i) => `U0MANY${String(i).padStart(3, '0')}`);
const longName = (id: string) => `${id} ${'Wang Xiaoming-Longname '.repeat(4)}`.trim();

let app: TestApp;

/** Shanghai local time, as an instant. */
const local = (text: string) => new Date(`${text}+08:00`);

beforeAll(async () => {
  app = await startTestApp({
    now: local('2026-11-25T10:00').toISOString(),
    users: [manager, goneLead, lead, olga, pia, quinn, ...many].map((id) => ({ id, name: id, locale: 'en-US' })),
  });
  await insertPeople(app.db, [
    aPerson({ slackId: manager, name: 'Manager Qian', role: 'manager' }),
    aPerson({ slackId: goneLead, name: 'Lead Gone', role: 'lead', reportsTo: manager, active: false }),
    aPerson({ slackId: lead, name: 'Lead Sun', role: 'lead', reportsTo: manager }),
    aPerson({ slackId: olga, name: 'Olga', reportsTo: goneLead, locale: 'en' }),
    aPerson({ slackId: pia, name: 'Pia', locale: 'en' }),
    aPerson({ slackId: quinn, name: 'Quinn', reportsTo: lead, locale: 'en' }),
    ...many.map((slackId) => aPerson({ slackId, name: longName(slackId), reportsTo: lead, locale: 'en' })),
  ]);
  await insertShifts(
    app.db,
    [olga, pia, quinn, ...many].map((personId) => ({ personId, date: '2026-11-24', shiftCode: 'R' })),
  );
  // the 60 missed the two weeks before too: this week makes three in a row
  await app.db.insert(reportMisses).values(
    many.flatMap((personId) =>
      ['2026-11-09' as LocalDate, '2026-11-16' as LocalDate].map((weekStart) => ({
        personId,
        teamId: 'phone',
        weekStart: weekStart as LocalDate,
        recordedAt: local(`${weekStart}T17:00`),
      })),
    ),
  );
  await app.running.scheduler.tick(local('2026-11-28T17:00'));
});

afterAll(async () => {
  await app?.stop();
});

const dmsTo = (userId: string) => app.fake.calls('chat.postMessage').filter((c) => c.args.channel === userId);

describe('the digest of agents with no active lead', () => {
  it('goes to the next active person up the reporting line', async () => {
    const toManager = dmsTo(manager).filter((c) => String(c.args.text).startsWith('Weekly summaries, Phone team'));
    expect(toManager).toHaveLength(1);
    expect(toManager[0]?.ok).toBe(true);
    const text = JSON.stringify(toManager[0]?.args.blocks);
    expect(text).toContain('Olga: missing · missed 1 week(s) in all, 1 in a row');
    expect(text).not.toContain('Quinn');
    expect(dmsTo(goneLead)).toEqual([]);
  });

  it('is in the roll-up when nobody active is above them', async () => {
    const rollup = dmsTo(manager).find((c) => String(c.args.text).startsWith('Department weekly summaries'));
    expect(rollup?.ok).toBe(true);
    const text = JSON.stringify(rollup?.args.blocks);
    expect(text).toContain('No active lead above them');
    expect(text).toContain('Pia (Phone team): missing · missed 1 week(s) in all, 1 in a row');
    expect(text).not.toContain('Olga (Phone team)');
  });
});

describe("a lead's digest with many manager alerts", () => {
  it('names every agent the manager is told about, across as many sections as it takes', async () => {
    const [digest] = dmsTo(lead);
    expect(digest?.ok).toBe(true);
    const blocks = digest?.args.blocks as { text?: { text: string } }[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    const alertLines = blocks.flatMap((b) => (b.text?.text ?? '').split('\n')).filter((line) => line.startsWith(':rotating_light:'));
    expect(alertLines).toHaveLength(many.length);
    for (const id of many) expect(alertLines.some((line) => line.includes(`${longName(id)} has missed 3 weeks in a row`))).toBe(true);
    const agentLines = blocks.flatMap((b) => (b.text?.text ?? '').split('\n')).filter((line) => line.startsWith('• '));
    expect(agentLines).toHaveLength(many.length + 1);
  });
});
