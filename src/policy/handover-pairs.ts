/**
 * Which shift hands over to which (POLICY §4), from the times of day alone: a shift hands over to the
 * shift at work when it ends that started after it (the latest such), or else to the next one to
 * start. A shift that ends inside another that started no later (the office shift C inside the day
 * shift R) hands over to nobody: the shift around it carries on.
 */
import { parseTimeOfDay } from './duration.js';

const day = 24 * 60;

interface Span {
  readonly code: string;
  readonly start: number;
  readonly end: number;
}

function spanOf(shift: { readonly code: string; readonly start: string; readonly end: string }): Span {
  const start = parseTimeOfDay(shift.start) ?? 0;
  const end = parseTimeOfDay(shift.end) ?? 0;
  return { code: shift.code, start, end: end <= start ? end + day : end };
}

/** For each of the shifts, the code of the shift it hands over to, or null for none. */
export function derivedHandoverPairs(
  shifts: readonly { readonly code: string; readonly start: string; readonly end: string }[],
): Record<string, string | null> {
  const spans = shifts.map(spanOf);
  const pairs: Record<string, string | null> = {};
  for (const s of spans) {
    // the other shifts on the day before, the same day and the day after
    const around = spans.flatMap((t) =>
      [-day, 0, day]
        .filter((shift) => t.code !== s.code || shift !== 0)
        .map((shift) => ({ code: t.code, start: t.start + shift, end: t.end + shift })),
    );
    const atWork = around.filter((t) => t.start <= s.end && t.end > s.end);
    if (atWork.some((t) => t.start <= s.start)) {
      pairs[s.code] = null;
      continue;
    }
    const latest = atWork.sort((a, b) => b.start - a.start)[0];
    const next = around.filter((t) => t.start >= s.end).sort((a, b) => a.start - b.start)[0];
    pairs[s.code] = (latest ?? next)?.code ?? null;
  }
  return pairs;
}
