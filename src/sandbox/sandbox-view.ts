/**
 * What the sandbox's page reaches of the sandbox: the page serves it, the sandbox builds the page's
 * routes, so the page names this rather than the class.
 */
import type { SettableClock } from '../clock.js';
import type { FakeSlack } from '../slack-standin/index.js';
import type { SlackSender } from '../slack-standin/requests.js';
import type { Workspace, WorkspaceChange } from '../slack-standin/workspace.js';
import type { RunningApp } from '../start.js';

export interface SandboxPerson {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly team: string;
  readonly locale: 'zh-CN' | 'en';
  /** The person's own zone from the org file, when it differs from their team's. */
  readonly timezone?: string;
}

export interface SandboxConversation {
  readonly id: string;
  readonly name: string;
  readonly kind: 'dm' | 'channel';
}

export type SandboxEvent =
  | WorkspaceChange
  | { readonly kind: 'clock'; readonly now: string; readonly busy: boolean }
  | { readonly kind: 'locale'; readonly userId: string }
  | { readonly kind: 'reset'; readonly generation: number }
  /** The app is about to stop (Reset): open event streams end, and the page reconnects. */
  | { readonly kind: 'closing' };

export interface SandboxView {
  readonly fake: FakeSlack;
  readonly clock: SettableClock;
  readonly generation: number;
  readonly slack: SlackSender;
  readonly workspace: Workspace;
  readonly running: RunningApp;
  everyone(): readonly SandboxPerson[];
  person(id: string): SandboxPerson | undefined;
  defaultPerson(): SandboxPerson | undefined;
  conversations(userId: string): SandboxConversation[];
  zoneOf(userId: string | undefined): string;
  onEvent(listener: (event: SandboxEvent) => void): () => void;
  setLocale(userId: string, locale: 'zh-CN' | 'en'): Promise<void>;
  jump(to: Date): Promise<void>;
  reset(): Promise<void>;
  /** The HR attendance sheet of the month the sandbox's clock is in, as HR receives it. */
  attendanceSheet(): Promise<{ readonly month: string; readonly file: string }>;
}
