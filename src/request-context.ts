/**
 * What every log line written while a Slack request is handled says about it: the request's own id,
 * who sent it, which route it took and Slack's ids for the delivery. Held for the request's whole
 * asynchronous life (use cases, work queued after its ack), and read by the logger on every line.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestFields {
  readonly reqId: string;
  /** The Slack user who sent it, when the request names one. */
  userId?: string;
  /** `command:/leave`, `action:leave.approve`, `view:leave.request`, `event:app_home_opened`, … */
  route?: string;
  /** Socket Mode's id for the delivery. */
  envelopeId?: string;
  /** Slack's retry number when this is a delivery again. */
  retryNum?: number;
}

/** A scheduled job's run: its lines name the job. */
export interface JobFields {
  readonly job: string;
}

type Fields = RequestFields | JobFields;

const storage = new AsyncLocalStorage<Fields>();

/** Runs `work` as the handling of a request; lines logged from it and from anything it starts carry `fields`. */
export function withRequest<T>(fields: Omit<RequestFields, 'reqId'> & { reqId?: string }, work: () => T): T {
  return storage.run({ ...fields, reqId: fields.reqId ?? randomUUID() }, work);
}

/** Runs `work` as a scheduled job's run. */
export function withJob<T>(job: string, work: () => T): T {
  return storage.run({ job }, work);
}

/** The request being handled here, if any. */
export function currentRequest(): RequestFields | undefined {
  const fields = storage.getStore();
  return fields && 'reqId' in fields ? fields : undefined;
}

/** The fields the logger adds to a line written here: the request's or the job's, or none. */
export function contextFields(): object {
  // a copy: pino merges the line's own fields into what it is given
  const fields = storage.getStore();
  return fields ? { ...fields } : {};
}

/** `work` bound to the request (or job) being handled now, for a queue that runs it later from elsewhere. */
export function bindToContext<A extends unknown[], R>(work: (...args: A) => R): (...args: A) => R {
  return AsyncLocalStorage.bind(work);
}
