import { AppError } from '../errors.js';
import { EventEmitter } from 'node:events';
import { canSee, describeFile, storeModalUpload } from './files.js';
import type { SlackAnswer } from './methods.js';
import type { FakeSlackState, FakeUser, IssuedResponseUrl, StoredFile, StoredMessage, StoredView } from './state.js';

/** A Web API call Slack refused, where the person would have missed what the bot meant to show. */
export interface Refusal {
  readonly id: number;
  readonly method: string;
  readonly error: string;
  /** Slack's `response_metadata.messages`: which rule, at which JSON pointer. */
  readonly messages: readonly string[];
  readonly at: number;
  /** The conversation the call was about, when it names one… */
  readonly channel?: string;
  /** …or the person whose modal or Home tab it was. */
  readonly userId?: string;
}

export type WorkspaceChange =
  | { readonly kind: 'message'; readonly channel: string; readonly ts: string }
  | { readonly kind: 'views'; readonly userId: string }
  | { readonly kind: 'home'; readonly userId: string }
  | { readonly kind: 'refusal'; readonly refusal: Refusal }
  | { readonly kind: 'user'; readonly userId: string };

export interface Channel {
  readonly id: string;
  readonly name: string;
  /** The team whose channel it is, for the sandbox to show it to its members. */
  readonly team?: string;
}

/** What a view_submission's answer did to the modal, as Slack applies it. */
export type SubmissionOutcome =
  | { readonly kind: 'errors'; readonly errors: Record<string, string> }
  | { readonly kind: 'closed' | 'updated' | 'pushed' | 'cleared' };

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The part of Slack that people see, kept by the stand-in for the sandbox: channels, messages as the
 * clients show them (answers to commands and response URLs included), modal stacks closing and
 * updating as Slack's answers say, uploaded files, and each refusal of a call.
 */
export class Workspace {
  private readonly events = new EventEmitter();
  private readonly refused: Refusal[] = [];
  readonly channels = new Map<string, Channel>();

  constructor(
    private readonly state: FakeSlackState,
    private readonly now: () => number,
    private readonly baseUrl: () => string,
  ) {
    this.events.setMaxListeners(0);
  }

  onChange(listener: (change: WorkspaceChange) => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }

  addChannel(channel: Channel): void {
    this.channels.set(channel.id, channel);
  }

  /** Switches a person's Slack language, as they would in Slack's preferences. */
  setLocale(userId: string, locale: string): void {
    const user = this.state.users.get(userId);
    if (!user) throw new AppError('standin.refused', `no user ${userId}`, { userId });
    this.state.users.set(userId, { ...user, locale } satisfies FakeUser);
    this.emit({ kind: 'user', userId });
  }

  /** The messages `userId` sees in `channel`, oldest first: everyone's and the ephemeral ones meant for them. */
  conversation(channel: string, userId: string): StoredMessage[] {
    return this.state.messages.filter((m) => m.channel === channel && (m.visibleTo === undefined || m.visibleTo === userId));
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.state.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  refusals(): readonly Refusal[] {
    return this.refused;
  }

  /** The modal stack of a person, root first. */
  stack(userId: string): StoredView[] {
    return (this.state.stacks.get(userId) ?? []).flatMap((id) => this.state.views.get(id) ?? []);
  }

  home(userId: string): StoredView | undefined {
    return this.state.views.get(this.state.homeViews.get(userId) ?? '');
  }

  /** Slack shows a slash command's immediate answer in the channel it was typed in: to the asker only, unless in_channel. */
  showCommandAnswer(userId: string, channel: string, body: unknown): void {
    if (typeof body !== 'object' || body === null) return;
    const answer = body as { response_type?: unknown; text?: unknown; blocks?: unknown };
    if (answer.text === undefined && answer.blocks === undefined) return;
    this.post({ channel, ...(answer.response_type === 'in_channel' ? {} : { visibleTo: userId }), ...content(answer) });
  }

  /**
   * A message a person typed in a channel: everyone there sees it. The app hears nothing of it, as it
   * subscribes to no message events.
   */
  postTyped(userId: string, channel: string, text: string): void {
    this.post({ channel, user: userId, text });
  }

  /** Applies a view_submission's answer to the person's stack, as Slack does. */
  submitted(userId: string, viewId: string, body: unknown): SubmissionOutcome {
    const answer = (typeof body === 'object' && body !== null ? body : {}) as {
      response_action?: unknown;
      errors?: unknown;
      view?: unknown;
    };
    const stack = this.state.stacks.get(userId) ?? [];
    const at = stack.indexOf(viewId);
    switch (answer.response_action) {
      case 'errors':
        return { kind: 'errors', errors: (answer.errors ?? {}) as Record<string, string> };
      case 'update': {
        const stored = this.state.views.get(viewId);
        if (stored && typeof answer.view === 'object' && answer.view !== null) stored.view = answer.view as Record<string, unknown>;
        this.emit({ kind: 'views', userId });
        return { kind: 'updated' };
      }
      case 'push': {
        if (typeof answer.view === 'object' && answer.view !== null) {
          const id = this.state.next('V');
          const top = this.state.views.get(viewId);
          this.state.views.set(id, {
            id,
            hash: `${this.now()}.pushed`,
            view: answer.view as Record<string, unknown>,
            userId,
            rootViewId: top?.rootViewId ?? id,
            previousViewId: viewId,
          });
          stack.push(id);
        }
        this.emit({ kind: 'views', userId });
        return { kind: 'pushed' };
      }
      case 'clear':
        this.state.stacks.set(userId, []);
        this.emit({ kind: 'views', userId });
        return { kind: 'cleared' };
      default:
        if (at >= 0) stack.splice(at);
        this.emit({ kind: 'views', userId });
        return { kind: 'closed' };
    }
  }

  /** The person closed the view on top (Cancel or ×); true when the app asked to hear of it. */
  closed(userId: string, viewId: string): boolean {
    const stack = this.state.stacks.get(userId) ?? [];
    const at = stack.indexOf(viewId);
    if (at >= 0) stack.splice(at);
    this.emit({ kind: 'views', userId });
    return this.state.views.get(viewId)?.view.notify_on_close === true;
  }

  /** A file picked in a file_input: stored, and described the way view_submission state describes it. */
  upload(userId: string, file: { name: string; mimetype: string; content: Buffer }): Record<string, unknown> {
    return describeFile(storeModalUpload(this.state, userId, file), this.baseUrl());
  }

  file(id: string): StoredFile | undefined {
    return this.state.files.get(id);
  }

  /** Whether `userId` may open the file (its uploader, or a member of where it was shared). */
  canOpen(userId: string, fileId: string): boolean {
    const file = this.state.files.get(fileId);
    return file !== undefined && canSee(this.state, file, { kind: 'person', userId });
  }

  /** Called by the stand-in after every Web API answer. */
  answered(method: string, args: Record<string, unknown>, answer: SlackAnswer): void {
    if (!answer.ok) return this.refuse(method, args, answer);
    const a = answer as Record<string, unknown>;
    if (method === 'chat.postMessage' || method === 'chat.update')
      this.emit({ kind: 'message', channel: a.channel as string, ts: a.ts as string });
    if (method === 'files.completeUploadExternal' && typeof args.channel_id === 'string') {
      const shared = this.state.messages.findLast((m) => m.channel === args.channel_id && m.files !== undefined);
      if (shared) this.emit({ kind: 'message', channel: shared.channel, ts: shared.ts });
    }
    if (method === 'chat.postEphemeral') {
      const message = this.state.messages.find((m) => m.ts === a.message_ts);
      if (message) this.emit({ kind: 'message', channel: message.channel, ts: message.ts });
    }
    if (method.startsWith('views.')) {
      const view = this.state.views.get(((a.view ?? {}) as { id?: string }).id ?? '');
      if (view) this.emit({ kind: method === 'views.publish' || view.view.type === 'home' ? 'home' : 'views', userId: view.userId });
    }
  }

  /** Called by the stand-in for every accepted post to a response URL. */
  respond(issued: IssuedResponseUrl, args: Record<string, unknown>): void {
    const origin = issued.origin;
    if (!origin) return;
    const original =
      origin.ts === undefined ? undefined : this.state.messages.find((m) => m.channel === origin.channel && m.ts === origin.ts);
    if (args.delete_original === true && original) {
      this.state.messages.splice(this.state.messages.indexOf(original), 1);
      return this.emit({ kind: 'message', channel: original.channel, ts: original.ts });
    }
    if (args.replace_original === true && original) {
      const next = content(args);
      if (next.text !== undefined) original.text = next.text;
      original.blocks = next.blocks ?? [];
      return this.emit({ kind: 'message', channel: original.channel, ts: original.ts });
    }
    this.post({ channel: origin.channel, ...(args.response_type === 'in_channel' ? {} : { visibleTo: issued.userId }), ...content(args) });
  }

  private post(message: Omit<StoredMessage, 'ts'>): void {
    const stored = { ...message, ts: this.state.nextTs(this.now()) };
    this.state.messages.push(stored);
    this.emit({ kind: 'message', channel: stored.channel, ts: stored.ts });
  }

  private refuse(method: string, args: Record<string, unknown>, answer: SlackAnswer): void {
    const messages = ((answer as { response_metadata?: { messages?: string[] } }).response_metadata?.messages ?? []).slice();
    const channel = str(args.channel);
    const userId =
      str(args.user_id) ??
      this.state.triggers.get(str(args.trigger_id) ?? '')?.userId ??
      this.state.views.get(str(args.view_id) ?? '')?.userId ??
      (channel ? this.state.userOfIm(channel) : undefined);
    const refusal: Refusal = {
      id: this.refused.length + 1,
      method,
      error: (answer as { error: string }).error,
      messages,
      at: this.now(),
      ...(channel ? { channel: this.state.users.has(channel) ? this.state.imWith(channel) : channel } : {}),
      ...(userId ? { userId } : {}),
    };
    this.refused.push(refusal);
    this.emit({ kind: 'refusal', refusal });
  }

  private emit(change: WorkspaceChange): void {
    this.events.emit('change', change);
  }
}

function content(answer: { text?: unknown; blocks?: unknown }): { text?: string; blocks?: unknown[] } {
  return {
    ...(typeof answer.text === 'string' ? { text: answer.text } : {}),
    ...(Array.isArray(answer.blocks) ? { blocks: answer.blocks } : {}),
  };
}
