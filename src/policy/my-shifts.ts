/**
 * One person's coming shifts as their Home lists them: each roster row with what happened to it (on
 * leave, given away by a swap, or worked for someone else), today's shift first.
 */
import type { Policy } from './policy-file.js';
import type { RosterStatus } from './roster-status.js';
import { addDays, shiftInterval, type LocalDate } from './time.js';

export type MyShiftState = 'scheduled' | 'on_leave' | 'swapped_away' | 'taken_over';

export interface MyRosterRow {
  readonly date: LocalDate;
  readonly shiftCode: string;
  readonly status: RosterStatus;
}

/** A shift an approved swap or cover moved from one person to another; later moves have a larger `order`. */
export interface MovedShift {
  readonly date: LocalDate;
  readonly shiftCode: string;
  readonly fromId: string;
  readonly toId: string;
  readonly order: number;
}

export interface MyShift {
  readonly date: LocalDate;
  readonly shiftCode: string;
  readonly state: MyShiftState;
  /** Who took it (swapped away) or whose it was (taken over). */
  readonly otherId: string | undefined;
  /** The policy pays a night allowance for it. */
  readonly night: boolean;
  readonly start: Date;
  readonly end: Date;
  /** It starts today, or started earlier and has not ended (a night shift from yesterday). */
  readonly today: boolean;
}

export interface MyShiftsInput {
  readonly me: string;
  /** The person's roster rows from the day before `today` on. */
  readonly rows: readonly MyRosterRow[];
  readonly moves: readonly MovedShift[];
  readonly policy: Pick<Policy, 'shifts'>;
  readonly timeZone: string;
  readonly now: Date;
  readonly today: LocalDate;
  /** Days from today on to list, today included. */
  readonly days: number;
}

/** Which days of roster rows `myShifts` reads: yesterday (a shift still running) through the last day listed. */
export function myShiftDays(today: LocalDate, days: number): { readonly from: LocalDate; readonly to: LocalDate } {
  return { from: addDays(today, -1), to: addDays(today, days - 1) };
}

export function myShifts(input: MyShiftsInput): MyShift[] {
  const { me, policy, timeZone, now, today } = input;
  const last = addDays(today, input.days - 1);
  const latestMove = (row: MyRosterRow, matches: (m: MovedShift) => boolean) =>
    input.moves.filter((m) => m.date === row.date && m.shiftCode === row.shiftCode && matches(m)).sort((a, b) => b.order - a.order)[0];
  return input.rows
    .flatMap((row): MyShift[] => {
      const definition = policy.shifts[row.shiftCode];
      if (!definition || row.date > last) return [];
      const { start, end } = shiftInterval(row.date, definition, timeZone);
      const running = start <= now && end > now;
      if (row.date < today && !running) return [];
      const given = row.status === 'swapped' ? latestMove(row, (m) => m.fromId === me) : undefined;
      const received = row.status === 'scheduled' ? latestMove(row, (m) => m.toId === me) : undefined;
      const state: MyShiftState =
        row.status === 'on_leave' ? 'on_leave' : row.status === 'swapped' ? 'swapped_away' : received ? 'taken_over' : 'scheduled';
      return [
        {
          date: row.date,
          shiftCode: row.shiftCode,
          state,
          otherId: given?.toId ?? received?.fromId,
          night: definition.night_allowance !== undefined,
          start,
          end,
          today: row.date === today || running,
        },
      ];
    })
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.shiftCode.localeCompare(b.shiftCode));
}
