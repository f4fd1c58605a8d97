/** The daily "who's off" digest a lead gets by DM: today's and tomorrow's coverage, shifts below minimum, what waits for them. */
import type { types } from '@slack/bolt';
import type { DailyDigest, WaitingItem } from '../../use-cases/daily-digest.js';
import { blockKitLimits } from '../blockkit-limits.js';
import { bullets, escapeMrkdwn, header, packLines, section } from '../blocks.js';
import { dayText, joinList, labelIn } from '../format.js';
import { teamCoverageText, type CoverageViewContext } from '../home/coverage.js';

function waitingLine(item: WaitingItem, view: CoverageViewContext): string {
  const { t, locale } = view;
  return item.kind === 'leave'
    ? t('digest.waiting_leave', { name: escapeMrkdwn(item.name), first: dayText(item.firstDay, locale), last: dayText(item.lastDay, locale) })
    : t('digest.waiting_swap', { name: escapeMrkdwn(item.name), shift: `${dayText(item.date, locale)} ${item.shiftCode}` });
}

export function dailyDigestMessage(digest: DailyDigest, view: CoverageViewContext): { text: string; blocks: types.KnownBlock[] } {
  const { t, locale } = view;
  const team = labelIn(digest.team.label, locale);
  const below = digest.coverage.shifts.filter((s) => s.belowMinimum).map((s) => `${dayText(s.date, locale)} ${s.shiftCode} ${s.scheduled}/${s.minimum}`);
  const belowText = below.length === 0 ? t('digest.below_none') : packLines([t('digest.below', { shifts: joinList(below, t) })], blockKitLimits.sectionText, '\n', (count) => t('coverage.more_lines', { count }));
  const waiting = digest.waiting.map((item) => waitingLine(item, view));
  const waitingText =
    waiting.length === 0
      ? t('digest.waiting_none')
      : packLines([t('digest.waiting', { count: waiting.length }), ...bullets(waiting).split('\n')], blockKitLimits.sectionText, '\n', (count) => t('team_week.more', { count }));
  return {
    text: t('digest.fallback', { team }),
    blocks: [
      header(t('digest.title', { team, date: dayText(digest.day, locale) }).slice(0, blockKitLimits.headerText)),
      section(teamCoverageText(digest.coverage, view)),
      section(belowText),
      section(waitingText),
    ],
  };
}
