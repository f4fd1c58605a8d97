import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { reportMisses } from '../../src/db/schema.js';
import { parsePolicy, type Policy } from '../../src/policy/policy-file.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { repoRoot, startTestApp, type TestApp } from '../harness/test-app.js';

const manager = 'U0MGR';
const lead = 'U0LEAD';
const amy = 'U0AMY';

/** Shanghai local time, as an instant. */
const local = (text: string) => new Date(`${text}+08:00`);

const dmsTo = (app: TestApp, userId: string) => app.fake.calls('chat.postMessage').filter((c) => c.ok && c.args.channel === userId);

describe('downtime over the end of the week', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      now: local('2026-11-25T10:00').toISOString(),
      users: [manager, lead, amy].map((id) => ({ id, name: id, locale: 'en-US' })),
    });
    await insertPeople(app.db, [
      aPerson({ slackId: manager, name: 'Manager Qian', role: 'manager' }),
      aPerson({ slackId: lead, name: 'Lead Sun', role: 'lead', reportsTo: manager }),
      aPerson({ slackId: amy, name: 'Amy', reportsTo: lead, locale: 'en' }),
    ]);
    await insertShifts(
      app.db,
      ['2026-11-17', '2026-11-24', '2026-12-01'].map((date) => ({ personId: amy, date, shiftCode: 'R' })),
    );
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('records the misses on start-up, sends no digest for a week that is over, and counts them the week after', async () => {
    // a new install does not reach back to a week it never ran in
    await app.running.scheduler.tick(local('2026-11-25T10:00'));
    expect(await app.db.select().from(reportMisses)).toEqual([]);

    await app.running.scheduler.tick(local('2026-11-28T10:00'));
    expect(dmsTo(app, amy)).toHaveLength(1);

    // down from Saturday 16:59 until Monday morning
    app.fake.clearCalls();
    await app.running.scheduler.tick(local('2026-11-30T09:00'));
    await app.running.scheduler.tick(local('2026-11-30T09:01'));
    expect(app.fake.calls('chat.postMessage')).toEqual([]);
    expect((await app.db.select().from(reportMisses)).map((m) => [m.personId, m.weekStart])).toEqual([[amy, '2026-11-23']]);

    await app.running.scheduler.tick(local('2026-12-05T17:00'));
    const digest = JSON.stringify(dmsTo(app, lead)[0]?.args.blocks);
    expect(digest).toContain('Amy: missing · missed 2 week(s) in all, 2 in a row · policy for this miss: 100 yuan deducted');
    expect(dmsTo(app, manager)).toHaveLength(1);
  });
});

/** The shipped policy with a team in New York, thirteen hours behind Shanghai in November. */
function policyWithNewYorkTeam(): Policy {
  const document = parse(readFileSync(path.join(repoRoot, 'policy.yml'), 'utf8')) as { teams: Record<string, unknown> };
  document.teams.ny = {
    label: { 'zh-CN': '纽约团队', en: 'New York team' },
    timezone: 'America/New_York',
    shifts: ['C'],
    min_staffing: { C: 1 },
  };
  return parsePolicy(stringify(document));
}

describe('the department roll-up with teams in different time zones', () => {
  const nyLead = 'U0NYLEAD';
  const nate = 'U0NATE';
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      now: local('2026-11-25T10:00').toISOString(),
      policy: policyWithNewYorkTeam(),
      users: [manager, lead, amy, nyLead, nate].map((id) => ({ id, name: id, locale: 'en-US' })),
    });
    await insertPeople(app.db, [
      aPerson({ slackId: manager, name: 'Manager Qian', role: 'manager' }),
      aPerson({ slackId: lead, name: 'Lead Sun', role: 'lead', reportsTo: manager }),
      aPerson({ slackId: nyLead, name: 'Lead Ng', role: 'lead', teamId: 'ny', reportsTo: manager }),
      aPerson({ slackId: amy, name: 'Amy', reportsTo: lead, locale: 'en' }),
      aPerson({ slackId: nate, name: 'Nate', teamId: 'ny', reportsTo: nyLead, locale: 'en' }),
    ]);
    await insertShifts(app.db, [
      { personId: amy, date: '2026-11-24', shiftCode: 'R' },
      { personId: nate, date: '2026-11-24', shiftCode: 'C', teamId: 'ny' },
    ]);
  });

  afterAll(async () => {
    await app?.stop();
  });

  beforeEach(() => {
    app.fake.clearCalls();
  });

  it("waits for the last team's deadline in its own time zone, then goes once with every team", async () => {
    await app.running.scheduler.tick(new Date('2026-11-28T09:00:00Z')); // 17:00 in Shanghai
    expect(dmsTo(app, lead)).toHaveLength(1);
    expect(dmsTo(app, nyLead)).toEqual([]);
    expect(dmsTo(app, manager)).toEqual([]);

    await app.running.scheduler.tick(new Date('2026-11-28T21:59:00Z'));
    expect(dmsTo(app, manager)).toEqual([]);

    await app.running.scheduler.tick(new Date('2026-11-28T22:00:00Z')); // 17:00 in New York
    expect(dmsTo(app, nyLead)).toHaveLength(1);
    const rollup = dmsTo(app, manager);
    expect(rollup).toHaveLength(1);
    const text = JSON.stringify(rollup[0]?.args.blocks);
    expect(text).toContain('Phone team: 0 on time · 0 late · 1 missing, of 1 due');
    expect(text).toContain('New York team: 0 on time · 0 late · 1 missing, of 1 due');

    await app.running.scheduler.tick(new Date('2026-11-28T22:01:00Z'));
    await app.running.scheduler.tick(new Date('2026-11-29T15:00:00Z'));
    expect(dmsTo(app, manager)).toHaveLength(1);
  });
});

describe('the department roll-up when a team’s weeks start on another day', () => {
  const sunLead = 'U0SUNLEAD';
  const sam = 'U0SAM';
  let app: TestApp;

  beforeAll(async () => {
    const document = parse(readFileSync(path.join(repoRoot, 'policy.yml'), 'utf8')) as { teams: Record<string, unknown> };
    document.teams.sun = {
      label: { 'zh-CN': '周日团队', en: 'Sunday team' },
      shifts: ['C'],
      min_staffing: { C: 1 },
      overrides: { report: { week_starts: 'sunday' } },
    };
    app = await startTestApp({
      now: local('2026-11-25T10:00').toISOString(),
      policy: parsePolicy(stringify(document)),
      users: [manager, lead, amy, sunLead, sam].map((id) => ({ id, name: id, locale: 'en-US' })),
    });
    await insertPeople(app.db, [
      aPerson({ slackId: manager, name: 'Manager Qian', role: 'manager' }),
      aPerson({ slackId: lead, name: 'Lead Sun', role: 'lead', reportsTo: manager }),
      aPerson({ slackId: sunLead, name: 'Lead Day', role: 'lead', teamId: 'sun', reportsTo: manager }),
      aPerson({ slackId: amy, name: 'Amy', reportsTo: lead, locale: 'en' }),
      aPerson({ slackId: sam, name: 'Sam', teamId: 'sun', reportsTo: sunLead, locale: 'en' }),
    ]);
    await insertShifts(app.db, [
      { personId: amy, date: '2026-11-24', shiftCode: 'R' },
      { personId: sam, date: '2026-11-24', shiftCode: 'C', teamId: 'sun' },
    ]);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('sends each week start its own roll-up, once', async () => {
    await app.running.scheduler.tick(new Date('2026-11-28T09:00:00Z')); // 17:00 on Saturday in Shanghai, both teams' deadline
    await app.running.scheduler.tick(new Date('2026-11-28T09:01:00Z'));
    await app.running.scheduler.tick(new Date('2026-11-28T10:00:00Z'));
    expect(dmsTo(app, lead)).toHaveLength(1);
    expect(dmsTo(app, sunLead)).toHaveLength(1);
    const rollups = dmsTo(app, manager).map((c) => JSON.stringify(c.args.blocks));
    expect(rollups).toHaveLength(2);
    const phone = rollups.find((text) => text.includes('week of Mon 23 Nov – Sun 29 Nov'));
    const sunday = rollups.find((text) => text.includes('week of Sun 22 Nov – Sat 28 Nov'));
    expect(phone).toContain('Phone team: 0 on time · 0 late · 1 missing, of 1 due');
    expect(phone).not.toContain('Sunday team');
    expect(sunday).toContain('Sunday team: 0 on time · 0 late · 1 missing, of 1 due');
    expect(sunday).not.toContain('Phone team');
  });
});
