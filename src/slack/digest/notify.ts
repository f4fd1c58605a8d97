/** Sends a lead their daily digest by DM, in their own language. */
import type { webApi } from '@slack/bolt';
import type { Person } from '../../db/schema.js';
import { translator } from '../../i18n/t.js';
import type { DailyDigest } from '../../use-cases/daily-digest.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import type { SlackLocales } from '../locale-cache.js';
import { recipientLocale } from '../recipient-locale.js';
import { dailyDigestMessage } from './views.js';

export interface DigestNotifier {
  /** Throws when Slack did not take the message, so the claim is let go and a later minute tries again. */
  send(lead: Person, digest: DailyDigest): Promise<void>;
}

export function digestNotifier(client: webApi.WebClient, deps: UseCaseDeps, locales: SlackLocales): DigestNotifier {
  return {
    async send(lead, digest) {
      const locale = await recipientLocale(locales, deps.policy, lead, lead.slackId);
      const message = dailyDigestMessage(digest, { t: translator(locale), locale });
      await client.chat.postMessage({ channel: lead.slackId, text: message.text, blocks: message.blocks });
    },
  };
}
