/**
 * The Home tab's start buttons: each opens the same modal as its slash command, with the click's fresh
 * trigger_id. (Other clicks on the Home are answered by `homeClicks`: by DM, and the Home drawn again.)
 */
import type { ActionArgs } from '../route-table.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { section } from '../blocks.js';
import { activePerson, userContext, type ActiveUser, type UserContext } from '../context.js';
import { openHandoverForm } from '../handover/handlers.js';
import { openLeaveForm } from '../leave/handlers.js';
import { openReportForm } from '../report/handlers.js';
import { openSwapForm } from '../swap/handlers.js';

type Opener = (
  client: ActionArgs['client'],
  triggerId: string,
  deps: UseCaseDeps,
  user: ActiveUser,
) => Promise<string | undefined> | Promise<void>;

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
    if (!person)
      return void (await openNotice(client, body.trigger_id, user, user.t(user.person ? 'common.inactive' : 'common.not_in_roster')));
    const refused = await open(client, body.trigger_id, deps, person);
    if (typeof refused === 'string') await openNotice(client, body.trigger_id, user, refused);
  };
}

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
