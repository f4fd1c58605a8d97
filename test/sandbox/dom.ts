import { Window, type HTMLElement } from 'happy-dom';
import { afterAll } from 'vitest';
import type { RenderContext } from '../../src/sandbox/render/index.js';

const window = new Window();
afterAll(() => window.happyDOM.close());

/** Rendered HTML parsed by a real HTML parser, to query instead of matching strings. */
export function dom(html: string): HTMLElement {
  const root = window.document.createElement('div');
  root.innerHTML = html;
  return root;
}

export type { HTMLElement, HTMLInputElement, HTMLTemplateElement } from 'happy-dom';

export const people = [
  { id: 'U0AGENT', name: 'Li Na' },
  { id: 'U0LEAD', name: 'Wang Wei' },
];

export function context(overrides: Partial<RenderContext> = {}): RenderContext {
  return {
    userName: (id) => people.find((p) => p.id === id)?.name,
    channelName: (id) => (id === 'C0TEAM' ? 'team-alpha' : undefined),
    locale: 'en',
    users: people,
    ...overrides,
  };
}

export const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
export const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
export const option = (text: string, value: string) => ({ text: plain(text), value });
