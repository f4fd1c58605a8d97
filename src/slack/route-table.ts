import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  BlockAction,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { AppError } from '../errors.js';
import { guardedAck } from './ack-guard.js';

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
 * The app's listeners by name, behind one Bolt middleware. Bolt runs the matching middleware of every
 * registered listener on every request, each with its own copy of the arguments, which for thirty
 * listeners costs more than the ack itself; here a request costs one lookup.
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

  /** The last middleware of the app; a request with a name nobody registered goes on to Bolt, which leaves it unanswered. */
  readonly middleware: Middleware<AnyMiddlewareArgs> = async (args) => {
    const ack = guardedAck(args.context);
    const listener = this.listenerFor(ack ? ({ ...args, ack } as typeof args) : args);
    if (listener) await listener();
    else await args.next();
  };

  private listenerFor(args: AnyMiddlewareArgs & AllMiddlewareArgs): (() => Promise<void>) | undefined {
    if ('command' in args) {
      const listener = this.commands.get(args.command.command);
      return listener && (() => listener(args as CommandArgs));
    }
    if ('action' in args && args.body.type === 'block_actions') {
      const listener = this.actions.get((args as ActionArgs).action.action_id);
      return listener && (() => listener(args as ActionArgs));
    }
    if ('view' in args && args.body.type === 'view_submission') {
      const listener = this.views.get(args.view.callback_id);
      return listener && (() => listener(args as ViewArgs));
    }
    if ('event' in args) {
      const listener = this.events.get(args.event.type);
      return listener && (() => listener(args as EventArgs<string>));
    }
    return undefined;
  }
}

function add<T>(listeners: Map<string, T>, name: string, listener: T): void {
  if (listeners.has(name)) throw new AppError('slack.duplicate_route', `two listeners for ${name}`);
  listeners.set(name, listener);
}
