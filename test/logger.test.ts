import type { ReceiverEvent } from '@slack/bolt';
import { sql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { boltLine, createLogger, toBoltLogger } from '../src/logger.js';
import { withJob, withRequest } from '../src/request-context.js';
import { AfterAck } from '../src/slack/after-ack.js';
import { RequestObserver } from '../src/slack/request-observer.js';

const secret = 'Hortensia Wobblebottom';

function capture(level: 'trace' | 'debug' | 'info' = 'trace') {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(line) });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the request mixin', () => {
  it('adds the request’s fields to every line logged within it, by any child logger, and none outside', async () => {
    const { logger, parsed } = capture();
    logger.info('before');
    await withRequest({ userId: 'U1', route: 'command:/leave', retryNum: 2 }, async () => {
      logger.child({ component: 'use-case' }).debug('inside');
      await new Promise((resolve) => setImmediate(resolve));
      logger.warn({ route: 'mine', err: new Error('x') }, 'a field of the line itself wins');
      logger.info('and is on that line only');
    });
    logger.info('after');
    const [before, inside, own, next, after] = parsed();
    expect(before).not.toHaveProperty('reqId');
    expect(inside).toMatchObject({ reqId: expect.any(String), userId: 'U1', route: 'command:/leave', retryNum: 2, component: 'use-case' });
    expect(own).toMatchObject({ reqId: inside?.reqId, route: 'mine' });
    expect(next).toMatchObject({ reqId: inside?.reqId, route: 'command:/leave' });
    expect(next).not.toHaveProperty('err');
    expect(after).not.toHaveProperty('reqId');
  });

  it('names the job on a scheduled job’s lines', () => {
    const { logger, parsed } = capture();
    withJob('leave.remind', () => logger.info('reminding'));
    expect(parsed()[0]).toMatchObject({ job: 'leave.remind' });
    expect(parsed()[0]).not.toHaveProperty('reqId');
  });

  it('keeps the request of work queued after its ack, whichever request’s work runs before it', async () => {
    const { logger, parsed } = capture();
    const afterAck = new AfterAck(() => {}, undefined, 0, 1);
    let release: () => void = () => {};
    const first = new Promise<void>((resolve) => {
      release = resolve;
    });
    withRequest({ userId: 'U1', route: 'view:a' }, () =>
      afterAck.run(async () => {
        await first;
        logger.info('first');
      }),
    );
    withRequest({ userId: 'U2', route: 'view:b' }, () => afterAck.run(async () => logger.info('second')));
    release();
    await afterAck.idle(5000);
    expect(parsed().map((l) => [l.msg, l.userId, l.route])).toEqual([
      ['first', 'U1', 'view:a'],
      ['second', 'U2', 'view:b'],
    ]);
  });

  it('fills in the user, route, envelope id and retry from the delivery, and bounds unknown routes', async () => {
    const { logger, parsed } = capture();
    const observer = new RequestObserver(undefined);
    observer.knownRoute = (route) => route === 'action:leave.approve';
    const deliver = (body: unknown, more: Partial<ReceiverEvent> = {}) =>
      observer.handle({ body: body as ReceiverEvent['body'], ack: async () => {}, ...more }, async () => {
        logger.info('handled');
        return true;
      });
    await deliver(
      { type: 'block_actions', user: { id: 'U7' }, actions: [{ action_id: 'leave.approve' }] },
      { retryNum: 1, customProperties: { envelopeId: 'env-1' } },
    );
    await deliver({ type: 'block_actions', user: { id: 'U7' }, actions: [{ action_id: `made.up.${secret}` }] });
    await deliver({ type: 'event_callback', event: { type: 'app_home_opened', user: 'U8' } });
    const [known, unknown, event] = parsed();
    expect(known).toMatchObject({ userId: 'U7', route: 'action:leave.approve', envelopeId: 'env-1', retryNum: 1 });
    expect(unknown).toMatchObject({ userId: 'U7', route: 'action:unknown' });
    expect(event).toMatchObject({ userId: 'U8', route: 'event:unknown' });
    expect(known?.reqId).not.toBe(unknown?.reqId);
  });
});

describe('what a line leaves out', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    await database.db.execute(sql`create table notes (id int primary key, body text not null check (length(body) < 5))`);
  });
  afterAll(async () => {
    await database.close();
  });

  const failure = async (query: Promise<unknown>): Promise<unknown> => {
    try {
      await query;
    } catch (error) {
      return error;
    }
    throw new Error('the query did not fail');
  };

  it('leaves a failed query’s parameters and the failing row out of the message, the stack and every field', async () => {
    const error = await failure(database.db.execute(sql`insert into notes (id, body) values (${1}, ${secret})`));
    expect(error).toBeInstanceOf(DrizzleQueryError);
    expect(JSON.stringify({ message: (error as Error).message, stack: (error as Error).stack })).toContain(secret);
    const { logger, lines, parsed } = capture();
    logger.error({ err: error }, 'a write failed');
    expect(lines.join('')).not.toContain(secret);
    const err = parsed()[0]?.err as Record<string, unknown>;
    expect(err.type).toBe('DrizzleQueryError');
    expect(err.message).toContain('Failed query: insert into notes');
    expect(err.message).toContain('violates check constraint');
    expect(err).not.toHaveProperty('params');
  });

  it('leaves out the value PostgreSQL quotes in its own message', async () => {
    const error = await failure(database.db.execute(sql`select ${secret}::int`));
    expect(String((error as { cause?: { message?: string } }).cause?.message)).toContain(secret);
    const { logger, lines } = capture();
    logger.warn({ err: error }, 'a read failed');
    logger.warn({ err: (error as { cause: unknown }).cause }, 'the cause alone');
    expect(lines.join('')).not.toContain(secret);
    expect(lines.join('')).toContain('invalid input syntax for type integer');
  });

  it('leaves Slack payloads out of Bolt’s and the Web API client’s lines, at debug too', () => {
    const { logger, lines, parsed } = capture('debug');
    const bolt = toBoltLogger(logger);
    bolt.debug(`http request body: ${JSON.stringify({ text: secret, blocks: [{ type: 'section' }] })}`);
    bolt.debug('Received a message on the WebSocket:', { payload: { view: { title: secret } } });
    bolt.error(Object.assign(new Error('An API error occurred: invalid_blocks'), { data: { messages: [secret] } }));
    bolt.info('plain words stay');
    expect(lines.join('')).not.toContain(secret);
    expect(parsed().map((l) => [l.component, l.msg])).toEqual([
      ['bolt', 'http request body: (payload not logged)'],
      ['bolt', 'Received a message on the WebSocket: (payload not logged)'],
      ['bolt', 'Error: An API error occurred: invalid_blocks'],
      ['bolt', 'plain words stay'],
    ]);
    expect(boltLine(['apiCall(%s) start', "'chat.postMessage'"])).toBe("apiCall('chat.postMessage') start");
  });

  it('tells Bolt a trace level as debug', () => {
    expect(toBoltLogger(capture('trace').logger).getLevel()).toBe('debug');
  });
});
