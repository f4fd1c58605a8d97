import { pino } from 'pino';
import type { LogLevel } from '../config.js';
import { fallbackSym, type AppLogger } from '../logger.js';

/** One item of a job's run that failed: what it was (the fields its log line names), what failed and why. */
export interface ItemFailure {
  readonly item: string;
  readonly what: string;
  readonly reason: string;
}

const warnLevel = 40;

/**
 * A logger for a job run by hand: every warning or error that carries an `err` (how jobs and the
 * senders they use report an item that failed) is collected instead of printed with its stack, so
 * the command can list each in a line and exit non-zero. The scheduler keeps the plain logger.
 */
export function failureCollectingLogger(level: LogLevel): { logger: AppLogger; failures: ItemFailure[] } {
  const failures: ItemFailure[] = [];
  // `silent` or `error` must not hide a failure from the count: warnings always reach the hook
  const shown = level === 'silent' ? Infinity : (pino.levels.values[level] ?? warnLevel);
  const logger = pino({
    level: shown > warnLevel ? 'warn' : level,
    base: { app: 'shiftdesk' },
    hooks: {
      logMethod(args, method, logLevel) {
        const [first, ...rest] = args as unknown[];
        if (logLevel >= warnLevel && typeof first === 'object' && first !== null && 'err' in first && !(fallbackSym in first)) {
          const { err, ...fields } = first as { err: unknown } & Record<string, unknown>;
          failures.push({
            item:
              Object.entries(fields)
                .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
                .join(' ') || '-',
            what: typeof rest[0] === 'string' ? rest[0] : 'failed',
            reason: (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '',
          });
          return;
        }
        if (logLevel >= shown) method.apply(this, args as Parameters<typeof method>);
      },
    },
  });
  return { logger, failures };
}
