import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { loadHome } from '../../use-cases/home.js';
import { userContext } from '../context.js';
import { homeView } from './views.js';

/** app_home_opened (Bolt has already acknowledged it): publish the person's Home tab. */
export function homeOpened(deps: UseCaseDeps) {
  return async ({ event, client, context }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const { t, locale } = userContext(context);
    const data = await loadHome(deps, event.user);
    await client.views.publish({ user_id: event.user, view: homeView(data, { t, locale, policy: deps.policy }) });
  };
}
