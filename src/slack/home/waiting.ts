/**
 * The Home tab's "Waiting for you": one row per item, drawn with the DM card's own builder (the same
 * facts, the same buttons and action ids, so the cards' handlers serve Home clicks too), most urgent
 * first, within the blocks the rest of the Home leaves, with a button to page through the rest.
 */
import { compTimeProposal } from '../../use-cases/comp-time-proposals.js';
import { drawProposalCard } from '../attendance/comp-time-cards.js';
import type { types } from '@slack/bolt';
import type { Person } from '../../db/schema.js';
import type { Locale } from '../../policy/policy-file.js';
import { reportWeekStarting } from '../../policy/report-week.js';
import { handoverCardData } from '../../use-cases/handover.js';
import { leaveCardData, leaveCardsData, type LeaveCardData } from '../../use-cases/leave.js';
import { swapCardData } from '../../use-cases/swap.js';
import { keyOf, type WaitingItem, type WaitingReads } from '../../use-cases/waiting.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { blockKitLimits } from '../blockkit-limits.js';
import { context, divider, escapeMrkdwn, packLines, plain, section, type Block } from '../blocks.js';
import { instantText, joinList, monthText } from '../format.js';
import { homeIds } from '../ids.js';
import { statusBlocks, shiftName } from '../handover/views.js';
import { approverCard, datesText, proofReminderMessage } from '../leave/views.js';
import { leaveTypeName } from '../refusals.js';
import { reminderMessage, weekText } from '../report/views.js';
import { colleagueCard, leadCard } from '../swap/views.js';
import { viewIn, type ViewContext } from '../view-context.js';

/** A row ready to draw: its blocks without their deadline line. */
interface Row {
  readonly item: WaitingItem;
  readonly blocks: readonly Block[];
}

/** What the inbox draws: all items' count, where the page starts, and the rows loaded from there. */
export interface Inbox {
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly Row[];
}

/** Rows are loaded until they would fill a whole Home: the page can never use more. */
const loadBlocks = blockKitLimits.viewBlocks;

/** About the blocks of a leave card's row with its deadline and divider: leave cards are read ahead for as many rows as would still fit. */
const leastRowBlocks = 7;

/** The rows of the page starting at `offset` (clamped to the items there are), each drawn for the reader. */
export async function loadInbox(
  deps: UseCaseDeps,
  reader: { person: Person; locale: Locale },
  items: readonly WaitingItem[],
  requestedOffset: number,
  /** What reading the items learnt (their requests' covered shifts), so it is not read again. */
  reads?: WaitingReads,
): Promise<Inbox> {
  const offset = requestedOffset > 0 && requestedOffset < items.length ? requestedOffset : 0;
  const rows: Row[] = [];
  let blocks = 0;
  let next = offset;
  while (next < items.length && blocks < loadBlocks) {
    const batch = items.slice(next, next + Math.ceil((loadBlocks - blocks) / leastRowBlocks));
    next += batch.length;
    // the leave cards of the batch in one read; a row whose card is missing reads its own (and is left out if that fails)
    const cards = await leaveCardsData(
      deps,
      batch.flatMap((i) => (i.kind === 'leave_step' || i.kind === 'proof' ? [i.requestId] : [])),
      { readModel: true, ...(reads ? { covered: reads.coveredShifts } : {}) },
    ).catch((error: unknown) => {
      deps.logger.warn({ err: error }, "could not read the inbox page's leave cards together; each row reads its own");
      return new Map<number, LeaveCardData>();
    });
    for (const item of batch) {
      if (blocks >= loadBlocks) break;
      const row = await rowOf(deps, reader, item, cards).catch((error: unknown) => {
        deps.logger.warn({ err: error, item: keyOf(item) }, 'could not draw an inbox row; it is left out');
        return undefined;
      });
      if (!row) continue;
      rows.push(row);
      blocks += row.blocks.length + 2;
    }
  }
  return { total: items.length, offset, rows };
}

/** Slack wants block ids unique in a view, and every card uses the same ones: Home rows go without. */
const withoutBlockIds = (blocks: readonly Block[]): Block[] =>
  blocks.map((b) => ('block_id' in b && b.block_id !== undefined ? (({ block_id: _, ...rest }) => rest as Block)(b) : b));

async function rowOf(
  deps: UseCaseDeps,
  reader: { person: Person; locale: Locale },
  item: WaitingItem,
  cards: ReadonlyMap<number, LeaveCardData>,
): Promise<Row | undefined> {
  const cardOf = async (requestId: number) => cards.get(requestId) ?? (await leaveCardData(deps, requestId));
  switch (item.kind) {
    case 'leave_step': {
      const data = await cardOf(item.requestId);
      const step = data.steps.find((s) => s.id === item.stepId);
      if (!step) return undefined;
      return { item, blocks: approverCard(viewIn(reader.locale, deps.policy, data.team), { ...data, step }).blocks };
    }
    case 'swap': {
      const data = await swapCardData(deps, item.swapId);
      const view = viewIn(reader.locale, deps.policy, data.team);
      return { item, blocks: (item.as === 'colleague' ? colleagueCard(view, data) : leadCard(view, data)).blocks };
    }
    case 'handover': {
      const data = await handoverCardData(deps, item.handoverId);
      const view = viewIn(reader.locale, deps.policy, data.team);
      const { handover } = data;
      const title = view.t('home.inbox.handover', {
        shift: shiftName({ date: handover.shiftDate, shiftCode: handover.shiftCode }, view),
        next: shiftName({ date: handover.nextDate, shiftCode: handover.nextShiftCode }, view),
        name: escapeMrkdwn(data.people.get(handover.authorId)?.name ?? handover.authorId),
        cases: data.openCases.filter((c) => c.status === 'open').length,
      });
      return { item, blocks: [section(title), ...statusBlocks(view, data)] };
    }
    case 'proof': {
      const data = await cardOf(item.requestId);
      const view = viewIn(reader.locale, deps.policy, data.team);
      const type = leaveTypeName(data.request.type, data.team, view.locale);
      if (item.as === 'owner') {
        const message = proofReminderMessage(view, data.request, item.dueAt ?? deps.clock.now());
        return {
          item,
          blocks: [section(view.t('home.inbox.proof_owner', { type, dates: datesText(data.request, view) })), ...message.blocks.slice(1)],
        };
      }
      const name = escapeMrkdwn(data.people.get(data.request.personId)?.name ?? data.request.personId);
      return { item, blocks: [section(view.t('home.inbox.proof_overdue', { name, type, dates: datesText(data.request, view) }))] };
    }
    case 'report': {
      const team = deps.policy.teams[reader.person.teamId];
      if (!team) return undefined;
      const view = viewIn(reader.locale, deps.policy, team);
      return { item, blocks: reminderMessage(view, reportWeekStarting(item.weekStart, team.rules.report, team.timezone)).blocks };
    }
    case 'team_reports': {
      const team = deps.policy.teams[item.teamId];
      if (!team) return undefined;
      const view = viewIn(reader.locale, deps.policy, team);
      const week = reportWeekStarting(item.weekStart, team.rules.report, team.timezone);
      const names = (list: readonly string[]) =>
        packLines(list.map(escapeMrkdwn), blockKitLimits.sectionText / 2, view.t('list.join'), (count) =>
          view.t('home.inbox.more', { count }),
        );
      const lines = [
        view.t('home.inbox.team_reports', { week: weekText(week, view.locale), missing: item.missing.length, late: item.late.length }),
        ...(item.missing.length > 0 ? [view.t('home.inbox.missing_names', { names: names(item.missing) })] : []),
        ...(item.late.length > 0 ? [view.t('home.inbox.late_names', { names: names(item.late) })] : []),
      ];
      return { item, blocks: [section(lines.join('\n'))] };
    }
    case 'comp_time': {
      const proposal = await compTimeProposal(deps, item.proposalId);
      if (proposal?.status !== 'proposed') return undefined;
      return { item, blocks: (await drawProposalCard(deps, proposal, reader.locale)).blocks };
    }
    case 'missed_handovers': {
      const team = deps.policy.teams[reader.person.teamId];
      if (!team) return undefined;
      const view = viewIn(reader.locale, deps.policy, team);
      const lines = item.people.map((p) => view.t('home.inbox.missed_line', { name: escapeMrkdwn(p.name), count: p.count }));
      const text = view.t('home.inbox.missed_handovers', {
        month: monthText(item.month, view.locale),
        count: item.people.length,
        lines: joinList(lines, view.t),
      });
      return {
        item,
        blocks: [
          section(
            text.length <= blockKitLimits.sectionText
              ? text
              : view.t('home.inbox.missed_handovers', { month: monthText(item.month, view.locale), count: item.people.length, lines: '' }),
          ),
        ],
      };
    }
  }
}

/** The deadline line of a row, in the reader's language and team's zone. */
function dueLine(item: WaitingItem, view: ViewContext, now: Date): Block[] {
  if (item.dueAt === undefined) return [];
  const time = instantText(item.dueAt, view.team.timezone, view.locale);
  return [context(view.t(item.dueAt <= now ? 'home.inbox.overdue' : 'home.inbox.due', { time }))];
}

/**
 * The inbox within `budget` blocks: its title, as many rows of the page as fit whole, and when some are
 * left out (before or after), how many and the buttons to page. Never more than `budget` blocks.
 */
export function inboxBlocks(inbox: Inbox, view: ViewContext, budget: number, now: Date): Block[] {
  const { t } = view;
  if (budget <= 0) return [];
  const title = section(t('home.inbox.title', { count: inbox.total }));
  if (inbox.total === 0) return budget >= 2 ? [title, context(t('home.inbox.none'))] : [title];
  const pager = 2;
  const pack = (room: number) => {
    const shown: Block[] = [];
    let count = 0;
    for (const row of inbox.rows) {
      const blocks = [...withoutBlockIds(row.blocks), ...dueLine(row.item, view, now), divider()];
      if (shown.length + blocks.length > room) break;
      shown.push(...blocks);
      count += 1;
    }
    if (shown.at(-1)?.type === 'divider') shown.pop(); // the Home's next section brings its own
    return { shown, count };
  };
  const whole = pack(budget - 1);
  const fitsWhole = inbox.offset === 0 && whole.count === inbox.total;
  const { shown, count } = fitsWhole ? whole : pack(budget - 1 - pager);
  const before = inbox.offset;
  const after = inbox.total - inbox.offset - count;
  if (before === 0 && after === 0) return [title, ...shown];
  const buttons: types.Button[] = [
    ...(after > 0
      ? [
          {
            type: 'button' as const,
            action_id: homeIds.page,
            text: plain(t('home.inbox.next')),
            value: String(inbox.offset + Math.max(count, 1)),
            style: 'primary' as const,
          },
        ]
      : []),
    ...(before > 0 ? [{ type: 'button' as const, action_id: homeIds.pageFirst, text: plain(t('home.inbox.first')), value: '0' }] : []),
  ];
  const footer: Block[] = [
    context(
      count > 0
        ? `${t('home.inbox.showing', { from: inbox.offset + 1, to: inbox.offset + count, count: inbox.total })} ${after > 0 ? t('home.inbox.more', { count: after }) : ''}`.trim()
        : t('home.inbox.more', { count: after }),
    ),
    { type: 'actions', elements: buttons },
  ];
  return [title, ...shown, ...footer].slice(0, budget);
}
