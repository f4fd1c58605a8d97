/**
 * The Coverage section's weekly meeting button: the week gathered, sent to the one who clicked by DM
 * (a click on the Home tab has no response_url). Only leads, managers and the GM get it, for the
 * teams they look after, worked out again here from who clicked. A second click soon after the first
 * (a double click, a repeated delivery) sends nothing more; a request `home.meeting_pack_again_after`
 * later sends the week as it is then.
 */
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { overseesTeams } from '../../use-cases/coverage.js';
import { claimMeetingPackRequest, releaseMeetingPackRequest } from '../../use-cases/home.js';
import { gatherWeekFor } from '../../use-cases/team-week.js';
import type { Clicked, KnownUser } from '../listener.js';
import { teamWeekMessage } from './team-week-views.js';

export function teamWeekClicked(deps: UseCaseDeps) {
  return async ({ user, client }: Clicked<true, KnownUser>): Promise<void> => {
    const { t, locale, person, userId } = user;
    if (!overseesTeams(person))
      return void (await client.chat.postMessage({
        channel: userId,
        text: t(person.active ? 'team_week.not_allowed' : 'common.inactive'),
      }));
    const at = deps.clock.now();
    if (!(await claimMeetingPackRequest(deps, person, at))) return;
    try {
      const weeks = await gatherWeekFor(deps, person);
      if (weeks.length === 0) return void (await client.chat.postMessage({ channel: userId, text: t('team_week.not_allowed') }));
      const message = teamWeekMessage(weeks, { t, locale, policy: deps.policy });
      await client.chat.postMessage({ channel: userId, text: message.text, blocks: message.blocks });
    } catch (error) {
      await releaseMeetingPackRequest(deps, person, at);
      throw error;
    }
  };
}
