/**
 * The Home tab of a lead with 50 agents and 100 requests waiting for them, on a 2,000-agent roster of
 * 90 days: from app_home_opened to the views.publish the stand-in receives (the inbox, its cards and
 * the rest of the Home built and published), beside the `/leave help` ack of the same run.
 */
import { inArray } from 'drizzle-orm';
import { leaveApprovalSteps, leaveCoveredShifts, leaveRequests, people } from '../src/db/schema.js';
import { startTestApp } from '../test/harness/test-app.js';
import { departmentSlackIds, seedDepartment } from './department.js';
import { percentile } from './stats.js';
import type { LocalDate } from '../src/policy/time.js';

const agents = 2000;
const days = 90;
const teamSize = 50;
const pending = 100;
const samples = Number(process.env.BENCH_SAMPLES ?? 100);
const lead = 'U0BLEAD00000';

/** The app with the department seeded and the lead's 100 requests waiting, caught up: what the Home benchmark opens. */
export async function startHomeInboxApp() {
  const ids = departmentSlackIds(agents);
  const app = await startTestApp({
    now: '2026-12-01T02:00:00Z',
    users: ids.map((id) => ({ id, name: id, locale: 'zh-CN', tz: 'Asia/Shanghai' })),
  });
  const agentIds = await seedDepartment(app.db, { agents, days, firstDay: '2026-11-30' as LocalDate });
  const team = agentIds.slice(0, teamSize);
  await app.db.update(people).set({ reportsTo: lead }).where(inArray(people.slackId, team));
  const requests = await app.db
    .insert(leaveRequests)
    .values(
      Array.from({ length: pending }, (_, i) => {
        const day = `2026-12-${String(5 + (i % 25)).padStart(2, '0')}`;
        return {
          submissionKey: `bench-home-${i}`,
          personId: team[i % teamSize] as string,
          teamId: 'phone',
          type: 'annual',
          firstDay: day as LocalDate,
          lastDay: day as LocalDate,
          reason: '年假',
          calendarDays: 1,
          leaveDays: 1,
          hours: 11,
          noticeMinutes: 5000,
          lateNotice: false,
          proof: 'not_needed' as const,
        };
      }),
    )
    .returning();
  await app.db.insert(leaveCoveredShifts).values(requests.map((r) => ({ requestId: r.id, date: r.firstDay, shiftCode: 'R' })));
  await app.db.insert(leaveApprovalSteps).values(
    requests.map((r, i) => ({
      requestId: r.id,
      position: 0,
      role: 'lead' as const,
      approverId: lead,
      status: 'pending' as const,
      pendingSince: new Date(Date.parse('2026-11-30T20:00:00Z') + i * 60_000),
    })),
  );

  await app.running.deps.readModel?.caughtUp(); // the roster and the requests were there long before the lead looks
  return { app, team, lead };
}

export async function benchHomeInbox(): Promise<void> {
  const { app, team } = await startHomeInboxApp();
  const home: number[] = [];
  const ack: number[] = [];
  let blocks = 0;
  const openHome = async (into: number[] | undefined) => {
    app.fake.clearCalls();
    const started = performance.now();
    await app.slack.event({ type: 'app_home_opened', user: lead, channel: 'D0BLEAD', tab: 'home' });
    const call = await app.fake.waitForCall('views.publish', (c) => c.args.user_id === lead, 60_000);
    if (!call.ok) throw new Error(`views.publish refused: ${call.error}`);
    into?.push(performance.now() - started);
    blocks = (call.args.view as { blocks: unknown[] }).blocks.length;
  };
  const help = async (into: number[] | undefined) => {
    const reply = await app.slack.slashCommand({ command: '/leave', text: 'help', userId: team[0] as string });
    if (reply.status !== 200) throw new Error(`unexpected status ${reply.status}`);
    into?.push(reply.ackMs);
  };
  await openHome(undefined); // warm-up
  await help(undefined);
  for (let i = 0; i < samples; i++) {
    await openHome(home);
    await help(ack);
  }
  await app.stop();

  const ms = (x: number) => x.toFixed(1).padStart(6);
  // the spread: the fastest, the middle, the 90th and 99th percentiles, the slowest
  const row = (name: string, xs: number[]) =>
    `${name.padEnd(34)} min ${ms(Math.min(...xs))}  p50 ${ms(percentile(xs, 50))}  p90 ${ms(percentile(xs, 90))}  p99 ${ms(percentile(xs, 99))}  max ${ms(Math.max(...xs))} ms  n=${xs.length}`;
  console.log(
    `Home of a lead with ${teamSize} agents and ${pending} items waiting, roster ${agents} × ${days} days, database ${app.running.database.kind}; ${blocks} blocks published`,
  );
  console.log(row('app_home_opened → views.publish', home));
  console.log(row('/leave help ack, same run', ack));
  console.log(
    `ratio p50 ${(percentile(home, 50) / percentile(ack, 50)).toFixed(2)}   p99 ${(percentile(home, 99) / percentile(ack, 99)).toFixed(2)}   (goal: p99 ratio ≤ 2; BENCH_SAMPLES=${samples})`,
  );
}
