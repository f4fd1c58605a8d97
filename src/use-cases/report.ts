/**
 * The weekly summary (POLICY §5): what the modal starts from, and submitting it — stored once per
 * person and week, editable until the deadline, marked late after it, closed when the week ends.
 */
import { lockPerson } from '../db/queries/people.js';
import {
  claimNotice,
  findReport,
  insertReport,
  listActiveManagers,
  markNoticeSent,
  releaseNotice,
  updateReportText,
  weekFactsFor,
  type WeekFacts,
} from '../db/queries/report.js';
import type { Person, WeeklyReport } from '../db/schema.js';
import { charactersMissing, shiftsStartedBy, writtenLength } from '../policy/report.js';
import { isLate, isOpen, reportWeekAt, reportWeekStarting, type ReportWeek } from '../policy/report-week.js';
import { todayIn, type LocalDate } from '../policy/time.js';
import type { UseCaseDeps } from './deps.js';
import { teamOf } from './team.js';

export interface ReportStart {
  readonly week: ReportWeek;
  readonly facts: WeekFacts;
  readonly existing: WeeklyReport | undefined;
  /** The deadline has passed: a new report is marked late, one already in can no longer change. */
  readonly pastDeadline: boolean;
  /** The moment the facts are as of: the form keeps it, so its submission is counted against the same lines. */
  readonly factsAt: Date;
}

/** The week `now` falls in for the person's team, and what the modal shows for it. */
export async function startReport(deps: UseCaseDeps, person: Person, now: Date = deps.clock.now()): Promise<ReportStart> {
  const team = teamOf(deps, person);
  const week = reportWeekAt(now, team.rules.report, team.timezone);
  const [facts, existing] = await Promise.all([weekFactsAt(deps, person, week, now), findReport(deps.db, person.slackId, week.start)]);
  return { week, facts, existing, pastDeadline: now.getTime() > week.dueAt.getTime(), factsAt: now };
}

/** What shiftdesk knows of the person's week at `at`: only shifts that have started by then count as worked. */
export async function weekFactsAt(deps: UseCaseDeps, person: Person, week: ReportWeek, at: Date): Promise<WeekFacts> {
  const facts = await weekFactsFor(deps.db, person.slackId, week);
  return { ...facts, shifts: shiftsStartedBy(facts.shifts, at, deps.policy.shifts, teamOf(deps, person).timezone) };
}

export interface ReportDraft {
  readonly weekStart: LocalDate;
  readonly done: string;
  readonly improve: string;
  /** The lines the modal was pre-filled with; left as they were, they do not count towards the length. */
  readonly prefilled: readonly string[];
}

export type SubmitReportResult =
  | { readonly kind: 'too_short'; readonly missing: number; readonly length: number; readonly minimum: number }
  /** The week is over, or (for a report already in) its deadline has passed. */
  | { readonly kind: 'closed' | 'locked'; readonly week: ReportWeek }
  | { readonly kind: 'submitted' | 'edited' | 'unchanged'; readonly report: WeeklyReport; readonly week: ReportWeek };

export function checkReportLength(deps: UseCaseDeps, person: Person, draft: Pick<ReportDraft, 'done' | 'improve' | 'prefilled'>) {
  const rules = teamOf(deps, person).rules.report;
  const length = writtenLength([draft.done, draft.improve], draft.prefilled);
  return { length, minimum: rules.min_chars, missing: charactersMissing(length, rules) };
}

/** Writes the person's own report for the week, in one transaction under their row lock. */
export async function submitReport(
  deps: UseCaseDeps,
  person: Person,
  draft: ReportDraft,
  now: Date = deps.clock.now(),
): Promise<SubmitReportResult> {
  const team = teamOf(deps, person);
  const week = reportWeekStarting(draft.weekStart, team.rules.report, team.timezone);
  if (!isOpen(now, week) || week.start > todayIn(now, team.timezone)) return { kind: 'closed', week };
  const length = checkReportLength(deps, person, draft);
  if (length.missing > 0) return { kind: 'too_short', ...length };
  return deps.db.transaction(async (tx) => {
    await lockPerson(tx, person.slackId);
    const existing = await findReport(tx, person.slackId, week.start);
    if (!existing) {
      const report = await insertReport(tx, {
        personId: person.slackId,
        teamId: team.id,
        weekStart: week.start,
        done: draft.done,
        improve: draft.improve,
        late: isLate(now, week),
        submittedAt: now,
      });
      return { kind: 'submitted', report, week };
    }
    if (existing.done === draft.done && existing.improve === draft.improve) return { kind: 'unchanged', report: existing, week };
    if (isLate(now, week)) return { kind: 'locked', week };
    return {
      kind: 'edited',
      report: await updateReportText(tx, existing.id, { done: draft.done, improve: draft.improve, editedAt: now }),
      week,
    };
  });
}

export type { WeekDutyRow } from '../db/queries/report.js';

type Reads = Pick<UseCaseDeps, 'db'>;
type Notice = { kind: string; weekStart: LocalDate; personId: string };

/** Takes on sending one reminder or digest for one week to one person; false when it is sent or being sent. */
export const claimReportNotice = (deps: Reads, notice: Notice & { at: Date; staleBefore: Date }): Promise<boolean> =>
  claimNotice(deps.db, notice);

export const reportNoticeSent = (deps: Reads, notice: Notice & { at: Date }): Promise<void> => markNoticeSent(deps.db, notice);

/** Gives a claimed notice back after sending failed, so a later run tries again. */
export const releaseReportNotice = (deps: Reads, notice: Notice): Promise<void> => releaseNotice(deps.db, notice);

export const activeManagers = (deps: Reads): Promise<Person[]> => listActiveManagers(deps.db);
