import { describe, expect, it } from 'vitest';
import { startTestApp } from '../harness/test-app.js';

describe("the bot's identity at start-up", () => {
  it('stops start-up with a one-line configuration error when Slack refuses the bot token', async () => {
    await expect(startTestApp({ appBotToken: 'xoxb-revoked-token' })).rejects.toMatchObject({
      code: 'config.invalid',
      message: expect.stringMatching(/^SLACK_BOT_TOKEN was refused by Slack \(invalid_auth\): .*OAuth & Permissions/),
    });
  });

  it('asks auth.test once, not on every request', async () => {
    const app = await startTestApp({ users: [{ id: 'U0ANY', name: 'any', locale: 'en-US' }] });
    try {
      await app.slack.slashCommand({ command: '/leave', text: 'help', userId: 'U0ANY' });
      await app.slack.slashCommand({ command: '/swap', text: 'help', userId: 'U0ANY' });
      expect(app.fake.calls('auth.test')).toHaveLength(1);
    } finally {
      await app.stop();
    }
  });

  it('still starts and answers when a Slack stand-in does not know auth.test', async () => {
    const app = await startTestApp({
      beforeStart: (fake) => fake.failNext('auth.test', 'unknown_method'),
      users: [{ id: 'U0ANY', name: 'any', locale: 'en-US' }],
    });
    try {
      const reply = await app.slack.slashCommand({ command: '/leave', text: 'help', userId: 'U0ANY' });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ response_type: 'ephemeral', text: '/leave — leave requests (请假)' });
    } finally {
      await app.stop();
    }
  });
});
