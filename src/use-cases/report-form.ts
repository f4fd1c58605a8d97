/** /report's form as one use case: the weekly summary submitted, refused or written. */
import type { WeekFacts } from '../db/queries/report.js';
import type { Person, WeeklyReport } from '../db/schema.js';
import { reportWeekStarting, type ReportWeek } from '../policy/report-week.js';
import type { LocalDate } from '../policy/time.js';
import type { UseCaseDeps } from './deps.js';
import { submitReport, weekFactsAt } from './report.js';
import { teamOf } from './team.js';

/** The form as it was submitted: the week it was opened for, when its facts were read, and the two texts. */
export interface ReportFormInput {
  readonly weekStart: LocalDate | undefined;
  readonly factsAt: Date | undefined;
  readonly done: string;
  readonly improve: string;
}

export type ReportRefusal =
  | { readonly kind: 'too_short'; readonly missing: number; readonly length: number; readonly minimum: number }
  /** The week is over, or the form names none. */
  | { readonly kind: 'closed' }
  /** The report is in and its deadline has passed. */
  | { readonly kind: 'locked'; readonly week: ReportWeek };

export type ReportFormResult =
  | { readonly kind: 'refused'; readonly refusal: ReportRefusal }
  /** `saved`: what changed, for the notices; undefined when the same text came again. */
  | {
      readonly kind: 'written';
      readonly saved: { readonly kind: 'submitted' | 'edited'; readonly report: WeeklyReport; readonly week: ReportWeek } | undefined;
    };

/**
 * The form submitted. The lines it was pre-filled with when it was opened (`prefilledOf` the facts as
 * of then, in the author's words) do not count towards the length.
 */
export async function submitReportForm(
  deps: UseCaseDeps,
  person: Person,
  form: ReportFormInput,
  prefilledOf: (facts: WeekFacts) => readonly string[],
): Promise<ReportFormResult> {
  if (!form.weekStart) return { kind: 'refused', refusal: { kind: 'closed' } };
  const team = teamOf(deps, person);
  const week = reportWeekStarting(form.weekStart, team.rules.report, team.timezone);
  const facts = await weekFactsAt(deps, person, week, form.factsAt ?? deps.clock.now());
  const result = await submitReport(deps, person, {
    weekStart: form.weekStart,
    done: form.done,
    improve: form.improve,
    prefilled: prefilledOf(facts),
  });
  switch (result.kind) {
    case 'too_short':
    case 'locked':
      return { kind: 'refused', refusal: result };
    case 'closed':
      return { kind: 'refused', refusal: { kind: 'closed' } };
    case 'unchanged':
      return { kind: 'written', saved: undefined };
    default:
      return { kind: 'written', saved: { kind: result.kind, report: result.report, week: result.week } };
  }
}
