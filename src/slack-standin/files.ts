/**
 * Files as Slack keeps them: who may see one, files.info, the two-step upload (getUploadURLExternal,
 * bytes to the upload URL, completeUploadExternal) and the file URLs.
 *
 * Visibility follows Slack: a file is seen by whoever uploaded it and by the members of the channels
 * and DMs it was shared into. A file picked in a modal's file_input is shared nowhere, but the app
 * whose modal took it may read it (Slack asks for files:read to use the element). The bot is a member
 * of its DMs and of every channel it was not removed from; a person, of their DM with the bot and of
 * every channel (the stand-in keeps no channel membership).
 */
import type { ServerResponse } from 'node:http';
import type { MethodContext, SlackAnswer } from './method-context.js';
import type { FakeSlackState, StoredFile } from './state.js';

/** Who is looking at a file: the app (its bot token) or a signed-in person. */
export type FileViewer = { readonly kind: 'bot'; readonly botUserId: string } | { readonly kind: 'person'; readonly userId: string };

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const fail = (error: string, messages?: string[]): SlackAnswer =>
  messages ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };

export function canSee(state: FakeSlackState, file: StoredFile, viewer: FileViewer): boolean {
  if (file.deleted) return false;
  if (viewer.kind === 'bot')
    return file.userId === viewer.botUserId || file.viaApp || [...file.channels].some((c) => !state.botLeft.has(c));
  if (file.userId === viewer.userId) return true;
  return [...file.channels].some((c) => (c.startsWith('D') ? state.userOfIm(c) === viewer.userId : true));
}

/** A file as files.info and view_submission state describe it. */
export function describeFile(file: StoredFile, baseUrl: string): Record<string, unknown> {
  const name = encodeURIComponent(file.name);
  return {
    id: file.id,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.name.split('.').pop() ?? '',
    size: file.size,
    user: file.userId,
    url_private: `${baseUrl}/files-pri/${file.id}/${name}`,
    url_private_download: `${baseUrl}/files-pri/${file.id}/download/${name}`,
    permalink: `${baseUrl}/files/${file.id}`,
    channels: [...file.channels].filter((c) => !c.startsWith('D')),
    ims: [...file.channels].filter((c) => c.startsWith('D')),
  };
}

/** Stores a file a person picked in one of the app's file_inputs. */
export function storeModalUpload(
  state: FakeSlackState,
  userId: string,
  file: { name: string; mimetype: string; content: Buffer },
): StoredFile {
  const id = state.next('F');
  const stored: StoredFile = {
    id,
    userId,
    name: file.name,
    title: file.name,
    mimetype: file.mimetype,
    size: file.content.length,
    content: file.content,
    viaApp: true,
    channels: new Set(),
  };
  state.files.set(id, stored);
  return stored;
}

/**
 * Answers a GET of a file URL: the bytes for whoever may see the file, 404 for anyone else, as Slack
 * sends a stranger to its sign-in page instead. The app shows its bot token; a person in the sandbox is
 * named by `as` (the stand-in has no browser sessions).
 */
export function serveFile(state: FakeSlackState, id: string, viewer: FileViewer | undefined, response: ServerResponse): void {
  const file = state.files.get(decodeURIComponent(id));
  if (!file || !viewer || !canSee(state, file, viewer))
    return void response.writeHead(404, { 'content-type': 'text/plain' }).end('file_not_found');
  response
    .writeHead(200, { 'content-type': file.mimetype, 'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.name)}` })
    .end(file.content);
}

/** The bytes of an upload, sent raw or as multipart/form-data (any one file field), as Slack takes them. */
export async function receiveUpload(
  state: FakeSlackState,
  uploadId: string,
  contentType: string | undefined,
  body: Buffer,
  baseUrl: string,
  response: ServerResponse,
): Promise<void> {
  const upload = state.uploads.get(uploadId);
  if (!upload) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('upload_not_found');
  let content = body;
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Request(`${baseUrl}/upload`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(body),
    }).formData();
    const part = [...form.values()].find((value) => typeof value !== 'string');
    if (!part || typeof part === 'string') return void response.writeHead(400, { 'content-type': 'text/plain' }).end('no_file_data');
    content = Buffer.from(await part.arrayBuffer());
  }
  upload.content = content;
  response.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${content.length}`);
}

function missingScope(ctx: MethodContext, scope: string): SlackAnswer | undefined {
  if (!ctx.scopes || ctx.scopes.has(scope)) return undefined;
  return { ok: false, error: 'missing_scope', needed: scope, provided: [...ctx.scopes].join(',') } as SlackAnswer;
}

const botViewer = (ctx: MethodContext): FileViewer => ({ kind: 'bot', botUserId: ctx.identity.botUserId });

/** `files` of completeUploadExternal: a JSON array of `{ id, title? }`. */
function uploadedFiles(value: unknown): { id: string; title?: string }[] | undefined {
  const parsed = typeof value === 'string' ? safeJson(value) : value;
  if (!Array.isArray(parsed) || parsed.length === 0) return undefined;
  const files = parsed.map((f: unknown) => (typeof f === 'object' && f !== null ? (f as { id?: unknown; title?: unknown }) : {}));
  if (files.some((f) => typeof f.id !== 'string')) return undefined;
  return files.map((f) => ({ id: f.id as string, ...(typeof f.title === 'string' ? { title: f.title } : {}) }));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const fileMethods: Record<string, (ctx: MethodContext) => SlackAnswer> = {
  'files.info': (ctx) => {
    const scope = missingScope(ctx, 'files:read');
    if (scope) return scope;
    const file = ctx.state.files.get(str(ctx.args.file) ?? '');
    if (!file) return fail('file_not_found');
    if (file.deleted) return fail('file_deleted');
    if (!canSee(ctx.state, file, botViewer(ctx))) return fail('file_not_found');
    return { ok: true, file: describeFile(file, ctx.baseUrl), comments: [], response_metadata: { next_cursor: '' } };
  },

  'files.getUploadURLExternal': (ctx) => {
    const scope = missingScope(ctx, 'files:write');
    if (scope) return scope;
    const length = Number(ctx.args.length);
    if (!Number.isInteger(length) || length < 0)
      return fail('invalid_arguments', ['[ERROR] length must be an integer [json-pointer:/length]']);
    // Slack's note on missing_argument: "typically only occurs when the length provided is 0"
    if (length === 0) return fail('missing_argument');
    const fileId = ctx.state.next('F');
    const uploadId = ctx.state.next('UP');
    ctx.state.uploads.set(uploadId, { fileId, filename: String(ctx.args.filename), length });
    return { ok: true, upload_url: `${ctx.baseUrl}/upload/v1/${uploadId}`, file_id: fileId };
  },

  'files.completeUploadExternal': (ctx) => {
    const { state, args } = ctx;
    const scope = missingScope(ctx, 'files:write');
    if (scope) return scope;
    const files = uploadedFiles(args.files);
    if (!files) return fail('invalid_arguments', ['[ERROR] files must be a JSON array of objects with an id [json-pointer:/files]']);
    const channel = str(args.channel_id);
    if (channel !== undefined) {
      const known = channel.startsWith('D') ? state.userOfIm(channel) !== undefined : /^[CG][A-Z0-9]{2,}$/.test(channel);
      if (!known) return fail('channel_not_found');
      if (state.botLeft.has(channel)) return fail('not_in_channel');
    } else if (str(args.thread_ts) !== undefined || str(args.initial_comment) !== undefined) {
      return fail('invalid_arguments', ['[ERROR] thread_ts and initial_comment need channel_id [json-pointer:/channel_id]']);
    }
    const pending = files.map((f) => [...state.uploads.entries()].find(([, u]) => u.fileId === f.id));
    if (pending.some((entry) => !entry?.[1].content)) return fail('file_not_found');
    const stored = files.map((f, i): StoredFile => {
      const [uploadId, upload] = pending[i] as [string, { fileId: string; filename: string; content: Buffer }];
      state.uploads.delete(uploadId);
      const file: StoredFile = {
        id: f.id,
        name: upload.filename,
        title: f.title ?? upload.filename,
        mimetype: mimetypeOf(upload.filename),
        size: upload.content.length,
        userId: ctx.identity.botUserId,
        content: upload.content,
        viaApp: false,
        channels: new Set(channel ? [channel] : []),
      };
      state.files.set(file.id, file);
      return file;
    });
    if (channel) {
      const text = str(args.initial_comment);
      const threadTs = str(args.thread_ts);
      state.messages.push({
        channel,
        ts: state.nextTs(ctx.now),
        files: stored.map((f) => f.id),
        ...(text ? { text } : {}),
        ...(threadTs ? { threadTs } : {}),
      });
    }
    return { ok: true, files: stored.map((f) => ({ id: f.id, title: f.title })) };
  },
};

const mimetypes: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  heic: 'image/heic',
  txt: 'text/plain',
};
const mimetypeOf = (filename: string) => mimetypes[filename.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
