import { AppError } from '../errors.js';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep } from '../async.js';
import { blockKitProblems } from '../slack/blockkit-limits.js';
import { argumentProblem, isDocumentedError, methodContracts } from './contract.js';
import { findMethod, type SlackAnswer } from './methods.js';
import { canSee, describeFile, receiveUpload, serveFile, storeModalUpload, type FileViewer } from './files.js';
import { parseArguments, readRawBody } from './request-body.js';
import { FakeSlackState, type FakeUser, type ResponseOrigin, type StoredFile, type StoredMessage } from './state.js';
import { SocketModeServer } from './socket-mode.js';
import { Workspace } from './workspace.js';

export type { FakeUser, ResponseOrigin, StoredFile, StoredMessage } from './state.js';
export type { WorkspaceChange, Refusal } from './workspace.js';

/** Slack lets a response_url be used 5 times within 30 minutes. */
export const responseUrlUses = 5;
export const responseUrlLifetimeMs = 30 * 60 * 1000;

export interface RecordedCall {
  /** Web API method, or `response_url` for a post to a response URL. */
  readonly method: string;
  readonly args: Record<string, unknown>;
  readonly ok: boolean;
  readonly error?: string;
  /** HTTP status the stand-in answered with (429 when rate limited). */
  readonly status: number;
  readonly at: number;
}

type Fault = { kind: 'error'; error: string } | { kind: 'rate_limit'; retryAfterSeconds: number } | { kind: 'latency'; ms: number };

export interface FakeSlackOptions {
  /** The bot token the app must present; anything else is `invalid_auth`. */
  readonly botToken: string;
  readonly users?: readonly FakeUser[];
  /** Milliseconds since the epoch; trigger and response-URL lifetimes are measured on it. */
  readonly now?: () => number;
  /** The bot scopes the app is installed with; calls needing another answer `missing_scope`. Undefined grants all. */
  readonly scopes?: readonly string[];
  /**
   * Keep what people would see, as Slack's own clients do (the sandbox): posts to response URLs and
   * answers to slash commands become messages, views close and update as Slack's answers say, and
   * every change and every refusal is announced on `workspace`.
   */
  readonly workspace?: boolean;
  /** The app-level token (`xapp-…`) `apps.connections.open` takes; Socket Mode is refused without one. */
  readonly appToken?: string;
}

/**
 * A local stand-in for Slack: the Web API under `${url}/api/<method>` and response URLs under
 * `${url}/response/<id>`. It records every call and refuses what Slack refuses: a wrong token, unknown
 * methods and arguments, missing required arguments (per Slack's OpenAPI description), reused, unknown
 * or expired trigger_ids, Block Kit limits, spent response URLs, and injected errors or rate limits.
 */
export class FakeSlack {
  readonly identity = { teamId: 'T0SHIFTDESK', botUserId: 'U0SHIFTBOT', botId: 'B0SHIFTBOT', appId: 'A0SHIFTDESK' } as const;
  private readonly state = new FakeSlackState();
  private readonly recorded: RecordedCall[] = [];
  private readonly faults = new Map<string, Fault[]>();
  private readonly events = new EventEmitter();
  private readonly now: () => number;
  /** What people see, when the stand-in keeps it (option `workspace`). */
  readonly workspace: Workspace | undefined;
  private rateLimit: { perSecond: number; tokens: number; at: number } | undefined;
  /** Socket Mode: the app's WebSocket connections, and envelopes sent down them. */
  readonly socketMode = new SocketModeServer();

  private constructor(
    private readonly server: Server,
    private readonly options: FakeSlackOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.workspace = options.workspace
      ? new Workspace(
          this.state,
          () => this.now(),
          () => this.url,
        )
      : undefined;
    for (const user of options.users ?? []) this.addUser(user);
  }

  static async start(options: FakeSlackOptions): Promise<FakeSlack> {
    const server = createServer();
    const fake = new FakeSlack(server, options);
    server.on('upgrade', (request, socket) => fake.socketMode.upgrade(request, socket));
    server.on('request', (request, response) => {
      fake.handle(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.socketMode.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  addUser(user: FakeUser): void {
    this.state.users.set(user.id, user);
  }

  user(id: string): FakeUser | undefined {
    return this.state.users.get(id);
  }

  /** A trigger_id as Slack mints one for an interaction by `userId`. */
  issueTrigger(userId: string): string {
    const id = `${this.state.next('')}.${Date.now()}.trigger`;
    this.state.triggers.set(id, { userId, issuedAt: this.now(), exchanged: false });
    return id;
  }

  /** A response_url for an interaction by `userId`, in `origin` when known. */
  issueResponseUrl(userId: string, origin?: ResponseOrigin): string {
    const id = this.state.next('R');
    this.state.responseUrls.set(id, { userId, issuedAt: this.now(), uses: 0, ...(origin ? { origin } : {}) });
    return `${this.url}/response/${id}`;
  }

  /** The next call of `method` answers `{ ok: false, error }`. */
  failNext(method: string, error: string): void {
    this.inject(method, { kind: 'error', error });
  }

  /** The next call of `method` answers HTTP 429 with `Retry-After`. */
  rateLimitNext(method: string, retryAfterSeconds = 1): void {
    this.inject(method, { kind: 'rate_limit', retryAfterSeconds });
  }

  /** The next call of `method` is answered only after `ms`. */
  delayNext(method: string, ms: number): void {
    this.inject(method, { kind: 'latency', ms });
  }

  /**
   * Web API calls beyond `perSecond` (over all methods, measured on the real clock; a burst of up to
   * `perSecond` is allowed) answer HTTP 429 with the whole seconds until a call would be allowed
   * again in `Retry-After`, as Slack does. Undefined lifts the limit.
   */
  limitRate(perSecond: number | undefined): void {
    this.rateLimit = perSecond === undefined ? undefined : { perSecond, tokens: perSecond, at: performance.now() };
  }

  /** Recorded calls, all or of one method, in order. */
  calls(method?: string): RecordedCall[] {
    return method === undefined ? [...this.recorded] : this.recorded.filter((c) => c.method === method);
  }

  /** Messages posted (and updated) in a channel, or everywhere; ephemeral ones carry `visibleTo`. */
  messages(channel?: string): StoredMessage[] {
    return channel === undefined ? [...this.state.messages] : this.state.messages.filter((m) => m.channel === channel);
  }

  /** The IM channel the stand-in uses for DMs with `userId`. */
  dmChannel(userId: string): string {
    return this.state.imWith(userId);
  }

  /** The id of the Home tab currently published for a user, for clicks on it. */
  homeViewId(userId: string): string | undefined {
    return this.state.homeViews.get(userId);
  }

  /** The Home tab currently published for a user. */
  homeView(userId: string): Record<string, unknown> | undefined {
    return this.state.views.get(this.state.homeViews.get(userId) ?? '')?.view;
  }

  /** A view the app opened, pushed or updated, by id. */
  view(viewId: string): { id: string; hash: string; userId: string; view: Record<string, unknown> } | undefined {
    const stored = this.state.views.get(viewId);
    return stored && { id: stored.id, hash: stored.hash, userId: stored.userId, view: stored.view };
  }

  /** The modal on top of a user's stack, if one is open. */
  topView(userId: string): ReturnType<FakeSlack['view']> {
    return this.view(this.state.stacks.get(userId)?.at(-1) ?? '');
  }

  /** Resolves with the first call (already made or still to come) of `method` that matches. */
  waitForCall(method: string, matches: (call: RecordedCall) => boolean = () => true, timeoutMs = 5000): Promise<RecordedCall> {
    const found = this.recorded.find((c) => c.method === method && matches(c));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onCall = (call: RecordedCall) => {
        if (call.method !== method || !matches(call)) return;
        clearTimeout(timer);
        this.events.off('call', onCall);
        resolve(call);
      };
      const timer = setTimeout(() => {
        this.events.off('call', onCall);
        const seen = this.calls(method).map((c) => JSON.stringify(c.args).slice(0, 200));
        reject(new Error(`no matching ${method} call within ${timeoutMs} ms; saw ${seen.length}:\n${seen.join('\n')}`));
      }, timeoutMs);
      this.events.on('call', onCall);
    });
  }

  /** Forgets the recorded calls only; messages and views stay, so the app can still update them. */
  clearCalls(): void {
    this.recorded.length = 0;
  }

  /** Forgets calls, messages, views, triggers and faults; keeps users. */
  reset(): void {
    this.recorded.length = 0;
    this.faults.clear();
    this.state.clear();
  }

  /** A file a person picked in one of the app's file_inputs, described as view_submission state describes it. */
  uploadFile(userId: string, file: { name: string; mimetype: string; content: Buffer }): Record<string, unknown> {
    return describeFile(storeModalUpload(this.state, userId, file), this.url);
  }

  /** The stored file, with the channels it was shared into. */
  file(id: string): StoredFile | undefined {
    return this.state.files.get(id);
  }

  /** Deletes a file, as its uploader or an admin would in Slack. */
  deleteFile(id: string): void {
    const file = this.state.files.get(id);
    if (file) file.deleted = true;
  }

  /** The bot is removed from a channel: sharing a file there answers not_in_channel. */
  removeBotFrom(channel: string): void {
    this.state.botLeft.add(channel);
  }

  /** Whether a person may open the file, by Slack's rule: its uploader, or a member of a channel or DM it was shared into. */
  canOpen(userId: string, fileId: string): boolean {
    const file = this.state.files.get(fileId);
    return file !== undefined && canSee(this.state, file, { kind: 'person', userId });
  }

  /** The app presents its bot token; a person in the sandbox is named by `?as=`. */
  private fileViewer(request: IncomingMessage, url: URL): FileViewer | undefined {
    const bearer = request.headers.authorization?.replace(/^Bearer\s+/i, '');
    if (bearer !== undefined) return bearer === this.options.botToken ? { kind: 'bot', botUserId: this.identity.botUserId } : undefined;
    const as = url.searchParams.get('as');
    return as && this.state.users.has(as) ? { kind: 'person', userId: as } : undefined;
  }

  private inject(method: string, fault: Fault): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), fault]);
  }

  private record(call: Omit<RecordedCall, 'at'>): void {
    const full = { ...call, at: this.now() };
    this.recorded.push(full);
    this.events.emit('call', full);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const raw = await readRawBody(request);
    const body = raw.toString('utf8');
    if (request.method === 'POST' && url.pathname.startsWith('/api/')) {
      return this.handleMethod(
        url.pathname.slice('/api/'.length),
        request,
        parseArguments(request.headers['content-type'], body, url.searchParams),
        response,
      );
    }
    const file = /^\/(?:files|files-pri)\/([^/]+)/.exec(url.pathname);
    if (request.method === 'GET' && file) {
      return serveFile(this.state, file[1] as string, this.fileViewer(request, url), response);
    }
    if (request.method === 'POST' && url.pathname.startsWith('/upload/v1/')) {
      return receiveUpload(this.state, url.pathname.slice('/upload/v1/'.length), request.headers['content-type'], raw, this.url, response);
    }
    if (request.method === 'POST' && url.pathname.startsWith('/response/')) {
      return this.handleResponseUrl(url.pathname.slice('/response/'.length), body, response);
    }
    response.writeHead(404).end();
  }

  private async handleMethod(
    method: string,
    request: IncomingMessage,
    args: Record<string, unknown>,
    response: ServerResponse,
  ): Promise<void> {
    const fault = this.faults.get(method)?.shift();
    if (fault?.kind === 'latency') await sleep(fault.ms);
    const retryAfterSeconds = fault?.kind === 'rate_limit' ? fault.retryAfterSeconds : this.overRateLimit();
    if (retryAfterSeconds !== undefined) {
      this.record({ method, args, ok: false, error: 'ratelimited', status: 429 });
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfterSeconds) });
      response.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const answer = fault?.kind === 'error' ? ({ ok: false, error: fault.error } as const) : this.answer(method, request, args);
    this.record({ method, args, ok: answer.ok, ...(answer.ok ? {} : { error: answer.error }), status: 200 });
    this.workspace?.answered(method, args, answer);
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
  }

  /** Takes a token from the bucket; when there is none, the seconds until there will be. */
  private overRateLimit(): number | undefined {
    const limit = this.rateLimit;
    if (!limit) return undefined;
    const now = performance.now();
    limit.tokens = Math.min(limit.perSecond, limit.tokens + ((now - limit.at) / 1000) * limit.perSecond);
    limit.at = now;
    if (limit.tokens >= 1) {
      limit.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - limit.tokens) / limit.perSecond));
  }

  private answer(method: string, request: IncomingMessage, args: Record<string, unknown>): SlackAnswer {
    const bearer = request.headers.authorization?.replace(/^Bearer\s+/i, '') ?? (typeof args.token === 'string' ? args.token : undefined);
    // Socket Mode's one method takes the app-level token, and is not in the Web API's description
    if (method === 'apps.connections.open') {
      if (this.options.appToken === undefined || bearer !== this.options.appToken) return { ok: false, error: 'invalid_auth' };
      return { ok: true, url: `${this.url.replace(/^http/, 'ws')}/socket-mode` };
    }
    const contract = methodContracts().get(method);
    const run = findMethod(method);
    if (!contract || !run) return { ok: false, error: 'unknown_method' };
    if (bearer === undefined || bearer === '') return { ok: false, error: 'not_authed' };
    if (bearer !== this.options.botToken) return { ok: false, error: 'invalid_auth' };
    const problem = argumentProblem(contract, args);
    if (problem) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: [`[ERROR] ${problem}`] } };
    const answer = run({
      state: this.state,
      args,
      now: this.now(),
      identity: this.identity,
      scopes: this.options.scopes ? new Set(this.options.scopes) : undefined,
      baseUrl: this.url,
    });
    if (!answer.ok && !isDocumentedError(method, answer.error))
      throw new AppError('standin.refused', `the stand-in answered ${method} with undocumented error ${answer.error}`, { method });
    return answer;
  }

  private handleResponseUrl(id: string, body: string, response: ServerResponse): void {
    const issued = this.state.responseUrls.get(id);
    let args: Record<string, unknown> = {};
    try {
      args = JSON.parse(body) as Record<string, unknown>;
    } catch {
      this.record({ method: 'response_url', args: { raw: body }, ok: false, error: 'invalid_payload', status: 400 });
      response.writeHead(400).end('invalid_payload');
      return;
    }
    const spent = !issued || issued.uses >= responseUrlUses || this.now() - issued.issuedAt > responseUrlLifetimeMs;
    if (spent) {
      this.record({ method: 'response_url', args, ok: false, error: 'expired_url', status: 404 });
      response.writeHead(404).end('expired_url');
      return;
    }
    const invalid =
      blockKitProblems('message', args.blocks).length > 0
        ? 'invalid_blocks'
        : args.text === undefined && args.blocks === undefined && args.delete_original !== true
          ? 'no_text'
          : undefined;
    if (invalid) {
      this.record({ method: 'response_url', args, ok: false, error: invalid, status: 400 });
      response.writeHead(400).end(invalid);
      return;
    }
    issued.uses += 1;
    this.record({ method: 'response_url', args, ok: true, status: 200 });
    this.workspace?.respond(issued, args);
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  }
}
