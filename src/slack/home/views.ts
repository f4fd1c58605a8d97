import type { types } from '@slack/bolt';
import type { Translate } from '../../i18n/t.js';
import type { Locale, Policy } from '../../policy/policy-file.js';
import type { HomeData } from '../../use-cases/home.js';
import { blockKitLimits } from '../blockkit-limits.js';
import { context, divider, escapeMrkdwn, header, section } from '../blocks.js';
import { labelIn, roleName } from '../format.js';
import { coverageBlocks } from './coverage.js';
import { myWeekBlocks } from './my-week.js';

export const homeCallbackId = 'home';

/** The App Home tab: greeting, what waits for the person, their own week, their teams' coverage, and where to start. */
export function homeView(
  data: HomeData | undefined,
  view: { t: Translate; locale: Locale; policy: Policy },
  /** "Waiting for you", drawn within the blocks the rest of the Home leaves. */
  inbox: (budget: number) => types.KnownBlock[] = () => [],
): types.HomeView {
  const { t } = view;
  const blocks: types.KnownBlock[] = [header(t('home.title'))];
  const rest: types.KnownBlock[] = [];
  if (data === undefined) {
    blocks.push(section(t('common.not_in_roster')));
  } else {
    blocks.push(section(greeting(data, view)));
    if (data.myWeek && data.team) rest.push(...myWeekBlocks(data.myWeek, { ...view, team: data.team }));
    rest.push(...coverageBlocks(data.coverage, view));
  }
  rest.push(divider(), context(t('home.commands')));
  const waiting = data === undefined ? [] : inbox(blockKitLimits.viewBlocks - blocks.length - rest.length - 1);
  // a callback_id, so the clicks on Home name their view as Slack's payloads always do
  return {
    type: 'home',
    callback_id: homeCallbackId,
    blocks: [...blocks, ...(waiting.length > 0 ? [divider(), ...waiting] : []), ...rest],
  };
}

function greeting({ person, team }: HomeData, { t, locale }: { t: Translate; locale: Locale }): string {
  return t('home.greeting', {
    name: escapeMrkdwn(person.name),
    role: roleName(person.role, t),
    team: team ? labelIn(team.label, locale) : person.teamId,
  });
}
