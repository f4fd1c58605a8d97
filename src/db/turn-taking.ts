/**
 * PGlite runs each query on this thread and settles it without giving the event loop a turn, so work
 * queued after the acks (decisions, cards, Homes) would run query after query while the requests
 * waiting to be read, and their acks, wait behind all of it. Each query here first waits for the
 * loop's next turn, so those requests are read and acked between two queries.
 */
import { nextTurn } from '../async.js';

type AnyFunction = (...args: unknown[]) => unknown;

/** `client` (PGlite, or a transaction it hands out) whose `query`, `exec` and `transaction` take turns. */
export function takingTurns<T extends object>(client: T): T {
  return new Proxy(client, {
    get: (target, property, receiver) => {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      // PGlite's methods read private fields, which only the client itself has
      const method = (value as AnyFunction).bind(target);
      if (property === 'query' || property === 'exec') {
        return async (...args: unknown[]) => {
          await nextTurn();
          return method(...args);
        };
      }
      if (property === 'transaction') {
        return async (work: (tx: object) => unknown) => {
          await nextTurn();
          return method((tx: object) => work(takingTurns(tx)));
        };
      }
      return method;
    },
  });
}
