/** The weekly team meeting's week gathered (班务会, POLICY §5), as the DM a lead (or manager, GM) gets. */
import type { types } from '@slack/bolt';
import type { Translate } from '../../i18n/t.js';
import type { Locale, Policy } from '../../policy/policy-file.js';
import type { TeamWeek } from '../../use-cases/team-week.js';
import { blockKitLimits } from '../blockkit-limits.js';
import { bullets, context, escapeMrkdwn, header, packLines, section } from '../blocks.js';
import { dayText, instantText, joinList, labelIn } from '../format.js';
import { weekText } from '../report/views.js';

export interface TeamWeekViewContext {
  readonly t: Translate;
  readonly locale: Locale;
  readonly policy: Policy;
}

/** Blocks per team: its header and five sections. */
const blocksPerTeam = 6;

const names = (list: readonly string[], t: Translate) => joinList(list.map(escapeMrkdwn), t);

/** A titled list as one section text, packed within Slack's limit. */
function listText(title: string, lines: readonly string[], t: Translate): string {
  if (lines.length === 0) return `${title}\n${t('team_week.none')}`;
  return packLines([title, bullets(lines)].join('\n').split('\n'), blockKitLimits.sectionText, '\n', (count) =>
    t('team_week.more', { count }),
  );
}

function teamBlocks(week: TeamWeek, view: TeamWeekViewContext): types.KnownBlock[] {
  const { t, locale } = view;
  const { team } = week;
  const shift = (date: string, code: string) => `${dayText(date, locale)} ${code}`;
  const rules = team.rules;
  const { onTime, late, missing } = week.summaries;
  const summaryLines = [
    t('team_week.summaries', {
      on_time: onTime.length,
      late: late.length,
      missing: missing.length,
      missing_word: t(week.pastDeadline ? 'team_week.missing_word' : 'team_week.not_in_word'),
    }),
    ...(late.length > 0 ? [t('team_week.late_names', { names: names(late, t) })] : []),
    ...(missing.length > 0
      ? [
          week.pastDeadline
            ? t('team_week.missing_names', { names: names(missing, t) })
            : t('team_week.not_in_names', { names: names(missing, t), due: instantText(week.week.dueAt, team.timezone, locale) }),
        ]
      : []),
  ];
  const leave = week.leave.map((l) => {
    const params = { name: escapeMrkdwn(l.name), first: dayText(l.firstDay, locale), last: dayText(l.lastDay, locale) };
    const type = l.type === undefined ? undefined : rules.leave.types[l.type];
    return type ? t('team_week.leave_line_typed', { ...params, type: labelIn(type.label, locale) }) : t('team_week.leave_line', params);
  });
  const swaps = week.swaps.map((s) => {
    const params = { from: escapeMrkdwn(s.requesterName), to: escapeMrkdwn(s.colleagueName), shift: shift(s.giveDate, s.giveShift) };
    return s.takeDate !== null && s.takeShift !== null
      ? t('team_week.swap_line_both', { ...params, other: shift(s.takeDate, s.takeShift) })
      : t('team_week.swap_line', params);
  });
  const refusals = week.refusals.map((r) => {
    const reason = r.reason === null ? undefined : rules.handover.refusal_reasons[r.reason];
    return t('team_week.refusal_line', {
      shift: shift(r.shiftDate, r.shiftCode),
      reason: reason ? labelIn(reason, locale) : (r.reason ?? '—'),
      by: escapeMrkdwn(r.byName ?? '—'),
    });
  });
  const missed = week.missed.map((m) =>
    t('team_week.missed_line', { shift: shift(m.shiftDate, m.shiftCode), names: m.names.length > 0 ? names(m.names, t) : '—' }),
  );
  return [
    header(
      t('team_week.title', { team: labelIn(team.label, locale), week: weekText(week.week, locale) }).slice(0, blockKitLimits.headerText),
    ),
    section(packLines(summaryLines, blockKitLimits.sectionText, '\n', (count) => t('team_week.more', { count }))),
    section(listText(t('team_week.leave'), leave, t)),
    section(listText(t('team_week.swaps'), swaps, t)),
    section(listText(t('team_week.refusals'), refusals, t)),
    section(listText(t('team_week.missed'), missed, t)),
  ];
}

/** The DM: each team's week, as many teams as fit in one message, the rest counted. */
export function teamWeekMessage(weeks: readonly TeamWeek[], view: TeamWeekViewContext): { text: string; blocks: types.KnownBlock[] } {
  const { t, locale } = view;
  const room = Math.floor((blockKitLimits.messageBlocks - 1) / blocksPerTeam);
  const shown = weeks.slice(0, room);
  const first = weeks[0];
  return {
    text: first ? t('team_week.fallback', { week: weekText(first.week, locale) }) : t('team_week.not_allowed'),
    blocks: [
      ...shown.flatMap((week) => teamBlocks(week, view)),
      ...(weeks.length > shown.length ? [context(t('team_week.more_teams', { count: weeks.length - shown.length }))] : []),
    ],
  };
}
