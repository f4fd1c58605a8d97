/**
 * One person's month of attendance, from what the bot knows: the roster, the clock-in import, approved
 * leave, swaps, handovers and weekly summaries. Only facts are read: a scheduled shift on a day the
 * person's team has no clock-in data at all is neither worked nor absent but unknown, so a month whose
 * clock-ins were never imported says so instead of counting everyone absent.
 */
import type { Policy, Rules } from '../policy-file.js';
import { shiftInterval, type LocalDate } from '../time.js';
import {
  absenceConsequences,
  absenceCounts,
  proofOverdueAbsence,
  type AbsenceConsequences,
  type AbsenceCounts,
  type AbsenceDay,
} from './absence.js';
import type { ClockRow } from './clock-rows.js';
import { punctuality } from './clock-times.js';
import { fullAttendance, type FullAttendance } from './full-attendance.js';
import { settleHours, workingDays, type MonthHours } from './hours.js';
import { latenessPoints, shiftLateness } from './lateness.js';
import { nightAllowance } from './night-allowance.js';

export interface SheetLeave {
  readonly id: number;
  readonly type: string;
  readonly firstDay: LocalDate;
  readonly lastDay: LocalDate;
  readonly proof: 'not_needed' | 'attached' | 'owed';
  /** The proof deadline passed with the proof still owed (the approver was told). */
  readonly proofOverdue: boolean;
  readonly proofFiles: readonly { readonly name: string; readonly permalink?: string }[];
  /** The shifts the leave takes off. */
  readonly covered: readonly { readonly date: LocalDate; readonly shiftCode: string }[];
}

export interface PersonMonthFacts {
  readonly personId: string;
  readonly teamId: string;
  /** Roster rows still scheduled (not on leave, not swapped away), from 1 January to the month's last day. */
  readonly scheduled: readonly { readonly date: LocalDate; readonly shiftCode: string }[];
  /** Clock-in rows from 1 January to the month's last day. */
  readonly clocks: readonly ClockRow[];
  /** Approved leave overlapping 1 January to the month's last day. */
  readonly leaves: readonly SheetLeave[];
  readonly voluntarySwaps: number;
  readonly missedHandovers: number;
  readonly missedSummaries: number;
  /** Comp-time hours in the ledger earned in the month. */
  readonly compTimeApproved: number;
  /** The hours proposed to the manager at the month's settlement; before it, the hours over the standard are. */
  readonly compTimeProposed?: number;
}

export interface SheetContext {
  readonly policy: Pick<Policy, 'shifts' | 'teams' | 'default_timezone' | 'rules'>;
  readonly month: { readonly first: LocalDate; readonly last: LocalDate };
  /** Shifts that have not ended by now are neither worked nor missed yet. */
  readonly now: Date;
  /** `teamId|date` of every team and day with at least one clock-in row. */
  readonly clockDataDays: ReadonlySet<string>;
}

export interface AttendanceRow {
  readonly personId: string;
  readonly teamId: string;
  readonly shiftsWorked: number;
  readonly hours: MonthHours;
  readonly workingDays: number;
  readonly compTimeProposed: number;
  readonly compTimeApproved: number;
  /** Days of each leave type in the month (days with a shift the leave took off). */
  readonly leaveDays: Readonly<Record<string, number>>;
  readonly absences: AbsenceCounts;
  readonly absenceDays: readonly AbsenceDay[];
  readonly consequences: AbsenceConsequences;
  readonly lateOrEarly: number;
  readonly latenessPoints: number;
  readonly missingClockIns: number;
  readonly missingClockOuts: number;
  readonly voluntarySwaps: number;
  readonly fullAttendance: FullAttendance;
  readonly missedHandovers: number;
  readonly missedSummaries: number;
  readonly nights: number;
  readonly nightAllowance: number;
  /** The person's duty days in the month whose team has no clock-in data. */
  readonly daysWithoutClockData: readonly LocalDate[];
  /** The month's leave, with its proof files. */
  readonly leaves: readonly SheetLeave[];
}

const causeRank: Record<AbsenceDay['cause'], number> = { no_clock_in: 0, late: 1, proof_overdue: 2 };

export function personMonth(facts: PersonMonthFacts, context: SheetContext): AttendanceRow {
  const { policy, month } = context;
  const rules: Rules = policy.teams[facts.teamId]?.rules ?? policy.rules;
  const zone = policy.teams[facts.teamId]?.timezone ?? policy.default_timezone;
  const inMonth = (date: LocalDate) => date >= month.first && date <= month.last;
  const key = (date: string, shiftCode: string) => `${date}|${shiftCode}`;

  const onLeave = new Set(facts.leaves.flatMap((leave) => leave.covered.map((s) => key(s.date, s.shiftCode))));
  const clocked = new Set(facts.clocks.map((c) => key(c.date, c.shiftCode)));
  const dutyDays = new Set<LocalDate>();
  const absent = new Map<LocalDate, AbsenceDay>();
  const addAbsence = (day: AbsenceDay) => {
    const known = absent.get(day.date);
    if (known === undefined || causeRank[day.cause] < causeRank[known.cause]) absent.set(day.date, day);
  };

  const worked: { counted_hours: number; night_allowance?: number }[] = [];
  let lateOrEarly = 0;
  let missingClockIns = 0;
  let missingClockOuts = 0;
  for (const clock of facts.clocks) {
    const definition = policy.shifts[clock.shiftCode];
    if (definition === undefined || clock.date > month.last) continue;
    dutyDays.add(clock.date);
    const verdict = shiftLateness(punctuality(clock.date, definition, zone, clock), rules.attendance);
    if (verdict.absence) addAbsence({ date: clock.date, cause: 'late' });
    if (!inMonth(clock.date)) continue;
    if (verdict.worked) worked.push(definition);
    lateOrEarly += verdict.occurrences;
    if (clock.clockedIn === null) missingClockIns += 1;
    if (clock.clockedOut === null) missingClockOuts += 1;
  }

  const withoutData = new Set<LocalDate>();
  for (const shift of facts.scheduled) {
    const definition = policy.shifts[shift.shiftCode];
    if (definition === undefined || shift.date > month.last) continue;
    if (clocked.has(key(shift.date, shift.shiftCode)) || onLeave.has(key(shift.date, shift.shiftCode))) continue;
    if (shiftInterval(shift.date, definition, zone).end.getTime() > context.now.getTime()) continue;
    if (!context.clockDataDays.has(`${facts.teamId}|${shift.date}`)) {
      if (inMonth(shift.date)) withoutData.add(shift.date);
      continue;
    }
    dutyDays.add(shift.date);
    addAbsence({ date: shift.date, cause: 'no_clock_in' });
  }

  const leaveDays: Record<string, number> = {};
  let paidLeaveHours = 0;
  const monthLeaves: SheetLeave[] = [];
  for (const leave of facts.leaves) {
    const days = [...new Set(leave.covered.map((s) => s.date).filter((date) => date <= month.last))].sort();
    for (const date of days) dutyDays.add(date);
    for (const day of proofOverdueAbsence({ ...leave, days })) addAbsence(day);
    const monthDays = days.filter(inMonth);
    if (monthDays.length === 0 && !(leave.firstDay <= month.last && leave.lastDay >= month.first)) continue;
    monthLeaves.push(leave);
    leaveDays[leave.type] = (leaveDays[leave.type] ?? 0) + monthDays.length;
    if (rules.leave.types[leave.type]?.pay === 'paid') {
      for (const s of leave.covered) if (inMonth(s.date)) paidLeaveHours += policy.shifts[s.shiftCode]?.counted_hours ?? 0;
    }
  }

  const absenceDays = [...absent.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const absences = absenceCounts({ month, dutyDays, absent: absenceDays });
  const days = workingDays(month, rules.hours.working_days);
  const hours = settleHours(
    { worked: worked.reduce((sum, s) => sum + s.counted_hours, 0), paidLeave: paidLeaveHours, workingDays: days },
    rules.hours,
  );
  const night = nightAllowance(worked);
  const monthAbsences = absenceDays.filter((day) => inMonth(day.date));
  return {
    personId: facts.personId,
    teamId: facts.teamId,
    shiftsWorked: worked.length,
    hours,
    workingDays: days,
    compTimeProposed: facts.compTimeProposed ?? hours.over,
    compTimeApproved: facts.compTimeApproved,
    leaveDays,
    absences,
    absenceDays: monthAbsences,
    consequences: absenceConsequences(absences, rules.leave.absence),
    lateOrEarly,
    latenessPoints: latenessPoints(lateOrEarly, rules.attendance),
    missingClockIns,
    missingClockOuts,
    voluntarySwaps: facts.voluntarySwaps,
    fullAttendance: fullAttendance(
      { lateOrEarly, absences: absences.month, leaveDays, voluntarySwaps: facts.voluntarySwaps, daysWithoutClockData: withoutData.size },
      rules,
    ),
    missedHandovers: facts.missedHandovers,
    missedSummaries: facts.missedSummaries,
    nights: night.nights,
    nightAllowance: night.allowance,
    daysWithoutClockData: [...withoutData].sort(),
    leaves: monthLeaves,
  };
}
