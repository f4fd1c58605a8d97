import type { webApi } from '@slack/bolt';
import { withTimeout } from '../async.js';
import type { Clock } from '../clock.js';
import { fallbackSym, type AppLogger } from '../logger.js';

interface Entry {
  readonly locale: string | undefined;
  readonly fetchedAt: number;
  /** A failed lookup is remembered briefly, so a user Slack won't describe doesn't cost a call per request. */
  readonly failed: boolean;
}

const failureTtlMs = 10 * 60 * 1000;

/**
 * Slack locales by user, from users.info (include_locale). A lookup waits at most `waitMs` so the
 * 3-second ack is never at risk; a slow answer still fills the cache for the next request.
 */
export class SlackLocales {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly clock: Clock,
    private readonly logger: AppLogger,
    private readonly ttlMs = 6 * 60 * 60 * 1000,
  ) {}

  /** The cached locale without asking Slack: messages to hundreds of people cannot wait on users.info each. */
  peek(userId: string): string | undefined {
    return this.entries.get(userId)?.locale;
  }

  async get(userId: string, waitMs = 1000): Promise<string | undefined> {
    const cached = this.entries.get(userId);
    if (cached && this.clock.now().getTime() - cached.fetchedAt < (cached.failed ? failureTtlMs : this.ttlMs)) return cached.locale;
    // Slack slow to answer: a language learnt before, though old, is better than the department's default
    return withTimeout(this.fetch(userId), waitMs, () => cached?.locale);
  }

  /**
   * Learns every member's locale with users.list (a few paged calls) so that people's first requests
   * after a start need no users.info each: a busy morning would otherwise run into its rate limit.
   * Gives up quietly, keeping what it learnt, after `maxMs` or on an error.
   */
  async warm(maxMs = 5000): Promise<number> {
    let learnt = 0;
    let cursor: string | undefined;
    const deadline = performance.now() + maxMs;
    try {
      do {
        const list = this.client.users.list({ limit: 200, include_locale: true, ...(cursor ? { cursor } : {}) });
        const page = await withTimeout(list, deadline - performance.now(), () => undefined);
        if (!page) break;
        const fetchedAt = this.clock.now().getTime();
        for (const member of page.members ?? []) {
          if (!member.id) continue;
          this.entries.set(member.id, { locale: member.locale, fetchedAt, failed: false });
          learnt += 1;
        }
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
    } catch (error) {
      this.logger.warn({ err: error, [fallbackSym]: true }, 'users.list failed; languages are looked up person by person');
    }
    return learnt;
  }

  private fetch(userId: string): Promise<string | undefined> {
    const inFlight = this.pending.get(userId);
    if (inFlight) return inFlight;
    const request = this.client.users
      .info({ user: userId, include_locale: true })
      .then((answer) => {
        const locale = answer.user?.locale;
        this.entries.set(userId, { locale, fetchedAt: this.clock.now().getTime(), failed: false });
        return locale;
      })
      .catch((error: unknown) => {
        const known = this.entries.get(userId)?.locale;
        this.logger.warn(
          { err: error, userId, [fallbackSym]: true },
          'users.info failed; using the language learnt before, or the fallback',
        );
        this.entries.set(userId, { locale: known, fetchedAt: this.clock.now().getTime(), failed: true });
        return known;
      })
      .finally(() => this.pending.delete(userId));
    this.pending.set(userId, request);
    return request;
  }
}
