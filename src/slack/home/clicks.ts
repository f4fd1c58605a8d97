/**
 * A click on the Home tab carries no response_url: the card handlers' `respond` becomes a direct
 * message to the person, and the Home is drawn again once the handler is done, so a click on a stale
 * row is answered with what happened and the row shows it. A start button only opens a form: its Home
 * stays as it is.
 */
import type { RespondArguments, RespondFn } from '@slack/bolt';
import type { Block } from '../blocks.js';
import { homeStartIds } from '../ids.js';
import type { ActionArgs } from '../route-table.js';
import type { HomeRepublisher } from './republish.js';

export interface ViewClick {
  readonly respond: RespondFn;
  readonly done: () => void;
}

const startButtons: ReadonlySet<string> = new Set(Object.values(homeStartIds));

const isHomeClick = (body: ActionArgs['body']): boolean => {
  const { container, view } = body as { container?: { type?: unknown }; view?: { type?: unknown } };
  return container?.type === 'view' && view?.type === 'home';
};

export function homeClicks(homes: HomeRepublisher): (args: ActionArgs) => ViewClick | undefined {
  return (args) => {
    if (args.respond !== undefined || !isHomeClick(args.body)) return undefined;
    const userId = args.body.user.id;
    const respond: RespondFn = async (message: string | RespondArguments) => {
      const { text = '', blocks } =
        typeof message === 'string' ? { text: message, blocks: undefined } : (message as { text?: string; blocks?: Block[] });
      await args.client.chat.postMessage({ channel: userId, text, ...(blocks ? { blocks } : {}) });
      // what Bolt's own respond resolves to: the answer of the response_url, here of the DM
      return new Response(null, { status: 200 });
    };
    const changesNothing = startButtons.has(args.action.action_id);
    return { respond, done: changesNothing ? () => undefined : () => homes.redraw([userId]) };
  };
}
