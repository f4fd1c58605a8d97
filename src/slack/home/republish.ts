/**
 * Draws a person's Home tab and publishes it; after a change, draws again the Homes of everyone whose
 * Home shows the item and who has opened Home, one at a time after the acks (the after-ack queue), so
 * the clicks people wait for come first and views.publish is called at an even pace (Slack's Web API
 * client waits out a rate-limited answer and tries again).
 */
import type { webApi } from '@slack/bolt';
import { homeOffset, homeOpenersOf } from '../../use-cases/home.js';
import { personById } from '../../use-cases/people.js';
import { translator } from '../../i18n/t.js';
import type { Person } from '../../db/schema.js';
import type { Locale } from '../../policy/policy-file.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { loadHome } from '../../use-cases/home.js';
import type { ItemRef } from '../../use-cases/home-changes.js';
import { peopleShowing } from '../../use-cases/waiting.js';
import type { AfterAck } from '../after-ack.js';
import type { SlackLocales } from '../locale-cache.js';
import { recipientLocale } from '../recipient-locale.js';
import { viewIn } from '../view-context.js';
import { homeView } from './views.js';
import { inboxBlocks, loadInbox } from './waiting.js';

/** What the caller already knows of the person (their row, the inbox page), so it is not read again. */
export interface KnownToHome {
  readonly person?: Person | undefined;
  readonly offset?: number | undefined;
}

/** The person's whole Home, in `locale` (else their own language), with the inbox page they look at. */
export async function drawHome(deps: UseCaseDeps, locales: SlackLocales, userId: string, locale?: Locale, known: KnownToHome = {}) {
  const [data, offset] = await Promise.all([loadHome(deps, userId, known.person), known.offset ?? homeOffset(deps, userId)]);
  const readIn = locale ?? (await recipientLocale(locales, deps.policy, data?.person ?? (await personById(deps, userId)), userId));
  const now = deps.clock.now();
  const inbox = data?.team
    ? await loadInbox(deps, { person: data.person, locale: readIn }, data.waiting, offset ?? 0, data.reads)
    : undefined;
  const team = data?.team;
  return homeView(data, { t: translator(readIn), locale: readIn, policy: deps.policy }, (budget) =>
    inbox && team ? inboxBlocks(inbox, viewIn(readIn, deps.policy, team), budget, now) : [],
  );
}

export async function publishHome(
  client: webApi.WebClient,
  deps: UseCaseDeps,
  locales: SlackLocales,
  userId: string,
  locale?: Locale,
  known?: KnownToHome,
): Promise<void> {
  await client.views.publish({ user_id: userId, view: await drawHome(deps, locales, userId, locale, known) });
}

export class HomeRepublisher {
  private readonly queued = new Set<string>();
  private draining = false;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly deps: UseCaseDeps,
    private readonly locales: SlackLocales,
    private readonly afterAck: AfterAck,
  ) {}

  /** An item changed: every Home that shows it is drawn again (`also`: Homes that showed it before). */
  changed(ref: ItemRef, also: readonly string[] = []): void {
    this.afterAck.run(async () => this.republish([...(await peopleShowing(this.deps, ref)), ...also]));
  }

  /** Draws these people's Homes again, after the acks (a click on the Home, say). */
  redraw(userIds: readonly string[]): void {
    this.afterAck.run(() => this.republish(userIds));
  }

  /** Publishes the Homes of those of `userIds` who opened Home; one drawing per person however many changes came meanwhile. */
  async republish(userIds: readonly string[]): Promise<void> {
    const openers = await homeOpenersOf(this.deps, [...new Set(userIds)]);
    for (const id of openers) this.queued.add(id);
    if (this.draining) return;
    this.draining = true;
    try {
      for (let next = this.queued.values().next(); !next.done; next = this.queued.values().next()) {
        this.queued.delete(next.value);
        await publishHome(this.client, this.deps, this.locales, next.value).catch((error: unknown) =>
          this.deps.logger.warn({ err: error, userId: next.value }, 'could not republish a Home tab'),
        );
      }
    } finally {
      this.draining = false;
    }
  }
}
