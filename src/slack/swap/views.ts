/** Pure builders of the /swap modal, the colleague's and the lead's cards, and the list; no Slack calls here. */
import type { types } from '@slack/bolt';
import type { Translate } from '../../i18n/t.js';
import type { Person, SwapRequest } from '../../db/schema.js';
import type { PersonAfterSwap } from '../../policy/swap.js';
import type { ShiftChoice, SwapCounts, SwapEvaluation, swapCardData } from '../../use-cases/swap.js';
import { bullets, context, escapeMrkdwn, plain, section, textInput, type Block } from '../blocks.js';
import { humanDuration, instantText, shiftText, shiftTimes } from '../format.js';
import { swapIds } from '../ids.js';
import { refusalText } from '../refusals.js';
import type { ViewContext } from '../view-context.js';

export type SwapViewContext = ViewContext;

const ids = swapIds.blocks;
/** The value of the "cover only" option of the colleague's shift select. */
export const coverOnly = 'cover';
/** Slack's static_select takes at most 100 options. */
export const maxShiftOptions = 99;

export const shiftValue = (s: ShiftChoice) => `${s.date}|${s.shiftCode}`;
export const theirShiftBlock = (colleagueId: string) => `${ids.theirShift}:${colleagueId}`;

function shiftOption(s: ShiftChoice, { t, locale, policy }: SwapViewContext): types.PlainTextOption {
  const definition = policy.shifts[s.shiftCode];
  const times = definition ? ` ${shiftTimes(definition, t)}` : '';
  return { text: plain(`${shiftText(s, locale, policy)}${times}`.slice(0, 75)), value: shiftValue(s) };
}

export interface SwapModalState {
  readonly myShifts: readonly ShiftChoice[];
  readonly give?: ShiftChoice;
  readonly colleagueId?: string;
  /** The colleague's upcoming shifts, once a colleague is picked. */
  readonly theirShifts?: readonly ShiftChoice[];
  readonly take?: ShiftChoice | 'cover';
  /** Lines that describe the swap as picked so far (rules broken, rest and hours after it, the award). */
  readonly preview: readonly string[];
}

/** The request modal; it redraws itself as shifts and the colleague are picked. */
export function swapRequestModal(view: SwapViewContext, state: SwapModalState): types.ModalView {
  const { t } = view;
  const base = {
    type: 'modal' as const,
    callback_id: swapIds.requestView,
    title: plain(t('swap.modal.title')),
    close: plain(t('swap.modal.close')),
  };
  if (state.myShifts.length === 0) return { ...base, blocks: [section(t('swap.modal.no_shifts'))] };
  const myOptions = state.myShifts.slice(0, maxShiftOptions).map((s) => shiftOption(s, view));
  const initialMine = state.give ? myOptions.find((o) => o.value === shiftValue(state.give as ShiftChoice)) : undefined;
  const blocks: Block[] = [
    {
      type: 'input',
      block_id: ids.myShift,
      dispatch_action: true,
      label: plain(t('swap.modal.my_shift')),
      element: {
        type: 'static_select',
        action_id: swapIds.formChanged,
        options: myOptions,
        ...(initialMine ? { initial_option: initialMine } : {}),
      },
    },
    {
      type: 'input',
      block_id: ids.colleague,
      dispatch_action: true,
      label: plain(t('swap.modal.colleague')),
      element: { type: 'users_select', action_id: swapIds.formChanged, ...(state.colleagueId ? { initial_user: state.colleagueId } : {}) },
    },
  ];
  if (state.colleagueId && state.theirShifts) {
    const cover: types.PlainTextOption = { text: plain(t('swap.modal.cover_only')), value: coverOnly };
    const options = [cover, ...state.theirShifts.slice(0, maxShiftOptions).map((s) => shiftOption(s, view))];
    const take = state.take;
    const initial = take === 'cover' ? cover : take ? options.find((o) => o.value === shiftValue(take)) : undefined;
    blocks.push({
      type: 'input',
      block_id: theirShiftBlock(state.colleagueId),
      dispatch_action: true,
      label: plain(t('swap.modal.their_shift')),
      hint: plain(t('swap.modal.their_shift_hint')),
      element: { type: 'static_select', action_id: swapIds.formChanged, options, ...(initial ? { initial_option: initial } : {}) },
    });
  } else {
    blocks.push(context(t('swap.modal.pick_colleague_first')));
  }
  blocks.push(
    {
      type: 'section',
      block_id: ids.preview,
      text: { type: 'mrkdwn', text: state.preview.length > 0 ? state.preview.join('\n') : t('swap.modal.preview_pick') },
    },
    textInput({ blockId: ids.note, optional: true, label: t('swap.modal.note'), maxChars: view.team.rules.swap.note_max_chars }),
    context(t('swap.modal.still_yours')),
  );
  return { ...base, submit: plain(t('swap.modal.submit')), blocks };
}

/** The preview lines of the modal. */
export function previewLines(
  view: SwapViewContext,
  p: { names: ReadonlyMap<string, string>; own: SwapCounts; costsAward: boolean; evaluation: SwapEvaluation | undefined },
): string[] {
  const { t } = view;
  const lines: string[] = [t('swap.modal.count', { approved: p.own.approved, pending: p.own.pending })];
  if (p.costsAward) lines.push(awardWarning(view));
  if (p.evaluation === undefined) return lines;
  const escaped = new Map([...p.names].map(([id, name]) => [id, escapeMrkdwn(name)]));
  if (!p.evaluation.ok) return [...lines, ...p.evaluation.refusals.map((r) => `:warning: ${refusalText(r, { ...view, names: escaped })}`)];
  return [...lines, t('swap.modal.checks_ok'), ...afterLines(view, p.evaluation.after, escaped)];
}

function awardWarning({ t, team }: SwapViewContext): string {
  return `:warning: ${t('swap.award_warning', { limit: team.rules.swap.full_attendance_max_swaps + 1 })}`;
}

/** Rest before and after, and the week's hours, of each person receiving a shift; `names` are mrkdwn-escaped already. */
function afterLines(view: SwapViewContext, after: readonly PersonAfterSwap[], names: ReadonlyMap<string, string>): string[] {
  const { t, locale, policy } = view;
  const rest = (minutes: number | undefined) => (minutes === undefined ? t('swap.rest_none') : humanDuration(minutes, t));
  return after.map((a) =>
    t('swap.after_line', {
      name: names.get(a.personId) ?? a.personId,
      shift: shiftText(a.shift, locale, policy),
      before: rest(a.restBefore),
      after: rest(a.restAfter),
      hours: a.weekHours,
    }),
  );
}

type CardData = Awaited<ReturnType<typeof swapCardData>>;

const nameOf = (people: ReadonlyMap<string, Person>, id: string | null | undefined) =>
  escapeMrkdwn((id && people.get(id)?.name) || id || '');

/** "Tue 8 Dec Day shift R ⇄ Thu 10 Dec Night shift W", or the one shift of a cover. */
export function swapShiftsText(swap: SwapRequest, { t, locale, policy }: Pick<SwapViewContext, 't' | 'locale' | 'policy'>): string {
  const give = shiftText({ date: swap.giveDate, shiftCode: swap.giveShift }, locale, policy);
  if (!swap.takeDate || !swap.takeShift) return t('swap.shifts_cover', { give });
  return t('swap.shifts_exchange', { give, take: shiftText({ date: swap.takeDate, shiftCode: swap.takeShift }, locale, policy) });
}

function factLines(view: SwapViewContext, data: CardData): string[] {
  const { t } = view;
  const { swap, people, counts, evaluation } = data;
  const names = new Map([...people].map(([id, p]) => [id, escapeMrkdwn(p.name)]));
  const count = (id: string) => {
    const c = counts.get(id) ?? { approved: 0, pending: 0 };
    return t('swap.card.count', { name: nameOf(people, id), approved: c.approved, pending: c.pending });
  };
  const lines = [
    t('swap.card.shifts', { shifts: swapShiftsText(swap, view) }),
    ...(swap.note ? [t('swap.card.note', { note: escapeMrkdwn(swap.note) })] : []),
    count(swap.requesterId),
    count(swap.colleagueId),
    ...(data.costsAward ? [awardWarning(view)] : []),
  ];
  if (evaluation?.ok) {
    lines.push(`*${t('swap.card.after')}*`, ...afterLines(view, evaluation.after, names));
    const giver = evaluation.giver;
    if (giver) lines.push(t('swap.giver_line', { name: names.get(giver.personId) ?? giver.personId, hours: giver.weekHours }));
  }
  if (evaluation && !evaluation.ok) lines.push(...evaluation.refusals.map((r) => `:warning: ${refusalText(r, { ...view, names })}`));
  return lines;
}

/** A swap card: a title, the facts, and two buttons while the swap waits at `waitingFor`, else where it stands. */
function swapCard(
  view: SwapViewContext,
  data: CardData,
  p: { title: string; waitingFor: SwapRequest['status']; yes: [string, string]; no: [string, string] },
): { text: string; blocks: Block[] } {
  const { t } = view;
  const { swap } = data;
  const blocks: Block[] = [section(`*${p.title}*`), section(factLines(view, data).join('\n'))];
  if (swap.status !== p.waitingFor) return { text: p.title, blocks: [...blocks, section(outcomeText(view, data))] };
  const [yesAction, yesText] = p.yes;
  const [noAction, noText] = p.no;
  blocks.push(context(t('swap.card.deadline', { time: instantText(swap.deadline, view.team.timezone, view.locale) })), {
    type: 'actions',
    block_id: ids.answer,
    elements: [
      { type: 'button', action_id: yesAction, style: 'primary', text: plain(yesText), value: String(swap.id) },
      {
        type: 'button',
        action_id: noAction,
        ...(noAction === swapIds.reject ? { style: 'danger' as const } : {}),
        text: plain(noText),
        value: String(swap.id),
      },
    ],
  });
  return { text: p.title, blocks };
}

/** What the colleague sees: who asks, which shifts, and Accept / Decline while it is theirs to answer. */
export function colleagueCard(view: SwapViewContext, data: CardData): { text: string; blocks: Block[] } {
  const { t } = view;
  return swapCard(view, data, {
    title: t('swap.card.colleague_title', { name: nameOf(data.people, data.swap.requesterId) }),
    waitingFor: 'pending_colleague',
    yes: [swapIds.accept, t('swap.card.accept')],
    no: [swapIds.decline, t('swap.card.decline')],
  });
}

/** What the lead sees: the facts after the swap, and Approve / Reject while it waits for them. */
export function leadCard(view: SwapViewContext, data: CardData): { text: string; blocks: Block[] } {
  const { t } = view;
  return swapCard(view, data, {
    title: t('swap.card.lead_title', {
      requester: nameOf(data.people, data.swap.requesterId),
      colleague: nameOf(data.people, data.swap.colleagueId),
    }),
    waitingFor: 'pending_lead',
    yes: [swapIds.approve, t('swap.card.approve')],
    no: [swapIds.reject, t('swap.card.reject')],
  });
}

/** Where the swap stands, in one line, once nobody's buttons apply. */
export function outcomeText(
  view: SwapViewContext,
  { swap, people }: { readonly swap: SwapRequest; readonly people: ReadonlyMap<string, Person> },
): string {
  const { t, locale, team } = view;
  const time = swap.decidedAt ? instantText(swap.decidedAt, team.timezone, locale) : '';
  const by = nameOf(people, swap.decidedBy);
  switch (swap.status) {
    case 'pending_colleague':
      return t('swap.outcome.pending_colleague', { name: nameOf(people, swap.colleagueId) });
    case 'pending_lead':
      return t('swap.outcome.pending_lead', { name: nameOf(people, swap.leadId) });
    case 'approved':
      return t('swap.outcome.approved', { name: by, time });
    case 'declined':
      return t('swap.outcome.declined', { name: by, time });
    case 'rejected':
      return t('swap.outcome.rejected', { name: by, time });
    case 'expired':
      return t('swap.outcome.expired', { time });
    case 'cancelled':
      return swap.endReason === 'swap.end.withdrawn'
        ? t('swap.outcome.withdrawn', { name: nameOf(people, swap.requesterId), time })
        : t('swap.outcome.cancelled', { time });
  }
}

/** `/swap list`: my swaps, with Cancel on those I asked for that still wait for an answer. */
export function swapListBlocks(
  view: SwapViewContext,
  swaps: readonly SwapRequest[],
  me: string,
  people: ReadonlyMap<string, Person>,
): Block[] {
  const { t } = view;
  if (swaps.length === 0) return [section(t('swap.list.empty'))];
  return [
    section(`*${t('swap.list.title')}*`),
    ...swaps.map((swap): Block => {
      const other = swap.requesterId === me ? swap.colleagueId : swap.requesterId;
      const key = swap.requesterId === me ? 'swap.list.line_asked' : 'swap.list.line_asked_of';
      const line = section(
        t(key, { name: nameOf(people, other), shifts: swapShiftsText(swap, view), status: outcomeText(view, { swap, people }) }),
      );
      const cancellable = swap.requesterId === me && (swap.status === 'pending_colleague' || swap.status === 'pending_lead');
      if (!cancellable) return line;
      return {
        ...line,
        accessory: cancelButton(swap.id, t),
      };
    }),
  ];
}

/** The reason modal behind the lead's Reject; the swap's id rides in private_metadata. */
export function rejectReasonModal(
  { t }: Pick<SwapViewContext, 't'>,
  swapId: number,
  names: { requester: string; colleague: string },
  maxChars: number,
): types.ModalView {
  return {
    type: 'modal',
    callback_id: swapIds.rejectView,
    private_metadata: JSON.stringify({ swapId }),
    title: plain(t('swap.reject.title')),
    submit: plain(t('swap.reject.submit')),
    close: plain(t('swap.modal.close')),
    blocks: [textInput({ blockId: ids.rejectReason, label: t('swap.reject.reason'), hint: t('swap.reject.hint', names), maxChars })],
  };
}

/** The bullet list of refusals a DM carries when a swap could not go ahead. */
export function refusalBullets(
  view: SwapViewContext,
  refusals: readonly Parameters<typeof refusalText>[0][],
  names: ReadonlyMap<string, string>,
): string {
  return bullets(refusals.map((r) => refusalText(r, { ...view, names })));
}

/** The Cancel button of one of my swap requests, with Slack's confirm dialog (in /swap list and on the Home). */
export function cancelButton(swapId: number, t: Translate): types.Button {
  return {
    type: 'button',
    action_id: swapIds.cancel,
    text: plain(t('swap.list.cancel')),
    value: String(swapId),
    confirm: {
      title: plain(t('swap.list.confirm_title')),
      text: plain(t('swap.list.confirm_text')),
      confirm: plain(t('swap.list.cancel')),
      deny: plain(t('swap.list.confirm_keep')),
    },
  };
}
