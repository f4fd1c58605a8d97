/**
 * Absence (旷工), POLICY §2: a scheduled shift nobody clocked and no approved leave covers; sick leave
 * (any leave whose proof is handed in afterwards) whose proof was still owed when its deadline passed;
 * a shift late or left early past the lateness threshold (see lateness.ts). Counted in days: one
 * day however many of its shifts were missed. The running counts are set against `leave.absence.*`:
 * the bot states what the rules allow ("the contract may be ended", "the month's bonus is
 * forfeited"); it never acts on them.
 */
import type { Rules } from '../policy-file.js';
import type { LocalDate } from '../time.js';

export type AbsenceCause = 'no_clock_in' | 'proof_overdue' | 'late';

export interface AbsenceDay {
  readonly date: LocalDate;
  readonly cause: AbsenceCause;
}

export interface AbsenceCounts {
  /** Distinct days absent in the month. */
  readonly month: number;
  /** Distinct days absent from 1 January up to the month's last day. */
  readonly year: number;
  /** The longest run of absent duty days up to the month's end this year (days the person had no duty do not break it). */
  readonly longestRun: number;
  /** Every absent day this year up to the month's end, in order. */
  readonly yearDays: readonly LocalDate[];
  /** Each run of absent duty days this year up to the month's end, its days in order. */
  readonly runs: readonly (readonly LocalDate[])[];
}

/**
 * `dutyDays` are the days the person had a shift (worked, on leave, or absent), `absent` the absences,
 * both from 1 January up to the month's last day.
 */
export function absenceCounts(p: {
  readonly month: { readonly first: LocalDate; readonly last: LocalDate };
  readonly dutyDays: Iterable<LocalDate>;
  readonly absent: readonly AbsenceDay[];
}): AbsenceCounts {
  const absentDays = new Set(p.absent.map((day) => day.date).filter((date) => date <= p.month.last));
  const duty = [...new Set([...p.dutyDays, ...absentDays])].filter((date) => date <= p.month.last).sort();
  const runs: LocalDate[][] = [];
  let run: LocalDate[] = [];
  for (const date of duty) {
    if (!absentDays.has(date)) {
      run = [];
      continue;
    }
    if (run.length === 0) runs.push(run);
    run.push(date);
  }
  const yearDays = [...absentDays].sort();
  const month = yearDays.filter((date) => date >= p.month.first).length;
  const longestRun = runs.reduce((max, days) => Math.max(max, days.length), 0);
  return { month, year: absentDays.size, longestRun, yearDays, runs };
}

export interface AbsenceConsequences {
  /** `contract_consecutive_days` in a row, or `contract_days_per_year` in the year. */
  readonly contractMayEnd: boolean;
  /** `bonus_forfeit_days_per_month` in the month. */
  readonly bonusForfeited: boolean;
}

export function absenceConsequences(
  counts: Pick<AbsenceCounts, 'month' | 'year' | 'longestRun'>,
  rules: Rules['leave']['absence'],
): AbsenceConsequences {
  return {
    contractMayEnd: counts.longestRun >= rules.contract_consecutive_days || counts.year >= rules.contract_days_per_year,
    bonusForfeited: counts.month >= rules.bonus_forfeit_days_per_month,
  };
}

/** Leave whose proof is handed in afterwards, approved, its proof still owed past the deadline: its days are absence. */
export function proofOverdueAbsence(leave: {
  readonly proof: 'not_needed' | 'attached' | 'owed';
  readonly proofOverdue: boolean;
  readonly days: readonly LocalDate[];
}): AbsenceDay[] {
  if (leave.proof !== 'owed' || !leave.proofOverdue) return [];
  return leave.days.map((date) => ({ date, cause: 'proof_overdue' as const }));
}
