/** Pure builders of the /handover modal, the handover message and the history; no Slack calls here. */
import type { types } from '@slack/bolt';
import type { Handover, HandoverCase, HandoverContent, Person } from '../../db/schema.js';
import type { Translate } from '../../i18n/t.js';
import type { StaffingChange } from '../../db/queries/handover.js';
import { occurrenceKey, type ShiftOccurrence } from '../../policy/handover.js';
import type { HandoverCardData, HandoverForm } from '../../use-cases/handover.js';
import { blockKitLimits, inputMax } from '../blockkit-limits.js';
import { clipText } from '../clip-text.js';
import { bullets, context, escapeMrkdwn, header, plain, section, textInput, type Block } from '../blocks.js';
import { instantText, joinList, labelIn, shiftText } from '../format.js';
import { handoverIds } from '../ids.js';
import { leaveTypeName } from '../refusals.js';
import type { ViewContext } from '../view-context.js';

export type HandoverViewContext = ViewContext;

const ids = handoverIds.blocks;

/** Cuts a text to `max` characters (code points), between graphemes, marking the cut. */
export function clip(text: string, max: number): string {
  return clipText(text, max);
}

/** Cuts escaped mrkdwn to `max` characters (code points), never inside an escape or a link, marking the cut. */
export function clipMrkdwn(text: string, max: number): string {
  return clipText(text, max, { mrkdwn: true });
}

const nameOf = (people: ReadonlyMap<string, Person>, id: string | null | undefined) => (id && people.get(id)?.name) || id || '';

export function shiftName(
  shift: { date: string; shiftCode: string },
  { locale, policy }: Pick<HandoverViewContext, 'locale' | 'policy'>,
): string {
  return shiftText(shift, locale, policy);
}

/** One line about a case, plain (for labels) or mrkdwn-escaped (for messages). */
export function caseLine(view: HandoverViewContext, c: HandoverCase, people: ReadonlyMap<string, Person>, forMrkdwn = false): string {
  const { t, locale, team } = view;
  const text = (s: string) => (forMrkdwn ? escapeMrkdwn(s) : s);
  const parts = [
    `#${c.id} ${text(c.what)}`,
    ...(c.promise ? [t('handover.case.promise', { promise: text(c.promise) })] : []),
    ...(c.dueAt ? [t('handover.case.due', { due: instantText(c.dueAt, team.timezone, locale) })] : []),
    t('handover.case.owner', { name: text(nameOf(people, c.ownerId)) }),
  ];
  return parts.join(' — ');
}

/** What the modal needs beyond the form facts. */
export interface HandoverModalOptions {
  /** How many blank new-case rows to show. */
  readonly slots: number;
  /** Who is rostered on the incoming shift. */
  readonly incoming: readonly string[];
}

/** Blocks of the modal that are always there, counted so that open cases and new-case rows fit into Slack's 100. */
const fixedModalBlocks = 14;
const blocksPerSlot = 4;

/** The most blank case rows the modal offers; the rest of the 100 blocks go to open cases. */
export const maxCaseSlots = 5;

export function handoverModal(view: HandoverViewContext, form: HandoverForm, options: HandoverModalOptions): types.ModalView {
  const { t } = view;
  const maxField = inputMax(view.team.rules.handover.field_max_chars);
  const maxLine = inputMax(view.team.rules.handover.case_line_max_chars);
  const existing = form.existing;
  const content = existing?.content;
  const slots = Math.min(Math.max(1, options.slots), maxCaseSlots);
  const room = blockKitLimits.viewBlocks - fixedModalBlocks - blocksPerSlot * slots;
  const shown = form.openCases.slice(0, Math.max(0, room));
  const hidden = form.openCases.length - shown.length;
  const text = (blockId: string, label: string, initial: string | undefined, hint?: string): types.InputBlock =>
    textInput({ blockId, label, hint, initial, optional: true, maxChars: maxField });

  const blocks: Block[] = [];
  if (existing) {
    blocks.push(
      section(
        t(existing.status === 'taken_over' ? 'handover.modal.addendum_of' : 'handover.modal.amending', {
          shift: shiftName(form.shifts.ending, view),
          version: existing.version + 1,
        }),
      ),
    );
  } else {
    const option = (o: ShiftOccurrence) => ({ text: plain(clip(shiftName(o, view), blockKitLimits.optionText)), value: occurrenceKey(o) });
    blocks.push({
      type: 'input',
      block_id: ids.shift,
      dispatch_action: true,
      label: plain(t('handover.modal.shift')),
      element: {
        type: 'static_select',
        action_id: handoverIds.shiftPicked,
        options: form.choices.slice(0, blockKitLimits.selectOptions).map(option),
        initial_option: option(form.shifts.ending),
      },
    });
  }
  const incomingNames = options.incoming.map((id) => nameOf(form.people, id));
  const to = t('handover.modal.to', {
    shift: escapeMrkdwn(shiftName(form.shifts.next, view)),
    start: instantText(form.shifts.next.start, view.team.timezone, view.locale),
    people: incomingNames.length > 0 ? escapeMrkdwn(joinList(incomingNames, t)) : t('handover.modal.nobody_rostered'),
  });
  blocks.push(context(clipMrkdwn(to, blockKitLimits.sectionText)));
  const equipmentOptions = [
    { text: plain(t('handover.equipment.ok')), value: 'ok' },
    { text: plain(t('handover.equipment.issue')), value: 'issue' },
  ];
  const equipmentInitial = content ? equipmentOptions[content.equipmentOk ? 0 : 1] : equipmentOptions[0];
  blocks.push(
    {
      type: 'input',
      block_id: ids.equipment,
      label: plain(t('handover.modal.equipment')),
      element: {
        type: 'radio_buttons',
        action_id: 'value',
        options: equipmentOptions,
        ...(equipmentInitial ? { initial_option: equipmentInitial } : {}),
      },
    },
    textInput({
      blockId: ids.equipmentIssue,
      optional: true,
      label: t('handover.modal.equipment_issue'),
      maxChars: maxField,
      singleLine: true,
      initial: content?.equipmentIssue,
    }),
    section(
      form.openCases.length === 0
        ? t('handover.modal.no_open_cases')
        : `*${t('handover.modal.open_cases', { count: form.openCases.length })}*\n${t('handover.modal.open_cases_hint')}`,
    ),
  );
  for (const c of shown) {
    blocks.push(
      textInput({
        blockId: `${handoverIds.fieldPrefix}resolution.${c.id}`,
        optional: true,
        label: clip(caseLine(view, c, form.people), blockKitLimits.inputLabel),
        maxChars: maxLine,
        singleLine: true,
        placeholder: clip(t('handover.modal.carried_on'), blockKitLimits.placeholder),
      }),
    );
  }
  if (hidden > 0) blocks.push(context(t('handover.modal.more_cases', { count: hidden })));
  blocks.push(section(`*${t('handover.modal.new_cases')}*\n${t('handover.modal.new_cases_hint')}`));
  for (let slot = 0; slot < slots; slot += 1) {
    const id = (field: string) => `${handoverIds.fieldPrefix}${field}.${slot}`;
    blocks.push(
      textInput({
        blockId: id('case_what'),
        optional: true,
        label: t('handover.modal.case_what', { n: slot + 1 }),
        maxChars: maxLine,
        singleLine: true,
      }),
      textInput({
        blockId: id('case_promise'),
        optional: true,
        label: t('handover.modal.case_promise'),
        maxChars: maxLine,
        singleLine: true,
      }),
      {
        type: 'input',
        block_id: id('case_due'),
        optional: true,
        label: plain(t('handover.modal.case_due')),
        element: { type: 'datetimepicker', action_id: 'value' },
      },
      {
        type: 'input',
        block_id: id('case_owner'),
        optional: true,
        label: plain(t('handover.modal.case_owner')),
        element: { type: 'users_select', action_id: 'value' },
      },
    );
  }
  if (slots < maxCaseSlots && form.openCases.length <= room - blocksPerSlot) {
    blocks.push({
      type: 'actions',
      block_id: ids.addCase,
      elements: [{ type: 'button', action_id: handoverIds.addCase, text: plain(t('handover.modal.add_case')), value: String(slots + 1) }],
    });
  }
  const staffingText = content?.staffing ?? staffingLines(view, form.staffing).join('\n');
  blocks.push(
    // Named after the shift, so picking another shift fills in that shift's changes (Slack keeps what was typed in a block it knows).
    text(
      existing ? ids.staffing : `${ids.staffing}.${form.shifts.next.date}.${form.shifts.next.shiftCode}`,
      t('handover.modal.staffing'),
      staffingText,
      t('handover.modal.staffing_hint'),
    ),
    text(ids.process, t('handover.modal.process'), content?.process),
    text(ids.instructions, t('handover.modal.instructions'), content?.instructions),
    text(ids.feedback, t('handover.modal.feedback'), content?.feedback),
    text(ids.notes, t('handover.modal.notes'), content?.notes),
  );
  return {
    type: 'modal',
    callback_id: handoverIds.writeView,
    private_metadata: JSON.stringify({ slots, ...(existing ? { handoverId: existing.id } : {}) }),
    title: plain(t(existing ? 'handover.modal.title_amend' : 'handover.modal.title')),
    submit: plain(t('handover.modal.submit')),
    close: plain(t('handover.modal.close')),
    blocks,
  };
}

/**
 * The staffing changes of the incoming shift, one line each, in the reader's language. The lines are
 * posted to the team channel with the handover, so leave is named by its type only where the policy
 * lets a channel see it (`leave.show_type_in_channel`).
 */
export function staffingLines(view: HandoverViewContext, changes: readonly StaffingChange[]): string[] {
  const showType = view.team.rules.leave.show_type_in_channel;
  return changes.map((c) =>
    c.kind === 'leave'
      ? showType && c.leaveType
        ? view.t('handover.staffing.leave_type', { name: c.name, type: leaveTypeName(c.leaveType, view.team, view.locale) })
        : view.t('handover.staffing.leave', { name: c.name })
      : c.coveredBy !== undefined
        ? view.t('handover.staffing.swap_by', { name: c.name, by: c.coveredBy })
        : view.t('handover.staffing.swap', { name: c.name }),
  );
}

/** What a list's section keeps free of lines: room for the title and the "and N more" line. */
const listTitleRoom = 200;

/** The longest line a list keeps: escaping can make a case line five times as long as typed. */
const maxListLineLength = 1000;

/** What `bullets` adds to each line: the bullet and its space before it, the newline after it. */
const bulletOverhead = 3;

/**
 * A titled mrkdwn list over as many sections as it needs, at most `maxSections`: what does not fit
 * is counted instead, and each line is cut to `maxListLineLength`, so a long list never breaks a message.
 */
function listSections(
  title: string,
  lines: readonly string[],
  more: (count: number) => string,
  maxSections: number,
  maxChars = Infinity,
): Block[] {
  const limit = blockKitLimits.sectionText - listTitleRoom;
  const sections: string[][] = [[]];
  let length = [...title].length;
  let total = length;
  let kept = 0;
  for (const line of lines.map((l) => clipMrkdwn(l, maxListLineLength))) {
    const size = [...line].length + bulletOverhead;
    total += size;
    if (total > maxChars) break;
    if (length + size > limit) {
      if (sections.length >= maxSections) break;
      sections.push([]);
      length = 0;
    }
    (sections.at(-1) as string[]).push(line);
    length += size;
    kept += 1;
  }
  const rest = lines.length - kept;
  return sections.map((chunk, i) => {
    const parts = [
      ...(i === 0 ? [title] : []),
      ...(chunk.length > 0 ? [bullets(chunk)] : []),
      ...(rest > 0 && i === sections.length - 1 ? [more(rest)] : []),
    ];
    return section(parts.join('\n'));
  });
}

/** Sections a message gives to its open cases and to the cases it resolved; with the rest it stays under Slack's 50 blocks. */
const openCaseSections = 25;
const resolvedCaseSections = 10;
/** Characters of a message's text budget its open cases and the cases it resolved may take; the rest is counted. */
const openCaseChars = 6000;
const resolvedCaseChars = 2000;

/** Slack's practical limit for a message: it truncates or refuses one whose sections' texts add up to much more. */
export const messageTextBudget = blockKitLimits.messageBlocksText;

const sectionText = (block: Block): string => (block.type === 'section' ? (block.text?.text ?? '') : '');
const textLength = (blocks: readonly Block[]): number => blocks.reduce((sum, b) => sum + [...sectionText(b)].length, 0);

/** The least room left worth a cut section: below it the note alone follows the sections kept. */
const leastCutSection = 200;

/** The blocks whose section texts fit `budget`: the one that crosses it is cut, the rest replaced by `note`. */
function withinBudget(blocks: readonly Block[], budget: number, note: string): Block[] {
  if (textLength(blocks) <= budget) return [...blocks];
  const room = budget - [...note].length;
  const kept: Block[] = [];
  let used = 0;
  for (const block of blocks) {
    const length = [...sectionText(block)].length;
    if (used + length > room) {
      if (room - used > leastCutSection) kept.push(section(clipMrkdwn(sectionText(block), room - used)));
      break;
    }
    kept.push(block);
    used += length;
  }
  return [...kept, section(note)];
}

/** The text fields of a handover with the card's label of each. */
const textSectionsOf = (content: HandoverContent) =>
  [
    ['handover.card.staffing', content.staffing],
    ['handover.card.process', content.process],
    ['handover.card.instructions', content.instructions],
    ['handover.card.feedback', content.feedback],
    ['handover.card.notes', content.notes],
  ] as const;

const equipmentLine = ({ t }: HandoverViewContext, content: HandoverContent) =>
  clipMrkdwn(
    content.equipmentOk
      ? t('handover.card.equipment_ok')
      : t('handover.card.equipment_issue', { issue: escapeMrkdwn(content.equipmentIssue) }),
    blockKitLimits.sectionText,
  );

/**
 * The handover as the channel and the incoming shift see it, with the buttons that still apply. After
 * the take-over it shows the version taken over, and each later version after it as a labelled addendum.
 */
export function handoverMessage(view: HandoverViewContext, data: HandoverCardData): { text: string; blocks: Block[] } {
  const { t } = view;
  const { handover, people } = data;
  const shift = shiftName({ date: handover.shiftDate, shiftCode: handover.shiftCode }, view);
  const next = shiftName({ date: handover.nextDate, shiftCode: handover.nextShiftCode }, view);
  const author = escapeMrkdwn(nameOf(people, handover.authorId));
  const content = data.record;
  const fallback = t('handover.card.fallback', { shift, name: nameOf(people, handover.authorId) });
  const blocks: Block[] = [
    header(clip(t('handover.card.title', { shift }), blockKitLimits.headerText)),
    section(t('handover.card.from_to', { name: author, next: escapeMrkdwn(next) })),
    section(equipmentLine(view, content)),
  ];
  const caseLines = data.openCases.map((c) =>
    c.status === 'resolved'
      ? t('handover.card.case_resolved_since', { line: caseLine(view, c, people, true) })
      : caseLine(view, c, people, true),
  );
  const more = (count: number) => t('handover.card.more_cases', { count });
  if (caseLines.length === 0) blocks.push(section(t('handover.card.no_open_cases')));
  else
    blocks.push(
      ...listSections(`*${t('handover.card.open_cases', { count: caseLines.length })}*`, caseLines, more, openCaseSections, openCaseChars),
    );
  if (data.resolvedHere.length > 0) {
    const lines = data.resolvedHere.map((c) =>
      t('handover.card.resolved_line', { line: caseLine(view, c, people, true), resolution: escapeMrkdwn(c.resolution ?? '') }),
    );
    blocks.push(
      ...listSections(`*${t('handover.card.resolved', { count: lines.length })}*`, lines, more, resolvedCaseSections, resolvedCaseChars),
    );
  }
  for (const [key, value] of textSectionsOf(content))
    if (value !== '') blocks.push(section(clipMrkdwn(`*${t(key)}*\n${escapeMrkdwn(value)}`, blockKitLimits.sectionText)));
  const tail = [context(versionLine(view, data)), ...statusBlocks(view, data)];
  // one block is kept for the note that the text was cut
  blocks.push(...addendumSections(view, data, blockKitLimits.messageBlocks - blocks.length - tail.length - 1));
  const fitted = withinBudget(blocks, messageTextBudget - textLength(tail), t('handover.card.truncated'));
  return { text: fallback, blocks: [...fitted, ...tail] };
}

/** One section per addendum, labelled with its version, author and time, as far as `room` blocks allow. */
function addendumSections(view: HandoverViewContext, data: HandoverCardData, room: number): Block[] {
  const { t, locale, team } = view;
  if (data.addenda.length === 0 || room <= 0) return [];
  const shown = data.addenda.length <= room ? data.addenda : data.addenda.slice(0, room - 1);
  const sections = shown.map(({ version, before, opened, resolved }) => {
    const title = `*${t('handover.card.addendum_title', { version: version.version, by: escapeMrkdwn(nameOf(data.people, version.authorId)), at: instantText(version.at, team.timezone, locale) })}*`;
    const after = version.content;
    const equipmentChanged = after.equipmentOk !== before.equipmentOk || after.equipmentIssue !== before.equipmentIssue;
    const changedTexts = textSectionsOf(after).filter(([key, value]) => value !== textSectionsOf(before).find(([k]) => k === key)?.[1]);
    const lines = [
      ...(equipmentChanged ? [equipmentLine(view, after)] : []),
      ...changedTexts.map(([key, value]) => `*${t(key)}*\n${value === '' ? t('handover.card.addendum_cleared') : escapeMrkdwn(value)}`),
      ...opened.map((c) =>
        t('handover.card.addendum_new_case', { line: clipMrkdwn(caseLine(view, c, data.people, true), maxListLineLength) }),
      ),
      ...resolved.map((c) =>
        t('handover.card.addendum_resolved_case', {
          line: clipMrkdwn(caseLine(view, c, data.people, true), maxListLineLength),
          resolution: escapeMrkdwn(c.resolution ?? ''),
        }),
      ),
    ];
    return section(
      clipMrkdwn([title, ...(lines.length > 0 ? lines : [t('handover.card.addendum_unchanged')])].join('\n'), blockKitLimits.sectionText),
    );
  });
  const hidden = data.addenda.length - shown.length;
  return hidden > 0 ? [...sections, section(t('handover.card.more_addenda', { count: hidden }))] : sections;
}

function versionLine({ t, locale, team }: HandoverViewContext, { handover, versions, people }: HandoverCardData): string {
  const latest = versions.at(-1);
  const at = latest ? instantText(latest.at, team.timezone, locale) : '';
  const by = escapeMrkdwn(nameOf(people, latest?.authorId));
  if (latest?.addendum)
    return t('handover.card.version_addendum', { version: handover.version, by, at, taken: handover.takenOverVersion ?? 1 });
  return handover.version === 1
    ? t('handover.card.version_first', { by, at })
    : t('handover.card.version_amended', { version: handover.version, by, at });
}

/** The Take over, Refuse and Amend buttons' value: the handover and the version its message shows. */
export const handoverAnswerValue = (handover: { readonly id: number; readonly version: number }): string =>
  `${handover.id}:${handover.version}`;

export function statusBlocks(view: HandoverViewContext, { handover, people, incoming }: HandoverCardData): Block[] {
  const { t, locale, team } = view;
  const button = (actionId: string, key: Parameters<Translate>[0], style?: 'primary' | 'danger'): types.Button => ({
    type: 'button',
    action_id: actionId,
    text: plain(t(key)),
    value: handoverAnswerValue(handover),
    ...(style ? { style } : {}),
  });
  if (handover.status === 'taken_over') {
    const taken = section(
      t('handover.card.taken_over', {
        name: escapeMrkdwn(nameOf(people, handover.takenOverBy)),
        at: handover.takenOverAt ? instantText(handover.takenOverAt, team.timezone, locale) : '',
        version: handover.takenOverVersion ?? handover.version,
      }),
    );
    return [taken, { type: 'actions', block_id: ids.decision, elements: [button(handoverIds.amend, 'handover.card.add_addendum')] }];
  }
  const actions: Block = {
    type: 'actions',
    block_id: ids.decision,
    elements: [
      button(handoverIds.takeOver, 'handover.card.take_over', 'primary'),
      button(handoverIds.refuse, 'handover.card.refuse', 'danger'),
      button(handoverIds.amend, 'handover.card.amend'),
    ],
  };
  if (handover.status === 'refused') {
    const reason = handover.lastRefusalReason ? team.rules.handover.refusal_reasons[handover.lastRefusalReason] : undefined;
    const refused = section(
      t('handover.card.refused', {
        name: escapeMrkdwn(nameOf(people, handover.lastRefusedBy)),
        reason: reason ? labelIn(reason, locale) : (handover.lastRefusalReason ?? ''),
        note: escapeMrkdwn(handover.lastRefusalNote ?? ''),
      }),
    );
    return [refused, actions];
  }
  return [section(t(incoming.length > 0 ? 'handover.card.waiting' : 'handover.card.waiting_lead')), actions];
}

/** The modal behind Refuse: one of the policy's reasons and a note. */
export function refuseModal(view: HandoverViewContext, handover: Handover, authorName: string): types.ModalView {
  const { t, locale, team } = view;
  const reasons = Object.entries(team.rules.handover.refusal_reasons).map(([code, label]) => ({
    text: plain(clip(labelIn(label, locale), blockKitLimits.optionText)),
    value: code,
  }));
  const element: types.InputBlock['element'] =
    reasons.length <= blockKitLimits.choiceOptions
      ? { type: 'radio_buttons', action_id: 'value', options: reasons }
      : { type: 'static_select', action_id: 'value', options: reasons.slice(0, blockKitLimits.selectOptions) };
  return {
    type: 'modal',
    callback_id: handoverIds.refuseView,
    private_metadata: JSON.stringify({ handoverId: handover.id, version: handover.version }),
    title: plain(t('handover.refuse.title')),
    submit: plain(t('handover.refuse.submit')),
    close: plain(t('handover.modal.close')),
    blocks: [
      section(
        t('handover.refuse.intro', {
          shift: escapeMrkdwn(shiftName({ date: handover.shiftDate, shiftCode: handover.shiftCode }, view)),
          name: escapeMrkdwn(authorName),
        }),
      ),
      { type: 'input', block_id: ids.refuseReason, label: plain(t('handover.refuse.reason')), element },
      textInput({
        blockId: ids.refuseNote,
        label: t('handover.refuse.note'),
        hint: t('handover.refuse.note_hint'),
        maxChars: view.team.rules.handover.refusal_note_max_chars,
      }),
    ],
  };
}

/** Sections the history gives to open cases, after one per handover listed. */
const historyCaseSections = 20;

/** `/handover history`: the team's recent handovers and its open cases. */
export function historyBlocks(
  view: HandoverViewContext,
  data: {
    handovers: readonly Handover[];
    openCases: readonly HandoverCase[];
    people: ReadonlyMap<string, Person>;
    term: string | undefined;
  },
): Block[] {
  const { t, locale, team } = view;
  const blocks: Block[] = [
    section(`*${data.term ? t('handover.history.title_search', { term: escapeMrkdwn(data.term) }) : t('handover.history.title')}*`),
  ];
  if (data.handovers.length === 0) blocks.push(section(t('handover.history.none')));
  for (const h of data.handovers) {
    const status =
      h.status === 'taken_over'
        ? t('handover.history.taken_over', {
            name: escapeMrkdwn(nameOf(data.people, h.takenOverBy)),
            at: h.takenOverAt ? instantText(h.takenOverAt, team.timezone, locale) : '',
          })
        : t(`handover.status.${h.status}`);
    const line = t('handover.history.line', {
      shift: escapeMrkdwn(shiftName({ date: h.shiftDate, shiftCode: h.shiftCode }, view)),
      name: escapeMrkdwn(nameOf(data.people, h.authorId)),
      version: h.version,
      status,
    });
    const notes = [
      h.content.equipmentOk ? '' : t('handover.card.equipment_issue', { issue: escapeMrkdwn(h.content.equipmentIssue) }),
      h.content.notes ? escapeMrkdwn(h.content.notes) : '',
    ].filter(Boolean);
    blocks.push(section(clipMrkdwn([line, ...notes].join('\n'), blockKitLimits.sectionText)));
  }
  const caseLines = data.openCases.map((c) => caseLine(view, c, data.people, true));
  if (caseLines.length === 0) blocks.push(section(t('handover.history.no_open_cases')));
  else
    blocks.push(
      ...listSections(
        `*${t('handover.card.open_cases', { count: caseLines.length })}*`,
        caseLines,
        (count) => t('handover.card.more_cases', { count }),
        historyCaseSections,
      ),
    );
  return blocks;
}
