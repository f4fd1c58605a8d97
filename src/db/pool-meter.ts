/**
 * How busy the database's connections are, for GET /metrics. Neither driver tells it, so the client
 * drizzle is given counts what it starts: every query outside a transaction and every transaction
 * holds a connection until it settles (more of them than the pool has are waiting for one).
 */
import type { PoolStats } from '../metrics.js';

export class PoolMeter {
  private active = 0;

  constructor(private readonly size: number) {}

  stats(): PoolStats {
    return { size: this.size, inUse: Math.min(this.active, this.size), waiting: Math.max(0, this.active - this.size) };
  }

  /**
   * `client` with `methods` counted from call to settlement. postgres.js runs a query only once it is
   * awaited, so its settlement is watched with the plain Promise `then`, which does not start it.
   */
  wrap<T extends object>(client: T, methods: readonly string[]): T {
    const watched = new Set(methods);
    return new Proxy(client, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        // PGlite's methods read private fields, which only the client itself has
        if (typeof property !== 'string' || !watched.has(property)) return value.bind(target);
        return (...args: unknown[]) => {
          const result: unknown = value.apply(target, args);
          if (!(result instanceof Promise)) return result;
          this.active += 1;
          const settled = () => {
            this.active -= 1;
          };
          Promise.prototype.then.call(result, settled, settled);
          return result;
        };
      },
    });
  }
}
