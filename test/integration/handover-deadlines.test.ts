import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handovers } from '../../src/db/schema.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

const lead = 'U0DLEAD'; // lead of the online team
const gao = 'U0DGAO'; // early shift E
const song = 'U0DSONG'; // late shift L

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T16:50:00Z', // 00:50 on 2 December in Shanghai: the late shift L ends at 01:00, the early shift E starts at 08:00
    users: [
      { id: lead, name: 'lead', locale: 'en-US' },
      { id: gao, name: 'gao', locale: 'en-US' },
      { id: song, name: 'song', locale: 'en-US' },
    ],
  });
  await insertPeople(app.db, [
    aPerson({ slackId: lead, name: 'Liu Yang', role: 'lead', teamId: 'online' }),
    aPerson({ slackId: gao, name: 'Gao Peng', teamId: 'online', reportsTo: lead }),
    aPerson({ slackId: song, name: 'Song Yu', teamId: 'online', reportsTo: lead }),
  ]);
  await insertShifts(app.db, [
    { personId: song, date: '2026-12-01', shiftCode: 'L', teamId: 'online' },
    { personId: gao, date: '2026-12-02', shiftCode: 'E', teamId: 'online' },
  ]);
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(() => {
  app.fake.clearCalls();
});

const tickAt = async (iso: string) => {
  app.clock.set(iso);
  await app.running.scheduler.tick();
};
const alertsTo = (userId: string) => app.fake.calls('chat.postMessage').filter((c) => c.args.channel === userId && String(c.args.text).includes('Nobody has taken over'));

async function writeHandover(userId: string, shift: string): Promise<void> {
  await app.slack.slashCommand({ command: '/handover', text: '', userId });
  await app.fake.waitForCall('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === 'handover.write');
  const viewId = app.fake.topView(userId)?.id as string;
  const values: ViewStateValues = {
    'handover.shift': { 'handover.shift_picked': { type: 'static_select', selected_option: { value: shift } } },
    'handover.equipment': { value: { type: 'radio_buttons', selected_option: { value: 'ok' } } },
  };
  expect((await app.slack.viewSubmission({ userId, viewId, values })).body).toBe('');
  await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === userId && String(c.args.text).includes(shift.endsWith('L') ? 'Late' : 'Early'));
}

describe('the unanswered alert', () => {
  it('waits for the next shift to start when there is a gap between the shifts', async () => {
    await writeHandover(song, '2026-12-01|L');
    const [row] = await app.db.select().from(handovers).where(eq(handovers.shiftCode, 'L'));
    expect(row?.takeOverDueAt.toISOString()).toBe('2026-12-02T00:15:00.000Z'); // 08:15: the early shift starts at 08:00
    await tickAt('2026-12-01T17:15:00Z'); // 01:15: nobody can take over yet
    await tickAt('2026-12-02T00:14:00Z');
    expect(alertsTo(lead)).toEqual([]);
    await tickAt('2026-12-02T00:15:00Z');
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === lead && String(c.args.text).includes('Nobody has taken over the handover of Tue 1 Dec Late shift L'));
  });
});
