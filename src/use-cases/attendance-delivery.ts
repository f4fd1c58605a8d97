/**
 * The previous month's attendance sheet to HR (POLICY §2: by the 3rd): from `attendance.hr_sheet_time`
 * on `attendance.hr_sheet_due_day` (in the policy's default zone) until the month ends, each active
 * person with role `hr` who has not had it gets it by DM (nobody with role hr: the managers), then
 * every manager who did not get it is told it went. Each send is claimed first, so app copies ticking
 * at once, or in turn, send each once.
 */
import { countedClaim } from '../metrics.js';
import {
  activePeopleWithRole,
  claimSheetSend,
  markSheetSent,
  releaseSheetSend,
  sheetSendsOf,
  type SheetSendKey,
} from '../db/queries/attendance-sends.js';
import type { Person } from '../db/schema.js';
import { minutesInMs, parseTimeOfDay } from '../policy/duration.js';
import { addDays, monthNamed, monthOf, todayIn, type LocalDate } from '../policy/time.js';
import { DateTime } from 'luxon';
import { attendanceSheetFile, buildAttendanceSheet } from './attendance-sheet.js';
import type { UseCaseDeps } from './deps.js';

/** A claim this old and never marked sent belongs to a copy that died (an upload takes seconds). */
const claimLeaseMs = minutesInMs(10);

export interface HrSheetDue {
  /** `YYYY-MM` of the month the sheet is of. */
  readonly month: string;
  readonly range: { readonly first: LocalDate; readonly last: LocalDate };
  readonly dueAt: Date;
}

/** The moment this month's sending of last month's sheet starts. */
function dueMoment(deps: Pick<UseCaseDeps, 'policy'>, today: LocalDate): Date {
  const { hr_sheet_due_day: day, hr_sheet_time: time } = deps.policy.rules.attendance;
  const minutes = parseTimeOfDay(time) ?? 0;
  return DateTime.fromISO(`${today.slice(0, 8)}${String(day).padStart(2, '0')}`, { zone: deps.policy.default_timezone })
    .set({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
    .toJSDate();
}

/** When the sheet of `month` (`YYYY-MM`) starts going to HR: its due day of the month after. */
export function sheetDueAfter(deps: Pick<UseCaseDeps, 'policy'>, month: string): Date {
  return dueMoment(deps, addDays(monthNamed(month).last, 1));
}

/** Last month's sheet, when its sending has started (and this month has not ended); undefined before. */
export function hrSheetDue(deps: Pick<UseCaseDeps, 'policy'>, now: Date): HrSheetDue | undefined {
  if (!deps.policy.rules.attendance.hr_sheet_by_dm) return undefined;
  const today = todayIn(now, deps.policy.default_timezone);
  const dueAt = dueMoment(deps, today);
  if (now.getTime() < dueAt.getTime()) return undefined;
  const range = monthOf(addDays(monthOf(today).first, -1));
  return { month: range.first.slice(0, 7), range, dueAt };
}

/** The starts of sending in (from, to], for a clock moved forward in leaps. */
export function hrSheetDueBetween(deps: Pick<UseCaseDeps, 'policy'>, from: Date, to: Date): Date[] {
  if (!deps.policy.rules.attendance.hr_sheet_by_dm) return [];
  const moments: Date[] = [];
  for (let day = monthOf(todayIn(from, deps.policy.default_timezone)).first; ; ) {
    const at = dueMoment(deps, day);
    if (at.getTime() > to.getTime()) break;
    if (at.getTime() > from.getTime()) moments.push(at);
    day = addDays(monthOf(day).last, 1);
  }
  return moments;
}

export interface HrSheetRecipients {
  /** Who gets the sheet: everyone with role hr, or the managers when there is nobody. */
  readonly sheet: readonly Person[];
  /** The managers to tell it went (none when they got it themselves). */
  readonly notice: readonly Person[];
}

export async function hrSheetRecipients(deps: UseCaseDeps): Promise<HrSheetRecipients> {
  const [hr, managers] = await Promise.all([activePeopleWithRole(deps.db, 'hr'), activePeopleWithRole(deps.db, 'manager')]);
  return hr.length > 0 ? { sheet: hr, notice: managers } : { sheet: managers, notice: [] };
}

/** The file HR receives. */
export async function hrSheetFile(deps: UseCaseDeps, due: HrSheetDue, now: Date): Promise<{ filename: string; content: string }> {
  const sheet = await buildAttendanceSheet(deps.db, deps.policy, due.range, now);
  return { filename: `attendance-${due.month}.csv`, content: attendanceSheetFile(sheet, deps.policy) };
}

export function claimHrSend(deps: UseCaseDeps, key: SheetSendKey, claimedBy: string, now: Date): Promise<boolean> {
  return countedClaim(
    deps.metrics,
    'hr_sheet',
    claimSheetSend(deps.db, { ...key, claimedBy, at: now, staleBefore: new Date(now.getTime() - claimLeaseMs) }),
  );
}

export async function hrSendDone(deps: UseCaseDeps, key: SheetSendKey, now: Date): Promise<void> {
  await markSheetSent(deps.db, { ...key, at: now });
  deps.metrics?.claim('hr_sheet', 'finished');
}

export async function releaseHrSend(deps: UseCaseDeps, key: SheetSendKey, claimedBy: string): Promise<void> {
  await releaseSheetSend(deps.db, { ...key, claimedBy });
  deps.metrics?.claim('hr_sheet', 'released');
}

/** Who already has the month's sheet, and which managers were already told. */
export async function hrSendsDone(deps: UseCaseDeps, month: string): Promise<{ sheet: Set<string>; notice: Set<string> }> {
  const rows = await sheetSendsOf(deps.db, month);
  const done = (kind: string) => new Set(rows.filter((r) => r.kind === kind && r.sentAt !== null).map((r) => r.recipientId));
  return { sheet: done('sheet'), notice: done('notice') };
}
