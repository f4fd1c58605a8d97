/**
 * Every Slack request, in both modes, as the logs and the metrics see it: its lines carry a request
 * id, the user, the route and Slack's delivery ids, and it is counted by route and outcome, with the
 * time to its ack. Routes are the names the app registers; anything else is `<kind>:unknown`, so a
 * label never takes a value from outside a short fixed list.
 */
import type { ReceiverEvent } from '@slack/bolt';
import type { Metrics, RequestOutcome } from '../metrics.js';
import { currentRequest, withRequest, type RequestFields } from '../request-context.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length <= 255 ? value : undefined);

/** The route a body asks for, by the name Slack sends (before checking that the app knows it). */
export function requestedRoute(body: unknown): string {
  if (!isObject(body)) return 'unknown';
  if (isObject(body.event)) return `event:${text(body.event.type) ?? ''}`;
  if (body.command !== undefined) return `command:${text(body.command) ?? ''}`;
  if (Array.isArray(body.actions) && body.type === 'block_actions')
    return `action:${text((body.actions[0] as Json | undefined)?.action_id) ?? ''}`;
  if ((body.type === 'view_submission' || body.type === 'view_closed') && isObject(body.view))
    return `${body.type === 'view_submission' ? 'view' : 'view_closed'}:${text(body.view.callback_id) ?? ''}`;
  return typeof body.type === 'string' && /^[a-z_]{1,40}$/.test(body.type) ? `${body.type}:unknown` : 'unknown';
}

/** The Slack user a body names. */
export function requestUser(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const id = isObject(body.event) ? body.event.user : isObject(body.user) ? body.user.id : body.user_id;
  return typeof id === 'string' && id.length <= 64 ? id : undefined;
}

/** Requests whose handling failed (the error handler ran), so their outcome is counted as an error. */
const failed = new WeakSet<RequestFields>();

/** Marks the request being handled here as failed; the app's error handler calls it. */
export function markRequestFailed(): void {
  const request = currentRequest();
  if (request) failed.add(request);
}

export class RequestObserver {
  /** Whether the app has a listener for a route; until the routes are registered, every route counts as known. */
  knownRoute: (route: string) => boolean = () => true;

  constructor(private readonly metrics: Metrics | undefined) {}

  /**
   * Handles `event` with `process` as one request: inside the request the receiver began (HTTP) or a
   * new one (Socket Mode), its fields filled in from the body. `process` resolves false when it ignored the body.
   */
  handle(event: ReceiverEvent, process: (event: ReceiverEvent) => Promise<boolean>): Promise<void> {
    const request = currentRequest();
    if (request) return this.observe(request, event, process);
    return withRequest({}, () => this.observe(currentRequest() as RequestFields, event, process));
  }

  private async observe(request: RequestFields, event: ReceiverEvent, process: (event: ReceiverEvent) => Promise<boolean>): Promise<void> {
    const asked = requestedRoute(event.body);
    const route = asked === 'unknown' || this.knownRoute(asked) ? asked : `${asked.split(':')[0]}:unknown`;
    request.route = route;
    const userId = requestUser(event.body);
    if (userId !== undefined) request.userId = userId;
    if (event.retryNum !== undefined) request.retryNum = event.retryNum;
    const envelopeId = text(event.customProperties?.envelopeId);
    if (envelopeId !== undefined) request.envelopeId = envelopeId;

    const metrics = this.metrics;
    if (!metrics) return void (await process(event));
    const started = performance.now();
    let acked = false;
    const ack = event.ack;
    const timed: ReceiverEvent = {
      ...event,
      ack: (response) => {
        if (!acked) metrics.ackSeconds.observe({ route }, (performance.now() - started) / 1000);
        acked = true;
        return ack(response);
      },
    };
    let outcome: RequestOutcome = 'error';
    try {
      outcome = (await process(timed)) ? 'ok' : 'ignored';
    } finally {
      metrics.slackRequests.inc({ route, outcome: failed.has(request) ? 'error' : outcome });
    }
  }
}
