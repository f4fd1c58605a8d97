/** What the Slack stand-in remembers between calls: users, messages, views, triggers, response URLs. */

export interface FakeUser {
  readonly id: string;
  readonly name: string;
  /** Slack's locale, e.g. en-US or zh-CN; users.info returns it only with include_locale. */
  readonly locale?: string;
  readonly tz?: string;
  readonly deleted?: boolean;
}

export interface StoredMessage {
  readonly channel: string;
  readonly ts: string;
  text?: string;
  blocks?: unknown[];
  readonly threadTs?: string;
  /** Files shared with the message (files.completeUploadExternal), by id. */
  readonly files?: readonly string[];
  /** Set for ephemeral messages: only this user sees it. */
  readonly visibleTo?: string;
  /** Set for a message a person typed (the bot's own have none). */
  readonly user?: string;
}

export interface StoredView {
  readonly id: string;
  hash: string;
  view: Record<string, unknown>;
  readonly userId: string;
  readonly rootViewId: string;
  readonly previousViewId?: string;
}

export interface IssuedTrigger {
  readonly userId: string;
  readonly issuedAt: number;
  exchanged: boolean;
}

export interface IssuedResponseUrl {
  readonly userId: string;
  readonly issuedAt: number;
  uses: number;
  /** Where the interaction happened: a post to the URL lands there (or replaces that message). */
  readonly origin?: ResponseOrigin;
}

export interface ResponseOrigin {
  readonly channel: string;
  /** The message whose button was clicked. */
  readonly ts?: string;
}

export interface StoredFile {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly mimetype: string;
  readonly size: number;
  /** Who uploaded it: a person, or the bot user. */
  readonly userId: string;
  readonly content: Buffer;
  /** Picked in a file_input of the app's modal: the app may read it (the element needs files:read). */
  readonly viaApp: boolean;
  /** The channels and DMs it was shared into; their members see it. */
  readonly channels: Set<string>;
  deleted?: boolean;
}

/** An upload begun with files.getUploadURLExternal: bytes arrive at its URL, completeUploadExternal shares it. */
export interface PendingUpload {
  readonly fileId: string;
  readonly filename: string;
  readonly length: number;
  content?: Buffer;
}

/** Microseconds; a ts only needs to grow, and starts again from here when everything is thrown away. */
const firstTs = 1_764_547_200_000_000;

export class FakeSlackState {
  readonly users = new Map<string, FakeUser>();
  readonly messages: StoredMessage[] = [];
  readonly views = new Map<string, StoredView>();
  /** The modal stack per user, root first. */
  readonly stacks = new Map<string, string[]>();
  readonly homeViews = new Map<string, string>();
  readonly triggers = new Map<string, IssuedTrigger>();
  readonly responseUrls = new Map<string, IssuedResponseUrl>();
  readonly imChannels = new Map<string, string>();
  readonly files = new Map<string, StoredFile>();
  readonly uploads = new Map<string, PendingUpload>();
  /** Channels the bot was removed from (files.completeUploadExternal answers not_in_channel). */
  readonly botLeft = new Set<string>();
  private sequence = 0;
  private lastTs = firstTs;

  next(prefix: string): string {
    this.sequence += 1;
    return `${prefix}${String(this.sequence).padStart(8, '0')}`;
  }

  nextTs(nowMs: number): string {
    this.lastTs = Math.max(this.lastTs + 1, nowMs * 1000);
    const micros = String(this.lastTs);
    return `${micros.slice(0, -6)}.${micros.slice(-6)}`;
  }

  /** The IM channel between the bot and a user, opened on first use. */
  imWith(userId: string): string {
    let channel = this.imChannels.get(userId);
    if (!channel) {
      channel = `D${userId.replace(/^[UW]/, '')}`;
      this.imChannels.set(userId, channel);
    }
    return channel;
  }

  /** The user an IM channel belongs to, when `channel` is one. */
  userOfIm(channel: string): string | undefined {
    for (const [userId, im] of this.imChannels) if (im === channel) return userId;
    return undefined;
  }

  clear(): void {
    this.messages.length = 0;
    this.views.clear();
    this.stacks.clear();
    this.homeViews.clear();
    this.triggers.clear();
    this.responseUrls.clear();
    this.files.clear();
    this.uploads.clear();
    this.botLeft.clear();
    // The clock may have been ahead of real time; what is posted after a reset carries the time then.
    this.lastTs = firstTs;
  }
}
