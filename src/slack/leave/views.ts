/** Pure builders of the /leave modal, the approvers' cards and the messages; no Slack calls here. */
import type { types } from '@slack/bolt';
import type { Translate } from '../../i18n/t.js';
import type { LeaveApprovalStep, LeaveProofShare, LeaveRequest, Person } from '../../db/schema.js';
import type { ShiftStaffing } from '../../policy/coverage.js';
import type { CoveredShift } from '../../policy/leave.js';
import type { LocalDate } from '../../policy/time.js';
import { blockKitLimits } from '../blockkit-limits.js';
import { bullets, context, escapeMrkdwn, fitOrSummary, packLines, plain, section, textInput, type Block } from '../blocks.js';
import { dayText, humanDuration, instantText, joinList, labelIn, monthText, noticeDuration, shiftText, stepRolesName } from '../format.js';
import { leaveIds } from '../ids.js';
import { leaveTypeName } from '../refusals.js';
import type { ViewContext } from '../view-context.js';

export type LeaveViewContext = ViewContext;

/** The names of proof files that could not be copied, at most this long on the card (ten files of a hundred characters fit). */
const notSharedRoom = 1100;
const proofFileTypes = ['pdf', 'jpg', 'jpeg', 'png', 'heic'];

export interface LeavePreview {
  readonly covered: readonly CoveredShift[];
  readonly days: number;
  readonly hours: number;
}

/** The request modal; `preview` lists the shifts the picked dates cover. */
export function leaveRequestModal(
  view: LeaveViewContext,
  options: { today: LocalDate; preview?: LeavePreview; firstDay?: string; lastDay?: string },
): types.ModalView {
  const { t, locale, team } = view;
  const ids = leaveIds.blocks;
  const types = Object.entries(team.rules.leave.types);
  const proofOf = (when: 'before' | 'after') =>
    types.filter(([, type]) => type.proof === when).map(([, type]) => labelIn(type.label, locale));
  const [proofBefore, proofAfter] = [proofOf('before'), proofOf('after')];
  const datepicker = (blockId: string, label: string, initial: string | undefined): types.InputBlock => ({
    type: 'input',
    block_id: blockId,
    dispatch_action: true,
    label: plain(label),
    element: { type: 'datepicker', action_id: leaveIds.datePicked, initial_date: initial ?? options.today },
  });
  const blocks: Block[] = [
    {
      type: 'input',
      block_id: ids.type,
      label: plain(t('leave.modal.type')),
      element: {
        type: 'static_select',
        action_id: 'value',
        options: types.map(([code, type]) => ({ text: plain(labelIn(type.label, locale)), value: code })),
      },
    },
    datepicker(ids.firstDay, t('leave.modal.first_day'), options.firstDay),
    datepicker(ids.lastDay, t('leave.modal.last_day'), options.lastDay),
    { type: 'section', block_id: ids.preview, text: { type: 'mrkdwn', text: previewText(view, options.preview) } },
    textInput({
      blockId: ids.reason,
      label: t('leave.modal.reason'),
      hint: t('leave.modal.reason_hint'),
      maxChars: view.team.rules.leave.reason_max_chars,
    }),
  ];
  if (proofBefore.length + proofAfter.length > 0) {
    const hints = [
      ...(proofBefore.length > 0 ? [t('leave.modal.proof_hint_before', { types: joinList(proofBefore, t) })] : []),
      ...(proofAfter.length > 0 ? [t('leave.modal.proof_hint_after', { types: joinList(proofAfter, t) })] : []),
    ];
    blocks.push({
      type: 'input',
      block_id: ids.proof,
      optional: true,
      label: plain(t('leave.modal.proof')),
      hint: plain(hints.join(' ')),
      element: { type: 'file_input', action_id: 'value', filetypes: proofFileTypes, max_files: 3 },
    });
  }
  // only types whose proof may follow offer to hand it in later; the others need it with the request
  if (proofAfter.length > 0) {
    blocks.push({
      type: 'input',
      block_id: ids.proofLater,
      optional: true,
      label: plain(t('leave.modal.proof_later_label')),
      element: { type: 'checkboxes', action_id: 'value', options: [{ text: plain(t('leave.modal.proof_later')), value: 'later' }] },
    });
  }
  return {
    type: 'modal',
    callback_id: leaveIds.requestView,
    title: plain(t('leave.modal.title')),
    submit: plain(t('leave.modal.submit')),
    close: plain(t('leave.modal.close')),
    blocks,
  };
}

function previewText(view: LeaveViewContext, preview: LeavePreview | undefined): string {
  const { t, locale, policy } = view;
  if (preview === undefined) return t('leave.modal.preview_pick');
  if (preview.covered.length === 0) return t('leave.modal.preview_none');
  const heading = t('leave.modal.preview', { days: preview.days, hours: preview.hours });
  const lines = bullets(preview.covered.map((s) => shiftText(s, locale, policy)));
  return `${heading}\n${fitOrSummary(lines, sectionRoom(heading), () => shiftsSummary(preview.covered, view))}`;
}

/** What is left of a section's text once `used` (and a line break) is in it. */
const sectionRoom = (...used: string[]) => blockKitLimits.sectionText - used.reduce((n, text) => n + [...text].length + 1, 0);

/** "98 shifts, Mon 1 Mar – Sun 6 Jun": a list of shifts too long to show. */
function shiftsSummary(shifts: readonly { readonly date: string }[], { t, locale }: Pick<LeaveViewContext, 't' | 'locale'>): string {
  const dates = shifts.map((s) => s.date).sort();
  return t('leave.shifts_summary', {
    count: shifts.length,
    first: dayText(dates[0] ?? '', locale),
    last: dayText(dates.at(-1) ?? '', locale),
  });
}

export function datesText(
  request: Pick<LeaveRequest, 'firstDay' | 'lastDay'>,
  { t, locale }: Pick<LeaveViewContext, 't' | 'locale'>,
): string {
  const first = dayText(request.firstDay, locale);
  return request.firstDay === request.lastDay
    ? t('leave.dates.one', { first })
    : t('leave.dates.range', { first, last: dayText(request.lastDay, locale) });
}

export interface CardFacts {
  readonly request: LeaveRequest;
  readonly steps: readonly LeaveApprovalStep[];
  readonly step: LeaveApprovalStep;
  readonly people: ReadonlyMap<string, Person>;
  readonly covered: readonly { date: string; shiftCode: string }[];
  readonly staffing: readonly ShiftStaffing[];
  readonly heldThisMonth: number;
  readonly heldThisYear: number;
  readonly annualLeft: number | undefined;
  /** Months whose held days of the capped types pass the monthly cap. */
  readonly overMonthlyCap: readonly { readonly month: string; readonly held: number; readonly cap: number }[];
  readonly requiredNoticeMinutes: number;
  /** This approver's copies of the proof files, by the agent's file id: the card links the copies. */
  readonly proofShares?: ReadonlyMap<string, LeaveProofShare>;
}

const nameOf = (people: ReadonlyMap<string, Person>, id: string | null) => escapeMrkdwn((id && people.get(id)?.name) || id || '');

/** A file's link: the approver's own copy once it is shared; until then (or when it could not be) the link the form gave. */
function proofText(request: LeaveRequest, t: Translate, room: number, shares: ReadonlyMap<string, LeaveProofShare> | undefined): string {
  const files = request.proofFiles.map((f) => {
    const share = shares?.get(f.id);
    const link = share?.status === 'shared' ? (share.permalink ?? undefined) : f.permalink;
    return link ? `<${link}|${escapeMrkdwn(f.name)}>` : escapeMrkdwn(f.name);
  });
  const status = t(`leave.proof.${request.proof}`);
  if (files.length === 0) return status;
  return `${status} · ${packLines(files, room - [...status].length - 3, ' · ', (count) => t('leave.more', { count }))}`;
}

function overCapText(months: CardFacts['overMonthlyCap'], { t, locale }: LeaveViewContext): string {
  const cap = months[0]?.cap ?? 0;
  return t('leave.card.over_cap', {
    cap,
    months: joinList(
      months.map((m) => t('leave.card.over_cap_month', { month: monthText(m.month, locale), held: m.held })),
      t,
    ),
  });
}

/** What an approver needs to decide, with Approve / Reject while the step is theirs. */
export function approverCard(view: LeaveViewContext, facts: CardFacts): { text: string; blocks: Block[] } {
  const { t, locale, policy, team } = view;
  const { request, people, step, steps } = facts;
  const type = leaveTypeName(request.type, team, locale);
  const name = nameOf(people, request.personId);
  const dates = datesText(request, view);
  // steps that fell to one person (passed up, say) are one step of the chain
  const groups: LeaveApprovalStep[][] = [];
  for (const s of steps) {
    const last = groups.at(-1);
    if (last?.[0]?.approverId === s.approverId) last.push(s);
    else groups.push([s]);
  }
  const chain = groups
    .map((g) => {
      const approverId = g[0]?.approverId ?? null;
      const approver = approverId ? people.get(approverId) : undefined;
      return `${stepRolesName(g, approver, t)} ${nameOf(people, approverId)}`;
    })
    .join(t('chain.join'));
  const stepNumber = groups.findIndex((g) => g.some((s) => s.id === step.id)) + 1;
  const dateLine = t('leave.card.dates', { dates, days: request.leaveDays, hours: request.hours });
  const after = [
    t('leave.card.notice', {
      notice: humanDuration(Math.max(0, request.noticeMinutes), t),
      required: noticeDuration(facts.requiredNoticeMinutes, t),
    }),
    t('leave.card.taken', { month: facts.heldThisMonth, year: facts.heldThisYear, type }),
    ...(facts.annualLeft === undefined ? [] : [t('leave.card.balance_annual', { days: facts.annualLeft })]),
  ];
  const shiftList = joinList(
    facts.covered.map((s) => shiftText(s, locale, policy)),
    t,
  );
  const shifts = t('leave.card.shifts', {
    shifts: fitOrSummary(shiftList, sectionRoom(dateLine, ...after, t('leave.card.shifts', { shifts: '' })), () =>
      shiftsSummary(facts.covered, view),
    ),
  });
  const reason = t('leave.card.reason', { reason: escapeMrkdwn(request.reason) });
  const notShared = request.proofFiles.filter((f) => facts.proofShares?.get(f.id)?.status === 'failed');
  const notSharedLine =
    notShared.length > 0
      ? t('leave.card.proof_not_shared', {
          files: packLines(
            notShared.map((f) => escapeMrkdwn(f.name)),
            notSharedRoom,
            t('list.join'),
            (count) => t('leave.more', { count }),
          ),
          name,
        })
      : undefined;
  const proofLine = t('leave.card.proof', {
    status: proofText(
      request,
      t,
      sectionRoom(reason, t('leave.card.proof', { status: '' }), ...(notSharedLine ? [notSharedLine] : [])),
      facts.proofShares,
    ),
  });
  const proof = notSharedLine ? `${proofLine}\n${notSharedLine}` : proofLine;
  const staffing = staffingText(view, facts.staffing);
  const blocks: Block[] = [
    section(`*${t('leave.card.title', { name, type })}*`),
    ...(request.lateNotice ? [section(t('leave.card.late'))] : []),
    ...(facts.overMonthlyCap.length > 0 ? [section(overCapText(facts.overMonthlyCap, view))] : []),
    section([dateLine, shifts, ...after].join('\n')),
    section(`${reason}\n${proof}`),
    ...(staffing ? [section(staffing)] : []),
    context(
      t('leave.card.step', { step: stepNumber, steps: groups.length, chain }),
      ...(step.skipped.length > 0
        ? [
            t('leave.card.skipped', {
              names: joinList(
                step.skipped.map((id) => nameOf(people, id)),
                t,
              ),
            }),
          ]
        : []),
      ...(step.escalatedAt
        ? [t('leave.card.escalated_to_you', { waited: humanDuration(team.rules.leave.approval_escalate_after, t) })]
        : []),
    ),
    outcomeBlock(view, facts),
  ];
  return { text: t('leave.card.fallback', { name, type, dates }), blocks };
}

/** Staffing left per shift; when the list is too long for a section, the short shifts come first and the rest is counted. */
function staffingText({ t, locale }: LeaveViewContext, staffing: readonly ShiftStaffing[]): string | undefined {
  if (staffing.length === 0) return undefined;
  const line = (s: ShiftStaffing) => {
    const text = t('leave.card.staffing_line', { date: dayText(s.date, locale), shift: s.shiftCode, left: s.left, minimum: s.minimum });
    return s.left < s.minimum ? text + t('leave.card.staffing_short', { short: s.minimum - s.left }) : text;
  };
  const heading = t('leave.card.staffing');
  const room = sectionRoom(heading);
  const inOrder = bullets(staffing.map(line));
  if ([...inOrder].length <= room) return `${heading}\n${inOrder}`;
  const shortFirst = [...staffing.filter((s) => s.left < s.minimum), ...staffing.filter((s) => s.left >= s.minimum)];
  return `${heading}\n${packLines(
    shortFirst.map((s) => `• ${line(s)}`),
    room,
    '\n',
    (count) => t('leave.card.staffing_more', { count }),
  )}`;
}

/** Shifts to cover, as a list while it fits in `room` characters. */
function coverText(
  view: Pick<LeaveViewContext, 't' | 'locale'>,
  shifts: readonly { readonly date: string; readonly shiftCode: string }[],
  room: number,
): string {
  const list = shifts.map((s) => `${dayText(s.date, view.locale)} ${s.shiftCode}`).join(', ');
  return fitOrSummary(list, room, () => shiftsSummary(shifts, view));
}

/** Buttons while the step is pending; afterwards who decided, when, and what happens next. */
function outcomeBlock({ t, locale, team }: LeaveViewContext, { step, steps, people, request, covered, staffing }: CardFacts): Block {
  if (request.status === 'expired') return section(t('leave.card.expired'));
  if (request.status === 'cancelled') {
    const time = request.decidedAt ? instantText(request.decidedAt, team.timezone, locale) : '';
    return section(t('leave.card.withdrawn', { name: nameOf(people, request.personId), time }));
  }
  if (step.status === 'pending') {
    return {
      type: 'actions',
      block_id: leaveIds.blocks.decision,
      elements: [
        { type: 'button', action_id: leaveIds.approve, style: 'primary', text: plain(t('leave.card.approve')), value: String(step.id) },
        { type: 'button', action_id: leaveIds.reject, style: 'danger', text: plain(t('leave.card.reject')), value: String(step.id) },
        // emergency leave on a shift at its minimum: the lead can call for cover outside the swap notice
        ...(team.rules.leave.types[request.type]?.emergency && staffing.some((s) => s.left < s.minimum)
          ? [{ type: 'button' as const, action_id: leaveIds.findCover, text: plain(t('leave.card.find_cover')), value: String(step.id) }]
          : []),
      ],
    };
  }
  const by = nameOf(people, step.decidedBy);
  const time = step.decidedAt ? instantText(step.decidedAt, team.timezone, locale) : '';
  if (step.status === 'rejected') return section(t('leave.card.rejected_by', { name: by, time, reason: escapeMrkdwn(step.note ?? '') }));
  const next = steps.find((s) => s.position > step.position && s.status === 'pending');
  if (step.status === 'approved' && next)
    return section(t('leave.card.passed_on', { name: by, time, next: nameOf(people, next.approverId) }));
  if (step.status === 'approved') {
    const approved = t('leave.card.approved_by', { name: by, time });
    const cover =
      request.status === 'approved'
        ? `\n${t('leave.card.cover_needed', { shifts: coverText({ t, locale }, covered, sectionRoom(approved, t('leave.card.cover_needed', { shifts: '' }))) })}`
        : '';
    return section(approved + cover);
  }
  // a later step that never came to this approver, or a request closed meanwhile
  const decided = steps.find((s) => s.status === 'rejected') ?? [...steps].reverse().find((s) => s.status === 'approved');
  const decidedBy = nameOf(people, decided?.decidedBy ?? null);
  const decidedTime = decided?.decidedAt ? instantText(decided.decidedAt, team.timezone, locale) : '';
  return decided?.status === 'rejected'
    ? section(t('leave.card.rejected_by', { name: decidedBy, time: decidedTime, reason: escapeMrkdwn(decided.note ?? '') }))
    : section(t('leave.card.approved_by', { name: decidedBy, time: decidedTime }));
}

/** A small modal with one input that carries a row id in private_metadata. */
function oneInputModal(
  { t }: Pick<LeaveViewContext, 't'>,
  p: { callbackId: string; metadata: Record<string, number>; title: string; submit: string; input: types.InputBlock },
): types.ModalView {
  return {
    type: 'modal',
    callback_id: p.callbackId,
    private_metadata: JSON.stringify(p.metadata),
    title: plain(p.title),
    submit: plain(p.submit),
    close: plain(t('leave.modal.close')),
    blocks: [p.input],
  };
}

/** The reason modal behind Reject. */
export function rejectReasonModal(
  view: Pick<LeaveViewContext, 't'>,
  stepId: number,
  requesterName: string,
  maxChars: number,
): types.ModalView {
  const { t } = view;
  return oneInputModal(view, {
    callbackId: leaveIds.rejectView,
    metadata: { stepId },
    title: t('leave.reject.title'),
    submit: t('leave.reject.submit'),
    input: textInput({
      blockId: leaveIds.blocks.rejectReason,
      label: t('leave.reject.reason'),
      hint: t('leave.reject.hint', { name: requesterName }),
      maxChars,
    }),
  });
}

/** `/leave list`: my requests, newest first, with Withdraw where that may still work. */
export function leaveListBlocks(view: LeaveViewContext, requests: readonly LeaveRequest[], today: LocalDate): Block[] {
  const { t, locale, team } = view;
  if (requests.length === 0) return [section(t('leave.list.empty'))];
  return [
    section(`*${t('leave.list.title')}*`),
    ...requests.map((request): Block => {
      const line = section(
        t('leave.list.line', {
          type: leaveTypeName(request.type, team, locale),
          dates: datesText(request, view),
          status: t(`leave.status.${request.status}`),
        }),
      );
      const withdrawable = request.status === 'pending' || (request.status === 'approved' && request.firstDay >= today);
      if (!withdrawable) return line;
      return {
        ...line,
        accessory: withdrawButton(request.id, t),
      };
    }),
  ];
}

/** What a slow approver's card says once the step has passed up: whose request it was, and to whom it went. */
export function escalatedCard(
  { t, locale, team }: LeaveViewContext,
  p: { summary: string; to: string; at: Date },
): { text: string; blocks: Block[] } {
  const waited = humanDuration(team.rules.leave.approval_escalate_after, t);
  return {
    text: p.summary,
    blocks: [
      section(p.summary),
      section(t('leave.card.escalated', { waited, name: escapeMrkdwn(p.to), time: instantText(p.at, team.timezone, locale) })),
    ],
  };
}

/** The DM that reminds an agent of owed proof, with the button that opens the upload. */
export function proofReminderMessage(view: LeaveViewContext, request: LeaveRequest, due: Date): { text: string; blocks: Block[] } {
  const { t, locale, team } = view;
  const text = t('leave.dm.proof_reminder', {
    type: leaveTypeName(request.type, team, locale),
    dates: datesText(request, view),
    due: instantText(due, team.timezone, locale),
  });
  return {
    text,
    blocks: [
      section(text),
      {
        type: 'actions',
        block_id: leaveIds.blocks.decision,
        elements: [
          {
            type: 'button',
            action_id: leaveIds.attachProof,
            style: 'primary',
            text: plain(t('leave.proof.attach')),
            value: String(request.id),
          },
        ],
      },
    ],
  };
}

/** The upload modal for owed proof. */
export function proofUploadModal(view: Pick<LeaveViewContext, 't'>, requestId: number): types.ModalView {
  const { t } = view;
  return oneInputModal(view, {
    callbackId: leaveIds.proofView,
    metadata: { requestId },
    title: t('leave.proof.title'),
    submit: t('leave.proof.submit'),
    input: {
      type: 'input',
      block_id: leaveIds.blocks.proofFiles,
      label: plain(t('leave.proof.files')),
      element: { type: 'file_input', action_id: 'value', filetypes: proofFileTypes, max_files: 3 },
    },
  });
}

/** The Withdraw button of one of my requests, with Slack's confirm dialog (in /leave list and on the Home). */
export function withdrawButton(requestId: number, t: Translate): types.Button {
  return {
    type: 'button',
    action_id: leaveIds.withdraw,
    text: plain(t('leave.list.withdraw')),
    value: String(requestId),
    confirm: {
      title: plain(t('leave.list.confirm_title')),
      text: plain(t('leave.list.confirm_text')),
      confirm: plain(t('leave.list.withdraw')),
      deny: plain(t('leave.list.confirm_keep')),
    },
  };
}
