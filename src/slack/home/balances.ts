/** The Home's balances: annual leave this year, comp-time credits (next to expire first), and this month's counters. */
import type { MyWeek } from '../../use-cases/my-week.js';
import { blockKitLimits } from '../blockkit-limits.js';
import { packLines, section, type Block } from '../blocks.js';
import { dayText, monthText } from '../format.js';
import { leaveTypeName } from '../refusals.js';
import type { ViewContext } from '../view-context.js';

const number = (n: number) => String(Math.round(n * 10) / 10);

export function balancesBlock(week: MyWeek, view: ViewContext): Block {
  const { t, locale, team } = view;
  const { annual, hasCompTime, monthlyCap, swaps } = week.balances;
  const year = week.today.slice(0, 4);
  const month = monthText(monthlyCap.month, locale);
  const lines = [
    ...annual.map((a) =>
      t('home.my.balances.annual', {
        type: leaveTypeName(a.type, team, locale),
        year,
        entitled: number(a.entitled),
        taken: number(a.taken),
        pending: number(a.pending),
        left: number(a.left),
      }),
    ),
    t('home.my.balances.monthly_cap', { month, used: monthlyCap.used, cap: monthlyCap.cap }),
    t(swaps.used > swaps.max ? 'home.my.balances.swaps_over' : 'home.my.balances.swaps', {
      month: monthText(swaps.month, locale),
      used: swaps.used,
      max: swaps.max,
    }),
  ].map((line) => `• ${line}`);
  const compLines = hasCompTime ? compTimeLines(week, view) : [];
  const head = [t('home.my.balances.title'), ...lines].join('\n');
  const credits =
    compLines.length === 0
      ? ''
      : `\n${packLines(compLines, blockKitLimits.sectionText - head.length - 1, '\n', (count) => `    ${t('home.my.more', { count })}`)}`;
  return section(`${head}${credits}`);
}

function compTimeLines(week: MyWeek, { t, locale }: ViewContext): string[] {
  const credits = week.balances.compTime;
  const total = credits.reduce((sum, c) => sum + c.left, 0);
  if (credits.length === 0) return [`• ${t('home.my.balances.comp_time_none')}`];
  return [
    `• ${t('home.my.balances.comp_time', { hours: number(total) })}`,
    ...credits.map(
      (c) =>
        `    ◦ ${t('home.my.balances.comp_credit', { left: number(c.left), hours: number(c.hours), earned: dayText(c.earnedOn, locale), expires: dayText(c.expiresOn, locale) })}`,
    ),
  ];
}
