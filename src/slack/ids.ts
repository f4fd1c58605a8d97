/**
 * Every name Slack and the code must agree on: slash commands, events, action_ids, callback_ids.
 * manifest.yml declares the same commands and events; test/manifest.test.ts keeps both in step.
 */
export const commands = {
  leave: '/leave',
  swap: '/swap',
  handover: '/handover',
  report: '/report',
} as const;

export type Feature = keyof typeof commands;

export const events = {
  appHomeOpened: 'app_home_opened',
} as const;

/** /leave: modal callback_ids, action_ids and the block_ids that field errors point at. */
export const leaveIds = {
  requestView: 'leave.request',
  rejectView: 'leave.reject_reason',
  approve: 'leave.approve',
  reject: 'leave.reject',
  withdraw: 'leave.withdraw',
  attachProof: 'leave.attach_proof',
  proofView: 'leave.proof_upload',
  datePicked: 'leave.date_picked',
  findCover: 'leave.find_cover',
  blocks: {
    type: 'leave.type',
    firstDay: 'leave.first_day',
    lastDay: 'leave.last_day',
    preview: 'leave.preview',
    reason: 'leave.reason',
    proof: 'leave.proof',
    proofLater: 'leave.proof_later',
    decision: 'leave.decision',
    rejectReason: 'leave.reject_reason',
    proofFiles: 'leave.proof_files',
  },
} as const;

/** /swap: modal callback_ids, action_ids and block_ids. */
export const swapIds = {
  requestView: 'swap.request',
  formChanged: 'swap.form_changed',
  accept: 'swap.accept',
  decline: 'swap.decline',
  approve: 'swap.approve',
  reject: 'swap.reject',
  cancel: 'swap.cancel',
  rejectView: 'swap.reject_reason',
  coverAccept: 'swap.cover_accept',
  blocks: {
    myShift: 'swap.my_shift',
    colleague: 'swap.colleague',
    /** Followed by `:<colleague id>`, so a shift picked for one colleague never carries over to another. */
    theirShift: 'swap.their_shift',
    preview: 'swap.preview',
    note: 'swap.note',
    answer: 'swap.answer',
    rejectReason: 'swap.reject_reason',
  },
} as const;

/** /report: the summary modal, the reminder's button, and the modal's fields. */
export const reportIds = {
  view: 'report.write',
  open: 'report.open',
  blocks: {
    done: 'report.done',
    improve: 'report.improve',
  },
} as const;

/**
 * /handover: modal callback_ids, action_ids and block_ids. A field's block_id is `handover.<field>`,
 * the field names the use case's refusals carry (`case_what.0`, `resolution.12`…).
 */
export const handoverIds = {
  writeView: 'handover.write',
  refuseView: 'handover.refuse_reason',
  takeOver: 'handover.take_over',
  refuse: 'handover.refuse',
  amend: 'handover.amend',
  /** The reminder's button: opens the form for the shift it names. */
  open: 'handover.open',
  shiftPicked: 'handover.shift_picked',
  addCase: 'handover.add_case',
  fieldPrefix: 'handover.',
  blocks: {
    shift: 'handover.shift',
    equipment: 'handover.equipment',
    equipmentIssue: 'handover.equipment_issue',
    staffing: 'handover.staffing',
    process: 'handover.process',
    instructions: 'handover.instructions',
    feedback: 'handover.feedback',
    notes: 'handover.notes',
    addCase: 'handover.add_case_row',
    decision: 'handover.decision',
    refuseReason: 'handover.refuse_reason',
    refuseNote: 'handover.refuse_note',
  },
} as const;

/** The Home tab's buttons that start a job: each opens the same modal as its slash command. */
export const homeStartIds = {
  requestLeave: 'home.start_leave',
  swapShift: 'home.start_swap',
  writeHandover: 'home.start_handover',
  weeklySummary: 'home.start_report',
} as const;

/** The Home tab's other buttons. */
export const homeIds = {
  /** "Waiting for you"'s pages: the value is how many of the most urgent items the next page skips. */
  page: 'home.inbox_page',
  pageFirst: 'home.inbox_first',
  /** The Coverage section's button: the week gathered for the team meeting, sent by DM. */
  teamWeek: 'home.team_week',
} as const;

/** The comp-time proposal card (POLICY §1) and its Adjust modal. */
export const compTimeIds = {
  approve: 'comp_time.approve',
  adjust: 'comp_time.adjust',
  adjustView: 'comp_time.adjust_hours',
  blocks: {
    decision: 'comp_time.decision',
    hours: 'comp_time.hours',
  },
} as const;
