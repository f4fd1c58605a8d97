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
import { translator } from '../i18n/t.js';
import { ephemeral, ephemeralReply, section } from './blocks.js';
import { resolvedUser } from './context.js';

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

  /** `viewClicks`: how a click in a view without a response_url (the Home tab) is answered, and what follows it. */
  constructor(
    private readonly viewClicks?: (args: ActionArgs) => { readonly respond: ActionArgs['respond']; readonly done: () => void } | undefined,
  ) {}

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

  /** Whether a listener is registered for a route as the logs and metrics name it (`command:/leave`, `action:leave.approve`, `view:…`, `event:…`). */
  has(route: string): boolean {
    const at = route.indexOf(':');
    const name = route.slice(at + 1);
    const byKind: Record<string, ReadonlyMap<string, unknown> | undefined> = {
      command: this.commands,
      action: this.actions,
      view: this.views,
      event: this.events,
    };
    const listeners = byKind[route.slice(0, at)];
    return listeners?.has(name) ?? false;
  }

  /** The last middleware of the app; a request with a name nobody registered is answered where the person sees it, and logged. */
  readonly middleware: Middleware<AnyMiddlewareArgs> = async (args) => {
    const ack = guardedAck(args.context);
    const listener = this.listenerFor(ack ? ({ ...args, ack } as typeof args) : args);
    if (listener) await listener();
    else await unrouted(args);
  };

  private listenerFor(args: AnyMiddlewareArgs & AllMiddlewareArgs): (() => Promise<void>) | undefined {
    if ('command' in args) {
      const listener = this.commands.get(args.command.command);
      return listener && (() => listener(args as CommandArgs));
    }
    if ('action' in args && args.body.type === 'block_actions') {
      const listener = this.actions.get((args as ActionArgs).action.action_id);
      if (!listener) return undefined;
      const click = this.viewClicks?.(args as ActionArgs);
      if (!click) return () => listener(args as ActionArgs);
      return async () => {
        try {
          await listener({ ...(args as ActionArgs), respond: click.respond });
        } finally {
          click.done();
        }
      };
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

/** A command, button, form or event nobody listens for: a forged request, or one from a message drawn by an older version. */
async function unrouted(args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
  const t = resolvedUser(args.context)?.t ?? translator('en');
  if ('command' in args) {
    args.logger.warn(`no listener for the command ${args.command.command.slice(0, 40)}`);
    return args.ack(ephemeral(t('common.unknown_command', { command: args.command.command.slice(0, 40) })));
  }
  if ('action' in args && args.body.type === 'block_actions') {
    args.logger.warn(`no listener for the action ${(args as ActionArgs).action.action_id.slice(0, 80)}`);
    await args.ack();
    if (args.respond) await args.respond(ephemeralReply(t('common.unknown_request'))).catch(() => undefined);
    return;
  }
  if ('view' in args && args.body.type === 'view_submission') {
    args.logger.warn(`no listener for the view ${args.view.callback_id.slice(0, 80)}`);
    return args.ack({
      response_action: 'update',
      view: { type: 'modal', title: { type: 'plain_text', text: 'shiftdesk' }, blocks: [section(t('common.unknown_request'))] },
    });
  }
  if ('ack' in args && typeof args.ack === 'function') await args.ack();
}

function add<T>(listeners: Map<string, T>, name: string, listener: T): void {
  if (listeners.has(name)) throw new AppError('slack.duplicate_route', `two listeners for ${name}`);
  listeners.set(name, listener);
}
