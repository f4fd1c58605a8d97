/**
 * A person's own Home sections: buttons to start each job, their coming shifts, their requests still
 * waiting for someone else (with Withdraw / Cancel), and their balances. Never more than
 * `myWeekMaxBlocks` blocks, however many requests there are.
 */
import type { types } from '@slack/bolt';
import type { LeaveApprovalStep, LeaveRequest, Person, SwapRequest } from '../../db/schema.js';
import type { MyShift } from '../../policy/my-shifts.js';
import type { MyWeek } from '../../use-cases/my-week.js';
import { blockKitLimits } from '../blockkit-limits.js';
import { context, divider, escapeMrkdwn, packLines, plain, section, type Block } from '../blocks.js';
import { dayText, labelIn, shiftTimes, stepRolesName } from '../format.js';
import { homeStartIds } from '../ids.js';
import { datesText, withdrawButton } from '../leave/views.js';
import { leaveTypeName } from '../refusals.js';
import { cancelButton, outcomeText, swapShiftsText } from '../swap/views.js';
import type { ViewContext } from '../view-context.js';
import { balancesBlock } from './balances.js';

/** The share of the Home's 100 blocks these sections may take; the rest is the inbox's and the lead's. */
export const myWeekMaxBlocks = 30;
/** Blocks besides the requests: four dividers, the buttons, the shifts, the requests' title and "more", the balances. */
const fixedBlocks = 9;
export const openItemsShown = myWeekMaxBlocks - fixedBlocks;

export function myWeekBlocks(week: MyWeek, view: ViewContext): Block[] {
  return [
    divider(),
    startButtons(view),
    divider(),
    section(shiftList(week, view)),
    divider(),
    ...openItems(week, view),
    divider(),
    balancesBlock(week, view),
  ];
}

function startButtons({ t }: ViewContext): types.ActionsBlock {
  const button = (actionId: string, text: string, primary = false): types.Button => ({
    type: 'button',
    action_id: actionId,
    text: plain(text),
    ...(primary ? { style: 'primary' as const } : {}),
  });
  return {
    type: 'actions',
    block_id: 'home.start',
    elements: [
      button(homeStartIds.requestLeave, t('home.my.start.leave'), true),
      button(homeStartIds.swapShift, t('home.my.start.swap')),
      button(homeStartIds.writeHandover, t('home.my.start.handover')),
      button(homeStartIds.weeklySummary, t('home.my.start.report')),
    ],
  };
}

function shiftList(week: MyWeek, view: ViewContext): string {
  const { t } = view;
  if (week.shifts.length === 0) return t('home.my.shifts.none', { days: week.days });
  const title = t('home.my.shifts.title', { days: week.days });
  const lines = week.shifts.map((s) => `• ${shiftLine(s, week.people, view)}`);
  return `${title}\n${packLines(lines, blockKitLimits.sectionText - title.length - 1, '\n', (count) => t('home.my.shifts.more', { count }))}`;
}

function shiftLine(shift: MyShift, people: ReadonlyMap<string, Person>, { t, locale, policy }: ViewContext): string {
  const definition = policy.shifts[shift.shiftCode];
  const name = escapeMrkdwn(people.get(shift.otherId ?? '')?.name ?? shift.otherId ?? '');
  const line = t('home.my.shifts.line', {
    date: dayText(shift.date, locale),
    shift: definition ? labelIn(definition.label, locale) : shift.shiftCode,
    times: definition ? shiftTimes(definition, t) : '',
    night: shift.night ? t('home.my.shifts.night') : '',
    state: shift.state === 'scheduled' ? '' : t(`home.my.state.${shift.state}`, { name }),
  });
  return shift.today ? `${t('home.my.shifts.today')} · ${line}` : line;
}

function openItems(week: MyWeek, view: ViewContext): Block[] {
  const { t } = view;
  const items = [...week.leave.map((l) => leaveItem(l, week.people, view)), ...week.swaps.map((s) => swapItem(s, week, view))];
  if (items.length === 0) return [section(`${t('home.my.open.title')}\n${t('home.my.open.none')}`)];
  const shown = items.slice(0, openItemsShown);
  return [
    section(t('home.my.open.title')),
    ...shown,
    ...(items.length > shown.length ? [context(t('home.my.open.more', { count: items.length - shown.length }))] : []),
  ];
}

function leaveItem(
  { request, step }: { request: LeaveRequest; step: LeaveApprovalStep | undefined },
  people: ReadonlyMap<string, Person>,
  view: ViewContext,
): Block {
  const { t, locale, team } = view;
  const approver = step ? people.get(step.approverId) : undefined;
  const status =
    request.status === 'approved'
      ? t('home.my.open.leave_approved')
      : step
        ? t('home.my.open.leave_waits', { name: escapeMrkdwn(approver?.name ?? step.approverId), role: stepRolesName([step], approver, t) })
        : t('leave.status.pending');
  return {
    ...section(t('leave.list.line', { type: leaveTypeName(request.type, team, locale), dates: datesText(request, view), status })),
    accessory: withdrawButton(request.id, t),
  };
}

function swapItem(swap: SwapRequest, week: MyWeek, view: ViewContext): Block {
  const { t } = view;
  const mine = swap.requesterId === week.me;
  const other = mine ? swap.colleagueId : swap.requesterId;
  const name = escapeMrkdwn(week.people.get(other)?.name ?? other);
  const line = section(
    t(mine ? 'swap.list.line_asked' : 'swap.list.line_asked_of', {
      name,
      shifts: swapShiftsText(swap, view),
      status: outcomeText(view, { swap, people: week.people }),
    }),
  );
  if (!mine) return line;
  return {
    ...line,
    accessory: cancelButton(swap.id, t),
  };
}
