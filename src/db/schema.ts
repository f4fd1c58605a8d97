import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { approverRoles, roles } from '../policy/policy-file.js';
import { rosterStatuses } from '../policy/roster-status.js';
import type { LocalDate } from '../policy/time.js';

export const roleEnum = pgEnum('role', roles);
export const rosterStatusEnum = pgEnum('roster_status', rosterStatuses);
export const leaveStatuses = ['pending', 'approved', 'rejected', 'cancelled', 'expired'] as const;
export const leaveStatusEnum = pgEnum('leave_status', leaveStatuses);
/** waiting: a later step not reached yet; pending: the step being decided now. */
export const stepStatuses = ['waiting', 'pending', 'approved', 'rejected', 'cancelled', 'expired'] as const;
export const stepStatusEnum = pgEnum('approval_step_status', stepStatuses);
export const approverRoleEnum = pgEnum('approver_role', approverRoles);
export const proofStatusEnum = pgEnum('proof_status', ['not_needed', 'attached', 'owed']);

/** A day (`YYYY-MM-DD`), read and written as the policy's `LocalDate`. */
const localDate = (name: string) => date(name, { mode: 'string' }).$type<LocalDate>();

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** Teams are defined in the policy file and copied here at start-up, so people and roster rows can refer to them. */
export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  announceChannel: text('announce_channel'),
  handoverChannel: text('handover_channel'),
  ...timestamps,
});

export const teamShiftMinimums = pgTable(
  'team_shift_minimums',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    shiftCode: text('shift_code').notNull(),
    minimum: integer('minimum').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.shiftCode] })],
);

export const people = pgTable(
  'people',
  {
    slackId: text('slack_id').primaryKey(),
    name: text('name').notNull(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    role: roleEnum('role').notNull(),
    reportsTo: text('reports_to').references((): AnyPgColumn => people.slackId),
    /** zh-CN or en when the org file sets one; otherwise Slack's locale decides. */
    locale: text('locale'),
    timezone: text('timezone'),
    /** Days per year; null means the policy's default. */
    annualLeaveDays: numeric('annual_leave_days', { precision: 5, scale: 1, mode: 'number' }),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [index('people_team_idx').on(t.teamId), index('people_reports_to_idx').on(t.reportsTo)],
);

/** One row per person, day and shift; `date` is the day the shift starts in the team's time zone. */
export const rosterEntries = pgTable(
  'roster_entries',
  {
    id: serial('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.slackId),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    date: localDate('date').notNull(),
    shiftCode: text('shift_code').notNull(),
    status: rosterStatusEnum('status').notNull().default('scheduled'),
    ...timestamps,
  },
  (t) => [
    unique('roster_entries_person_date_shift_key').on(t.personId, t.date, t.shiftCode),
    index('roster_entries_team_date_idx').on(t.teamId, t.date),
    index('roster_entries_date_idx').on(t.date),
  ],
);

/**
 * One row per run of a scheduled job and time slot: the app copy that inserts it runs the job, the
 * others see the row and skip, so several copies never send the same reminder twice.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    slot: text('slot').notNull(),
    claimedBy: text('claimed_by').notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.job, t.slot] })],
);

export interface ProofFile {
  readonly id: string;
  readonly name: string;
  readonly permalink?: string;
}

export const leaveRequests = pgTable(
  'leave_requests',
  {
    id: serial('id').primaryKey(),
    /** Slack's view id of the submitted modal: a second delivery of the same submission finds this row. */
    submissionKey: text('submission_key').notNull().unique(),
    personId: text('person_id')
      .notNull()
      .references(() => people.slackId),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    type: text('type').notNull(),
    firstDay: localDate('first_day').notNull(),
    lastDay: localDate('last_day').notNull(),
    reason: text('reason').notNull(),
    status: leaveStatusEnum('status').notNull().default('pending'),
    calendarDays: integer('calendar_days').notNull(),
    leaveDays: integer('leave_days').notNull(),
    hours: numeric('hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
    noticeMinutes: integer('notice_minutes').notNull(),
    lateNotice: boolean('late_notice').notNull(),
    proof: proofStatusEnum('proof').notNull(),
    /** Proof files attached in the modal, as Slack described them. */
    proofFiles: jsonb('proof_files').$type<ProofFile[]>().notNull().default([]),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** When the agent was reminded of owed proof on their first shift back, and when the lead was told it is overdue. */
    proofRemindedAt: timestamp('proof_reminded_at', { withTimezone: true }),
    proofOverdueAt: timestamp('proof_overdue_at', { withTimezone: true }),
    /** The team channel's absence notice, so that a withdrawal can correct it. */
    noticeChannel: text('notice_channel'),
    noticeTs: text('notice_ts'),
    ...timestamps,
  },
  (t) => [index('leave_requests_person_idx').on(t.personId, t.firstDay), index('leave_requests_status_idx').on(t.status)],
);

export const leaveApprovalSteps = pgTable(
  'leave_approval_steps',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => leaveRequests.id),
    position: integer('position').notNull(),
    role: approverRoleEnum('role').notNull(),
    approverId: text('approver_id')
      .notNull()
      .references(() => people.slackId),
    /** Approvers passed over because they were away that day. */
    skipped: jsonb('skipped').$type<string[]>().notNull().default([]),
    status: stepStatusEnum('status').notNull(),
    decidedBy: text('decided_by').references(() => people.slackId),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    note: text('note'),
    /** Since when the step has waited for its current approver (the app's clock): reminders and escalation count from it. */
    pendingSince: timestamp('pending_since', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    /** Where the approver's card was posted, so a decision can update it. */
    messageChannel: text('message_channel'),
    messageTs: text('message_ts'),
    /** When the card job last took on posting this step's missing card: one poster at a time, across copies. */
    cardClaimedAt: timestamp('card_claimed_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    unique('leave_approval_steps_request_position_key').on(t.requestId, t.position),
    index('leave_approval_steps_approver_idx').on(t.approverId, t.status),
  ],
);

export const proofShareStatusEnum = pgEnum('proof_share_status', ['sharing', 'shared', 'failed']);

/**
 * A proof file copied into one approver's DM with the bot: a file uploaded in a modal is the
 * uploader's alone in Slack, so each approver gets a copy of their own. One row per request, file
 * and approver, taken before the upload, so a reminder, a redraw or a second delivery uploads nothing twice.
 */
export const leaveProofShares = pgTable(
  'leave_proof_shares',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => leaveRequests.id),
    /** The agent's file, as the modal described it. */
    fileId: text('file_id').notNull(),
    approverId: text('approver_id')
      .notNull()
      .references(() => people.slackId),
    status: proofShareStatusEnum('status').notNull(),
    /** The copy shared into the approver's DM, and its link. */
    sharedFileId: text('shared_file_id'),
    permalink: text('permalink'),
    /** Why the copy could not be made (Slack's error, too_large…), for the log and the card. */
    failure: text('failure'),
    ...timestamps,
  },
  (t) => [unique('leave_proof_shares_request_file_approver_key').on(t.requestId, t.fileId, t.approverId)],
);

/**
 * The shifts a leave takes off, by day and shift code (the person is the request's), so cancelling
 * restores exactly those and a later roster import can still replace the rows themselves.
 */
export const leaveCoveredShifts = pgTable(
  'leave_covered_shifts',
  {
    requestId: integer('request_id')
      .notNull()
      .references(() => leaveRequests.id),
    date: localDate('date').notNull(),
    shiftCode: text('shift_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.date, t.shiftCode] })],
);

/**
 * Comp time (换休) earned, in hours, one row per person and day it was earned (imported from the
 * overtime sheet); leave that uses comp time spends the oldest unexpired hours first.
 */
export const compTimeCredits = pgTable(
  'comp_time_credits',
  {
    id: serial('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.slackId),
    earnedOn: localDate('earned_on').notNull(),
    hours: numeric('hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
    note: text('note'),
    ...timestamps,
  },
  (t) => [unique('comp_time_credits_person_day_key').on(t.personId, t.earnedOn)],
);

/** Every state change of a leave request: who, when, from → to, and a note. Rows are only ever added. */
export const leaveEvents = pgTable(
  'leave_events',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => leaveRequests.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** Null when the system acted (expiry, escalation). */
    actorId: text('actor_id').references(() => people.slackId),
    fromStatus: leaveStatusEnum('from_status'),
    toStatus: leaveStatusEnum('to_status').notNull(),
    note: text('note'),
  },
  (t) => [index('leave_events_request_idx').on(t.requestId)],
);

/**
 * pending_colleague → pending_lead → approved, or declined (by the colleague), rejected (by the lead),
 * expired (the notice deadline passed), cancelled (by the requester, or because the roster changed).
 */
export const swapStatuses = ['pending_colleague', 'pending_lead', 'approved', 'declined', 'rejected', 'expired', 'cancelled'] as const;
export const swapStatusEnum = pgEnum('swap_status', swapStatuses);

/** A shift swap: the requester's shift goes to the colleague, and the colleague's (if any) to the requester. */
export const swapRequests = pgTable(
  'swap_requests',
  {
    id: serial('id').primaryKey(),
    /** Slack's view id of the submitted modal: a second delivery of the same submission finds this row. */
    submissionKey: text('submission_key').notNull().unique(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    requesterId: text('requester_id')
      .notNull()
      .references(() => people.slackId),
    colleagueId: text('colleague_id')
      .notNull()
      .references(() => people.slackId),
    giveDate: localDate('give_date').notNull(),
    giveShift: text('give_shift').notNull(),
    /** Null for a one-way cover: the colleague takes the shift and the requester owes one. */
    takeDate: localDate('take_date'),
    takeShift: text('take_shift'),
    note: text('note').notNull().default(''),
    status: swapStatusEnum('status').notNull().default('pending_colleague'),
    /** The lead asked to approve, chosen when the colleague accepts. */
    leadId: text('lead_id').references(() => people.slackId),
    /** The last moment the swap may still be approved: the notice period before the earlier shift. */
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    decidedBy: text('decided_by').references(() => people.slackId),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Why the swap ended without approval: a refusal code of the swap rules, or the requester's withdrawal. */
    endReason: text('end_reason'),
    /** The lead's reason for rejecting it, as typed; both people are told. */
    rejectReason: text('reject_reason'),
    /** Set for an emergency cover taken from a lead's call: not a voluntary swap, and one swap per call at most. */
    coverCallId: integer('cover_call_id')
      .unique('swap_requests_cover_call_key')
      .references((): AnyPgColumn => coverCalls.id),
    colleagueMessageChannel: text('colleague_message_channel'),
    colleagueMessageTs: text('colleague_message_ts'),
    leadMessageChannel: text('lead_message_channel'),
    leadMessageTs: text('lead_message_ts'),
    /** When the card job last took on posting the current step's missing card: one poster at a time, across copies. */
    cardClaimedAt: timestamp('card_claimed_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('swap_requests_requester_idx').on(t.requesterId, t.giveDate),
    index('swap_requests_colleague_idx').on(t.colleagueId, t.giveDate),
    index('swap_requests_status_idx').on(t.status, t.deadline),
  ],
);

/**
 * The shifts a pending swap would move, one row each: the primary key lets only one pending swap hold a
 * shift, so two swaps racing for it cannot both be filed. Rows go when the swap stops pending.
 */
export const swapHolds = pgTable(
  'swap_holds',
  {
    personId: text('person_id')
      .notNull()
      .references(() => people.slackId),
    date: localDate('date').notNull(),
    shiftCode: text('shift_code').notNull(),
    swapId: integer('swap_id')
      .notNull()
      .references(() => swapRequests.id),
  },
  (t) => [primaryKey({ columns: [t.personId, t.date, t.shiftCode] }), index('swap_holds_swap_idx').on(t.swapId)],
);

/** Every state change of a swap: who, when, from → to, and a note. Rows are only ever added. */
export const swapEvents = pgTable(
  'swap_events',
  {
    id: serial('id').primaryKey(),
    swapId: integer('swap_id')
      .notNull()
      .references(() => swapRequests.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: text('actor_id').references(() => people.slackId),
    fromStatus: swapStatusEnum('from_status'),
    toStatus: swapStatusEnum('to_status').notNull(),
    note: text('note'),
  },
  (t) => [index('swap_events_swap_idx').on(t.swapId)],
);

/**
 * A lead's call for cover of one shift of pending emergency leave (Find cover on the approval card): the
 * shift is offered to every colleague who could take it, and the first to accept takes it. One call per
 * request and shift, so a second click calls nobody twice.
 */
export const coverCalls = pgTable(
  'cover_calls',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => leaveRequests.id),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    /** Who is absent: the leave's person, whose shift it is. */
    personId: text('person_id')
      .notNull()
      .references(() => people.slackId),
    date: localDate('date').notNull(),
    shiftCode: text('shift_code').notNull(),
    calledBy: text('called_by')
      .notNull()
      .references(() => people.slackId),
    calledAt: timestamp('called_at', { withTimezone: true }).notNull(),
    takenBy: text('taken_by').references(() => people.slackId),
    takenAt: timestamp('taken_at', { withTimezone: true }),
  },
  (t) => [unique('cover_calls_request_shift_key').on(t.requestId, t.date, t.shiftCode)],
);

/** Who a call for cover was offered to, and where their message is, so it can say who took it. */
export const coverOffers = pgTable(
  'cover_offers',
  {
    callId: integer('call_id')
      .notNull()
      .references(() => coverCalls.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.slackId),
    messageChannel: text('message_channel'),
    messageTs: text('message_ts'),
  },
  (t) => [primaryKey({ columns: [t.callId, t.personId] })],
);

export type Team = typeof teams.$inferSelect;
export type Person = typeof people.$inferSelect;
export type NewPerson = typeof people.$inferInsert;
export type RosterEntry = typeof rosterEntries.$inferSelect;
export type NewRosterEntry = typeof rosterEntries.$inferInsert;
export type LeaveRequest = typeof leaveRequests.$inferSelect;
export type LeaveApprovalStep = typeof leaveApprovalSteps.$inferSelect;
export type LeaveEvent = typeof leaveEvents.$inferSelect;
export type LeaveProofShare = typeof leaveProofShares.$inferSelect;
export type SwapRequest = typeof swapRequests.$inferSelect;
export type SwapStatus = SwapRequest['status'];
export type CoverCall = typeof coverCalls.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Weekly work summary (/report, POLICY §5)
// ---------------------------------------------------------------------------------------------

/** One summary per person and report week; edited in place until the deadline. */
export const weeklyReports = pgTable(
  'weekly_reports',
  {
    id: serial('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.slackId),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    /** The first day of the report week, in the team's time zone. */
    weekStart: localDate('week_start').notNull(),
    done: text('done').notNull(),
    improve: text('improve').notNull(),
    /** Submitted after the deadline. */
    late: boolean('late').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
  },
  (t) => [
    unique('weekly_reports_person_week_key').on(t.personId, t.weekStart),
    index('weekly_reports_team_week_idx').on(t.teamId, t.weekStart),
  ],
);

/** A report owed and not in at the deadline, recorded by the digest; rows are only ever added. */
export const reportMisses = pgTable(
  'report_misses',
  {
    personId: text('person_id')
      .notNull()
      .references(() => people.slackId),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    weekStart: localDate('week_start').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.weekStart] })],
);

/**
 * One row per weekly job and period (kind `reminder.<n>` / `digest` per team, `rollup` for the
 * department, and the week): the app copy whose row goes in does the job. A claim left unfinished
 * (its copy died) may be taken over after a while; report_notices keeps anyone from being told twice.
 */
export const reportRuns = pgTable(
  'report_runs',
  {
    kind: text('kind').notNull(),
    /** A team id, or `*` for the department. */
    scope: text('scope').notNull(),
    weekStart: localDate('week_start').notNull(),
    claimedBy: text('claimed_by').notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.kind, t.scope, t.weekStart] })],
);

/** Each reminder, digest and roll-up message, per recipient: claimed before it is sent, so none goes twice. */
export const reportNotices = pgTable(
  'report_notices',
  {
    kind: text('kind').notNull(),
    weekStart: localDate('week_start').notNull(),
    personId: text('person_id')
      .notNull()
      .references(() => people.slackId),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.kind, t.weekStart, t.personId] })],
);

export type WeeklyReport = typeof weeklyReports.$inferSelect;

/**
 * The daily "who's off" digest, one row per lead and day (in the team's time zone): claimed before it
 * is sent, marked sent after, let go when it could not be sent; a claim never marked sent belongs to a
 * copy that died and is taken over once it is old. So each lead gets it once a day, however many copies run.
 */
export const dailyDigestNotices = pgTable(
  'daily_digest_notices',
  {
    personId: text('person_id')
      .notNull()
      .references(() => people.slackId),
    day: localDate('day').notNull(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    claimedBy: text('claimed_by').notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.personId, t.day] })],
);

// ---------------------------------------------------------------------------------------------------
// Shift handover (交接班, POLICY §4): handovers with every version kept, open cases that carry forward
// until someone resolves them, the incoming shift's messages, events, and missed handovers.
// ---------------------------------------------------------------------------------------------------

/** submitted: waiting for the incoming shift; refused: sent back to its author; taken_over: done. */
export const handoverStatuses = ['submitted', 'refused', 'taken_over'] as const;
export const handoverStatusEnum = pgEnum('handover_status', handoverStatuses);
export const handoverCaseStatusEnum = pgEnum('handover_case_status', ['open', 'resolved']);

/** What the outgoing shift writes; every text as typed. */
export interface HandoverContent {
  readonly equipmentOk: boolean;
  readonly equipmentIssue: string;
  readonly staffing: string;
  readonly process: string;
  readonly instructions: string;
  readonly feedback: string;
  readonly notes: string;
  /** The team's cases still open once this version was written: what the incoming shift took on. */
  readonly openCaseIds: readonly number[];
}

/** One handover per team and ending shift; `content` is its latest version (all versions are in handover_versions). */
export const handovers = pgTable(
  'handovers',
  {
    id: serial('id').primaryKey(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    shiftDate: localDate('shift_date').notNull(),
    shiftCode: text('shift_code').notNull(),
    nextDate: localDate('next_date').notNull(),
    nextShiftCode: text('next_shift_code').notNull(),
    authorId: text('author_id')
      .notNull()
      .references(() => people.slackId),
    status: handoverStatusEnum('status').notNull().default('submitted'),
    version: integer('version').notNull().default(1),
    content: jsonb('content').$type<HandoverContent>().notNull(),
    /** The version the incoming shift took over; later versions are addenda. */
    takenOverVersion: integer('taken_over_version'),
    takenOverBy: text('taken_over_by').references(() => people.slackId),
    takenOverAt: timestamp('taken_over_at', { withTimezone: true }),
    lastRefusalReason: text('last_refusal_reason'),
    lastRefusalNote: text('last_refusal_note'),
    lastRefusedBy: text('last_refused_by').references(() => people.slackId),
    /** The shift change plus the policy's delay: the lead hears of a handover not taken over by then. */
    takeOverDueAt: timestamp('take_over_due_at', { withTimezone: true }).notNull(),
    /** Set in the same statement that claims the alert, so the lead is told once. */
    unansweredAlertedAt: timestamp('unanswered_alerted_at', { withTimezone: true }),
    channelId: text('channel_id'),
    messageTs: text('message_ts'),
    ...timestamps,
  },
  (t) => [
    unique('handovers_team_shift_key').on(t.teamId, t.shiftDate, t.shiftCode),
    index('handovers_status_idx').on(t.status, t.takeOverDueAt),
  ],
);

/** Every version of a handover, as written; rows are only ever added. */
export const handoverVersions = pgTable(
  'handover_versions',
  {
    handoverId: integer('handover_id')
      .notNull()
      .references(() => handovers.id),
    version: integer('version').notNull(),
    /** Slack's view id of the submitted modal: a second delivery of the same submission finds this row. */
    submissionKey: text('submission_key').notNull().unique(),
    authorId: text('author_id')
      .notNull()
      .references(() => people.slackId),
    content: jsonb('content').$type<HandoverContent>().notNull(),
    /** True for a version written after the handover was taken over. */
    addendum: boolean('addendum').notNull().default(false),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.handoverId, t.version] })],
);

/** An open problem handed from shift to shift until someone resolves it. */
export const handoverCases = pgTable(
  'handover_cases',
  {
    id: serial('id').primaryKey(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    openedIn: integer('opened_in')
      .notNull()
      .references(() => handovers.id),
    what: text('what').notNull(),
    /** What the customer was promised, if anything; then `dueAt` says by when. */
    promise: text('promise'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    ownerId: text('owner_id')
      .notNull()
      .references(() => people.slackId),
    status: handoverCaseStatusEnum('status').notNull().default('open'),
    resolution: text('resolution'),
    resolvedBy: text('resolved_by').references(() => people.slackId),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedIn: integer('resolved_in').references(() => handovers.id),
    /** Set in the same statement that claims the reminder to the owner at the due time. */
    dueRemindedAt: timestamp('due_reminded_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index('handover_cases_team_status_idx').on(t.teamId, t.status), index('handover_cases_due_idx').on(t.status, t.dueAt)],
);

/** The Take over / Refuse messages sent to the incoming shift, so a change redraws them all. */
export const handoverRecipients = pgTable(
  'handover_recipients',
  {
    handoverId: integer('handover_id')
      .notNull()
      .references(() => handovers.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.slackId),
    channelId: text('channel_id'),
    messageTs: text('message_ts'),
  },
  (t) => [primaryKey({ columns: [t.handoverId, t.personId] })],
);

/** Every change of a handover: who, when, what. Rows are only ever added. */
export const handoverEvents = pgTable(
  'handover_events',
  {
    id: serial('id').primaryKey(),
    handoverId: integer('handover_id')
      .notNull()
      .references(() => handovers.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** Null when the system acted (an alert). */
    actorId: text('actor_id').references(() => people.slackId),
    kind: text('kind').notNull(),
    version: integer('version').notNull(),
    reason: text('reason'),
    note: text('note'),
  },
  (t) => [index('handover_events_handover_idx').on(t.handoverId)],
);

/** A shift that ended without a handover, one row per person rostered on it; the row's insert is the claim to tell the lead. */
export const handoverMisses = pgTable(
  'handover_misses',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    shiftDate: localDate('shift_date').notNull(),
    shiftCode: text('shift_code').notNull(),
    personId: text('person_id')
      .notNull()
      .references(() => people.slackId),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.shiftDate, t.shiftCode, t.personId] }),
    index('handover_misses_person_idx').on(t.personId, t.shiftDate),
  ],
);

/**
 * A shift that ended without a handover, recorded once whether or not anyone was rostered on it, so
 * the missed-handover job never looks at it again; the row's insert is the claim to record its misses.
 */
export const handoverMissedShifts = pgTable(
  'handover_missed_shifts',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    shiftDate: localDate('shift_date').notNull(),
    shiftCode: text('shift_code').notNull(),
    /** How many people were rostered on it (0: nobody, so nobody missed it). */
    rostered: integer('rostered').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.shiftDate, t.shiftCode] })],
);

/**
 * A reminder about a shift's handover, claimed once by the app copy whose row goes in: `outgoing` to
 * the people on the shift before it ends, `incoming` to those on the shift that takes it over.
 */
export const handoverReminders = pgTable(
  'handover_reminders',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    shiftDate: localDate('shift_date').notNull(),
    shiftCode: text('shift_code').notNull(),
    kind: text('kind', { enum: ['outgoing', 'incoming'] }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.shiftDate, t.shiftCode, t.kind] })],
);

export type Handover = typeof handovers.$inferSelect;
export type HandoverVersion = typeof handoverVersions.$inferSelect;
export type HandoverCase = typeof handoverCases.$inferSelect;
export type HandoverRecipient = typeof handoverRecipients.$inferSelect;

// ---------------------------------------------------------------------------------------------------
// Submissions accepted before the modal closed, written after it

export const submissionStatuses = ['pending', 'done', 'failed'] as const;

/**
 * The outbox of form submissions: one row goes in before Slack is answered, so an answered submission
 * is never lost; it is written (and marked done in the same transaction) after the answer, retried,
 * and taken over from a copy that died while it held the claim. A submission that cannot be written
 * in the end is `failed` and its author told (`told_at`).
 */
export const submissions = pgTable(
  'submissions',
  {
    id: serial('id').primaryKey(),
    /** Which use case writes it: `leave`, `swap`, `handover`. */
    kind: text('kind').notNull(),
    /** The Slack id of the person who submitted it. */
    userId: text('user_id').notNull(),
    /** The Slack user and view id: a second delivery of the same submission is the same row. */
    submissionKey: text('submission_key').notNull().unique(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: submissionStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Not tried again before this. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    /** The app copy working on it, until `claimed_until`; past that, anyone may take it over. */
    claimedBy: text('claimed_by'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    lastError: text('last_error'),
    /** Why it was not written, for the message to its author. */
    failure: jsonb('failure'),
    toldAt: timestamp('told_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('submissions_due_idx').on(t.status, t.nextAttemptAt)],
);

export type Submission = typeof submissions.$inferSelect;

// ---------------------------------------------------------------------------------------------------
// App Home

/**
 * Who has opened the Home tab, and which page of "Waiting for you" they look at: only they are
 * republished when an item they see changes (a Home never opened is never published).
 */
export const homeOpeners = pgTable('home_openers', {
  personId: text('person_id').primaryKey(),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  /** How many of the most urgent items the shown page skips. */
  inboxOffset: integer('inbox_offset').notNull().default(0),
  /** When the person last asked for the weekly meeting pack: a second click soon after sends nothing more. */
  meetingPackAt: timestamp('meeting_pack_at', { withTimezone: true }),
});

// ---------------------------------------------------------------------------------------------------
// The team's leave calendar

/**
 * The secret links of a team's leave calendar (GET /calendar/<team>.ics?token=…). Only the token's
 * SHA-256 is kept; a team may have several links at once, and revoking ends all of them.
 */
export const calendarTokens = pgTable(
  'calendar_tokens',
  {
    id: serial('id').primaryKey(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('calendar_tokens_team_idx').on(t.teamId)],
);

// ---------------------------------------------------------------------------------------------------
// Attendance

/**
 * One row per person, shift and day the shift starts (in the team's time zone), as the clock-in
 * import wrote it: when the person clocked in and out, either of which may be missing. A re-import
 * replaces all rows of each (person, date) its file names.
 */
export const clockIns = pgTable(
  'clock_ins',
  {
    personId: text('person_id')
      .notNull()
      .references(() => people.slackId),
    date: localDate('date').notNull(),
    shiftCode: text('shift_code').notNull(),
    clockedIn: timestamp('clocked_in', { withTimezone: true }),
    clockedOut: timestamp('clocked_out', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.personId, t.date, t.shiftCode] }), index('clock_ins_date_idx').on(t.date)],
);

export type ClockIn = typeof clockIns.$inferSelect;

/**
 * The monthly attendance sheet sent to HR (`sheet`) and the managers told it went (`notice`), one row
 * per month, recipient and kind: claimed before it is sent, so app copies send each once; a claim
 * never marked sent and old enough belongs to a copy that died and may be taken over.
 */
export const attendanceSheetSends = pgTable(
  'attendance_sheet_sends',
  {
    month: text('month').notNull(),
    recipientId: text('recipient_id')
      .notNull()
      .references(() => people.slackId),
    kind: text('kind').notNull(),
    claimedBy: text('claimed_by').notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.month, t.recipientId, t.kind] })],
);

/**
 * A daily or monthly attendance step that has been done (`absence` per day: the absence thresholds
 * checked; `comp_time` per month: the month's excess hours proposed), inserted by the copy that does
 * it, so app copies and later ticks do it once.
 */
export const attendanceChecks = pgTable(
  'attendance_checks',
  {
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.period] })],
);

/**
 * An absence threshold (POLICY §2) reached, told once to one recipient: per person, threshold kind
 * (`run`: consecutive days, `month`, `year`) and period (the run's first day, `YYYY-MM`, `YYYY`). The
 * row is the claim: a re-import or a rerun that finds the threshold reached again inserts nothing.
 * `days` are the absence days the notice names.
 */
export const absenceNotices = pgTable(
  'absence_notices',
  {
    personId: text('person_id')
      .notNull()
      .references(() => people.slackId),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    recipientId: text('recipient_id')
      .notNull()
      .references(() => people.slackId),
    days: jsonb('days').$type<string[]>().notNull(),
    claimedBy: text('claimed_by'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.kind, t.period, t.recipientId] }), index('absence_notices_unsent_idx').on(t.sentAt)],
);

export const compTimeProposalStatuses = ['proposed', 'approved', 'adjusted'] as const;
export type CompTimeProposalStatus = (typeof compTimeProposalStatuses)[number];

/**
 * A month's hours over the standard (POLICY §1) proposed to the person's manager as comp time, one
 * row per person and month. It moves from proposed to approved (the proposed hours) or adjusted (other
 * hours) once, in one conditional update, and the credit goes into comp_time_credits in the same
 * transaction. The card's delivery is claimed like the other DMs; `card_channel`/`card_ts` let the
 * card be redrawn with the outcome.
 */
export const compTimeProposals = pgTable(
  'comp_time_proposals',
  {
    id: serial('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.slackId),
    month: text('month').notNull(),
    hours: numeric('hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
    managerId: text('manager_id')
      .notNull()
      .references(() => people.slackId),
    status: text('status').$type<CompTimeProposalStatus>().notNull().default('proposed'),
    decidedHours: numeric('decided_hours', { precision: 6, scale: 1, mode: 'number' }),
    decidedBy: text('decided_by').references(() => people.slackId),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    cardClaimedBy: text('card_claimed_by'),
    cardClaimedAt: timestamp('card_claimed_at', { withTimezone: true }),
    cardChannel: text('card_channel'),
    cardTs: text('card_ts'),
    ...timestamps,
  },
  (t) => [
    unique('comp_time_proposals_person_month_key').on(t.personId, t.month),
    index('comp_time_proposals_manager_idx').on(t.managerId, t.status),
  ],
);

export type CompTimeProposal = typeof compTimeProposals.$inferSelect;
