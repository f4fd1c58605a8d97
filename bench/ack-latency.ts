/**
 * Ack latency of `/leave help` (middleware: person lookup + cached locale, then the help view) and of
 * two button clicks (Approve on a leave card, with the decision written after the ack; Request leave
 * on the Home, with the form opened after the ack) against a bare Bolt app whose listeners only ack,
 * both over signed HTTP on this machine, rounds interleaved so that noise hits both alike.
 */
import { aPerson, insertPeople, insertShifts } from '../test/fixtures/org.js';
import { startTestApp, type TestApp } from '../test/harness/test-app.js';
import type { SlackSender, ViewStateValues } from '../test/harness/slack-requests.js';
import { addDays, type LocalDate } from '../src/policy/time.js';
import { startBareBolt } from './bare-bolt.js';
import { percentile } from './stats.js';

const rounds = 10;
const perRound = 40;
const concurrency = 20;
const lead = 'U0BENCHLEAD';
/** Each agent files four one-day requests (the monthly cap), so that most Approve clicks of the rounds decide a request of their own. */
const requestsPerAgent = 4;
const agents = Array.from(
  { length: Math.ceil(((rounds + 1) * perRound) / requestsPerAgent) },
  (_, i) => `U0BENCH${String(i).padStart(3, '0')}`,
);
const firstDay = '2026-12-10' as LocalDate;

type Send = (i: number, sender: SlackSender) => ReturnType<SlackSender['slashCommand']>;

export async function benchAckLatency(): Promise<void> {
  const users = [lead, ...agents].map((id) => ({ id, name: id, locale: 'zh-CN', tz: 'Asia/Shanghai' }));
  const ours = await startTestApp({ now: '2026-11-20T02:00:00Z', users });
  await insertPeople(ours.db, [
    aPerson({ slackId: lead, role: 'lead' }),
    ...agents.map((slackId) => aPerson({ slackId, reportsTo: lead })),
  ]);
  // everyone works the same 20 days; each takes 4 of them off, staggered, so no shift falls below its minimum
  const days = Array.from({ length: 20 }, (_, d) => addDays(firstDay, d));
  await insertShifts(
    ours.db,
    agents.flatMap((personId) => days.map((date) => ({ personId, date, shiftCode: 'R' }))),
  );
  await ours.running.deps.readModel?.caughtUp();
  const steps = await pendingSteps(ours, days);

  const bare = await startBareBolt(ours.fake, (app) => {
    app.command('/leave', async ({ ack }) => ack());
    app.action('leave.approve', async ({ ack }) => ack());
    app.action('home.start_leave', async ({ ack }) => ack());
  });

  let approvals = 0;
  const kinds: [string, Send][] = [
    ['/leave help', (i, s) => s.slashCommand({ command: '/leave', text: 'help', userId: agents[i % agents.length] as string })],
    [
      'Approve on a leave card',
      // every click of ours decides a request of its own; the bare app gets the same payloads
      (_i, s) => {
        const step = s === ours.slack ? (steps[approvals++ % steps.length] as string) : (steps[0] as string);
        return s.blockAction({ userId: lead, actionId: 'leave.approve', value: step, blockId: 'leave.decision' });
      },
    ],
    [
      'Request leave on the Home',
      (i, s) => s.blockAction({ userId: agents[i % agents.length] as string, actionId: 'home.start_leave', blockId: 'home.start' }),
    ],
  ];

  console.log(
    `ack latency, ${concurrency} concurrent requests, ${rounds} rounds of ${perRound} each side, database ${ours.running.database.kind} (TEST_DATABASE_URL picks PostgreSQL)`,
  );
  for (const [name, send] of kinds) {
    const samples = { ours: [] as number[], bare: [] as number[] };
    const p99s = { ours: [] as number[], bare: [] as number[] };
    const run = async (sender: SlackSender, into: number[], p99Of?: number[]) => {
      const round: number[] = [];
      let next = 0;
      const worker = async () => {
        while (next < perRound) {
          const i = next++;
          const reply = await send(i, sender);
          if (reply.status !== 200) throw new Error(`unexpected status ${reply.status}`);
          round.push(reply.ackMs);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      into.push(...round);
      p99Of?.push(percentile(round, 99));
      // what the acks left to do (decisions, cards, forms, the people changed read again) is over before the other side's round
      await ours.running.settled();
      await ours.running.deps.readModel?.caughtUp();
    };
    await run(ours.slack, []); // warm-up: JIT, locale cache, connection pools
    await run(bare.sender, []);
    for (let r = 0; r < rounds; r++) {
      await run(ours.slack, samples.ours, p99s.ours);
      await run(bare.sender, samples.bare, p99s.bare);
    }
    const row = (who: string, xs: number[], p99: number[]) =>
      `  ${who.padEnd(24)} p50 ${percentile(xs, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(xs, 99).toFixed(1).padStart(6)} ms   n=${xs.length}   round p99 ${Math.min(...p99).toFixed(0)}–${Math.max(...p99).toFixed(0)} ms`;
    console.log(
      name === 'Approve on a leave card'
        ? `${name} (${Math.min(approvals, steps.length)} of ours decided a request; ${Math.max(0, approvals - steps.length)} found theirs decided already)`
        : name,
    );
    console.log(row('shiftdesk', samples.ours, p99s.ours));
    console.log(row('bare Bolt (ack only)', samples.bare, p99s.bare));
    console.log(
      `  ratio p50 ${(percentile(samples.ours, 50) / percentile(samples.bare, 50)).toFixed(2)}   p99 ${(percentile(samples.ours, 99) / percentile(samples.bare, 99)).toFixed(2)}   (goal: p99 ratio ≤ 1.2)`,
    );
  }
  await bare.stop();
  await ours.stop();
}

/** Every agent files four one-day annual leaves among `days`, through the form; the step ids of the lead's cards. */
async function pendingSteps(app: TestApp, days: readonly LocalDate[]): Promise<string[]> {
  let n = 0;
  for (let d = 0; d < requestsPerAgent; d++)
    await Promise.all(
      agents.map(async (userId, a) => {
        const day = days[(a + d * 5) % days.length] as LocalDate;
        const reply = await app.slack.viewSubmission({
          userId,
          view: { id: `VACK${n++}`, callback_id: 'leave.request' },
          values: annualLeave(day),
        });
        if (reply.body !== '') throw new Error(`a leave request was refused: ${reply.body}`);
      }),
    );
  await app.running.settled();
  // the read model has read the requesters again before the first round
  await app.running.deps.readModel?.caughtUp();
  return app.fake
    .calls('chat.postMessage')
    .filter((c) => c.args.channel === lead)
    .flatMap((c) => (c.args.blocks as { elements?: { action_id?: string; value?: string }[] }[] | undefined) ?? [])
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.action_id === 'leave.approve')
    .map((e) => e.value as string);
}

function annualLeave(day: LocalDate): ViewStateValues {
  return {
    'leave.type': { value: { type: 'static_select', selected_option: { value: 'annual' } } },
    'leave.first_day': { 'leave.date_picked': { type: 'datepicker', selected_date: day } },
    'leave.last_day': { 'leave.date_picked': { type: 'datepicker', selected_date: day } },
    'leave.reason': { value: { type: 'plain_text_input', value: 'benchmark' } },
  };
}
