/**
 * The Home tab's start buttons: each opens the same modal as its slash command, with the click's fresh
 * trigger_id; what cannot open is said in a notice modal (`reply: 'modal'` in routes.ts). (Other clicks on the
 * Home are answered by `homeClicks`: by DM, and the Home drawn again.)
 */
import type { ActionArgs } from '../route-table.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import type { ActiveUser } from '../context.js';
import type { Clicked } from '../listener.js';
import { openHandoverForm } from '../handover/handlers.js';
import { openLeaveForm } from '../leave/handlers.js';
import { openReportForm } from '../report/handlers.js';
import { openSwapForm } from '../swap/handlers.js';

export type Opener = (
  client: ActionArgs['client'],
  triggerId: string,
  deps: UseCaseDeps,
  user: ActiveUser,
) => Promise<string | undefined> | Promise<void>;

export const startLeave: Opener = openLeaveForm;
export const startSwap: Opener = openSwapForm;
export const startHandover: Opener = openHandoverForm;
export const startReport: Opener = (client, triggerId, deps, user) => openReportForm(client, triggerId, deps, user, user.person);

/** A start button: the job's modal for an active person of the org (routes.ts answers the others in a notice modal). */
export function homeStartClicked(deps: UseCaseDeps, open: Opener) {
  return async ({ user, body, client, reply }: Clicked<true, ActiveUser>): Promise<void> => {
    const refused = await open(client, body.trigger_id, deps, user);
    if (typeof refused === 'string') await reply(refused);
  };
}
