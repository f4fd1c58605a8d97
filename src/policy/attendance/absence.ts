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
  let longestRun = 0;
  let run = 0;
  for (const date of duty) {
    run = absentDays.has(date) ? run + 1 : 0;
    longestRun = Math.max(longestRun, run);
  }
  const month = [...absentDays].filter((date) => date >= p.month.first).length;
  return { month, year: absentDays.size, longestRun };
}

export interface AbsenceConsequences {
  /** `contract_consecutive_days` in a row, or `contract_days_per_year` in the year. */
  readonly contractMayEnd: boolean;
  /** `bonus_forfeit_days_per_month` in the month. */
  readonly bonusForfeited: boolean;
}

export function absenceConsequences(counts: AbsenceCounts, rules: Rules['leave']['absence']): AbsenceConsequences {
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
