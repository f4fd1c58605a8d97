import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { AppError } from '../errors.js';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type EventArgs<E extends string> = SlackEventMiddlewareArgs<E> & AllMiddlewareArgs;

type Listener<Args> = (args: Args) => Promise<void>;

/** Where listeners are registered by the name Slack sends: a command, an action_id, a callback_id, an event type. */
export interface Router {
  command(name: string, listener: Listener<CommandArgs>): void;
  action(actionId: string, listener: Listener<ActionArgs>): void;
  view(callbackId: string, listener: Listener<ViewArgs>): void;
  event<E extends string>(type: E, listener: Listener<EventArgs<E>>): void;
}

/**
 * The app's listeners by name, behind one Bolt listener per kind. Bolt runs the matching middleware of
 * every registered listener on every request, which for thirty listeners costs more than the ack
 * itself; here a request costs one lookup.
 */
export class RouteTable implements Router {
  private readonly commands = new Map<string, Listener<CommandArgs>>();
  private readonly actions = new Map<string, Listener<ActionArgs>>();
  private readonly views = new Map<string, Listener<ViewArgs>>();
  private readonly events = new Map<string, Listener<EventArgs<string>>>();

  command(name: string, listener: Listener<CommandArgs>): void {
    add(this.commands, name, listener);
  }

  action(actionId: string, listener: Listener<ActionArgs>): void {
    add(this.actions, actionId, listener);
  }

  view(callbackId: string, listener: Listener<ViewArgs>): void {
    add(this.views, callbackId, listener);
  }

  event<E extends string>(type: E, listener: Listener<EventArgs<E>>): void {
    add(this.events, type, listener as unknown as Listener<EventArgs<string>>);
  }

  /** Requests with a name nobody registered are left unanswered, as Bolt leaves them. */
  install(app: App): void {
    const any = /.*/;
    if (this.commands.size > 0) app.command(any, async (args) => this.commands.get(args.command.command)?.(args));
    if (this.actions.size > 0) {
      app.action(any, async (args) => {
        if (args.body.type !== 'block_actions') return;
        const blockArgs = args as ActionArgs;
        await this.actions.get(blockArgs.action.action_id)?.(blockArgs);
      });
    }
    if (this.views.size > 0) app.view(any, async (args) => this.views.get(args.view.callback_id)?.(args as ViewArgs));
    if (this.events.size > 0) app.event(any, async (args) => this.events.get(args.event.type)?.(args));
  }
}

function add<T>(listeners: Map<string, T>, name: string, listener: T): void {
  if (listeners.has(name)) throw new AppError('slack.duplicate_route', `two listeners for ${name}`);
  listeners.set(name, listener);
}
