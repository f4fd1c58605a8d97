/**
 * The month's attendance sheet for HR, one row per person, from what the bot knows (see
 * policy/attendance/month-sheet.ts for the rules), and the file HR receives: CSV in UTF-8 with a
 * byte-order mark (so that Excel reads Chinese), headers in the policy's default language.
 */
import { formatCsv } from '../csv.js';
import type { DbOrTx } from '../db/client.js';
import {
  approvedLeaveBetween,
  approvedSwapCounts,
  compTimeEarned,
  handoverMissCounts,
  reportMissCounts,
  scheduledShiftsBetween,
} from '../db/queries/attendance.js';
import { listClockIns } from '../db/queries/clock-ins.js';
import { compTimeProposalsOf } from '../db/queries/comp-time-proposals.js';
import { listPeople } from '../db/queries/people.js';
import { translator, type Translate } from '../i18n/t.js';
import type { AbsenceDay } from '../policy/attendance/absence.js';
import type { ClockRow } from '../policy/attendance/clock-rows.js';
import { personMonth, type AttendanceRow, type SheetLeave } from '../policy/attendance/month-sheet.js';
import { formatDuration } from '../policy/duration.js';
import type { Locale, Policy } from '../policy/policy-file.js';
import { yearOf, type LocalDate } from '../policy/time.js';

export interface AttendanceSheet {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly rows: readonly (AttendanceRow & { readonly name: string })[];
  /** Teams with people rostered in the month and not one clock-in row in it. */
  readonly teamsWithoutClockData: readonly string[];
}

/** Everyone with a duty in the month (rostered, clocked in or on approved leave), by team (policy order) and Slack id. */
export async function buildAttendanceSheet(
  db: DbOrTx,
  policy: Policy,
  month: { readonly first: LocalDate; readonly last: LocalDate },
  now: Date,
): Promise<AttendanceSheet> {
  const year = { from: yearOf(Number(month.first.slice(0, 4))).first, to: month.last };
  const inMonth = { from: month.first, to: month.last };
  const [people, scheduled, clocks, leaves, swaps, handovers, summaries, compTime, proposals] = await Promise.all([
    listPeople(db),
    scheduledShiftsBetween(db, year),
    listClockIns(db, year),
    approvedLeaveBetween(db, year),
    approvedSwapCounts(db, inMonth),
    handoverMissCounts(db, inMonth),
    reportMissCounts(db, inMonth),
    compTimeEarned(db, inMonth),
    compTimeProposalsOf(db, month.first.slice(0, 7)),
  ]);
  const teamOf = new Map(people.map((p) => [p.slackId, p.teamId]));
  const clocksOf = new Map<string, ClockRow[]>();
  const clockDataDays = new Set<string>();
  for (const row of clocks) {
    const list = clocksOf.get(row.personId);
    if (list === undefined) clocksOf.set(row.personId, [row]);
    else list.push(row);
    clockDataDays.add(`${teamOf.get(row.personId)}|${row.date}`);
  }
  const teamOrder = Object.keys(policy.teams);
  const hasDuty = (id: string) =>
    (scheduled.get(id) ?? []).some((s) => s.date >= month.first) ||
    (clocksOf.get(id) ?? []).some((c) => c.date >= month.first) ||
    (leaves.get(id) ?? []).some((leave) => leave.lastDay >= month.first);
  const onSheet = people
    .filter((p) => p.teamId in policy.teams && hasDuty(p.slackId))
    .sort((a, b) => teamOrder.indexOf(a.teamId) - teamOrder.indexOf(b.teamId) || (a.slackId < b.slackId ? -1 : 1));

  const context = { policy, month, now, clockDataDays };
  const rows = onSheet.map((person) => ({
    name: person.name,
    ...personMonth(
      {
        personId: person.slackId,
        teamId: person.teamId,
        scheduled: scheduled.get(person.slackId) ?? [],
        clocks: clocksOf.get(person.slackId) ?? [],
        leaves: leaves.get(person.slackId) ?? [],
        voluntarySwaps: swaps.get(person.slackId) ?? 0,
        missedHandovers: handovers.get(person.slackId) ?? 0,
        missedSummaries: summaries.get(person.slackId) ?? 0,
        compTimeApproved: compTime.get(person.slackId) ?? 0,
        ...(proposals.has(person.slackId) ? { compTimeProposed: proposals.get(person.slackId)?.hours } : {}),
      },
      context,
    ),
  }));
  const rostered = new Set(onSheet.filter((p) => (scheduled.get(p.slackId) ?? []).some((s) => s.date >= month.first)).map((p) => p.teamId));
  const withData = new Set(
    [...clockDataDays].filter((key) => key.slice(key.indexOf('|') + 1) >= month.first).map((key) => key.split('|')[0]),
  );
  const teamsWithoutClockData = teamOrder.filter((team) => rostered.has(team) && !withData.has(team));
  return { month: month.first.slice(0, 7), rows, teamsWithoutClockData };
}

/** The sheet as HR receives it; a team without clock-in data in the month is named in a line after the rows. */
export function attendanceSheetFile(sheet: AttendanceSheet, policy: Policy, locale: Locale = policy.default_locale): string {
  const say = translator(locale);
  const leaveTypes = Object.entries(policy.rules.leave.types);
  const header = [
    say('attendance.col.slack_id'),
    say('attendance.col.name'),
    say('attendance.col.team'),
    say('attendance.col.shifts_worked'),
    say('attendance.col.counted_hours'),
    say('attendance.col.standard_hours'),
    say('attendance.col.over_short'),
    say('attendance.col.comp_proposed'),
    say('attendance.col.comp_approved'),
    ...leaveTypes.map(([, type]) => say('attendance.col.leave_days', { label: type.label[locale] })),
    say('attendance.col.absences'),
    say('attendance.col.absences_year'),
    say('attendance.col.absence_run'),
    say('attendance.col.absence_details'),
    say('attendance.col.late_count'),
    say('attendance.col.late_points'),
    say('attendance.col.missing_clock'),
    say('attendance.col.swaps'),
    say('attendance.col.award'),
    say('attendance.col.award_reason'),
    say('attendance.col.missed_handovers'),
    say('attendance.col.missed_summaries'),
    say('attendance.col.nights'),
    say('attendance.col.night_allowance'),
    say('attendance.col.clock_data'),
    say('attendance.col.leave_documents'),
  ];
  const leaveLabel = (type: string) => policy.rules.leave.types[type]?.label[locale] ?? type;
  const rows = sheet.rows.map((row) => {
    const team = policy.teams[row.teamId];
    const rules = team?.rules ?? policy.rules;
    return [
      row.personId,
      row.name,
      team?.label[locale] ?? row.teamId,
      String(row.shiftsWorked),
      hours(row.hours.counted),
      hours(row.hours.standard),
      row.hours.over > 0 ? `+${hours(row.hours.over)}` : row.hours.short > 0 ? `-${hours(row.hours.short)}` : '0',
      hours(row.compTimeProposed),
      hours(row.compTimeApproved),
      ...leaveTypes.map(([type]) => String(row.leaveDays[type] ?? 0)),
      String(row.absences.month),
      String(row.absences.year),
      String(row.absences.longestRun),
      absenceDetails(say, row, formatDuration(rules.attendance.late_counts_as_absence_after)),
      String(row.lateOrEarly),
      String(row.latenessPoints),
      say('attendance.missing_clock', { in: row.missingClockIns, out: row.missingClockOuts }),
      String(row.voluntarySwaps),
      say(`attendance.award.${row.fullAttendance.award}`),
      row.fullAttendance.reasons
        .map((reason) =>
          say(
            reason.code,
            reason.code === 'attendance.award.leave' ? { ...reason.params, type: leaveLabel(String(reason.params.type)) } : reason.params,
          ),
        )
        .join('; '),
      String(row.missedHandovers),
      String(row.missedSummaries),
      String(row.nights),
      String(row.nightAllowance),
      row.daysWithoutClockData.length === 0
        ? say('attendance.clock.complete')
        : say('attendance.clock.missing', { days: row.daysWithoutClockData.length, dates: row.daysWithoutClockData.join(', ') }),
      row.leaves.map((leave) => leaveDocument(say, leave, leaveLabel(leave.type))).join('\n'),
    ];
  });
  const notice =
    sheet.teamsWithoutClockData.length === 0
      ? []
      : [
          [
            say('attendance.no_clock_data', {
              month: sheet.month,
              teams: sheet.teamsWithoutClockData.map((id) => policy.teams[id]?.label[locale] ?? id).join(', '),
            }),
          ],
        ];
  return `\uFEFF${formatCsv(header, [...rows, ...notice])}`;
}

const hours = (value: number) => String(Math.round(value * 10) / 10);

function absenceDetails(say: Translate, row: AttendanceRow, after: string): string {
  const days = row.absenceDays.map((day: AbsenceDay) => say(`attendance.cause.${day.cause}`, { date: day.date, after }));
  if (row.consequences.contractMayEnd) days.push(say('attendance.consequence.contract'));
  if (row.consequences.bonusForfeited) days.push(say('attendance.consequence.bonus'));
  return days.join('; ');
}

function leaveDocument(say: Translate, leave: SheetLeave, label: string): string {
  const files =
    leave.proofFiles.length > 0
      ? leave.proofFiles.map((file) => (file.permalink ? `${file.name} <${file.permalink}>` : file.name)).join(', ')
      : leave.proof === 'owed'
        ? say(leave.proofOverdue ? 'attendance.proof.overdue' : 'attendance.proof.owed')
        : say('attendance.proof.none');
  return say('attendance.leave_document', { type: label, from: leave.firstDay, to: leave.lastDay, files });
}
