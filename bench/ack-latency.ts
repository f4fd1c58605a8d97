/**
 * Ack latency of `/leave help` (middleware: person lookup + cached locale, then the help view) against a
 * bare Bolt app whose handler only acks, both over signed HTTP on this machine, interleaved so that
 * noise hits both alike.
 */
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { aPerson, insertPeople } from '../test/fixtures/org.js';
import { botToken, signingSecret, startTestApp } from '../test/harness/test-app.js';
import { createSlackSender } from '../test/harness/slack-requests.js';
import { percentile } from './stats.js';

const rounds = 10;
const perRound = 40;
const concurrency = 20;

export async function benchAckLatency(): Promise<void> {
  const users = Array.from({ length: 50 }, (_, i) => `U0BENCH${String(i).padStart(3, '0')}`);
  const ours = await startTestApp({ users: users.map((id) => ({ id, name: id, locale: 'zh-CN', tz: 'Asia/Shanghai' })) });
  await insertPeople(
    ours.db,
    users.map((slackId) => aPerson({ slackId })),
  );

  const bare = new App({ token: botToken, signingSecret, clientOptions: { slackApiUrl: `${ours.fake.url}/api/` } });
  bare.command('/leave', async ({ ack }) => ack());
  const bareServer = (await bare.start(0)) as unknown as { address(): AddressInfo };
  const bareSender = createSlackSender({
    appUrl: `http://127.0.0.1:${bareServer.address().port}/slack/events`,
    signingSecret,
    fake: ours.fake,
  });

  const samples = { ours: [] as number[], bare: [] as number[] };
  const run = async (send: typeof ours.slack.slashCommand, into: number[]) => {
    let next = 0;
    const worker = async () => {
      while (next < perRound) {
        const i = next++;
        const reply = await send({ command: '/leave', text: 'help', userId: users[i % users.length] as string });
        if (reply.status !== 200) throw new Error(`unexpected status ${reply.status}`);
        into.push(reply.ackMs);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };

  await run(ours.slack.slashCommand, []); // warm-up: JIT, locale cache, connection pools
  await run(bareSender.slashCommand, []);
  for (let r = 0; r < rounds; r++) {
    await run(ours.slack.slashCommand, samples.ours);
    await run(bareSender.slashCommand, samples.bare);
  }
  await bare.stop();
  await ours.stop();

  const row = (name: string, xs: number[]) =>
    `${name.padEnd(28)} p50 ${percentile(xs, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(xs, 99).toFixed(1).padStart(7)} ms   n=${xs.length}`;
  console.log(
    `ack latency, /leave help, ${concurrency} concurrent requests, database ${ours.running.database.kind} (TEST_DATABASE_URL picks PostgreSQL)`,
  );
  console.log(row('shiftdesk', samples.ours));
  console.log(row('bare Bolt (ack only)', samples.bare));
  console.log(
    `ratio p50 ${(percentile(samples.ours, 50) / percentile(samples.bare, 50)).toFixed(2)}   p99 ${(percentile(samples.ours, 99) / percentile(samples.bare, 99)).toFixed(2)}`,
  );
}
