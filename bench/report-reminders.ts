/**
 * The Saturday reminder to 5,000 agents through the real job (who owes, a claim per person, one DM
 * each) against a Slack stand-in that allows 50 calls a second and answers 429 with Retry-After beyond:
 * the total time beside the least the rate limit allows, and how many calls had to be tried again.
 */
import { people } from '../src/db/schema.js';
import { insertRosterEntries } from '../src/db/queries/roster.js';
import { startTestApp } from '../test/harness/test-app.js';
import type { LocalDate } from '../src/policy/time.js';

const agents = 5000;
const callsPerSecond = 50;
const saturday10 = '2026-11-28T02:00:00Z'; // 10:00 in Shanghai

export async function benchReportReminders(): Promise<void> {
  const app = await startTestApp({ now: saturday10 });
  const pad = (n: number) => String(n).padStart(5, '0');
  const leads = Array.from({ length: agents / 20 }, (_, i) => `U0RLEAD${pad(i)}`);
  const agentIds = Array.from({ length: agents }, (_, i) => `U0RAGENT${pad(i)}`);
  await app.db.insert(people).values(leads.map((slackId) => ({ slackId, name: slackId, teamId: 'phone', role: 'lead' as const })));
  for (let i = 0; i < agentIds.length; i += 500) {
    await app.db.insert(people).values(
      agentIds.slice(i, i + 500).map((slackId, j) => ({
        slackId,
        name: slackId,
        teamId: 'phone',
        role: 'agent' as const,
        reportsTo: leads[Math.floor((i + j) / 20)] as string,
        locale: (i + j) % 2 ? 'en' : 'zh-CN',
      })),
    );
  }
  await insertRosterEntries(
    app.db,
    agentIds.map((personId) => ({ personId, teamId: 'phone', date: '2026-11-24' as LocalDate, shiftCode: 'R' })),
  );
  for (const id of agentIds) app.fake.addUser({ id, name: id, locale: 'zh-CN', tz: 'Asia/Shanghai' });

  app.fake.limitRate(callsPerSecond);
  const started = performance.now();
  await app.running.scheduler.tick();
  const seconds = (performance.now() - started) / 1000;
  const calls = app.fake.calls('chat.postMessage');
  await app.stop();

  const delivered = new Set(calls.filter((c) => c.ok).map((c) => c.args.channel)).size;
  const retried = calls.filter((c) => c.status === 429).length;
  const minimum = agents / callsPerSecond;
  console.log(
    `Saturday reminder, ${agents} agents, stand-in allowing ${callsPerSecond} calls/s (429 beyond), database ${app.running.database.kind}`,
  );
  console.log(`delivered ${delivered} of ${agents}   calls ${calls.length}   answered 429 and retried ${retried}`);
  console.log(
    `total ${seconds.toFixed(1)} s   minimum the rate limit allows ${minimum.toFixed(1)} s   ratio ${(seconds / minimum).toFixed(3)}   (goal ≤ 1.2)`,
  );
}
