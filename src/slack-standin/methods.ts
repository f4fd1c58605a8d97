import { createHash } from 'node:crypto';
import { blockKitLimits, blockKitProblems, viewProblems, type BlockKitProblem } from '../slack/blockkit-limits.js';
import { fileMethods } from './files.js';
import { truthy } from './request-body.js';
import type { MethodContext, SlackAnswer } from './method-context.js';
import type { FakeSlackState, StoredMessage, StoredView } from './state.js';

export type { MethodContext, SlackAnswer } from './method-context.js';

type Method = (ctx: MethodContext) => SlackAnswer;

/** Slack refuses a trigger_id that it did not issue, that was used before, or that is older than 3 s. */
export const triggerLifetimeMs = 3000;
/** The view stack holds a modal and at most two pushed views. */
const maxStack = 3;

const fail = (error: string, messages?: string[]): SlackAnswer =>
  messages ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };
const describe = (problems: BlockKitProblem[]) =>
  problems.map((p) => `[ERROR] ${p.message} [json-pointer:/${p.path.replace(/\[(\d+)\]/g, '/$1').replaceAll('.', '/')}]`);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function hashOf(view: unknown, now: number): string {
  return `${now}.${createHash('sha1').update(JSON.stringify(view)).digest('hex').slice(0, 8)}`;
}

function messageProblem(args: Record<string, unknown>): SlackAnswer | undefined {
  const text = str(args.text);
  const blocks = args.blocks;
  if (text === undefined && !(Array.isArray(blocks) && blocks.length > 0) && args.attachments === undefined) return fail('no_text');
  if (text !== undefined && text.length > blockKitLimits.messageText) return fail('msg_too_long');
  if (blocks !== undefined && !Array.isArray(blocks)) return fail('invalid_blocks', ['[ERROR] blocks must be a JSON array']);
  const problems = blockKitProblems('message', blocks);
  return problems.length > 0 ? fail('invalid_blocks', describe(problems)) : undefined;
}

/** A channel id, an IM the stand-in opened, a user id (Slack posts to the DM) or a #name. */
function resolveChannel(state: FakeSlackState, channel: string): string | undefined {
  if (state.users.has(channel)) return state.imWith(channel);
  if (/^[CG][A-Z0-9]{2,}$/.test(channel) || channel.startsWith('#')) return channel;
  if (/^D[A-Z0-9]+$/.test(channel)) return state.userOfIm(channel) === undefined ? undefined : channel;
  return undefined;
}

function exchangeTrigger(ctx: MethodContext): { userId: string } | SlackAnswer {
  const id = str(ctx.args.trigger_id) ?? '';
  const trigger = ctx.state.triggers.get(id);
  if (!trigger) return fail('invalid_trigger_id');
  if (trigger.exchanged) return fail('exchanged_trigger_id');
  if (ctx.now - trigger.issuedAt > triggerLifetimeMs) return fail('expired_trigger_id');
  trigger.exchanged = true;
  return { userId: trigger.userId };
}

/** Slack's answer to a call that needs a scope the app was not installed with. */
function missingScope(ctx: Pick<MethodContext, 'scopes'>, scope: string): SlackAnswer | undefined {
  if (!ctx.scopes || ctx.scopes.has(scope)) return undefined;
  return { ok: false, error: 'missing_scope', needed: scope, provided: [...ctx.scopes].join(',') } as SlackAnswer;
}

/** A view with a file_input element needs files:read, as Slack documents for the element. */
const hasFileInput = (view: unknown): boolean => JSON.stringify(view ?? null).includes('"type":"file_input"');

function checkView(view: unknown, expected: 'modal' | 'home', ctx?: Pick<MethodContext, 'scopes'>): SlackAnswer | undefined {
  if (typeof view !== 'object' || view === null)
    return fail('invalid_arguments', ['[ERROR] view must be a JSON object [json-pointer:/view]']);
  const scope = ctx && hasFileInput(view) ? missingScope(ctx, 'files:read') : undefined;
  if (scope) return scope;
  const problems = viewProblems(view);
  if ((view as { type?: unknown }).type !== expected) problems.push({ path: 'view.type', message: `must be "${expected}" here` });
  return problems.length > 0 ? fail('invalid_arguments', describe(problems)) : undefined;
}

function storeView(ctx: MethodContext, view: Record<string, unknown>, userId: string, root?: StoredView): StoredView {
  const id = ctx.state.next('V');
  const stored: StoredView = {
    id,
    hash: hashOf(view, ctx.now),
    view,
    userId,
    rootViewId: root?.rootViewId ?? id,
    ...(root ? { previousViewId: root.id } : {}),
  };
  ctx.state.views.set(id, stored);
  return stored;
}

function viewAnswer(ctx: MethodContext, stored: StoredView): SlackAnswer {
  return {
    ok: true,
    view: {
      state: { values: {} },
      ...stored.view,
      id: stored.id,
      team_id: ctx.identity.teamId,
      hash: stored.hash,
      root_view_id: stored.rootViewId,
      previous_view_id: stored.previousViewId ?? null,
      app_id: ctx.identity.appId,
      bot_id: ctx.identity.botId,
    },
  };
}

const methods: Record<string, Method> = {
  'auth.test': ({ identity }) => ({
    ok: true,
    url: 'https://shiftdesk-test.slack.com/',
    team: 'shiftdesk test',
    user: 'shiftdesk',
    team_id: identity.teamId,
    user_id: identity.botUserId,
    bot_id: identity.botId,
  }),

  'users.info': ({ state, args }) => {
    const user = state.users.get(str(args.user) ?? '');
    if (!user) return fail('user_not_found');
    const answer: Record<string, unknown> = {
      id: user.id,
      name: user.name,
      deleted: user.deleted ?? false,
      tz: user.tz ?? 'Asia/Shanghai',
      is_bot: false,
    };
    if (truthy(args.include_locale)) answer.locale = user.locale ?? 'en-US';
    return { ok: true, user: answer };
  },

  /** Pages of workspace members, in id order; the cursor is the last id of the previous page. */
  'users.list': ({ state, args }) => {
    const limit = Math.min(Math.max(Number(args.limit ?? 0) || 0, 1), 1000) || 100;
    const after = str(args.cursor);
    if (after !== undefined && !state.users.has(after)) return fail('invalid_cursor');
    const ids = [...state.users.keys()].sort().filter((id) => after === undefined || id > after);
    const page = ids.slice(0, args.limit === undefined ? 100 : limit);
    const members = page.map((id) => {
      const user = state.users.get(id);
      const member: Record<string, unknown> = {
        id,
        name: user?.name,
        deleted: user?.deleted ?? false,
        tz: user?.tz ?? 'Asia/Shanghai',
        is_bot: false,
      };
      if (truthy(args.include_locale)) member.locale = user?.locale ?? 'en-US';
      return member;
    });
    const next = ids.length > page.length ? (page.at(-1) as string) : '';
    return { ok: true, members, response_metadata: { next_cursor: next } };
  },

  'conversations.open': ({ state, args }) => {
    const ids = (str(args.users) ?? '').split(',').filter(Boolean);
    if (ids.length === 0) return fail('users_list_not_supplied');
    if (ids.length > 1) return fail('method_not_supported_for_channel_type');
    const user = state.users.get(ids[0] as string);
    if (!user) return fail('user_not_found');
    if (user.deleted) return fail('user_disabled');
    return { ok: true, channel: { id: state.imWith(user.id) } };
  },

  'chat.postMessage': (ctx) => {
    const { state, args } = ctx;
    const channel = resolveChannel(state, str(args.channel) ?? '');
    if (!channel) return fail('channel_not_found');
    const problem = messageProblem(args);
    if (problem) return problem;
    const message: StoredMessage = {
      channel,
      ts: state.nextTs(ctx.now),
      ...(str(args.text) ? { text: args.text as string } : {}),
      ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
      ...(str(args.thread_ts) ? { threadTs: args.thread_ts as string } : {}),
    };
    state.messages.push(message);
    return {
      ok: true,
      channel,
      ts: message.ts,
      message: { type: 'message', text: message.text ?? '', blocks: message.blocks, bot_id: ctx.identity.botId, ts: message.ts },
    };
  },

  'chat.postEphemeral': (ctx) => {
    const { state, args } = ctx;
    const channel = resolveChannel(state, str(args.channel) ?? '');
    if (!channel) return fail('channel_not_found');
    const user = state.users.get(str(args.user) ?? '');
    if (!user) return fail('user_not_in_channel');
    const problem = messageProblem(args);
    if (problem) return problem;
    const ts = state.nextTs(ctx.now);
    state.messages.push({
      channel,
      ts,
      visibleTo: user.id,
      ...(str(args.text) ? { text: args.text as string } : {}),
      ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
    });
    return { ok: true, message_ts: ts };
  },

  'chat.update': ({ state, args }) => {
    const channel = resolveChannel(state, str(args.channel) ?? '');
    if (!channel) return fail('channel_not_found');
    const message = state.messages.find((m) => m.channel === channel && m.ts === args.ts && m.visibleTo === undefined);
    if (!message) return fail('message_not_found');
    const problem = messageProblem({ text: args.text ?? message.text, blocks: args.blocks });
    if (problem) return problem;
    if (typeof args.text === 'string') message.text = args.text;
    if (Array.isArray(args.blocks)) message.blocks = args.blocks;
    return { ok: true, channel, ts: message.ts, text: message.text ?? '' };
  },

  'views.open': (ctx) => {
    const problem = checkView(ctx.args.view, 'modal', ctx);
    if (problem) return problem;
    const trigger = exchangeTrigger(ctx);
    if ('ok' in trigger) return trigger;
    const stored = storeView(ctx, ctx.args.view as Record<string, unknown>, trigger.userId);
    ctx.state.stacks.set(trigger.userId, [stored.id]);
    return viewAnswer(ctx, stored);
  },

  'views.push': (ctx) => {
    const problem = checkView(ctx.args.view, 'modal', ctx);
    if (problem) return problem;
    const trigger = exchangeTrigger(ctx);
    if ('ok' in trigger) return trigger;
    const stack = ctx.state.stacks.get(trigger.userId) ?? [];
    const top = ctx.state.views.get(stack.at(-1) ?? '');
    if (!top) return fail('not_found');
    if (stack.length >= maxStack) return fail('push_limit_reached');
    const stored = storeView(ctx, ctx.args.view as Record<string, unknown>, trigger.userId, top);
    stack.push(stored.id);
    return viewAnswer(ctx, stored);
  },

  'views.update': (ctx) => {
    const { state, args } = ctx;
    const viewId = str(args.view_id);
    const externalId = str(args.external_id);
    if (!viewId && !externalId) return fail('invalid_arguments', ['[ERROR] either view_id or external_id is required']);
    const stored = viewId ? state.views.get(viewId) : [...state.views.values()].find((v) => v.view.external_id === externalId);
    if (!stored) return fail('not_found');
    const problem = checkView(args.view, stored.view.type === 'home' ? 'home' : 'modal', ctx);
    if (problem) return problem;
    if (str(args.hash) && args.hash !== stored.hash) return fail('hash_conflict');
    stored.view = args.view as Record<string, unknown>;
    stored.hash = hashOf(stored.view, ctx.now);
    return viewAnswer(ctx, stored);
  },

  'views.publish': (ctx) => {
    const { state, args } = ctx;
    const user = state.users.get(str(args.user_id) ?? '');
    if (!user) return fail('user_not_found');
    const problem = checkView(args.view, 'home', ctx);
    if (problem) return problem;
    const existing = state.views.get(state.homeViews.get(user.id) ?? '');
    if (str(args.hash) && existing && args.hash !== existing.hash) return fail('hash_conflict');
    if (existing) {
      existing.view = args.view as Record<string, unknown>;
      existing.hash = hashOf(existing.view, ctx.now);
      return viewAnswer(ctx, existing);
    }
    const stored = storeView(ctx, args.view as Record<string, unknown>, user.id);
    state.homeViews.set(user.id, stored.id);
    return viewAnswer(ctx, stored);
  },

  ...fileMethods,
};

export function findMethod(name: string): Method | undefined {
  return methods[name];
}

export const implementedMethods = Object.keys(methods);
