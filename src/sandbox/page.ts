import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { DateTime } from 'luxon';
import { t, type MessageKey } from '../i18n/t.js';
import { catalogs } from '../i18n/catalogs/index.js';
import type { StoredMessage } from '../slack-standin/index.js';
import type { Refusal } from '../slack-standin/workspace.js';
import { clientScriptFile } from './render/client-file.js';
import { renderHome, renderMessage, renderModal, renderSlackError, sandboxCss, type RenderContext } from './render/index.js';
import type { SandboxEvent, SandboxView } from './sandbox-view.js';

const pageScript = new URL('./page-script.js', import.meta.url);

type Locale = 'zh-CN' | 'en';

/** The page's routes, served by the app beside POST /slack/events: the page, its script, its API and its event stream. */
export function pageRoutes(sandbox: SandboxView): CustomRoute[] {
  const api = new PageApi(sandbox);
  const get = (path: string, handler: (url: URL, res: ServerResponse, req: IncomingMessage) => Promise<void> | void): CustomRoute => ({
    path,
    method: ['GET'],
    handler: (req, res) =>
      void Promise.resolve(handler(new URL(req.url ?? '/', 'http://sandbox'), res, req)).catch((error: unknown) => fail(res, error)),
  });
  return [
    get('/', (_url, res) => html(res, pageHtml())),
    get(
      '/favicon.ico',
      (_url, res) => void res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=86400' }).end(faviconSvg),
    ),
    get('/sandbox/page.js', async (_url, res) => script(res, await readFile(pageScript, 'utf8'))),
    get('/sandbox/render-client.js', async (_url, res) => script(res, await readFile(clientScriptFile, 'utf8'))),
    get('/sandbox/events', (_url, res, req) => api.stream(req, res)),
    get('/sandbox/api/state', (url, res) => json(res, api.state(url.searchParams.get('as')))),
    get('/sandbox/api/conversation', (url, res) => json(res, api.conversation(need(url, 'as'), need(url, 'channel'), since(url)))),
    get('/sandbox/api/message', (url, res) => json(res, api.message(need(url, 'as'), need(url, 'channel'), need(url, 'ts'), since(url)))),
    get('/sandbox/api/home', (url, res) => json(res, api.home(need(url, 'as')))),
    get('/sandbox/api/modal', (url, res) => json(res, api.modal(need(url, 'as')))),
    get('/sandbox/attendance.csv', async (_url, res) => {
      const { month, file } = await sandbox.attendanceSheet();
      res
        .writeHead(200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="attendance-${month}.csv"`,
          'cache-control': 'no-store',
        })
        .end(file);
    }),
    {
      path: '/sandbox/api/:action',
      method: ['POST'],
      handler: (req, res) =>
        void api
          .post(String((req as { params?: Record<string, string> }).params?.action ?? ''), req, res)
          .catch((error: unknown) => fail(res, error)),
    },
  ];
}

class BadRequest extends Error {}

function need(url: URL, name: string): string {
  const value = url.searchParams.get(name);
  if (!value) throw new BadRequest(`${name} is missing`);
  return value;
}

/** The page load's start (ms): ephemeral messages from before it are not shown. Absent: all are. */
function since(url: URL): number {
  const value = Number(url.searchParams.get('since') ?? '0');
  return Number.isFinite(value) ? value : 0;
}

function fail(res: ServerResponse, error: unknown): void {
  if (res.headersSent) return void res.end();
  const status = error instanceof BadRequest ? 400 : 500;
  json(res, { ok: false, error: error instanceof Error ? error.message : String(error) }, status);
}

function json(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

function html(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
}

function script(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(body);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The tab's icon: a speech bubble in the banner's orange. */
const faviconSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="2" y="3" width="28" height="21" rx="6" fill="#e8912d"/><path d="M9 24l-2 6 8-6z" fill="#e8912d"/><path d="M9 11h14M9 16h9" stroke="#fff" stroke-width="3" stroke-linecap="round"/></svg>';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The page's words in both languages; the script picks the acting person's. */
function pageWords(): Record<Locale, Record<string, string>> {
  const pick = (locale: Locale) =>
    Object.fromEntries(
      Object.keys(catalogs.en)
        .filter((key) => key.startsWith('sandbox.page.'))
        .map((key) => [key, t(locale, key as MessageKey)]),
    );
  return { en: pick('en'), 'zh-CN': pick('zh-CN') };
}

function pageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>shiftdesk sandbox</title>
<link rel="icon" type="image/svg+xml" href="/favicon.ico">
<style>${sandboxCss}</style>
<style>${pageCss}</style>
</head>
<body>
<div class="sb-banner" id="banner"><strong>SANDBOX</strong> <span data-word="sandbox.page.banner"></span>
  <span class="sb-clock"><span data-word="sandbox.page.clock"></span>: <time id="clock-now"></time>
    <button type="button" id="clock-hour" data-word="sandbox.page.plus_hour"></button>
    <button type="button" id="clock-day" data-word="sandbox.page.plus_day"></button>
    <button type="button" id="clock-saturday" data-word="sandbox.page.next_saturday"></button>
    <input type="datetime-local" id="clock-to" aria-label="jump to"><button type="button" id="clock-jump" data-word="sandbox.page.jump_to"></button>
    <span id="clock-busy" hidden data-word="sandbox.page.running_jobs"></span>
  </span>
  <a class="sb-sheet" href="/sandbox/attendance.csv" download data-word="sandbox.page.attendance_sheet"></a>
  <button type="button" id="reset" data-word="sandbox.page.reset"></button>
</div>
<div class="sb-main">
  <nav class="sb-sidebar">
    <label class="sb-field"><span data-word="sandbox.page.act_as"></span><select id="act-as"></select></label>
    <div id="who" class="sb-who"></div>
    <label class="sb-field"><span data-word="sandbox.page.language"></span>
      <select id="language"><option value="zh-CN">中文 (zh-CN)</option><option value="en">English (en)</option></select></label>
    <ul id="conversations" class="sb-conversations"></ul>
  </nav>
  <main class="sb-pane">
    <header id="pane-title" class="sb-pane-title"></header>
    <section id="pane" class="sb-messages" aria-live="polite"></section>
    <form id="composer" class="sb-composer"><input id="composer-text" autocomplete="off"><button type="submit" data-word="sandbox.page.send"></button></form>
  </main>
</div>
<div id="modal-layer" class="sb-modal-layer" hidden></div>
<div id="toast" class="sb-toast" hidden></div>
<script id="words" type="application/json">${JSON.stringify(pageWords()).replace(/</g, '\\u003c')}</script>
<script type="module" src="/sandbox/page.js"></script>
</body>
</html>
`;
}

const pageCss = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.46 -apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif,"Apple Color Emoji","Segoe UI Emoji","Noto Color Emoji","Twemoji Mozilla","Segoe UI Symbol";color:#1d1c1d;height:100vh;display:flex;flex-direction:column}
.sb-banner{background:#e8912d;color:#fff;padding:6px 12px;display:flex;gap:12px;align-items:center;flex-wrap:wrap;font-size:13px}
.sb-banner button,.sb-banner input{font-size:12px}
.sb-banner .sb-sheet{color:#fff;font-size:12px}
.sb-clock{margin-left:auto;display:flex;gap:6px;align-items:center;flex-wrap:wrap}
.sb-clock time{font-weight:700}
.sb-main{flex:1;display:flex;min-height:0}
.sb-sidebar{width:260px;background:#3f0e40;color:#fff;padding:12px;overflow:auto;flex-shrink:0}
.sb-field{display:flex;flex-direction:column;font-size:12px;opacity:.95;margin-bottom:10px;gap:3px}
.sb-field select{font-size:14px;padding:3px}
.sb-who{font-size:12px;margin:-4px 0 12px;opacity:.85}
.sb-conversations{list-style:none;padding:0;margin:0}
.sb-conversations .sb-heading{font-size:12px;text-transform:uppercase;opacity:.7;margin:12px 0 4px}
.sb-conversations button{all:unset;cursor:pointer;display:block;width:100%;padding:4px 8px;border-radius:6px}
.sb-conversations button[aria-current=true]{background:#1164a3}
.sb-conversations .sb-unread{font-weight:700}
.sb-pane{flex:1;display:flex;flex-direction:column;min-width:0}
.sb-pane-title{padding:10px 16px;border-bottom:1px solid #ddd;font-weight:700}
.sb-messages{flex:1;overflow:auto;padding:8px 16px}
.sb-msg{padding:6px 0;border-bottom:1px solid #f3f3f3}
.sb-msg-head{font-size:13px;color:#616061}
.sb-msg-head b{color:#1d1c1d}
.sb-app{font-size:10px;background:#e8e8e8;border-radius:3px;padding:0 3px;margin:0 4px}
.sb-ephemeral{background:#f8f8f8}
.sb-only-you{font-size:12px;color:#616061}
.sb-files{display:flex;flex-direction:column;gap:4px;margin-top:4px}
.sb-file{display:inline-block;padding:6px 10px;border:1px solid #ddd;border-radius:8px;color:#1264a3;text-decoration:none;max-width:max-content}
.sb-file-gone{color:#616061}
.sb-thread{margin-left:32px;border-left:3px solid #ddd;padding-left:8px}
.sb-composer{display:flex;gap:8px;padding:10px 16px;border-top:1px solid #ddd}
.sb-composer[hidden]{display:none}
.sb-composer input{flex:1;font-size:15px;padding:8px;border:1px solid #bbb;border-radius:6px}
.sb-modal-layer{position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:flex-start;justify-content:center;padding:40px 12px;overflow:auto}
.sb-modal-layer[hidden]{display:none}
.sb-toast{position:fixed;bottom:16px;right:16px;max-width:520px;background:#fff;border:1px solid #e01e5a;border-radius:8px;padding:10px;box-shadow:0 4px 12px rgba(0,0,0,.2)}
.sb-toast[hidden]{display:none}
.sb-empty{color:#888;padding:16px 0}
`;

/** What the page asks for, answered from the stand-in's workspace and sent on to the app as Slack would. */
class PageApi {
  private readonly streams = new Set<ServerResponse>();

  constructor(private readonly sandbox: SandboxView) {
    sandbox.onEvent((event) => this.broadcast(event));
  }

  state(as: string | null) {
    const people = this.sandbox.everyone();
    const me = people.find((p) => p.id === as) ?? this.sandbox.defaultPerson();
    const zone = this.sandbox.zoneOf(me?.id);
    return {
      generation: this.sandbox.generation,
      people,
      me,
      conversations: me ? this.sandbox.conversations(me.id) : [],
      clock: { now: this.sandbox.clock.now().toISOString(), zone },
      /** Ephemeral messages older than this page load are gone, as after reloading Slack. */
      since: this.sandbox.clock.now().getTime(),
    };
  }

  conversation(as: string, channel: string, since: number) {
    const ctx = this.context(as);
    const messages = this.sandbox.workspace.conversation(channel, as).filter((m) => m.visibleTo === undefined || tsMs(m.ts) >= since);
    const parents = messages.filter((m) => m.threadTs === undefined || m.threadTs === m.ts);
    const items: { at: number; html: string }[] = parents.map((m) => ({ at: tsMs(m.ts), html: this.messageHtml(m, as, ctx, messages) }));
    for (const refusal of this.refusalsIn(channel, as)) items.push({ at: refusal.at, html: refusalHtml(refusal) });
    items.sort((a, b) => a.at - b.at);
    return { html: items.map((i) => i.html).join('') };
  }

  message(as: string, channel: string, ts: string, since: number) {
    const message = this.sandbox.workspace.message(channel, ts);
    if (!message || (message.visibleTo !== undefined && (message.visibleTo !== as || tsMs(message.ts) < since))) return { html: null };
    const ctx = this.context(as);
    const parentTs = message.threadTs !== undefined && message.threadTs !== message.ts ? message.threadTs : message.ts;
    const parent = this.sandbox.workspace.message(channel, parentTs) ?? message;
    return { ts: parent.ts, html: this.messageHtml(parent, as, ctx, this.sandbox.workspace.conversation(channel, as)) };
  }

  home(as: string) {
    const view = this.sandbox.workspace.home(as);
    const refusals = this.sandbox.workspace.refusals().filter((r) => r.userId === as && r.method === 'views.publish');
    return { viewId: view?.id ?? null, html: (view ? renderHome(view.view, this.context(as)) : '') + refusals.map(refusalHtml).join('') };
  }

  modal(as: string, errors: Record<string, string> = {}) {
    const top = this.sandbox.workspace.stack(as).at(-1);
    if (!top) return { viewId: null, html: null };
    return { viewId: top.id, html: renderModal(top.view, this.context(as), errors) };
  }

  stream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`retry: 500\ndata: ${JSON.stringify({ kind: 'hello', generation: this.sandbox.generation })}\n\n`);
    this.streams.add(res);
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(ping);
      this.streams.delete(res);
    });
  }

  async post(action: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (action === 'upload') {
      const as = String(req.headers['x-sandbox-as'] ?? '');
      const name = decodeURIComponent(String(req.headers['x-file-name'] ?? 'file'));
      const file = this.sandbox.workspace.upload(as, {
        name,
        mimetype: String(req.headers['content-type'] ?? 'application/octet-stream'),
        content: await readRaw(req),
      });
      return json(res, { ok: true, file });
    }
    const body = await readJson(req);
    const as = typeof body.as === 'string' ? body.as : '';
    if (!this.sandbox.person(as) && action !== 'clock' && action !== 'reset') throw new BadRequest(`nobody is ${as}`);
    switch (action) {
      case 'command':
        return json(res, await this.command(as, String(body.channel ?? ''), String(body.text ?? '')));
      case 'action':
        return json(res, await this.action(as, body));
      case 'submit':
        return json(
          res,
          await this.submit(as, String(body.viewId ?? ''), (body.values ?? {}) as Record<string, Record<string, Record<string, unknown>>>),
        );
      case 'close': {
        const viewId = String(body.viewId ?? '');
        const view = this.sandbox.fake.view(viewId);
        const notify = this.sandbox.workspace.closed(as, viewId);
        if (notify && view) await this.sandbox.slack.viewClosed({ userId: as, viewId });
        return json(res, { ok: true });
      }
      case 'home':
        return json(
          res,
          await this.guard(() =>
            this.sandbox.slack.event({ type: 'app_home_opened', user: as, channel: this.sandbox.fake.dmChannel(as), tab: 'home' }),
          ),
        );
      case 'locale':
        await this.sandbox.setLocale(as, body.locale === 'en' ? 'en' : 'zh-CN');
        return json(res, { ok: true });
      case 'clock':
        await this.sandbox.jump(this.target(body, as));
        return json(res, { ok: true, now: this.sandbox.clock.now().toISOString() });
      case 'reset':
        json(res, { ok: true });
        return void this.sandbox
          .reset()
          .catch((error: unknown) => this.sandbox.running.deps.logger.error({ err: error }, 'the sandbox could not start again'));
      default:
        throw new BadRequest(`unknown action ${action}`);
    }
  }

  private async command(as: string, channel: string, text: string) {
    const match = /^\s*(\/[a-z]+)\s*([\s\S]*)$/.exec(text);
    if (!match) {
      // In a channel it is a message to the others there; the app's Messages tab is read-only (manifest), so a DM takes none.
      if (text.trim() === '' || !this.sandbox.workspace.channels.has(channel)) return { ok: false, error: 'not_a_command' };
      this.sandbox.workspace.postTyped(as, channel, text);
      return { ok: true };
    }
    const [, command, rest] = match as unknown as [string, string, string];
    return this.guard(async () => {
      const reply = await this.sandbox.slack.slashCommand({ command, text: rest.trim(), userId: as, channelId: channel });
      this.sandbox.workspace.showCommandAnswer(as, channel, reply.body);
      return reply;
    });
  }

  private action(as: string, body: Record<string, unknown>) {
    const action = (body.action ?? {}) as Record<string, unknown>;
    const where = (body.where ?? {}) as { channel?: string; ts?: string; ephemeral?: boolean; viewId?: string };
    const values = (body.values ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
    return this.guard(() =>
      this.sandbox.slack.blockAction({
        userId: as,
        actionId: String(action.action_id ?? ''),
        blockId: String(action.block_id ?? 'actions'),
        ...(typeof action.value === 'string' ? { value: action.value } : {}),
        action,
        ...(where.channel && where.ts ? { message: { channel: where.channel, ts: where.ts, ephemeral: where.ephemeral === true } } : {}),
        ...(where.viewId ? { viewId: where.viewId, values } : {}),
      }),
    );
  }

  private async submit(as: string, viewId: string, values: Record<string, Record<string, Record<string, unknown>>>) {
    let reply: Awaited<ReturnType<typeof this.sandbox.slack.viewSubmission>>;
    try {
      reply = await this.sandbox.slack.viewSubmission({ userId: as, viewId, values });
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    if (reply.status !== 200) return { ok: false, error: `HTTP ${reply.status}` };
    const outcome = this.sandbox.workspace.submitted(as, viewId, reply.body);
    if (outcome.kind === 'errors') return { ok: true, ...this.modal(as, outcome.errors) };
    return { ok: true, closed: true };
  }

  /** Sends a request to the app; a refusal (HTTP error, or an answer Slack would not show) is the page's to show. */
  private async guard(send: () => Promise<{ status: number }>): Promise<{ ok: boolean; error?: string }> {
    try {
      const reply = await send();
      return reply.status === 200 ? { ok: true } : { ok: false, error: `HTTP ${reply.status}` };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private target(body: Record<string, unknown>, as: string): Date {
    const zone = this.sandbox.zoneOf(as);
    const now = DateTime.fromJSDate(this.sandbox.clock.now(), { zone });
    switch (body.step) {
      case 'hour':
        return now.plus({ hours: 1 }).toJSDate();
      case 'day':
        return now.plus({ days: 1 }).toJSDate();
      case 'saturday': {
        let saturday = now.set({ hour: 16, minute: 0, second: 0, millisecond: 0 }).plus({ days: (6 - now.weekday + 7) % 7 });
        if (saturday <= now) saturday = saturday.plus({ weeks: 1 });
        return saturday.toJSDate();
      }
      default: {
        const to = DateTime.fromISO(String(body.to ?? ''), { zone });
        if (!to.isValid) throw new BadRequest('a time to jump to is needed');
        return to.toJSDate();
      }
    }
  }

  private context(as: string): RenderContext {
    const people = this.sandbox.everyone();
    const locale = this.sandbox.person(as)?.locale ?? 'en';
    return {
      userName: (id) => people.find((p) => p.id === id)?.name ?? this.sandbox.fake.user(id)?.name,
      channelName: (id) => this.sandbox.workspace.channels.get(id)?.name,
      locale,
      users: people.map((p) => ({ id: p.id, name: p.name })),
      link: (url) => this.fileLink(url, as),
      timeZone: this.sandbox.fake.user(as)?.tz ?? this.sandbox.zoneOf(as),
    };
  }

  /** The stand-in's file URLs answer only those who may see the file: the page says who is looking. */
  private fileLink(url: string, as: string): string {
    const files = `${this.sandbox.fake.url}/files/`;
    return url.startsWith(files) && !url.includes('?') ? `${url}?as=${encodeURIComponent(as)}` : url;
  }

  /** A file shared with a message, as Slack shows it: its name, opening the file for whoever may see it. */
  private filesHtml(message: StoredMessage, as: string, ctx: RenderContext): string {
    if (!message.files?.length) return '';
    const items = message.files.map((id) => {
      const file = this.sandbox.fake.file(id);
      const name = escapeHtml(file?.title ?? id);
      if (!file || !this.sandbox.fake.canOpen(as, id))
        return `<div class="sb-file sb-file-gone">📄 ${name} <span>${escapeHtml(t(ctx.locale, 'sandbox.page.file_unavailable'))}</span></div>`;
      return `<a class="sb-file" href="${escapeHtml(this.fileLink(`${this.sandbox.fake.url}/files/${id}`, as))}" target="_blank" rel="noopener noreferrer">📄 ${name}</a>`;
    });
    return `<div class="sb-files">${items.join('')}</div>`;
  }

  private refusalsIn(channel: string, as: string): Refusal[] {
    const dm = this.sandbox.fake.dmChannel(as);
    return this.sandbox.workspace
      .refusals()
      .filter(
        (r) => r.channel === channel || (channel === dm && r.channel === undefined && r.userId === as && r.method !== 'views.publish'),
      );
  }

  private messageHtml(message: StoredMessage, as: string, ctx: RenderContext, all: readonly StoredMessage[]): string {
    const zone = this.sandbox.zoneOf(as);
    const time = DateTime.fromMillis(tsMs(message.ts), { zone }).setLocale(ctx.locale).toFormat('ccc HH:mm');
    const ephemeral = message.visibleTo !== undefined;
    const replies = all.filter((m) => m.threadTs === message.ts && m.ts !== message.ts);
    const author =
      message.user === undefined
        ? `<b>shiftdesk</b><span class="sb-app">${escapeHtml(t(ctx.locale, 'sandbox.page.app'))}</span>`
        : `<b>${escapeHtml(ctx.userName(message.user) ?? message.user)}</b> `;
    const head = `<div class="sb-msg-head">${author}<time>${escapeHtml(time)}</time></div>`;
    const only = ephemeral ? `<div class="sb-only-you">${escapeHtml(t(ctx.locale, 'sandbox.page.only_you'))}</div>` : '';
    const thread =
      replies.length > 0 ? `<div class="sb-thread">${replies.map((r) => this.messageHtml(r, as, ctx, [])).join('')}</div>` : '';
    return `<div class="sb-msg${ephemeral ? ' sb-ephemeral' : ''}" data-ts="${escapeHtml(message.ts)}" data-channel="${escapeHtml(message.channel)}"${ephemeral ? ' data-ephemeral="true"' : ''}>${head}${only}${message.text || message.blocks?.length ? renderMessage(message, ctx) : ''}${this.filesHtml(message, as, ctx)}${thread}</div>`;
  }

  private broadcast(event: SandboxEvent): void {
    const data = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of this.streams) {
      res.write(data);
      if (event.kind === 'closing') res.end();
    }
    if (event.kind === 'closing') this.streams.clear();
  }
}

function refusalHtml(refusal: Refusal): string {
  return `<div class="sb-msg sb-refusal" data-refusal="${refusal.id}">${renderSlackError(refusal.method, refusal.error, refusal.messages)}</div>`;
}

/** A message ts (seconds.micros) in milliseconds. */
function tsMs(ts: string): number {
  return Math.floor(Number(ts) * 1000);
}
