/**
 * What every click and every form shares, declared once per route in `routes.ts`: the ack, reading the
 * payload, who may use it (anyone Slack names, a person of the org file, or only an active one) and how
 * the answer reaches the person. A handler then gets the person and the payload already read, calls its use case
 * and draws the outcome.
 */
import type { BlockAction, ViewOutput, ViewSubmitAction } from '@slack/bolt';
import { nextTurn } from '../async.js';
import type { MessageKey } from '../i18n/t.js';
import { ephemeralReply, section } from './blocks.js';
import { activePerson, userContext, type ActiveUser, type UserContext } from './context.js';
import type { ActionArgs, ViewArgs } from './route-table.js';

/** What a handler of a click gets. */
export interface Clicked<P, U extends UserContext = UserContext> {
  readonly user: U;
  readonly input: P;
  readonly body: BlockAction;
  readonly client: ActionArgs['client'];
  /**
   * An answer only the clicker reads: beside the message (by DM when the click came from the Home tab,
   * which gives no response_url), or in a small modal where the route says so.
   */
  readonly reply: (text: string) => Promise<void>;
}

/** Who may use a route, and what the others are told. */
type Who =
  /** Anyone Slack names; the use case decides what the clicker may do. */
  | { readonly who: 'anyone' }
  /**
   * An active person of the org. The others are told nothing (`ignore`), why not (`say_why`: not in
   * the org, or no longer active), or one fixed message.
   */
  | { readonly who: 'active'; readonly otherwise: 'ignore' | 'say_why' | MessageKey }
  /** A person of the org file, active or not (what they may see is the use case's to say). */
  | { readonly who: 'known'; readonly otherwise: 'ignore' | MessageKey };

/** A person of the org file, active or not. */
export type KnownUser = UserContext & { readonly person: NonNullable<UserContext['person']> };

interface ClickRoute<P> {
  /** The payload, or undefined when the click carries none this route can use (it is then ignored). */
  readonly parse: (body: BlockAction) => P | undefined;
  /** `ephemeral` (the default): beside the message or by DM; `modal`: a notice modal opened with the click's trigger_id. */
  readonly reply?: 'ephemeral' | 'modal';
}

export function click<P>(
  route: ClickRoute<P> & { readonly who: 'anyone' },
  handler: (clicked: Clicked<P>) => Promise<void>,
): (args: ActionArgs) => Promise<void>;
export function click<P>(
  route: ClickRoute<P> & Extract<Who, { who: 'active' }>,
  handler: (clicked: Clicked<P, ActiveUser>) => Promise<void>,
): (args: ActionArgs) => Promise<void>;
export function click<P>(
  route: ClickRoute<P> & Extract<Who, { who: 'known' }>,
  handler: (clicked: Clicked<P, KnownUser>) => Promise<void>,
): (args: ActionArgs) => Promise<void>;
export function click<P>(
  route: ClickRoute<P> & Who,
  handler:
    | ((clicked: Clicked<P>) => Promise<void>)
    | ((clicked: Clicked<P, ActiveUser>) => Promise<void>)
    | ((clicked: Clicked<P, KnownUser>) => Promise<void>),
): (args: ActionArgs) => Promise<void> {
  return async ({ ack, body, client, respond, context }) => {
    await ack();
    // the clicks already waiting are acked before this one's work starts
    await nextTurn();
    const user = userContext(context);
    const reply =
      route.reply === 'modal'
        ? (text: string) => openNotice(client, body.trigger_id, user, text)
        : async (text: string) =>
            // a click without a response_url (RouteTable answers the Home tab's with a DM already) is answered by DM
            void (respond ? await respond(ephemeralReply(text)) : await client.chat.postMessage({ channel: body.user.id, text }));
    const input = route.parse(body);
    if (input === undefined) return;
    if (route.who === 'anyone') return (handler as (clicked: Clicked<P>) => Promise<void>)({ user, input, body, client, reply });
    const person = route.who === 'known' ? knownPerson(user) : activePerson(user);
    // `person` is what the route's `who` promised its handler: an active person, or one of the org file
    if (person) return (handler as (clicked: Clicked<P, KnownUser>) => Promise<void>)({ user: person, input, body, client, reply });
    if (route.otherwise === 'ignore') return;
    await reply(user.t(route.otherwise === 'say_why' ? whyNot(user) : route.otherwise));
  };
}

const knownPerson = (user: UserContext): KnownUser | undefined => (user.person ? (user as KnownUser) : undefined);

/** Why someone may not use a route for active people. */
const whyNot = (user: UserContext): MessageKey => (user.person ? 'common.inactive' : 'common.not_in_roster');

async function openNotice(client: ActionArgs['client'], triggerId: string, user: UserContext, text: string): Promise<void> {
  await client.views.open({
    trigger_id: triggerId,
    view: {
      type: 'modal',
      title: { type: 'plain_text', text: user.t('home.my.notice.title') },
      close: { type: 'plain_text', text: user.t('home.my.notice.close') },
      blocks: [section(text)],
    },
  });
}

/** What a handler of a form gets; it answers with exactly one of `close` or `showErrors`. */
export interface Submitted<P, U extends UserContext = UserContext> {
  readonly user: U;
  readonly input: P;
  readonly view: ViewOutput;
  readonly client: ViewArgs['client'];
  /** The request's context: how much time is left before the ack, for a form filed in the outbox. */
  readonly context: ViewArgs['context'];
  readonly close: () => Promise<void>;
  /** The modal stays open with each text under its block. */
  readonly showErrors: (errors: Readonly<Record<string, string>>) => Promise<void>;
}

interface FormRoute<P> {
  /** The payload, or undefined when the form carries none this route can use (it then just closes). */
  readonly parse: (view: ViewOutput, body: ViewSubmitAction) => P | undefined;
}

export function form<P>(
  route: FormRoute<P> & { readonly who: 'anyone' },
  handler: (submitted: Submitted<P>) => Promise<void>,
): (args: ViewArgs) => Promise<void>;
export function form<P>(
  /** An active person of the org; the others read why not (`common.not_in_roster`) under `otherwiseOn`. */
  route: FormRoute<P> & { readonly who: 'active'; readonly otherwiseOn: string },
  handler: (submitted: Submitted<P, ActiveUser>) => Promise<void>,
): (args: ViewArgs) => Promise<void>;
export function form<P>(
  route: FormRoute<P> & ({ readonly who: 'anyone' } | { readonly who: 'active'; readonly otherwiseOn: string }),
  handler: ((submitted: Submitted<P>) => Promise<void>) | ((submitted: Submitted<P, ActiveUser>) => Promise<void>),
): (args: ViewArgs) => Promise<void> {
  return async ({ ack, body, view, client, context }) => {
    const user = userContext(context);
    const showErrors = async (errors: Readonly<Record<string, string>>) => void (await ack({ response_action: 'errors', errors }));
    const close = async () => void (await ack());
    const person = activePerson(user);
    if (route.who === 'active' && !person) return showErrors({ [route.otherwiseOn]: user.t('common.not_in_roster') });
    const input = route.parse(view, body);
    if (input === undefined) return close();
    const submitted = { input, view, client, context, close, showErrors };
    if (route.who === 'anyone') return (handler as (submitted: Submitted<P>) => Promise<void>)({ ...submitted, user });
    if (person) await handler({ ...submitted, user: person });
  };
}

/** The ids of the blocks a submitted modal has. */
export const blockIdsOf = (view: ViewOutput): string[] => (view.blocks ?? []).flatMap((b) => (b.block_id ? [b.block_id] : []));

/** A submission's key: the same modal submitted again (a repeated delivery) has the same one. */
export const submissionKeyOf = (view: ViewOutput, body: ViewSubmitAction): string => `${body.user.id}:${view.id}`;

/** A click inside a modal, with the modal and what its fields hold. */
export interface ModalForm<F> {
  readonly view: NonNullable<BlockAction['view']>;
  readonly form: F;
}

/** The parse of a click inside a modal: its fields read by `read`; a click outside a modal carries none. */
export const modalForm =
  <F>(read: (values: never, body: BlockAction) => F) =>
  (body: BlockAction): ModalForm<F> | undefined =>
    body.view ? { view: body.view, form: read(body.view.state.values as never, body) } : undefined;

/** The parse of a button whose click is all it says. */
export const noPayload = (): true => true;
