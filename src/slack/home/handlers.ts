import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { recordHomeOpening, saveHomeOffset } from '../../use-cases/home.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { userContext } from '../context.js';
import type { SlackLocales } from '../locale-cache.js';
import type { BlockAction } from '@slack/bolt';
import type { Clicked, KnownUser } from '../listener.js';
import { clickedValue } from '../row-id.js';
import { drawHome, publishHome } from './republish.js';

/** app_home_opened (Bolt has already acknowledged it): the person is recorded as one to keep up to date, and their Home published. */
export function homeOpened(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ event, client, context }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const { locale, person } = userContext(context);
    if (!person) return publishHome(client, deps, locales, event.user, locale);
    // opening Home shows the most urgent items first again: the page is the first, drawn while it is recorded
    const [view] = await Promise.all([
      drawHome(deps, locales, event.user, locale, { person, offset: 0 }),
      recordHomeOpening(deps, event.user, deps.clock.now()),
    ]);
    await client.views.publish({ user_id: event.user, view });
  };
}

/** "Show the next ones" / "Back to the most urgent": the inbox's page, kept for later redraws. */
export function homePageClicked(deps: UseCaseDeps, locales: SlackLocales) {
  return async ({ user, input: offset, client }: Clicked<number, KnownUser>): Promise<void> => {
    await saveHomeOffset(deps, user.userId, offset, deps.clock.now());
    await publishHome(client, deps, locales, user.userId, user.locale, { person: user.person, offset });
  };
}

/** The page a paging button asks for: a whole number from 0. */
export function clickedOffset(body: BlockAction): number | undefined {
  const offset = Number(clickedValue(body));
  return Number.isSafeInteger(offset) && offset >= 0 ? offset : undefined;
}
