/** The daily "who's off" digest a lead gets by DM: today's and tomorrow's coverage, shifts below minimum, what waits for them. */
import type { types } from '@slack/bolt';
import type { DailyDigest, DigestLine } from '../../use-cases/daily-digest.js';
import { blockKitLimits } from '../blockkit-limits.js';
import { bullets, escapeMrkdwn, header, packLines, section } from '../blocks.js';
import { dayText, instantText, joinList, labelIn, monthText } from '../format.js';
import { teamCoverageText, type CoverageViewContext } from '../home/coverage.js';
import { weekText } from '../report/views.js';

/** Names in a line, bounded so one long list cannot crowd out the other lines. */
const namesText = (names: readonly string[], view: CoverageViewContext) =>
  packLines(names.map(escapeMrkdwn), blockKitLimits.sectionText / 4, view.t('list.join'), (count) => view.t('team_week.more', { count }));

function waitingText(line: DigestLine, view: CoverageViewContext): string {
  const { t, locale } = view;
  const shift = (date: string, code: string) => `${dayText(date, locale)} ${code}`;
  switch (line.kind) {
    case 'leave':
      return t('digest.waiting_leave', {
        name: escapeMrkdwn(line.name),
        first: dayText(line.firstDay, locale),
        last: dayText(line.lastDay, locale),
      });
    case 'swap':
      return t(line.as === 'colleague' ? 'digest.waiting_swap_colleague' : 'digest.waiting_swap', {
        name: escapeMrkdwn(line.name),
        shift: shift(line.date, line.shiftCode),
      });
    case 'handover': {
      const key = line.refused
        ? line.as === 'author'
          ? 'digest.waiting_handover_yours_refused'
          : 'digest.waiting_handover_refused'
        : line.as === 'incoming'
          ? 'digest.waiting_handover_take_over'
          : 'digest.waiting_handover_unanswered';
      return t(key, { name: escapeMrkdwn(line.name), shift: shift(line.date, line.shiftCode) });
    }
    case 'proof':
      return t(line.as === 'owner' ? 'digest.waiting_proof_owed' : 'digest.waiting_proof_overdue', {
        name: escapeMrkdwn(line.name),
        first: dayText(line.firstDay, locale),
        last: dayText(line.lastDay, locale),
      });
    case 'report':
      return t('digest.waiting_report', { week: weekText(line.week, locale) });
    case 'team_reports': {
      const parts = [
        ...(line.missing.length > 0
          ? [t('digest.waiting_reports_missing', { count: line.missing.length, names: namesText(line.missing, view) })]
          : []),
        ...(line.late.length > 0 ? [t('digest.waiting_reports_late', { count: line.late.length, names: namesText(line.late, view) })] : []),
      ];
      return t('digest.waiting_reports', { week: weekText(line.week, locale), parts: parts.join(t('digest.waiting_parts_join')) });
    }
    case 'missed_handovers':
      return t('digest.waiting_missed_handovers', {
        month: monthText(line.month, locale),
        names: namesText(
          line.people.map((p) => t('digest.waiting_missed_line', { name: p.name, count: p.count })),
          view,
        ),
      });
  }
}

/** A line with its deadline, in the team's zone: by when, or that it has passed. */
function waitingLine(line: DigestLine, digest: DailyDigest, view: CoverageViewContext): string {
  const text = waitingText(line, view);
  if (line.dueAt === undefined) return text;
  const time = instantText(line.dueAt, digest.team.timezone, view.locale);
  return text + view.t(line.dueAt <= digest.at ? 'digest.waiting_overdue' : 'digest.waiting_due', { time });
}

export function dailyDigestMessage(digest: DailyDigest, view: CoverageViewContext): { text: string; blocks: types.KnownBlock[] } {
  const { t, locale } = view;
  const team = labelIn(digest.team.label, locale);
  const below = digest.coverage.shifts
    .filter((s) => s.belowMinimum)
    .map((s) => `${dayText(s.date, locale)} ${s.shiftCode} ${s.scheduled}/${s.minimum}`);
  const belowText =
    below.length === 0
      ? t('digest.below_none')
      : packLines([t('digest.below', { shifts: joinList(below, t) })], blockKitLimits.sectionText, '\n', (count) =>
          t('coverage.more_lines', { count }),
        );
  const waiting = digest.waiting.map((line) => waitingLine(line, digest, view));
  const waitingText =
    waiting.length === 0
      ? t('digest.waiting_none')
      : packLines(
          [t('digest.waiting', { count: waiting.length }), ...bullets(waiting).split('\n')],
          blockKitLimits.sectionText,
          '\n',
          (count) => t('team_week.more', { count }),
        );
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
