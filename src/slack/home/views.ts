import type { types } from '@slack/bolt';
import type { Translate } from '../../i18n/t.js';
import type { Locale, Policy } from '../../policy/policy-file.js';
import type { HomeData } from '../../use-cases/home.js';
import { bullets, context, divider, escapeMrkdwn, header, section } from '../blocks.js';
import { dayText, labelIn, roleName, shiftTimes } from '../format.js';
import { coverageBlocks } from './coverage.js';

/** The App Home tab: greeting, the coming week's shifts, and where to start. */
export function homeView(data: HomeData | undefined, view: { t: Translate; locale: Locale; policy: Policy }): types.HomeView {
  const { t } = view;
  const blocks: types.KnownBlock[] = [header(t('home.title'))];
  if (data === undefined) {
    blocks.push(section(t('common.not_in_roster')));
  } else {
    blocks.push(section(greeting(data, view)), divider(), section(shiftList(data, view)));
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

function shiftList({ shifts, days }: HomeData, { t, locale, policy }: { t: Translate; locale: Locale; policy: Policy }): string {
  if (shifts.length === 0) return t('home.no_shifts', { days });
  const lines = shifts.map((entry) => {
    const shift = policy.shifts[entry.shiftCode];
    return t('home.shift_line', {
      date: dayText(entry.date, locale),
      shift: shift ? labelIn(shift.label, locale) : entry.shiftCode,
      times: shift ? shiftTimes(shift, t) : '',
      status: entry.status === 'scheduled' ? '' : t(`home.status.${entry.status}`),
    });
  });
  return `${t('home.next_shifts', { days })}\n${bullets(lines)}`;
}
