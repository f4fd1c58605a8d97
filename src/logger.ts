import { format } from 'node:util';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel as ConfigLogLevel } from './config.js';
import { contextFields } from './request-context.js';

export type AppLogger = Logger;

/**
 * On a warning's fields: something was done another way (a person's language unknown, so the default
 * is used) rather than left undone, so `npm run job` does not count it as a failed item. A symbol,
 * so log lines do not change.
 */
export const fallbackSym = Symbol.for('shiftdesk.fallback');

/**
 * The one logger: JSON lines on stdout (or `destination`), with child loggers per feature. A line
 * written while a Slack request is handled names it (`reqId`, `userId`, `route`, `envelopeId`,
 * `retryNum`); a scheduled job's lines name the job.
 */
export function createLogger(level: ConfigLogLevel, destination?: DestinationStream): AppLogger {
  const options = { level, base: { app: 'shiftdesk' }, mixin: contextFields, serializers: { err: serializeError } };
  return destination ? pino(options, destination) : pino(options);
}

/** Error fields that carry what was written or looked up (a query's parameters, PostgreSQL's "Failing row contains (…)"). */
const valueFields = ['params', 'parameters', 'args', 'detail', 'where'];

/**
 * An error as a log line shows it, without the values it was about: drizzle puts a failed query's
 * parameters (a leave reason, a name) into its message, and PostgreSQL the failing row into `detail`.
 */
export function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown;
  if (typeof serialized !== 'object' || serialized === null) return serialized;
  return scrubError(serialized as Record<string, unknown>, error, 0);
}

function scrubError(serialized: Record<string, unknown>, raw: unknown, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const quoted = quotedParams(raw);
  // PostgreSQL quotes a value it could not take in its message ('invalid input syntax for type integer: "…"')
  const databaseMessages = causes(raw)
    .filter((e) => typeof (e as { severity?: unknown }).severity === 'string')
    .map((e) => String((e as { message?: unknown }).message ?? ''))
    .filter((m) => m.includes('"'));
  for (const [key, value] of Object.entries(serialized)) {
    if (valueFields.includes(key)) continue;
    if (typeof value === 'string' && (key === 'message' || key === 'stack')) {
      let clean = withoutParams(value, quoted, raw);
      for (const message of databaseMessages) clean = clean.split(message).join(message.replace(/"[^"\n]*"/g, '"…"'));
      out[key] = clean;
    } else if (key === 'cause' && typeof value === 'object' && value !== null && depth < 5)
      out[key] = scrubError(value as Record<string, unknown>, (raw as { cause?: unknown }).cause, depth + 1);
    else out[key] = value;
  }
  return out;
}

/** An error and the errors it was caused by. */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; typeof e === 'object' && e !== null && chain.length < 6; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

/** How drizzle wrote the parameters into the message: `\nparams: a,b`. */
function quotedParams(raw: unknown): string | undefined {
  const params = (raw as { params?: unknown } | undefined)?.params;
  return Array.isArray(params) ? `\nparams: ${String(params)}` : undefined;
}

function withoutParams(text: string, quoted: string | undefined, raw: unknown): string {
  let clean = quoted && quoted !== '\nparams: ' ? text.split(quoted).join('') : text;
  // a cause's message repeated in its wrapper's stack ("caused by: …") was cleaned where it came from
  const cause = (raw as { cause?: unknown } | undefined)?.cause;
  const causeQuoted = quotedParams(cause);
  if (causeQuoted && causeQuoted !== '\nparams: ') clean = clean.split(causeQuoted).join('');
  // what is left of a parameter list that could not be matched exactly: the rest of its line
  return clean.replace(/\nparams: [^\n]*/g, '');
}

/**
 * A line Bolt, the Web API client or the Socket Mode client logs, without the payload it may carry: at
 * debug they write whole request and response bodies (messages, forms, names), always after the words
 * that say what it is, so everything from the first `{` or `[` on is left out. Errors are their name and message.
 */
export function boltLine(args: readonly unknown[]): string {
  const line = format(...args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : arg)));
  const payload = line.search(/[{[]/);
  return payload === -1 ? line : `${line.slice(0, payload).trimEnd()} (payload not logged)`;
}

/** Hands the app logger to Bolt, whose logger interface takes printf-style arguments. */
export function toBoltLogger(logger: AppLogger): BoltLogger {
  let child = logger.child({ component: 'bolt' });
  return {
    // Bolt logs at debug on every request: format only what will be written.
    debug: (...msg: unknown[]) => child.isLevelEnabled('debug') && child.debug(boltLine(msg)),
    info: (...msg: unknown[]) => child.isLevelEnabled('info') && child.info(boltLine(msg)),
    warn: (...msg: unknown[]) => child.warn(boltLine(msg)),
    error: (...msg: unknown[]) => child.error(boltLine(msg)),
    setLevel: () => {},
    getLevel: () => boltLevel(logger.level),
    setName: (name: string) => {
      child = logger.child({ component: name });
    },
  };
}

function boltLevel(level: string): LogLevel {
  if (level === 'trace') return LogLevel.DEBUG;
  return (Object.values(LogLevel) as string[]).includes(level) ? (level as LogLevel) : LogLevel.INFO;
}
