/**
 * The Home tab's clicks. Its start buttons open the same modals as the slash commands, with the
 * click's fresh trigger_id. A click on the Home carries no response_url: what a listener would answer
 * beside a message is shown in a small modal instead, and the Home is published again afterwards, so
 * it shows what the click changed.
 */
import type { ActionArgs } from '../route-table.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { section } from '../blocks.js';
import { activePerson, userContext, type ActiveUser, type UserContext } from '../context.js';
import { openHandoverForm } from '../handover/handlers.js';
import { openLeaveForm } from '../leave/handlers.js';
import { openReportForm } from '../report/handlers.js';
import { openSwapForm } from '../swap/handlers.js';
import { publishHome } from './handlers.js';

type Opener = (client: ActionArgs['client'], triggerId: string, deps: UseCaseDeps, user: ActiveUser) => Promise<string | undefined | void>;

export const startLeave: Opener = openLeaveForm;
export const startSwap: Opener = openSwapForm;
export const startHandover: Opener = openHandoverForm;
export const startReport: Opener = (client, triggerId, deps, user) => openReportForm(client, triggerId, deps, user, user.person);

/** A start button: the job's modal for an active person of the org, else a modal saying why not. */
export function homeStartClicked(deps: UseCaseDeps, open: Opener) {
  return async ({ ack, body, client, context }: ActionArgs): Promise<void> => {
    await ack();
    const user = userContext(context);
    const person = activePerson(user);
    if (!person) return void (await openNotice(client, body.trigger_id, user, user.t(user.person ? 'common.inactive' : 'common.not_in_roster')));
    const refused = await open(client, body.trigger_id, deps, person);
    if (typeof refused === 'string') await openNotice(client, body.trigger_id, user, refused);
  };
}

/** Whether a click came from a button on the Home tab. */
export function clickedOnHome(body: ActionArgs['body']): boolean {
  return body.view?.type === 'home';
}

/**
 * A listener written for buttons in messages, made to work on the Home as well: without a response_url
 * its answers go into a modal, and the Home is drawn again once it is done.
 */
export function answeredOnHome(deps: UseCaseDeps, listener: (args: ActionArgs) => Promise<void>) {
  return async (args: ActionArgs): Promise<void> => {
    // Bolt's types promise a respond(), but Bolt sets it only when the request has a response_url
    if (!clickedOnHome(args.body) || (args as { respond?: unknown }).respond !== undefined) return listener(args);
    const user = userContext(args.context);
    const respond = async (message: string | { text?: string }) => {
      const text = typeof message === 'string' ? message : message.text;
      if (text) await openNotice(args.client, args.body.trigger_id, user, text);
    };
    await listener({ ...args, respond: respond as unknown as ActionArgs['respond'] });
    await publishHome(deps, args.client, user);
  };
}

async function openNotice(client: ActionArgs['client'], triggerId: string, user: UserContext, text: string): Promise<void> {
  await client.views.open({
    trigger_id: triggerId,
    view: { type: 'modal', title: { type: 'plain_text', text: user.t('home.my.notice.title') }, close: { type: 'plain_text', text: user.t('home.my.notice.close') }, blocks: [section(text)] },
  });
}
