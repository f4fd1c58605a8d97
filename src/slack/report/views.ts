/** Pure builders of the /report modal, the lead's copy, the reminder, the digest and the roll-up. */
import type { types } from '@slack/bolt';
import type { WeekFacts } from '../../db/queries/report.js';
import type { WeeklyReport } from '../../db/schema.js';
import type { Translate } from '../../i18n/t.js';
import type { Locale, TeamDefinition } from '../../policy/policy-file.js';
import type { ReportWeek } from '../../policy/report-week.js';
import { addDays } from '../../policy/time.js';
import type { AgentWeek, LateArrival, WeekSummary } from '../../use-cases/report-deadlines.js';
import { tally, withoutDigestRecipient } from '../../use-cases/report-deadlines.js';
import { blockKitLimits } from '../blockkit-limits.js';
import { clipText } from '../clip-text.js';
import { context, escapeMrkdwn, header, plain, section, textInput, type Block } from '../blocks.js';
import { dayText, instantText, joinList, labelIn } from '../format.js';
import { reportIds } from '../ids.js';
import { leaveTypeName } from '../refusals.js';
import type { ViewContext } from '../view-context.js';

export type ReportViewContext = ViewContext;

/** Slack's limit for a plain_text_input. */
const fieldMax = blockKitLimits.plainTextInput;
/** Open cases listed in the pre-fill, and how much of each title; the rest is counted. */
const openCasesShown = 10;
const caseTitleMax = 80;

export function weekText(week: Pick<ReportWeek, 'start' | 'end'>, locale: Locale): string {
  return `${dayText(week.start, locale)} – ${dayText(week.end, locale)}`;
}

export const dueText = (week: ReportWeek, view: ReportViewContext) => instantText(week.dueAt, view.team.timezone, view.locale);

/** The week's facts as lines of text, the way the modal pre-fills them (and the length count leaves them out). */
export function factLines(facts: WeekFacts, view: ReportViewContext): string[] {
  const { t, locale } = view;
  const worked = facts.shifts.filter((s) => s.status === 'scheduled').map((s) => `${dayText(s.date, locale)} ${s.shiftCode}`);
  const lines = [worked.length > 0 ? t('report.facts.shifts', { shifts: joinList(worked, t) }) : t('report.facts.no_shifts')];
  if (facts.leave.length > 0) {
    const leave = facts.leave.map(
      (l) =>
        `${leaveTypeName(l.type, view.team, locale)} ${l.firstDay === l.lastDay ? dayText(l.firstDay, locale) : `${dayText(l.firstDay, locale)} – ${dayText(l.lastDay, locale)}`}`,
    );
    lines.push(t('report.facts.leave', { leave: joinList(leave, t) }));
  }
  if (facts.swaps.length > 0)
    lines.push(
      t('report.facts.swaps', {
        swaps: joinList(
          facts.swaps.map((s) => `${dayText(s.date, locale)} ${s.shiftCode} ↔ ${s.withName}`),
          t,
        ),
      }),
    );
  if (facts.handoversWritten.length > 0)
    lines.push(
      t('report.facts.handovers', {
        handovers: joinList(
          facts.handoversWritten.map((h) => `${dayText(h.date, locale)} ${h.shiftCode}`),
          t,
        ),
      }),
    );
  if (facts.openCases.length > 0) lines.push(t('report.facts.open_cases', { cases: openCasesText(facts.openCases, t) }));
  return lines;
}

function openCasesText(cases: WeekFacts['openCases'], t: Translate): string {
  const shown = cases.slice(0, openCasesShown).map((c) => `${c.reference} ${clipText(c.title, caseTitleMax)}`);
  const more = cases.length - shown.length;
  return joinList(more > 0 ? [...shown, t('report.facts.more_cases', { count: more })] : shown, t);
}

export interface ReportModalInput {
  readonly week: ReportWeek;
  readonly facts: WeekFacts;
  readonly existing: WeeklyReport | undefined;
  readonly pastDeadline: boolean;
  readonly factsAt: Date;
}

/** The summary form: the week and its deadline, two fields (the first pre-filled with the week's facts). */
export function reportModal(view: ReportViewContext, input: ReportModalInput): types.ModalView {
  const { t } = view;
  const due = dueText(input.week, view);
  const notes: string[] = [];
  if (input.existing) {
    const at = instantText(input.existing.editedAt ?? input.existing.submittedAt, view.team.timezone, view.locale);
    notes.push(t(input.pastDeadline ? 'report.modal.locked' : 'report.modal.editing', { at, due }));
  } else if (input.pastDeadline) {
    notes.push(t('report.modal.late', { due }));
  }
  const field = (blockId: string, label: string, initial: string, hint?: string): types.InputBlock =>
    textInput({ blockId, label, hint, maxChars: fieldMax, initial: clipText(initial, fieldMax, { mark: '' }) });
  const chars = view.team.rules.report.min_chars;
  const blocks: Block[] = [
    section(t('report.modal.week', { week: weekText(input.week, view.locale), due })),
    ...notes.map((note) => context(note)),
    field(
      reportIds.blocks.done,
      t('report.modal.done'),
      input.existing?.done ?? `${factLines(input.facts, view).join('\n')}\n`,
      t('report.modal.min_hint', { chars }),
    ),
    field(reportIds.blocks.improve, t('report.modal.improve'), input.existing?.improve ?? ''),
  ];
  return {
    type: 'modal',
    callback_id: reportIds.view,
    private_metadata: JSON.stringify({ weekStart: input.week.start, factsAt: input.factsAt.toISOString() }),
    title: plain(clipText(t('report.modal.title'), blockKitLimits.viewTitle)),
    submit: plain(t('report.modal.submit')),
    close: plain(t('report.modal.close')),
    blocks,
  };
}

/**
 * Long text split into as many sections as it needs, each within Slack's limit. The text is escaped
 * first (escaping can make it five times longer) and split between code points, never inside an
 * escape like `&amp;` or a surrogate pair.
 */
function textSections(text: string): Block[] {
  const max = blockKitLimits.sectionText;
  const chunks: string[] = [];
  let current = '';
  let length = 0;
  for (const char of text) {
    const piece = escapeMrkdwn(char);
    const pieceLength = [...piece].length;
    if (length + pieceLength > max) {
      chunks.push(current);
      current = '';
      length = 0;
    }
    current += piece;
    length += pieceLength;
  }
  if (current) chunks.push(current);
  return chunks.length > 0 ? chunks.map((chunk) => section(chunk)) : [section(' ')];
}

/** Lines packed into as few sections as fit, each line whole (a line longer than a section is cut). */
function lineSections(lines: readonly string[]): Block[] {
  const max = blockKitLimits.sectionText;
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    const piece = [...line].length > max ? `${[...line].slice(0, max - 1).join('')}…` : line;
    if (current && [...current].length + 1 + [...piece].length > max) {
      chunks.push(current);
      current = piece;
    } else current = current ? `${current}\n${piece}` : piece;
  }
  if (current) chunks.push(current);
  return chunks.map((chunk) => section(chunk));
}

/** The copy of a summary the lead receives. */
export function leadCopy(
  view: ReportViewContext,
  input: { name: string; week: ReportWeek; report: WeeklyReport; edited: boolean },
): { text: string; blocks: Block[] } {
  const { t } = view;
  const params = { name: escapeMrkdwn(input.name), week: weekText(input.week, view.locale) };
  const title = t(input.edited ? 'report.lead.copy_edited' : input.report.late ? 'report.lead.copy_late' : 'report.lead.copy', params);
  return {
    text: title,
    blocks: [
      section(title),
      section(t('report.lead.done')),
      ...textSections(input.report.done),
      section(t('report.lead.improve')),
      ...textSections(input.report.improve),
    ].slice(0, blockKitLimits.messageBlocks),
  };
}

/** The reminder DM, with a button that opens the form. */
export function reminderMessage(view: ReportViewContext, week: ReportWeek): { text: string; blocks: Block[] } {
  const { t } = view;
  const text = t('report.reminder.text', {
    week: weekText(week, view.locale),
    due: dueText(week, view),
    chars: view.team.rules.report.min_chars,
  });
  return {
    text,
    blocks: [
      section(text),
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: reportIds.open, value: week.start, style: 'primary', text: plain(t('report.reminder.button')) },
        ],
      },
    ],
  };
}

/**
 * The policy's step belongs to the latest miss: said of this week when it is missing, else of the
 * week it was, so a week sent on time never reads as if it cost the step.
 */
function missMeaning(view: Pick<ReportViewContext, 't' | 'locale'>, agent: AgentWeek): string {
  if (!agent.escalation || agent.lastMiss === undefined) return '';
  const meaning = labelIn(agent.escalation, view.locale);
  if (agent.outcome === 'missing') return view.t('report.digest.meaning', { meaning });
  return view.t('report.digest.meaning_earlier', {
    meaning,
    week: weekText({ start: agent.lastMiss, end: addDays(agent.lastMiss, 6) }, view.locale),
  });
}

function agentLine(view: Pick<ReportViewContext, 't' | 'locale'>, agent: AgentWeek, team?: TeamDefinition): string {
  const { t } = view;
  const late = agent.totalLate > 0 ? t('report.digest.late_total', { count: agent.totalLate }) : '';
  const name = team
    ? t('report.rollup.name_in_team', { name: escapeMrkdwn(agent.name), team: labelIn(team.label, view.locale) })
    : escapeMrkdwn(agent.name);
  return `• ${t('report.digest.line', { name, outcome: t(`report.outcome.${agent.outcome}`), total: agent.totalMisses, consecutive: agent.consecutiveMisses })}${late}${missMeaning(view, agent)}`;
}

/** The reports of the week before that came in after its digest, which showed them missing. */
function lateArrivalBlocks(
  view: ReportViewContext,
  week: Pick<ReportWeek, 'start' | 'end'> | undefined,
  late: readonly LateArrival[],
): Block[] {
  if (week === undefined || late.length === 0) return [];
  const { t } = view;
  const sorted = [...late].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.name.localeCompare(b.name));
  const lines = sorted.map(
    (a) =>
      `• ${t('report.digest.late_line', { name: escapeMrkdwn(a.name), at: instantText(a.submittedAt, view.team.timezone, view.locale) })}`,
  );
  return [section(t('report.digest.late_heading', { week: weekText(week, view.locale) })), ...lineSections(lines)];
}

/**
 * A lead's digest: the counts, then every agent of theirs with their misses and what the policy says
 * of them, then the reports of the week before that came in after its digest, then who reached the alert.
 */
export function digestMessage(
  view: ReportViewContext,
  summary: WeekSummary,
  agents: readonly AgentWeek[],
  late: readonly LateArrival[] = [],
): { text: string; blocks: Block[] } {
  const { t } = view;
  const title = t('report.digest.title', { team: labelIn(view.team.label, view.locale), week: weekText(summary.week, view.locale) });
  const counts = t('report.digest.counts', tally(agents));
  const order = { missing: 0, late: 1, on_time: 2 } as const;
  const sorted = [...agents].sort((a, b) => order[a.outcome] - order[b.outcome] || a.name.localeCompare(b.name));
  const alerts = lineSections(
    agents
      .filter((a) => a.alertManager)
      .map((a) => `:rotating_light: ${t('report.digest.alert', { name: escapeMrkdwn(a.name), count: a.consecutiveMisses })}`),
  );
  const lines = lineSections(agents.length > 0 ? sorted.map((a) => agentLine(view, a)) : [t('report.digest.none')]);
  const head: Block[] = [header(clipText(title, blockKitLimits.headerText)), section(counts)];
  const lateBlocks = lateArrivalBlocks(view, summary.lateAfterDigest?.week, late);
  // everyone the manager is told about is named, whatever else has to give way
  const room = Math.max(0, blockKitLimits.messageBlocks - head.length - alerts.length - lateBlocks.length);
  return {
    text: `${title}: ${counts}`,
    blocks: [...head, ...lines.slice(0, room), ...lateBlocks, ...alerts].slice(0, blockKitLimits.messageBlocks),
  };
}

/** The managers' roll-up: one line per team, everyone at the consecutive-miss threshold, then anyone with no lead to send their line to. */
export function rollupMessage(
  view: Omit<ReportViewContext, 'team'>,
  weekStart: Pick<ReportWeek, 'start' | 'end'>,
  teams: readonly { team: TeamDefinition; summary: WeekSummary }[],
): { text: string; blocks: Block[] } {
  const { t, locale } = view;
  const title = t('report.rollup.title', { week: weekText(weekStart, locale) });
  const teamLines = teams.map(
    ({ team, summary }) => `• ${t('report.rollup.team', { team: labelIn(team.label, locale), ...tally(summary.agents) })}`,
  );
  const alerts = teams.flatMap(({ team, summary }) =>
    summary.agents
      .filter((a) => a.alertManager)
      .map(
        (a) =>
          `:rotating_light: ${t('report.rollup.alert', { name: escapeMrkdwn(a.name), team: labelIn(team.label, locale), count: a.consecutiveMisses, meaning: a.escalation ? labelIn(a.escalation, locale) : '' })}`,
      ),
  );
  const threshold = Math.min(
    ...teams.map(({ team }) => team.rules.report.manager_alert_consecutive_misses),
    view.policy.rules.report.manager_alert_consecutive_misses,
  );
  const noLead = teams.flatMap(({ team, summary }) => withoutDigestRecipient(summary).map((a) => agentLine(view, a, team)));
  const blocks: Block[] = [
    header(clipText(title, blockKitLimits.headerText)),
    ...lineSections(teamLines),
    ...lineSections(alerts.length > 0 ? alerts : [t('report.rollup.no_alerts', { count: threshold })]),
    ...(noLead.length > 0 ? [section(t('report.rollup.no_lead')), ...lineSections(noLead)] : []),
  ];
  return { text: title, blocks: blocks.slice(0, blockKitLimits.messageBlocks) };
}
