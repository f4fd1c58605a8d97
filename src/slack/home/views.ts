import type { types } from '@slack/bolt';
import type { Translate } from '../../i18n/t.js';
import type { Locale, Policy } from '../../policy/policy-file.js';
import type { HomeData } from '../../use-cases/home.js';
import { context, divider, escapeMrkdwn, header, section } from '../blocks.js';
import { labelIn, roleName } from '../format.js';
import { myWeekBlocks } from './my-week.js';
import { coverageBlocks } from './coverage.js';

/** The App Home tab: greeting, the person's own week, and where to start. */
export function homeView(data: HomeData | undefined, view: { t: Translate; locale: Locale; policy: Policy }): types.HomeView {
  const { t } = view;
  const blocks: types.KnownBlock[] = [header(t('home.title'))];
  if (data === undefined) {
    blocks.push(section(t('common.not_in_roster')));
  } else {
    blocks.push(section(greeting(data, view)));
    if (data.myWeek && data.team) blocks.push(...myWeekBlocks(data.myWeek, { ...view, team: data.team }));
    blocks.push(...coverageBlocks(data.coverage, view));
  }
  blocks.push(divider(), context(t('home.commands')));
  return { type: 'home', blocks };
}

function greeting({ person, team }: HomeData, { t, locale }: { t: Translate; locale: Locale }): string {
  return t('home.greeting', {
    name: escapeMrkdwn(person.name),
    role: roleName(person.role, t),
    team: team ? labelIn(team.label, locale) : person.teamId,
  });
}
