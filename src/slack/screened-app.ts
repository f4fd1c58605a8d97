/**
 * The Bolt app behind a shape check: both receivers (HTTP and Socket Mode) hand every request to
 * `processEvent`, so a body that is not one of the requests the app serves, in a shape Bolt and the
 * listeners can read, is answered empty and logged here, before Bolt reads any of it.
 */
import { App, type AppOptions, type ReceiverEvent } from '@slack/bolt';
import type { AppLogger } from '../logger.js';
import { RequestObserver } from './request-observer.js';
import { usableRequest } from './request-shape.js';

export class ScreenedApp extends App {
  private readonly screenLog: AppLogger;

  constructor(
    options: AppOptions,
    logger: AppLogger,
    /** Names each request in the logs and counts it in the metrics. */
    readonly observer = new RequestObserver(undefined),
  ) {
    super(options);
    this.screenLog = logger;
  }

  override processEvent(event: ReceiverEvent): Promise<void> {
    return this.observer.handle(event, (observed) => this.screen(observed));
  }

  /** False when the body was answered and ignored. */
  private async screen(event: ReceiverEvent): Promise<boolean> {
    const body: unknown = event.body;
    const usable =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? usableRequest(body as Record<string, unknown>)
        : { ok: false as const, problem: 'not a JSON object' };
    if (usable.ok) {
      await super.processEvent(event);
      return true;
    }
    this.screenLog.warn({ problem: usable.problem }, 'a signed request the app has no use for was answered and ignored');
    await event.ack();
    return false;
  }
}
