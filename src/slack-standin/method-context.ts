/** What a stand-in Web API method is given and what it answers, shared by the method tables. */
import type { FakeSlackState } from './state.js';

export type SlackAnswer = { ok: true; [key: string]: unknown } | { ok: false; error: string; response_metadata?: { messages: string[] } };

export interface MethodContext {
  readonly state: FakeSlackState;
  readonly args: Record<string, unknown>;
  readonly now: number;
  readonly identity: { readonly teamId: string; readonly botUserId: string; readonly botId: string; readonly appId: string };
  /** The bot scopes the app was installed with; undefined grants every scope. */
  readonly scopes: ReadonlySet<string> | undefined;
  /** Where the stand-in serves files and uploads. */
  readonly baseUrl: string;
}
