/** Durations in the policy file ("15m", "24h", "1d12h") become whole minutes. */
export type Minutes = number;

const durationPattern = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

export function parseDuration(text: string): Minutes | undefined {
  const match = durationPattern.exec(text.trim());
  if (match === null || text.trim() === '') return undefined;
  const [, days = '0', hours = '0', minutes = '0'] = match;
  return Number(days) * 24 * 60 + Number(hours) * 60 + Number(minutes);
}

/** Milliseconds in `n` minutes, for arithmetic on instants. */
export function minutesInMs(n: Minutes): number {
  return n * 60_000;
}

/** A duration as whole days, hours and the minutes left over: 1530 → { days: 1, hours: 1, minutes: 30 }. */
export function durationParts(minutes: Minutes): { days: number; hours: number; minutes: number } {
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}

/** The shortest readable form, for messages: 1440 → "1d", 90 → "1h30m". */
export function formatDuration(minutes: Minutes): string {
  if (minutes === 0) return '0m';
  const parts = durationParts(minutes);
  return `${parts.days ? `${parts.days}d` : ''}${parts.hours ? `${parts.hours}h` : ''}${parts.minutes ? `${parts.minutes}m` : ''}`;
}

/** "HH:MM" → minutes after midnight, or undefined when it is not a time of day. */
export function parseTimeOfDay(text: string): Minutes | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (match === null) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}
