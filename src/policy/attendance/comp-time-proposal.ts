/**
 * The comp time proposed from a month's hours (POLICY §1): the hours over the standard go to the
 * person's manager, who approves them or enters other hours. Other hours are a number of hours to a
 * tenth, from 0 (no credit) up to the hours proposed: comp time is earned by hours over the standard,
 * so a manager may credit fewer, never more.
 */
import { z } from 'zod';
import { lineAbove, type Org } from '../approval.js';

export type AdjustedHours =
  | { readonly ok: true; readonly hours: number }
  | { readonly ok: false; readonly code: 'comp_time.adjust.not_a_number' | 'comp_time.adjust.negative' | 'comp_time.adjust.tenths' }
  | { readonly ok: false; readonly code: 'comp_time.adjust.over_proposed'; readonly max: number };

const tenths = (hours: number) => Math.abs(hours * 10 - Math.round(hours * 10)) < 1e-9;

/** The hours a manager typed (a comma as the decimal mark is read too), checked against the hours proposed. */
export function readAdjustedHours(text: string, proposed: number): AdjustedHours {
  const schema = z
    .string()
    .trim()
    .regex(/^-?\d+([.,]\d+)?$/, 'comp_time.adjust.not_a_number')
    .transform((value) => Number(value.replace(',', '.')))
    .pipe(
      z
        .number()
        .min(0, 'comp_time.adjust.negative')
        .refine(tenths, 'comp_time.adjust.tenths')
        .refine((hours) => hours <= proposed, 'comp_time.adjust.over_proposed'),
    );
  const parsed = schema.safeParse(text);
  if (parsed.success) return { ok: true, hours: Math.round(parsed.data * 10) / 10 };
  const code = parsed.error.issues[0]?.message;
  if (code === 'comp_time.adjust.over_proposed') return { ok: false, code, max: proposed };
  if (code === 'comp_time.adjust.negative' || code === 'comp_time.adjust.tenths') return { ok: false, code };
  return { ok: false, code: 'comp_time.adjust.not_a_number' };
}

/** The person's manager: the nearest active manager above them; undefined when there is none in their line. */
export function compTimeDecider(org: Org, personId: string): string | undefined {
  return lineAbove(org, personId).find((member) => member.active && member.role === 'manager')?.slackId;
}
