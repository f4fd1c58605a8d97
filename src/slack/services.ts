import type { Outbox } from '../use-cases/outbox.js';
import type { AfterAck } from './after-ack.js';
import type { BulkSender } from './bulk-dm.js';
import type { HomeRepublisher } from './home/republish.js';
import type { SlackLocales } from './locale-cache.js';

/** What listeners share beyond the use cases: the Slack locale cache (for messages to other people), and the after-ack queue. */
export interface SlackServices {
  readonly locales: SlackLocales;
  readonly afterAck: AfterAck;
  /** Direct messages to many people at once, paced by Slack's rate limits. */
  readonly bulk: BulkSender;
  /** Where a checked submission is stored before the ack and written after it. */
  readonly submissions: Outbox;
  /** Draws again the Homes that show a changed item. */
  readonly homes: HomeRepublisher;
}
