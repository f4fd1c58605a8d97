import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import { openReportForm, summary } from '../fixtures/report-form.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

const lead = 'U0LEAD';
const agents = ['U0AMY', 'U0BOB', 'U0CAROL'];

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-11-25T02:00:00Z',
    users: [lead, ...agents].map((id) => ({ id, name: id.toLowerCase(), locale: 'en-US', tz: 'Asia/Shanghai' })),
  });
  await insertPeople(app.db, [aPerson({ slackId: lead, role: 'lead' }), ...agents.map((slackId) => aPerson({ slackId, reportsTo: lead }))]);
  await insertShifts(
    app.db,
    agents.map((personId) => ({ personId, date: '2026-11-23', shiftCode: 'R' })),
  );
});

afterAll(async () => {
  await app?.stop();
});

/** A field Slack would never send: 70 times what its input holds. */
const huge = (seed: string) => `${seed} ${'周报内容 and more words, '.repeat(10_000)}`.slice(0, 210_000);

describe('/healthz while huge weekly reports are submitted', () => {
  it('keeps answering, and the event loop is never blocked for a second', async () => {
    const forms: { userId: string; form: { id: string } }[] = [];
    for (const userId of agents) {
      app.fake.clearCalls();
      forms.push({ userId, form: await openReportForm(app, userId) });
    }
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    let submitting = true;
    const health: number[] = [];
    let answeredInFlight = 0;
    const poll = (async () => {
      while (submitting) {
        const response = await fetch(`${app.baseUrl}/healthz`);
        await response.arrayBuffer();
        health.push(response.status);
      }
    })();
    try {
      const replies = await Promise.all(
        forms.map(({ userId, form }) =>
          app.slack.viewSubmission({ userId, viewId: form.id, values: summary(huge('done'), huge('improve')) }),
        ),
      );
      answeredInFlight = health.length;
      for (const reply of replies) expect(reply.status).toBe(200);
      await app.running.settled();
    } finally {
      submitting = false;
      await poll;
      loop.disable();
    }
    // answered while the reports were in flight, not only after them
    expect(answeredInFlight).toBeGreaterThan(0);
    expect(health.every((status) => status === 200)).toBe(true);
    expect(loop.max / 1e6).toBeLessThan(1000);
  });
});
