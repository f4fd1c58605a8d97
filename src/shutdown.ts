/**
 * Stopping a running copy within its grace: no new requests or ticks, the work in flight finished
 * (or, when Slack does not answer in time, cut off so it fails and hands its items back), the claims
 * the copy still holds let go so another copy or the next start takes the work over at once, then
 * the read model and the database closed. However long Slack or a job takes, this ends within the grace.
 */
import { withTimeout } from './async.js';
import type { ReleasedClaims } from './db/queries/claims.js';
import type { Scheduler } from './jobs/scheduler.js';
import type { AppLogger } from './logger.js';
import type { SlackCutoff } from './slack/slack-deadline.js';

export interface StoppingCopy {
  readonly graceMs: number;
  readonly logger: AppLogger;
  readonly scheduler: Scheduler;
  readonly cutoff: SlackCutoff;
  /** Closes the doors: the HTTP server or the Socket Mode connection, and the outbox's own retries. */
  stopTakingRequests(): Promise<void>;
  /** Each resolves once its work in flight is done, or after `timeoutMs`. */
  readonly inFlight: readonly ((timeoutMs: number) => Promise<unknown>)[];
  releaseClaims(): Promise<ReleasedClaims>;
  /** In order, after the claims: the read model, the side server, the database. */
  readonly close: readonly (() => Promise<void>)[];
}

/** Of the grace: until here the work may finish by itself; then Slack is cut off and the rest unwinds until `abandonAt`. */
const cutAt = 0.6;
const abandonAt = 0.8;

export async function stopWithinGrace(copy: StoppingCopy): Promise<void> {
  const { graceMs, logger, scheduler, cutoff } = copy;
  const started = performance.now();
  const until = (share: number) => Math.max(0, started + graceMs * share - performance.now());

  const doorsClosed = copy
    .stopTakingRequests()
    .catch((error: unknown) => logger.warn({ err: error }, 'could not stop taking requests cleanly'));
  const settled = async (ticks: Promise<boolean>, timeoutMs: number) => {
    const [tickDone] = await Promise.all([ticks, ...copy.inFlight.map((idle) => idle(timeoutMs))]);
    return tickDone;
  };
  let tickDone = await settled(scheduler.stop(until(cutAt)), until(cutAt));
  // whatever still waits on Slack fails now, and its own error handling gives its items back
  cutoff.cutOff();
  tickDone = await settled(scheduler.idle(until(abandonAt)), until(abandonAt));
  await withTimeout(doorsClosed, until(abandonAt), () => undefined);
  if (!tickDone)
    logger.warn('a scheduled job was still running when the grace ran out; its claim is let go for another copy or the next start');

  try {
    const released = await withTimeout(copy.releaseClaims(), until(1), () => undefined);
    if (released === undefined) logger.warn("the database did not let go of this copy's claims in time; they run out by themselves");
    else if (Object.values(released).some((count) => count > 0))
      logger.info({ released }, 'claims let go for another copy or the next start');
  } catch (error) {
    logger.warn({ err: error }, "could not let go of this copy's claims; they run out by themselves");
  }
  for (const close of copy.close) {
    await close().catch((error: unknown) => logger.warn({ err: error }, 'could not close cleanly'));
  }
}
