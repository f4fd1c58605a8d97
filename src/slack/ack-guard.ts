/**
 * Every request Slack waits on is answered within its 3 seconds, even when the database does not
 * answer: a listener that has not acked within the budget, or that failed because the database is
 * away, gets "shiftdesk can't reach its database" answered for it, where the person is looking.
 */
import type { AnyMiddlewareArgs, Context, Middleware, SlackAction, SlashCommand, ViewSubmitAction } from '@slack/bolt';
import type { AppLogger } from '../logger.js';
import { translator } from '../i18n/t.js';
import type { Locale } from '../policy/policy-file.js';
import { DatabaseTimeout } from '../db-timeout.js';
import { ackWithinLimits } from './slack-limits-guard.js';

export { within } from '../db-timeout.js';

type AckFn = (response?: unknown) => Promise<void>;

interface AckState {
  readonly ack: AckFn;
  readonly deadline: number;
  acked: boolean;
  /** The person was told the database is away already. */
  told: boolean;
}

const ackKey = 'shiftdeskAck';

/** The ack the listeners call: only the first answer goes to Slack, so a late listener never answers twice. */
export function guardedAck(context: Context): AckFn | undefined {
  return (context[ackKey] as AckState | undefined)?.ack;
}

/** How many milliseconds are left of the request's budget for work before its ack. */
export function ackTimeLeft(context: Context): number {
  const state = context[ackKey] as AckState | undefined;
  return state ? Math.max(0, state.deadline - performance.now()) : Number.POSITIVE_INFINITY;
}

/** Error codes of postgres.js and of PostgreSQL itself that mean the database is not there, not that a query was wrong. */
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

/** Whether an error (or one it wraps) says the database could not be reached. */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; cause = (cause as { cause?: unknown }).cause, depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && unreachableCodes.has(code)) return true;
    if (cause instanceof DatabaseTimeout) return true;
  }
  return false;
}

/**
 * Bolt middleware, first after the in-flight counter. `localeOf` picks the reader's language from
 * what the request says (the database may be what is missing).
 */
export function ackGuard(
  budgetMs: number,
  logger: AppLogger,
  localeOf: (context: Context, body: unknown) => Locale,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const original = (args as { ack?: AckFn }).ack;
    const body = args.body as { type?: string };
    if (typeof original !== 'function' || body.type === 'event_callback') return args.next();
    const state: AckState = {
      deadline: performance.now() + budgetMs,
      acked: false,
      told: false,
      ack: async (response) => {
        if (state.acked) return;
        state.acked = true;
        await original(ackWithinLimits(response, logger));
      },
    };
    args.context[ackKey] = state;
    const answer = async (why: string, error?: unknown) => {
      if (state.told) return;
      state.told = true;
      logger.warn({ err: error, type: body.type }, why);
      await answerUnreachable(
        args.body,
        state.acked ? async () => {} : state.ack,
        translator(localeOf(args.context, args.body))('common.database_unreachable'),
      );
    };
    const timer = setTimeout(
      () =>
        void (state.acked
          ? undefined
          : answer('a request was not answered in time; the database is taken to be away').catch(() => undefined)),
      budgetMs,
    );
    try {
      await args.next();
    } catch (error) {
      // after the ack (a modal to open, a list to show) the message goes beside the command instead of "something went wrong"
      if (isDatabaseUnreachable(error)) return void (await answer('a request failed because the database is away', error));
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The answer where the person is: under the command, on the modal's first field, or beside the clicked message. */
async function answerUnreachable(body: unknown, ack: AckFn, text: string): Promise<void> {
  const request = body as (SlashCommand & { type?: undefined }) | ViewSubmitAction | SlackAction;
  if (request.type === 'view_submission') {
    const firstInput = ((request.view.blocks ?? []) as { type?: string; block_id?: string }[]).find(
      (b) => b.type === 'input' && b.block_id,
    );
    return firstInput?.block_id ? ack({ response_action: 'errors', errors: { [firstInput.block_id]: text } }) : ack();
  }
  if (request.type === undefined) return ack({ response_type: 'ephemeral', text });
  await ack();
  const responseUrl = (request as { response_url?: unknown }).response_url;
  if (typeof responseUrl === 'string') {
    await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
    }).catch(() => undefined);
  }
}
