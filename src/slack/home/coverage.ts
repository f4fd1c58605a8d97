/** The Home tab's Coverage section for leads, managers and the GM, and the coverage lines the daily digest shares. */
import type { types } from '@slack/bolt';
import type { Translate } from '../../i18n/t.js';
import type { Locale, TeamDefinition } from '../../policy/policy-file.js';
import type { CoverageHome, ShownShift, TeamCoverage } from '../../use-cases/coverage.js';
import { blockKitLimits } from '../blockkit-limits.js';
import { context, divider, escapeMrkdwn, packLines, section } from '../blocks.js';
import { dayText, joinList, labelIn } from '../format.js';
import { homeIds } from '../ids.js';

export interface CoverageViewContext {
  readonly t: Translate;
  readonly locale: Locale;
}

/** The section never takes more than this many blocks of the Home tab. */
export const coverageBlockBudget = 15;

function leaveTypeName(type: string, team: TeamDefinition, view: CoverageViewContext): string {
  const definition = team.rules.leave.types[type];
  return definition ? labelIn(definition.label, view.locale) : type;
}

/** One line per day (each shift against its minimum), with who is off and what pending leave would do under it. */
export function coverageLines(shifts: readonly ShownShift[], team: TeamDefinition, view: CoverageViewContext): string[] {
  const { t } = view;
  const days = [...new Set(shifts.map((s) => s.date))];
  return days.flatMap((date) => {
    const ofDay = shifts.filter((s) => s.date === date);
    const counts = ofDay.map((s) =>
      t(s.belowMinimum ? 'coverage.shift_below' : 'coverage.shift', { shift: s.shiftCode, scheduled: s.scheduled, minimum: s.minimum }),
    );
    const absent = ofDay.flatMap((s) =>
      s.absent.map((a) =>
        a.type === undefined
          ? t('coverage.absent_one', { name: escapeMrkdwn(a.name), shift: s.shiftCode })
          : t('coverage.absent_typed', { name: escapeMrkdwn(a.name), shift: s.shiftCode, type: leaveTypeName(a.type, team, view) }),
      ),
    );
    const pending = ofDay.flatMap((s) =>
      s.pendingDrops.map((d) => {
        const params = { name: escapeMrkdwn(d.name), shift: s.shiftCode, left: d.left, minimum: s.minimum };
        return d.type === undefined
          ? t('coverage.pending', params)
          : t('coverage.pending_typed', { ...params, type: leaveTypeName(d.type, team, view) });
      }),
    );
    return [
      t('coverage.day', { date: dayText(date, view.locale), shifts: counts.join(' · ') }),
      ...(absent.length > 0 ? [t('coverage.absent', { names: joinList(absent, t) })] : []),
      ...pending,
    ];
  });
}

/** A team's coverage as one mrkdwn text within a section's limit. */
export function teamCoverageText(coverage: TeamCoverage, view: CoverageViewContext): string {
  const { t } = view;
  const title = t('coverage.team', { team: labelIn(coverage.team.label, view.locale) });
  const lines = coverageLines(coverage.shifts, coverage.team, view);
  if (lines.length === 0) return `${title}\n${t('coverage.no_shifts')}`;
  return packLines([title, ...lines], blockKitLimits.sectionText, '\n', (count) => t('coverage.more_lines', { count }));
}

/** The Coverage section: its title with the weekly meeting button, then one section per team, within its block budget. */
export function coverageBlocks(data: CoverageHome | undefined, view: CoverageViewContext): types.KnownBlock[] {
  if (data === undefined) return [];
  const { t } = view;
  const title: types.SectionBlock = {
    ...section(t('coverage.title', { days: Math.max(0, ...data.teams.map((team) => team.days)) })),
    accessory: {
      type: 'button',
      action_id: homeIds.teamWeek,
      text: { type: 'plain_text', text: t('coverage.meeting_button'), emoji: true },
    },
  };
  const room = coverageBlockBudget - 2;
  const fits = data.teams.length <= room;
  const shown = fits ? data.teams : data.teams.slice(0, room - 1);
  return [
    divider(),
    title,
    ...shown.map((team) => section(teamCoverageText(team, view))),
    ...(fits ? [] : [context(t('coverage.more_teams', { count: data.teams.length - shown.length }))]),
  ];
}
