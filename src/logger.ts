import { format } from 'node:util';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { pino, type Logger } from 'pino';
import type { LogLevel as ConfigLogLevel } from './config.js';

export type AppLogger = Logger;

/**
 * On a warning's fields: something was done another way (a person's language unknown, so the default
 * is used) rather than left undone, so `npm run job` does not count it as a failed item. A symbol,
 * so log lines do not change.
 */
export const fallbackSym = Symbol.for('shiftdesk.fallback');

/** The one logger: JSON lines on stdout, with child loggers per feature. */
export function createLogger(level: ConfigLogLevel): AppLogger {
  return pino({ level, base: { app: 'shiftdesk' } });
}

/** Hands the app logger to Bolt, whose logger interface takes printf-style arguments. */
export function toBoltLogger(logger: AppLogger): BoltLogger {
  let child = logger.child({ component: 'bolt' });
  return {
    // Bolt logs at debug on every request: format only what will be written.
    debug: (...msg: unknown[]) => child.isLevelEnabled('debug') && child.debug(format(...msg)),
    info: (...msg: unknown[]) => child.isLevelEnabled('info') && child.info(format(...msg)),
    warn: (...msg: unknown[]) => child.warn(format(...msg)),
    error: (...msg: unknown[]) => child.error(format(...msg)),
    setLevel: () => {},
    getLevel: () => ((Object.values(LogLevel) as string[]).includes(logger.level) ? (logger.level as LogLevel) : LogLevel.INFO),
    setName: (name: string) => {
      child = logger.child({ component: name });
    },
  };
}
