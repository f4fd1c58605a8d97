/** When a team's daily "who's off" digest is due: from `digest.time` in the team's zone until that day ends. */
import { DateTime } from 'luxon';
import { parseTimeOfDay } from './duration.js';
import type { Rules } from './policy-file.js';
import { todayIn, type LocalDate } from './time.js';

/** The day whose digest is due at `now`, or undefined (turned off, or before today's time). */
export function dailyDigestDay(now: Date, rules: Pick<Rules['digest'], 'enabled' | 'time'>, timeZone: string): LocalDate | undefined {
  if (!rules.enabled) return undefined;
  const today = todayIn(now, timeZone);
  const minutes = parseTimeOfDay(rules.time) ?? 0;
  const dueAt = DateTime.fromISO(today, { zone: timeZone }).set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
  return now.getTime() >= dueAt.toMillis() ? today : undefined;
}
