import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { FakeSlack } from '../test/harness/fake-slack/index.js';
import { botToken, signingSecret } from '../test/harness/test-app.js';
import { createSlackSender, type SlackSender } from '../test/harness/slack-requests.js';

/**
 * The baseline: a Bolt app with its default settings whose listeners only ack, over signed HTTP on
 * this machine. It is told the bot's identity, as shiftdesk learns it once at start, so that it asks
 * no auth.test of the stand-in while the benchmark runs.
 */
export async function startBareBolt(
  fake: FakeSlack,
  listen: (app: App) => void,
): Promise<{ sender: SlackSender; stop: () => Promise<void> }> {
  const app = new App({
    token: botToken,
    signingSecret,
    botId: fake.identity.botId,
    botUserId: fake.identity.botUserId,
    clientOptions: { slackApiUrl: `${fake.url}/api/` },
  });
  listen(app);
  const server = (await app.start(0)) as unknown as { address(): AddressInfo };
  const sender = createSlackSender({ appUrl: `http://127.0.0.1:${server.address().port}/slack/events`, signingSecret, fake });
  return { sender, stop: async () => void (await app.stop()) };
}
