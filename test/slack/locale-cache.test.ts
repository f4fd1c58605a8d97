import type { webApi } from '@slack/bolt';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { SlackLocales } from '../../src/slack/locale-cache.js';
import { FakeClock } from '../harness/fake-clock.js';

const hours = (n: number) => n * 60 * 60 * 1000;

/** A Slack that lists U1 as English once, then answers users.info as told. */
function slackWith(usersInfo: () => Promise<unknown>): webApi.WebClient {
  return {
    users: {
      list: async () => ({ ok: true, members: [{ id: 'U1', locale: 'en-US' }] }),
      info: usersInfo,
    },
  } as unknown as webApi.WebClient;
}

describe('Slack locales once learnt', () => {
  it('are kept when Slack is slow to describe someone again after the cache ran out', async () => {
    const clock = new FakeClock('2026-12-01T00:00:00Z');
    const locales = new SlackLocales(
      slackWith(() => new Promise(() => undefined)),
      clock,
      pino({ level: 'silent' }),
    );
    await locales.warm();
    clock.advance(hours(7));
    expect(await locales.get('U1', 5)).toBe('en-US');
    expect(await locales.get('U2', 5)).toBeUndefined();
  });

  it('are kept when users.info fails', async () => {
    const clock = new FakeClock('2026-12-01T00:00:00Z');
    const locales = new SlackLocales(
      slackWith(() => Promise.reject(new Error('ratelimited'))),
      clock,
      pino({ level: 'silent' }),
    );
    await locales.warm();
    clock.advance(hours(7));
    expect(await locales.get('U1')).toBe('en-US');
    expect(locales.peek('U1')).toBe('en-US');
  });
});
