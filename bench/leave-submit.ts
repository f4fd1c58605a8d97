/**
 * Ack latency of `/leave` submissions (every rule checked, the request written) against a roster of
 * 2,000 agents × 90 days, 100 at once, beside a bare Bolt app whose view handler only acks; rounds
 * interleave the two so that machine noise hits both alike.
 */
import { addDays, type LocalDate } from '../src/policy/time.js';
import { startTestApp } from '../test/harness/test-app.js';
import { startBareBolt } from './bare-bolt.js';
import type { SlackSender, ViewStateValues } from '../test/harness/slack-requests.js';
import { departmentSlackIds, seedDepartment } from './department.js';
import { percentile } from './stats.js';

const agents = 2000;
const days = 90;
const concurrent = 100;
const rounds = 5;
const firstDay = '2026-12-01' as LocalDate;

export async function benchLeaveSubmit(): Promise<void> {
  // the department is in the workspace before the app starts, as it would be
  const users = departmentSlackIds(agents).map((id) => ({ id, name: id, locale: 'zh-CN', tz: 'Asia/Shanghai' }));
  const app = await startTestApp({ now: '2026-11-20T02:00:00Z', users });
  const setupStarted = performance.now();
  const agentIds = await seedDepartment(app.db, { agents, days, firstDay });
  await app.running.deps.readModel?.caughtUp(); // the roster was imported long before anyone asks for leave
  const setupSeconds = ((performance.now() - setupStarted) / 1000).toFixed(1);

  const bare = await startBareBolt(app.fake, (bolt) => bolt.view('leave.request', async ({ ack }) => ack()));
  const bareSender = bare.sender;

  let next = 0;
  let accepted = 0;
  const submitBatch = async (sender: SlackSender, into: number[]) => {
    await Promise.all(
      Array.from({ length: concurrent }, async () => {
        const i = next++;
        const userId = agentIds[i % agentIds.length] as string;
        // each request a different agent and day
        const day = addDays(firstDay, 10 + Math.floor(i / agentIds.length) * 3 + (i % 60));
        const reply = await sender.viewSubmission({
          userId,
          view: { id: `VBENCH${i}`, callback_id: 'leave.request' },
          values: annualLeave(day),
        });
        if (reply.status !== 200) throw new Error(`status ${reply.status}`);
        if (reply.body === '' && sender === app.slack) accepted += 1; // else refused on a field (a day off, say): checked all the same
        into.push(reply.ackMs);
      }),
    );
  };

  // A burst is over once every request is written, its approver has a card and the app has read the
  // changed people again: the next one starts from quiet.
  let cards = 0;
  const burstDone = async () => {
    cards = accepted;
    const started = performance.now();
    while (app.fake.calls('chat.postMessage').filter((c) => JSON.stringify(c.args.blocks ?? []).includes('leave.approve')).length < cards) {
      if (performance.now() - started > 60_000) throw new Error('the written requests never reached their approvers');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await app.running.deps.readModel?.caughtUp();
    writeSeconds.push((performance.now() - started) / 1000);
    // and everything else that followed the acks (the agents' DMs, Homes drawn again) is over too
    await app.running.settled();
    await app.running.deps.readModel?.caughtUp();
  };
  const writeSeconds: number[] = [];
  const samples = { ours: [] as number[], bare: [] as number[] };
  await submitBatch(app.slack, []); // warm-up
  await burstDone();
  await submitBatch(bareSender, []);
  for (let r = 0; r < rounds; r++) {
    await submitBatch(app.slack, samples.ours);
    await burstDone();
    await submitBatch(bareSender, samples.bare);
  }
  await bare.stop();
  await app.stop();

  const row = (name: string, xs: number[]) =>
    `${name.padEnd(28)} p50 ${percentile(xs, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(xs, 99).toFixed(1).padStart(7)} ms   n=${xs.length}`;
  console.log(
    `/leave submissions, ${concurrent} at once, ${agents} agents × ${days} days of roster (set up in ${setupSeconds} s), database ${app.running.database.kind}`,
  );
  console.log(row('shiftdesk (every rule checked)', samples.ours));
  console.log(row('bare Bolt (ack only)', samples.bare));
  console.log(
    `after each burst's last ack, its accepted requests were written, their approvers' cards posted and the read model current within ${Math.max(...writeSeconds.slice(1)).toFixed(1)} s`,
  );
  console.log(
    `ratio p50 ${(percentile(samples.ours, 50) / percentile(samples.bare, 50)).toFixed(2)}   p99 ${(percentile(samples.ours, 99) / percentile(samples.bare, 99)).toFixed(2)}   (goal: p99 ratio ≤ 1.3, p99 < 300 ms)`,
  );
}

function annualLeave(day: LocalDate): ViewStateValues {
  return {
    'leave.type': { value: { type: 'static_select', selected_option: { value: 'annual' } } },
    'leave.first_day': { 'leave.date_picked': { type: 'datepicker', selected_date: day } },
    'leave.last_day': { 'leave.date_picked': { type: 'datepicker', selected_date: day } },
    'leave.reason': { value: { type: 'plain_text_input', value: 'benchmark' } },
  };
}
