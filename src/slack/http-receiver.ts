import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ListenOptions } from 'node:net';
import { ReceiverMultipleAckError, type AckFn, type App, type CustomRoute, type Receiver } from '@slack/bolt';
import { pathOf, serveRoute } from '../http/routes.js';
import type { AppLogger } from '../logger.js';
import { withRequest } from '../request-context.js';

/** Slack's rule: a request signed more than five minutes from local time, earlier or later, is refused. */
export const signatureMaxSkewSeconds = 5 * 60;
/** Bolt's own limit for a request body; a modal of 100 full blocks stays well below it. */
export const requestBodyMaxBytes = 4 * 1024 * 1024;
/** An ack that has not happened by then is sent empty: Slack gives up at 3 s. */
export const ackTimeoutMs = 2500;

export interface ReceiverOptions {
  readonly signingSecret: string;
  readonly logger: AppLogger;
  /** Extra routes beside POST /slack/events, matched on the path, where `:name` stands for one segment (GET /healthz, GET /sandbox/api/:action). */
  readonly customRoutes?: readonly CustomRoute[];
  /** Unix milliseconds to check a request's timestamp against; Slack signs with real time. */
  readonly now?: () => number;
}

/**
 * Slack's HTTP requests, read before any of them reaches Bolt: the signature and its time checked both
 * ways, the body parsed and its shape checked (a body the app cannot read is answered 400; a readable one
 * it has no use for is answered 200 and logged), and every request answered within Slack's 3 s, whatever
 * the listeners do.
 */
export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;
  private server: Server | undefined;
  private readonly log: AppLogger;
  private readonly now: () => number;

  constructor(private readonly options: ReceiverOptions) {
    this.log = options.logger.child({ component: 'receiver' });
    this.now = options.now ?? Date.now;
  }

  init(app: App): void {
    this.app = app;
  }

  start(port: number | ListenOptions): Promise<Server> {
    if (this.server) return Promise.reject(new Error('the receiver is already listening'));
    const server = createServer((req, res) => void this.route(req, res));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        server.on('error', (error) => this.log.error({ err: error }, 'the HTTP server failed'));
        resolve(server);
      });
    });
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const path = pathOf(req.url);
      const method = (req.method ?? '').toUpperCase();
      if (path === '/slack/events' && method === 'POST') return await this.slackRequest(req, res);
      if (serveRoute(this.options.customRoutes ?? [], req, res, path)) return;
      noBody(res, 404);
    } catch (error) {
      this.log.error({ err: error }, 'an HTTP request failed');
      noBody(res, 500);
    }
  }

  private async slackRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req, requestBodyMaxBytes);
    if (raw === 'too large') return noBody(res, 413);
    const text = raw.toString('utf8');
    const contentType = mediaType(req.headers['content-type']);
    const form = contentType === 'application/x-www-form-urlencoded' ? new URLSearchParams(text) : undefined;
    // Slack checks the certificate with an unsigned ssl_check=1; it carries nothing else.
    if (form?.get('ssl_check') === '1') return noBody(res, 200);
    const refused = this.signatureProblem(req, text);
    if (refused) {
      this.log.warn({ reason: refused }, 'a request to /slack/events was refused');
      return noBody(res, 401);
    }
    const body = parseBody(text, contentType, form);
    if (body === undefined) {
      this.log.warn({ contentType }, 'a signed request whose body cannot be read was refused');
      return noBody(res, 400);
    }
    if (body.type === 'url_verification') {
      if (typeof body.challenge !== 'string') return noBody(res, 400);
      return content(res, { challenge: body.challenge });
    }
    // what Bolt cannot read is answered by the app's shape check (ScreenedApp), in both modes; from here
    // on every line names the request (ScreenedApp fills in who and what)
    await withRequest({}, () => this.dispatch(req, res, body));
  }

  /** Hands the request to Bolt with an ack that answers once; whatever is left unanswered is answered empty. */
  private async dispatch(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    let answered = false;
    const answer = (response: unknown) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      content(res, response);
    };
    const timer = setTimeout(() => {
      if (answered) return;
      this.log.error({ type: body.type }, `a Slack request was not answered within ${ackTimeoutMs} ms; answered empty`);
      answer(undefined);
    }, ackTimeoutMs);
    const ack: AckFn<unknown> = async (response) => {
      if (answered) throw new ReceiverMultipleAckError();
      answer(response);
    };
    const retryNum = Number.parseInt(header(req, 'x-slack-retry-num') ?? '', 10);
    const retryReason = header(req, 'x-slack-retry-reason');
    try {
      await this.app?.processEvent({
        body,
        ack,
        ...(Number.isNaN(retryNum) ? {} : { retryNum }),
        ...(retryReason === undefined ? {} : { retryReason }),
      });
      if (!answered) this.log.warn({ type: body.type }, 'a Slack request was left unanswered; answered empty');
    } catch (error) {
      this.log.error({ err: error, type: body.type }, 'a Slack request failed');
    } finally {
      answer(undefined);
    }
  }

  private signatureProblem(req: IncomingMessage, body: string): string | undefined {
    const timestamp = header(req, 'x-slack-request-timestamp');
    const signature = header(req, 'x-slack-signature');
    if (timestamp === undefined || signature === undefined) return 'not signed';
    if (!/^\d{1,12}$/.test(timestamp)) return 'malformed timestamp';
    if (Math.abs(Math.floor(this.now() / 1000) - Number(timestamp)) > signatureMaxSkewSeconds)
      return 'timestamp more than five minutes from local time';
    const expected = Buffer.from(`v0=${createHmac('sha256', this.options.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`);
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : 'signature mismatch';
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function mediaType(value: string | undefined): string {
  return (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A form (a slash command, or an interaction's `payload`) or JSON (an event) that is an object; anything else is unreadable. */
export function parseBody(text: string, contentType: string, form: URLSearchParams | undefined): Record<string, unknown> | undefined {
  try {
    if (form) {
      const payloads = form.getAll('payload');
      if (payloads.length === 0) return Object.fromEntries(form);
      if (payloads.length > 1) return undefined;
      const payload: unknown = JSON.parse(payloads[0] as string);
      return isRecord(payload) ? payload : undefined;
    }
    if (contentType !== 'application/json') return undefined;
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too large');
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function noBody(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status).end();
}

function content(res: ServerResponse, body: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === null || body === '') return void res.writeHead(200).end();
  if (typeof body === 'string') return void res.writeHead(200).end(body);
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
