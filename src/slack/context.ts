import type { AnyMiddlewareArgs, Context, Middleware } from '@slack/bolt';
import { personById } from '../use-cases/people.js';
import { ackTimeLeft, within } from './ack-guard.js';
import type { Person } from '../db/schema.js';
import { AppError } from '../errors.js';
import { translator, type Translate } from '../i18n/t.js';
import type { Locale } from '../policy/policy-file.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import type { SlackLocales } from './locale-cache.js';
import { localeFrom } from './recipient-locale.js';
import { teamOf } from '../use-cases/team.js';
import type { ViewContext } from './view-context.js';

/** Who is asking, in which language: set once per request by `resolveUser`. */
export interface UserContext {
  readonly userId: string;
  /** Undefined when the Slack user is not in the org file. */
  readonly person: Person | undefined;
  readonly locale: Locale;
  readonly t: Translate;
}

const contextKey = 'shiftdeskUser';

/** What is kept of a request's budget for answering it once the person's row could not be read. */
const answerMarginMs = 300;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const named = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/**
 * The Slack id of the person a request comes from, if it names one: where commands, interactions and
 * events name their user. Never fails: a request without a user has none. Read on every request, so by hand.
 */
export function requestUserId(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  return (
    named(body.user_id) ??
    (isRecord(body.user) ? named(body.user.id) : undefined) ??
    (isRecord(body.event) ? named(body.event.user) : undefined)
  );
}

/**
 * Bolt middleware: finds the person and their language before any listener runs. Cheap enough to run
 * before ack: the read model (or one primary-key read) and a cached users.info that waits at most a second.
 */
export function resolveUser(deps: Pick<UseCaseDeps, 'db' | 'policy' | 'readModel'>, locales: SlackLocales): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const userId = requestUserId(body);
    if (userId !== undefined) {
      const known = deps.readModel?.personOf(userId);
      // the database may be away: the read stops in time for the answer that says so
      const [person, slackLocale] = await Promise.all([
        known ? known.person : within(personById(deps, userId), ackTimeLeft(context) - answerMarginMs),
        locales.get(userId),
      ]);
      const locale = localeFrom(slackLocale, person, deps.policy);
      const user: UserContext = { userId, person, locale, t: translator(locale) };
      context[contextKey] = user;
    }
    await next();
  };
}

/** The request's user as `resolveUser` found them, if it did. */
export function resolvedUser(context: Context): UserContext | undefined {
  return context[contextKey] as UserContext | undefined;
}

export function userContext(context: Context): UserContext {
  const user = context[contextKey] as UserContext | undefined;
  if (user === undefined) throw new AppError('slack.no_user', 'a listener ran for a request without a Slack user');
  return user;
}

/** A person of the org whose account is active: who may use the commands and buttons. */
export type ActiveUser = UserContext & { readonly person: Person };

export function activePerson(user: UserContext): ActiveUser | undefined {
  return user.person?.active ? (user as ActiveUser) : undefined;
}

/** The asker's language and the policy as their own team applies it. */
export function userView(deps: Pick<UseCaseDeps, 'policy'>, user: ActiveUser): ViewContext {
  return { t: user.t, locale: user.locale, policy: deps.policy, team: teamOf(deps, user.person) };
}
