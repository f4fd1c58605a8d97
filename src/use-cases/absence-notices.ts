/**
 * The absence thresholds (POLICY §2): once a day from `attendance.absence_check_time` (default zone),
 * and at the first minute after a clock-in import that changed something, the running absence counts of the month to date (and of last month, whose last days may have been
 * counted only now) are set against `leave.absence.*`, from the clock-ins imported so far (a day whose
 * team has no clock-in data is unknown, not absent). Each threshold reached is told to the person's
 * lead and manager once per person, threshold and period: the notice rows are the claim, so a second
 * copy, a rerun or a re-import of the clock-ins adds nothing. Facts only: the bot never acts.
 */
import { attendanceCheckDone, claimAttendanceCheck, takeAttendanceCheck } from '../db/queries/attendance-checks.js';
import {
  addAbsenceNotices,
  claimUnsentAbsenceNotices,
  markAbsenceNoticeSent,
  releaseAbsenceNotice,
  type AbsenceNoticeKey,
  type AbsenceNoticeRow,
} from '../db/queries/absence-notices.js';
import { loadReportingLines } from '../db/queries/reporting-line.js';
import { absenceNoticeRecipients, absenceThresholds } from '../policy/attendance/absence-notices.js';
import { minutesInMs } from '../policy/duration.js';
import { addDays, monthOf, todayIn, type LocalDate } from '../policy/time.js';
import { buildAttendanceSheet } from './attendance-sheet.js';
import { dailyMomentsBetween, momentOn } from './attendance-schedule.js';
import type { UseCaseDeps } from './deps.js';

/** A claim this old and never marked sent belongs to a copy that died (a DM takes a second). */
const claimLeaseMs = minutesInMs(10);

type Month = { readonly first: LocalDate; readonly last: LocalDate };

/** The mark a clock-in import leaves: a check is owed. */
export const absenceCheckOwed = { kind: 'absence_owed', period: 'import' } as const;

/** The day's check: the day, whether its daily time has come, and the months it counts. */
export function absenceCheckDay(
  deps: Pick<UseCaseDeps, 'policy'>,
  now: Date,
): { day: LocalDate; timeReached: boolean; months: Month[] } | undefined {
  const { absence_notices: on, absence_check_time: time } = deps.policy.rules.attendance;
  if (!on) return undefined;
  const zone = deps.policy.default_timezone;
  const day = todayIn(now, zone);
  const last = monthOf(addDays(day, -1));
  const current = monthOf(day);
  return {
    day,
    timeReached: now.getTime() >= momentOn(day, time, zone).getTime(),
    months: last.first === current.first ? [current] : [last, current],
  };
}

export function absenceChecksBetween(deps: Pick<UseCaseDeps, 'policy'>, from: Date, to: Date): Date[] {
  const { absence_notices: on, absence_check_time: time } = deps.policy.rules.attendance;
  return on ? dailyMomentsBetween(time, deps.policy.default_timezone, from, to) : [];
}

/**
 * Today's check once its time has come, or the check an import left owed, if no copy has done it: the
 * notices it added (none when done already or nothing is reached).
 */
export async function checkAbsenceThresholds(deps: UseCaseDeps, now: Date): Promise<number> {
  const due = absenceCheckDay(deps, now);
  if (due === undefined) return 0;
  const check = { kind: 'absence' as const, period: due.day };
  const daily = due.timeReached && !(await attendanceCheckDone(deps.db, check));
  const owed = await attendanceCheckDone(deps.db, absenceCheckOwed);
  if (!daily && !owed) return 0;
  const reached: { personId: string; kind: string; period: string; days: readonly string[] }[] = [];
  for (const month of due.months) {
    const sheet = await buildAttendanceSheet(deps.db, deps.policy, month, now);
    for (const row of sheet.rows) {
      const rules = (deps.policy.teams[row.teamId]?.rules ?? deps.policy.rules).leave.absence;
      for (const threshold of absenceThresholds(row.absences, month, rules)) reached.push({ personId: row.personId, ...threshold });
    }
  }
  const org = await loadReportingLines(deps.db, [...new Set(reached.map((r) => r.personId))]);
  const notices: AbsenceNoticeRow[] = reached.flatMap((r) =>
    absenceNoticeRecipients(org, r.personId).map((recipientId) => ({ ...r, recipientId })),
  );
  return deps.db.transaction(async (tx) => {
    const tookDaily = daily && (await claimAttendanceCheck(tx, { ...check, at: now }));
    const tookOwed = owed && (await takeAttendanceCheck(tx, absenceCheckOwed));
    if (!tookDaily && !tookOwed) return 0;
    return addAbsenceNotices(tx, notices);
  });
}

export function claimAbsenceNotices(deps: UseCaseDeps, claimedBy: string, now: Date): Promise<AbsenceNoticeRow[]> {
  return claimUnsentAbsenceNotices(deps.db, { claimedBy, at: now, staleBefore: new Date(now.getTime() - claimLeaseMs) });
}

export function absenceNoticeSent(deps: UseCaseDeps, key: AbsenceNoticeKey, now: Date): Promise<void> {
  return markAbsenceNoticeSent(deps.db, { ...key, at: now });
}

export function releaseAbsenceNoticeClaim(deps: UseCaseDeps, key: AbsenceNoticeKey, claimedBy: string): Promise<void> {
  return releaseAbsenceNotice(deps.db, { ...key, claimedBy });
}
