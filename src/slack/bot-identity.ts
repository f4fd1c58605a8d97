import type { webApi } from '@slack/bolt';
import { withTimeout } from '../async.js';
import { AppError } from '../errors.js';
import type { AppLogger } from '../logger.js';

export interface BotIdentity {
  readonly botId: string;
  readonly botUserId: string;
}

/** Slack's answers that mean the token itself is wrong, not that Slack is unreachable. */
const refusedToken = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);

/**
 * Asks Slack who the bot is (auth.test) once at start-up. A refused token stops start-up with a
 * configuration error; an unreachable Slack does not, the app starts and answers once Slack does.
 */
export async function identifyBot(client: webApi.WebClient, logger: AppLogger, timeoutMs = 5000): Promise<BotIdentity | undefined> {
  try {
    const answer = await withTimeout(client.auth.test(), timeoutMs, () => {
      throw new AppError('slack.no_answer', `no answer within ${timeoutMs} ms`);
    });
    if (answer.bot_id && answer.user_id) return { botId: answer.bot_id, botUserId: answer.user_id };
    logger.warn('auth.test did not name the bot; check that SLACK_BOT_TOKEN is a bot token (xoxb-…)');
    return undefined;
  } catch (error) {
    const code = (error as { data?: { error?: unknown } }).data?.error;
    if (typeof code === 'string' && refusedToken.has(code)) {
      throw new AppError(
        'config.invalid',
        `SLACK_BOT_TOKEN was refused by Slack (${code}): copy the Bot User OAuth Token (xoxb-…) from your app's "OAuth & Permissions" page`,
      );
    }
    logger.warn({ err: error }, 'could not ask Slack who the bot is (auth.test); starting anyway');
    return undefined;
  }
}
