import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { loadHome } from '../../use-cases/home.js';
import { userContext, type UserContext } from '../context.js';
import { homeView } from './views.js';

/** app_home_opened (Bolt has already acknowledged it): publish the person's Home tab. */
export function homeOpened(deps: UseCaseDeps) {
  return async ({ event, client, context }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, userContext(context));
  };
}

/** Draws the person's Home tab as things stand now, in their language. */
export async function publishHome(deps: UseCaseDeps, client: AllMiddlewareArgs['client'], { userId, t, locale }: UserContext): Promise<void> {
  const data = await loadHome(deps, userId);
  await client.views.publish({ user_id: userId, view: homeView(data, { t, locale, policy: deps.policy }) });
}
