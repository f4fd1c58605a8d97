/**
 * Submissions that are written after Slack is answered. Before the ack a submission is stored in the
 * outbox (one insert); if that insert fails, the modal says so instead of closing. After the ack the
 * submission is written by its kind, in a transaction that also marks it done; a failed attempt is
 * tried again with back-off, by this copy or, once its claim runs out, by any other; a submission that
 * is refused at write time, or fails too often, is marked failed and its author told what to do.
 */
import { randomUUID } from 'node:crypto';
import {
  claimSubmission,
  dropClaimedSubmission,
  dropUnstartedSubmissions,
  dueSubmissionIds,
  failSubmission,
  finishSubmission,
  insertSubmissions,
  markTold,
  releaseSubmission,
  unmarkTold,
  untoldFailures,
  type NewSubmission,
} from '../db/queries/outbox.js';
import type { Submission } from '../db/schema.js';
import { AppError } from '../errors.js';
import { DatabaseTimeout, within } from '../db-timeout.js';
import type { UseCaseDeps } from './deps.js';
import { IdleWaiters, withTimeout } from '../async.js';

/** What a kind's write did: written (its result goes to `written`), or refused, with what to tell the author. */
export type WriteOutcome = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly failure: SubmissionFailure };

/** Why a submission was not written, stored as JSON: a refusal of its kind, or too many failed attempts. */
export type SubmissionFailure = { readonly reason: 'refused'; readonly detail: unknown } | { readonly reason: 'gave_up' };

export interface SubmissionKind {
  /** Writes the submission with `deps.db`, which is the transaction that marks it done. */
  write(deps: UseCaseDeps, item: Submission): Promise<WriteOutcome>;
  /** After the commit: approvers' cards, the channel post… A failure here is logged; the write stands. */
  written(item: Submission, result: unknown): Promise<void>;
  /** Tells the author their submission was not filed, and what to do. */
  tell(item: Submission, failure: SubmissionFailure): Promise<void>;
}

export interface OutboxTimings {
  /** How long a claim keeps other copies off an item: longer than the wait for a quiet moment and the attempts in this copy. */
  readonly leaseMs: number;
  /** Waits between the attempts this copy makes at once (real time); after them the item waits for the scheduled sweep. */
  readonly retryDelaysMs: readonly number[];
  /** Attempts in all before the author is told it could not be filed. */
  readonly maxAttempts: number;
  /** How long the claim that starts an attempt may wait for the database. */
  readonly claimTimeoutMs: number;
}

const defaultTimings: OutboxTimings = { leaseMs: 2 * 60_000, retryDelaysMs: [200, 1000, 3000], maxAttempts: 10, claimTimeoutMs: 2000 };

/** After a claim the database did not answer, other items wait this long for their turn instead of waiting on it too. */
const awayForMs = 1000;

/** After the n-th failed attempt, the sweep waits this long (app clock): 30 s, 1 min, 2 min… at most 15 min. */
const sweepBackoffMs = (attempts: number) => Math.min(15 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));

/** How long the first of a burst of submissions waits for the others to go in with it, at most. */
const gatherMaxMs = 50;
/** A check running longer than this has failed without saying so. */
const checkForgottenAfterMs = 2000;

/** How long a running insert holds the submissions that came after it; the ack cannot wait much longer. */
const insertGateMs = 250;

/** How many items one sweep takes on. */
const sweepBatch = 50;

interface WaitingInsert {
  readonly item: NewSubmission;
  readonly resolve: (row: { id: number; fresh: boolean }) => void;
  readonly reject: (error: unknown) => void;
}

/** The insert timed out: the answer to Slack cannot wait longer. */
class AcceptTimeout extends Error {}

export class Outbox {
  private readonly kinds = new Map<string, SubmissionKind>();
  /** Items this copy is working on now, so a sweep never starts one twice in one process. */
  private readonly working = new Set<number>();
  private readonly timings: OutboxTimings;
  private readonly retries = new Set<NodeJS.Timeout>();
  private readonly waiters = new IdleWaiters();
  private stopped = false;
  /** Submissions waiting for the next insert, and whether one is running. */
  private waiting: WaitingInsert[] = [];
  private inserting = false;
  /** When the first of the waiting submissions came, and the timer that sends them in at the latest. */
  private gatherSince = 0;
  private gatherTimer: NodeJS.Timeout | undefined;
  /** Submissions whose checks are running (since when). */
  private readonly checked = new Set<{ readonly since: number }>();
  /** Submissions whose authors were told they were not filed, whose rows may still go in: dropped wherever found. */
  private readonly toldNotFiled = new Map<string, { settled: boolean }>();
  /** Until when (performance.now()) the database is taken to be away, after a claim it did not answer. */
  private awayUntil = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deps: UseCaseDeps,
    timings: Partial<OutboxTimings> = {},
    /** The app copy, in the claims it takes. */
    readonly instanceId: string = randomUUID(),
  ) {
    this.timings = { ...defaultTimings, ...timings };
  }

  register(kind: string, handler: SubmissionKind): void {
    this.kinds.set(kind, handler);
  }

  /**
   * Stores a submission before the ack; undefined when the database did not take it within
   * `timeoutMs` (its author must be told it was not filed). A second delivery returns the first one's id.
   */
  async accept(item: NewSubmission, timeoutMs: number): Promise<number | undefined> {
    // sent again by its author after being told it was not filed: wanted now
    this.toldNotFiled.delete(item.submissionKey);
    const insert = this.insertSoon(item);
    try {
      return (
        await withTimeout(insert, timeoutMs, () => {
          throw new AcceptTimeout();
        })
      ).id;
    } catch (error) {
      this.deps.logger.warn(
        { err: error, kind: item.kind, submissionKey: item.submissionKey },
        'a submission could not be stored; its author is asked to try again',
      );
      // One still waiting to go in never goes; one that still goes in after the answer was given is taken
      // out again: its author was told to submit again.
      const waitingAt = this.waiting.findIndex((w) => w.item === item);
      if (waitingAt >= 0) {
        this.waiting.splice(waitingAt, 1);
        return undefined;
      }
      // Its insert may still go in, or have gone in unseen: the row goes whenever it shows up, before any
      // sweep of this copy starts on it.
      const told = { settled: false };
      this.toldNotFiled.set(item.submissionKey, told);
      void insert.then(
        ({ fresh }) => {
          told.settled = true;
          // not made by this insert: an earlier delivery's row, not this author's to lose
          if (!fresh && this.toldNotFiled.get(item.submissionKey) === told) this.toldNotFiled.delete(item.submissionKey);
          return this.dropToldNotFiled();
        },
        () => {
          told.settled = true;
          return this.dropToldNotFiled();
        },
      );
      return undefined;
    }
  }

  /**
   * A submission's checks begin (before its `accept`): an insert about to go waits for the submissions
   * still being checked, to go in with them. Returns what to call once its checks are over, whether it
   * is accepted or refused then.
   */
  checking(): () => void {
    const entry = { since: performance.now() };
    this.checked.add(entry);
    return () => {
      if (this.checked.delete(entry)) this.insertWhenGathered();
    };
  }

  /**
   * Group commit: the submissions of a burst go in with one statement and one commit. An insert waits
   * while submissions are still being checked (`gatherMaxMs` at most); those that arrive while one
   * runs go in with the next. An insert the database holds up longer than `insertGateMs` holds the
   * next ones back no more.
   */
  private insertSoon(item: NewSubmission): Promise<{ id: number; fresh: boolean }> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length === 1) this.gatherSince = performance.now();
      this.insertWhenGathered();
    });
  }

  private insertWhenGathered(): void {
    if (this.inserting || this.waiting.length === 0) return;
    const now = performance.now();
    // a check that never said it was over (its request failed) holds nobody up for long
    for (const entry of this.checked) if (now - entry.since > checkForgottenAfterMs) this.checked.delete(entry);
    const waited = now - this.gatherSince;
    if (this.checked.size > 0 && waited < gatherMaxMs) {
      this.gatherTimer ??= setTimeout(() => {
        this.gatherTimer = undefined;
        this.insertWhenGathered();
      }, gatherMaxMs - waited);
      return;
    }
    clearTimeout(this.gatherTimer);
    this.gatherTimer = undefined;
    const batch = this.waiting.splice(0);
    this.inserting = true;
    let opened = false;
    const open = () => {
      if (opened) return;
      opened = true;
      clearTimeout(gate);
      this.inserting = false;
      this.insertWhenGathered();
    };
    const gate = setTimeout(open, insertGateMs);
    void this.insertBatch(batch).finally(open);
  }

  /** One statement for the batch; when the database refuses it, each submission goes alone, so one bad row fails no other. */
  private async insertBatch(batch: readonly WaitingInsert[]): Promise<void> {
    const now = this.deps.clock.now();
    const claim = { at: now, claimedBy: this.instanceId, claimedUntil: new Date(now.getTime() + this.timings.leaseMs) };
    let ids: Map<string, { id: number; fresh: boolean }>;
    try {
      ids = await insertSubmissions(
        this.deps.db,
        batch.map((b) => b.item),
        claim,
      );
    } catch (error) {
      if (batch.length === 1) return batch[0]?.reject(error);
      await Promise.all(
        batch.map((b) =>
          insertSubmissions(this.deps.db, [b.item], claim).then((alone) => {
            const found = alone.get(b.item.submissionKey);
            if (found) b.resolve(found);
            else b.reject(error);
          }, b.reject),
        ),
      );
      return;
    }
    for (const b of batch) {
      const found = ids.get(b.item.submissionKey);
      if (found) b.resolve(found);
      else
        b.reject(
          new AppError('db.no_row', `submission ${b.item.submissionKey} neither stored nor found`, { submissionKey: b.item.submissionKey }),
        );
    }
  }

  /**
   * Writes one item now; a failed attempt is tried again after each of `retryDelaysMs` (each wait on
   * a timer of its own, holding up nothing else); what is still not written waits for `sweep`.
   */
  async process(id: number, tried = 0): Promise<void> {
    if (this.working.has(id)) return;
    this.working.add(id);
    let result: 'finished' | 'retry' | 'gone';
    try {
      // while the database is away, an attempt would only hold up the work queued behind it
      result = performance.now() < this.awayUntil ? 'retry' : await this.attempt(id);
    } finally {
      this.working.delete(id);
    }
    const delay = this.timings.retryDelaysMs[tried];
    if (result !== 'retry' || delay === undefined || this.stopped) return this.wakeIfIdle();
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      void this.process(id, tried + 1);
    }, delay);
    this.retries.add(timer);
  }

  /** Resolves once no attempt is running or waiting to be tried again in this copy, or after `timeoutMs`. */
  idle(timeoutMs: number): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return this.waiters.wait(timeoutMs);
  }

  /** No more attempts in this copy: what is left is another copy's (or the next start's) once its claim runs out. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
    this.wakeIfIdle();
  }

  private isIdle(): boolean {
    return this.working.size === 0 && this.retries.size === 0;
  }

  private wakeIfIdle(): void {
    if (this.isIdle()) this.waiters.wakeAll();
  }

  /** The scheduled job: items left by a failed attempt or by a copy that died, and authors not yet told. */
  async sweep(): Promise<void> {
    // while they cannot be dropped, the database is away: nothing else would go through either
    if (!(await this.dropToldNotFiled())) return;
    const now = this.deps.clock.now();
    for (const id of await dueSubmissionIds(this.deps.db, now, sweepBatch)) {
      if (this.working.has(id)) continue;
      this.working.add(id);
      try {
        await this.attempt(id);
      } finally {
        this.working.delete(id);
        this.wakeIfIdle();
      }
    }
    for (const item of await untoldFailures(this.deps.db, sweepBatch)) await this.tell(item, item.failure as SubmissionFailure);
  }

  /**
   * Drops the rows of submissions whose authors were told they were not filed. Each is forgotten once
   * its insert has ended and a drop after it went through: no row of it can come later.
   */
  private async dropToldNotFiled(): Promise<boolean> {
    if (this.toldNotFiled.size === 0) return true;
    const keys = [...this.toldNotFiled.keys()];
    const settled = keys.filter((key) => this.toldNotFiled.get(key)?.settled);
    try {
      await dropUnstartedSubmissions(this.deps.db, keys);
    } catch (error) {
      this.deps.logger.warn(
        { err: error, submissions: keys.length },
        'submissions told not filed could not be dropped yet; the sweep tries again',
      );
      return false;
    }
    for (const key of settled) this.toldNotFiled.delete(key);
    return true;
  }

  /** One attempt; 'retry' when it failed and may be tried again. */
  private async attempt(id: number): Promise<'finished' | 'retry' | 'gone'> {
    const { db, clock, logger } = this.deps;
    const now = clock.now();
    let item: Submission | undefined;
    try {
      item = await within(
        claimSubmission(db, { id, by: this.instanceId, at: now, until: new Date(now.getTime() + this.timings.leaseMs) }),
        this.timings.claimTimeoutMs,
      );
      this.awayUntil = Number.NEGATIVE_INFINITY;
    } catch (error) {
      if (error instanceof DatabaseTimeout) this.awayUntil = performance.now() + awayForMs;
      logger.warn({ err: error, submissionId: id }, 'a submission could not be claimed; it is tried again');
      return 'retry';
    }
    // done, failed, or another copy holds it
    this.deps.metrics?.claim('submission', item ? 'taken' : 'lost');
    if (!item) return 'gone';
    const claimed = item;
    if (this.toldNotFiled.has(claimed.submissionKey)) {
      // its row came after the drop: still not this author's to have filed
      await dropClaimedSubmission(db, id, this.instanceId).catch((error: unknown) =>
        logger.warn({ err: error, submissionId: id }, 'a submission told not filed could not be dropped; its claim keeps it'),
      );
      return 'gone';
    }
    const kind = this.kinds.get(claimed.kind);
    if (!kind) {
      logger.error({ submissionId: id, kind: claimed.kind }, 'a submission of an unknown kind is left as it is');
      return 'gone';
    }
    let outcome: WriteOutcome;
    try {
      outcome = await db.transaction(async (tx) => {
        const written = await kind.write({ ...this.deps, db: tx }, claimed);
        if (written.ok) await finishSubmission(tx, id, now);
        else await failSubmission(tx, id, written.failure, now);
        return written;
      });
    } catch (error) {
      logger.warn(
        { err: error, submissionId: id, kind: claimed.kind, attempts: claimed.attempts },
        'a submission could not be written; it is tried again',
      );
      return this.afterFailedAttempt(claimed, error);
    }
    this.deps.metrics?.claim('submission', 'finished');
    if (outcome.ok)
      await kind
        .written(claimed, outcome.result)
        .catch((error: unknown) =>
          logger.error({ err: error, submissionId: id, kind: claimed.kind }, 'a submission was written but not everyone was told'),
        );
    else await this.tell(claimed, outcome.failure);
    return 'finished';
  }

  private async afterFailedAttempt(item: Submission, error: unknown): Promise<'finished' | 'retry'> {
    const { db, clock, logger } = this.deps;
    const now = clock.now();
    try {
      if (item.attempts >= this.timings.maxAttempts) {
        const failure: SubmissionFailure = { reason: 'gave_up' };
        await failSubmission(db, item.id, failure, now);
        await this.tell(item, failure);
        return 'finished';
      }
      await releaseSubmission(db, {
        id: item.id,
        by: this.instanceId,
        nextAttemptAt: new Date(now.getTime() + sweepBackoffMs(item.attempts)),
        error: String(error),
      });
      this.deps.metrics?.claim('submission', 'released');
    } catch (again) {
      // the database is still away: the claim runs out and the sweep of any copy picks it up
      logger.warn({ err: again, submissionId: item.id }, 'a failed submission could not be let go');
    }
    return 'retry';
  }

  /** Tells the author once (two copies never both do); a message that fails is tried again by the next sweep. */
  private async tell(item: Submission, failure: SubmissionFailure): Promise<void> {
    const { db, clock, logger } = this.deps;
    const kind = this.kinds.get(item.kind);
    if (!kind) return;
    try {
      if (!(await markTold(db, item.id, clock.now()))) return;
    } catch (error) {
      logger.warn({ err: error, submissionId: item.id }, 'could not record telling of a failed submission; the sweep tells them');
      return;
    }
    try {
      await kind.tell(item, failure);
    } catch (error) {
      logger.warn({ err: error, submissionId: item.id }, 'could not tell of a failed submission; the sweep tries again');
      await unmarkTold(db, item.id).catch(() => undefined);
    }
  }
}
