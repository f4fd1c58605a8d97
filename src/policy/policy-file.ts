/**
 * The policy file (policy.yml): every number of POLICY.md, validated once at start-up.
 * Keys mirror the file (snake_case) so an error path reads the same in the file and in code.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { parseDuration, parseTimeOfDay, type Minutes } from './duration.js';
import { derivedHandoverPairs } from './handover-pairs.js';
import { policyFileError } from '../errors.js';
import { toLocalDate } from './time.js';

const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const roles = ['agent', 'lead', 'manager', 'gm', 'qa', 'hr'] as const;
export type Role = (typeof roles)[number];
export const approverRoles = ['lead', 'manager', 'gm'] as const;
export type ApproverRole = (typeof approverRoles)[number];
const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof weekdays)[number];

const duration = z.string({ error: 'expected a duration like "24h" or "1d"' }).transform((text, ctx): Minutes => {
  const minutes = parseDuration(text);
  if (minutes === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected a duration like "24h" or "1d"' });
    return z.NEVER;
  }
  return minutes;
});

const timeOfDay = z
  .string({ error: 'expected a time of day like "08:30"' })
  .refine((text) => parseTimeOfDay(text) !== undefined, 'expected a time of day like "08:30"');

const timeZone = z
  .string({ error: 'expected an IANA time zone like "Asia/Shanghai"' })
  .refine(isTimeZone, 'expected an IANA time zone like "Asia/Shanghai"');

const isoDate = z
  .string({ error: 'expected a date like "2026-10-01"' })
  .refine((text) => toLocalDate(text) !== undefined, 'expected a real date like "2026-10-01"');

const label = z.strictObject({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
export type Label = z.output<typeof label>;

const code = z.string().regex(/^[A-Za-z0-9_]{1,32}$/, 'expected a code of letters, digits or _ (at most 32)');
const count = z.number({ error: 'expected a whole number' }).int('expected a whole number').min(0, 'expected 0 or more');
const enforce = z.enum(['strict', 'warn'], { error: 'expected strict or warn' });
const weekday = z.enum(weekdays, { error: `expected one of ${weekdays.join(', ')}` });
const weeklyTime = z.strictObject({ weekday, time: timeOfDay });
/** The most characters a person may type into one field of a form (Slack's text inputs hold 3000 at most, whatever this says). */
const maxChars = (fallback: number) => count.min(1, 'expected 1 or more').default(fallback);

const shift = z.strictObject({
  label,
  start: timeOfDay,
  end: timeOfDay,
  counted_hours: z.number({ error: 'expected a number of hours' }).positive('expected more than 0').max(24),
  night_allowance: z.number().min(0).optional(),
});

const leaveType = z.strictObject({
  label,
  proof: z.enum(['none', 'before', 'after'], { error: 'expected none, before or after' }),
  pay: z.enum(['paid', 'unpaid', 'company_rules'], { error: 'expected paid, unpaid or company_rules' }),
  balance: z.enum(['none', 'annual', 'comp_time'], { error: 'expected none, annual or comp_time' }).default('none'),
  emergency: z.boolean().default(false),
});

const leaveRule = z.strictObject({
  types: z.array(code).min(1).optional(),
  min_days: count.min(1).optional(),
  max_days: count.min(1).optional(),
  notice: duration,
  notice_enforce: enforce,
  chain: z.array(z.enum(approverRoles, { error: 'expected lead, manager or gm' })).min(1, 'expected at least one approver'),
});
export type LeaveRule = z.output<typeof leaveRule>;

const rules = z.strictObject({
  hours: z.strictObject({
    standard_day_hours: z.number().positive(),
    working_days: z
      .strictObject({
        weekdays: z.array(weekday).min(1).default(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']),
        days_off: z.array(isoDate).default([]),
        extra_working_days: z.array(isoDate).default([]),
      })
      .default({ weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], days_off: [], extra_working_days: [] }),
  }),
  staffing: z.strictObject({ below_minimum: enforce, below_minimum_emergency: enforce.default('warn') }),
  leave: z.strictObject({
    types: z.record(code, leaveType).refine((types) => Object.keys(types).length > 0, 'expected at least one leave type'),
    rules: z.array(leaveRule).min(1),
    monthly_cap: z.strictObject({ days: count, types: z.array(code), enforce }),
    max_span_days: count.min(1).default(190),
    max_days_ahead: count.min(1).default(366),
    list_past_days: count.default(31),
    reason_max_chars: maxChars(500),
    reject_reason_max_chars: maxChars(500),
    annual_days_default: z.number().min(0),
    comp_time_expires_after_months: count.min(1),
    proof_due_after_return: duration,
    approval_reminder_after: duration,
    approval_escalate_after: duration,
    show_type_in_channel: z.boolean(),
    top_of_org: z
      .union([
        z.enum(['self_recorded', 'refused']),
        z.string().regex(/^[UW][A-Z0-9]+$/, 'expected self_recorded, refused or a Slack member id like U0123ABC'),
      ])
      .default('self_recorded'),
    absence: z.strictObject({
      contract_consecutive_days: count.min(1),
      contract_days_per_year: count.min(1),
      bonus_forfeit_days_per_month: count.min(1),
    }),
  }),
  swap: z.strictObject({
    notice: duration,
    min_rest: duration,
    max_consecutive_days: count.min(1),
    same_team_only: z.boolean(),
    full_attendance_max_swaps: count,
    offer_days_ahead: count.min(1).default(62),
    note_max_chars: maxChars(300),
    reject_reason_max_chars: maxChars(500),
    list_past_days: count.default(7),
  }),
  handover: z.strictObject({
    outgoing_starts_before_end: duration,
    incoming_arrives_before_start: duration,
    escalate_unacknowledged_after: duration,
    missed_after_shift_end: duration,
    missed_catch_up_days: count.min(1).default(1),
    case_due_max_days_ahead: count.min(1).default(366),
    refusal_reasons: z.record(code, label).refine((r) => Object.keys(r).length > 0, 'expected at least one reason'),
    missed_escalation: z.array(label),
    field_max_chars: maxChars(2000),
    case_line_max_chars: maxChars(300),
    refusal_note_max_chars: maxChars(500),
  }),
  report: z.strictObject({
    week_starts: weekday.default('monday'),
    due: weeklyTime,
    min_chars: count.min(1),
    reminders: z.array(weeklyTime),
    owed_by: z.enum(['rostered_agents', 'all_agents'], { error: 'expected rostered_agents or all_agents' }),
    manager_alert_consecutive_misses: count.min(1),
    missed_escalation: z.array(label),
  }),
  digest: z
    .strictObject({
      enabled: z.boolean().default(true),
      time: timeOfDay.default('08:00'),
      show_leave_type_to_approvers: z.boolean().default(false),
      coverage_days: count.min(1).max(31).default(7),
    })
    .default({ enabled: true, time: '08:00', show_leave_type_to_approvers: false, coverage_days: 7 }),
  attendance: z.strictObject({
    tolerated_late_per_month: count,
    points_per_late: count,
    extra_points_over_late_count: count,
    extra_points: count,
    late_counts_as_absence_after: duration,
    late_counts_as_absence_up_to: duration,
    hr_sheet_due_day: count.min(1).max(28),
    hr_sheet_time: timeOfDay.default('09:00'),
    hr_sheet_by_dm: z.boolean().default(true),
    absence_notices: z.boolean().default(true),
    absence_check_time: timeOfDay.default('10:00'),
    comp_time_proposals: z.boolean().default(true),
    comp_time_proposal_day: count.min(1).max(28).default(1),
    comp_time_proposal_time: timeOfDay.default('09:00'),
    clock_window: duration.default(6 * 60),
    full_attendance_excludes_leave: z.array(code).default(['personal', 'sick']),
  }),
  calendar: z
    .strictObject({
      days_back: count.default(31),
      days_ahead: count.min(1, 'expected 1 or more').default(400),
      refresh_every: duration.refine((minutes) => minutes >= 1, 'expected at least 1m').prefault('1h'),
    })
    .prefault({}),
  home: z
    .strictObject({
      days: count.min(1, 'expected 1 to 31').max(31, 'expected 1 to 31').default(14),
      meeting_pack_again_after: duration.default(1),
    })
    .default({ days: 14, meeting_pack_again_after: 1 }),
});
export type Rules = z.output<typeof rules>;
const ruleSections = Object.keys(rules.shape) as (keyof Rules)[];

const team = z.strictObject({
  label,
  timezone: timeZone.optional(),
  locale: z.enum(locales, { error: 'expected zh-CN or en' }).optional(),
  announce_channel: z
    .string()
    .regex(/^[CG][A-Z0-9]+$/, 'expected a Slack channel id like C0123ABC')
    .optional(),
  handover_channel: z
    .string()
    .regex(/^[CG][A-Z0-9]+$/, 'expected a Slack channel id like C0123ABC')
    .optional(),
  shifts: z.array(code).min(1).optional(),
  min_staffing: z.record(code, count).default({}),
  hands_over_to: z.record(code, code).default({}),
  overrides: z.record(z.string(), z.unknown()).default({}),
});

const fileSchema = z.strictObject({
  default_locale: z.enum(locales, { error: 'expected zh-CN or en' }),
  default_timezone: timeZone,
  shifts: z.record(code, shift).refine((s) => Object.keys(s).length > 0, 'expected at least one shift'),
  teams: z.record(code, team).refine((t) => Object.keys(t).length > 0, 'expected at least one team'),
  ...rules.shape,
});

export type ShiftDefinition = z.output<typeof shift> & { readonly code: string };

export interface TeamDefinition {
  readonly id: string;
  readonly label: Label;
  readonly timezone: string;
  /** The language of the team's channel posts: the team's `locale`, else `default_locale`. */
  readonly locale: Locale;
  readonly announce_channel: string | undefined;
  readonly handover_channel: string | undefined;
  /** Shift codes this team works, in the order of the policy file. */
  readonly shifts: readonly string[];
  readonly min_staffing: Readonly<Record<string, number>>;
  /** For each shift the team works, the shift it hands over to (`/handover`), or null when it hands over to nobody. */
  readonly hands_over_to: Readonly<Record<string, string | null>>;
  /** The rule sections with this team's overrides applied. */
  readonly rules: Rules;
}

export interface Policy {
  readonly default_locale: Locale;
  readonly default_timezone: string;
  readonly shifts: Readonly<Record<string, ShiftDefinition>>;
  readonly teams: Readonly<Record<string, TeamDefinition>>;
  /** The department-wide rule sections, before team overrides. */
  readonly rules: Rules;
}

/** Parses and checks a policy file's text. Throws AppError('policy.invalid') listing every problem found. */
export function parsePolicy(yamlText: string): Policy {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const [line, col] = [error.linePos?.[0].line, error.linePos?.[0].col];
      throw policyFileError([`line ${line ?? '?'}, column ${col ?? '?'}: ${error.message.split('\n')[0]}`]);
    }
    throw error;
  }
  const parsed = fileSchema.safeParse(raw ?? {}, { reportInput: true });
  if (!parsed.success) throw policyFileError(describeIssues(parsed.error.issues));
  const file = parsed.data;

  const department: Rules = Object.fromEntries(ruleSections.map((s) => [s, file[s]])) as Rules;
  const rawDepartment = Object.fromEntries(ruleSections.map((s) => [s, (raw as Record<string, unknown>)[s]]));
  const problems = [...checkReferences('', department)];
  const teams: Record<string, TeamDefinition> = {};
  for (const [id, t] of Object.entries(file.teams)) {
    const where = `teams.${id}`;
    const overrides = Object.entries(t.overrides).filter(([key]) => {
      const known = (ruleSections as string[]).includes(key);
      if (!known) problems.push(`${where}.overrides.${key}: unknown rule section (expected one of ${ruleSections.join(', ')})`);
      return known;
    });
    const merged = rules.safeParse(mergeDeep(rawDepartment, Object.fromEntries(overrides)), { reportInput: true });
    if (!merged.success) {
      problems.push(...describeIssues(merged.error.issues, `${where}.overrides.`));
      continue;
    }
    problems.push(...checkReferences(`${where}.overrides.`, merged.data));
    const shiftCodes = t.shifts ?? Object.keys(file.shifts);
    shiftCodes.forEach((c, i) => {
      if (!(c in file.shifts)) problems.push(`${where}.shifts.${i}: unknown shift "${c}"`);
    });
    for (const c of Object.keys(t.min_staffing)) {
      if (!shiftCodes.includes(c)) problems.push(`${where}.min_staffing.${c}: the team does not work shift "${c}"`);
    }
    for (const [from, to] of Object.entries(t.hands_over_to)) {
      if (!shiftCodes.includes(from)) problems.push(`${where}.hands_over_to.${from}: the team does not work shift "${from}"`);
      if (to !== 'none' && !shiftCodes.includes(to))
        problems.push(`${where}.hands_over_to.${from}: expected none or a shift the team works (${shiftCodes.join(', ')})`);
    }
    const derived = derivedHandoverPairs(shiftCodes.flatMap((c) => (file.shifts[c] ? [{ ...file.shifts[c], code: c }] : [])));
    teams[id] = {
      id,
      label: t.label,
      timezone: t.timezone ?? file.default_timezone,
      locale: t.locale ?? file.default_locale,
      announce_channel: t.announce_channel,
      handover_channel: t.handover_channel,
      shifts: shiftCodes,
      min_staffing: t.min_staffing,
      hands_over_to: Object.fromEntries(
        shiftCodes.map((c) => [
          c,
          c in t.hands_over_to ? (t.hands_over_to[c] === 'none' ? null : (t.hands_over_to[c] as string)) : (derived[c] ?? null),
        ]),
      ),
      rules: merged.data,
    };
  }
  if (problems.length > 0) throw policyFileError(problems);

  const shifts = Object.fromEntries(Object.entries(file.shifts).map(([c, s]) => [c, { ...s, code: c }]));
  return deepFreeze({ default_locale: file.default_locale, default_timezone: file.default_timezone, shifts, teams, rules: department });
}

/** Cross-references zod cannot see: leave types named by rules exist, and the rule table ends with a catch-all. */
function checkReferences(prefix: string, r: Rules): string[] {
  const problems: string[] = [];
  const types = Object.keys(r.leave.types);
  r.leave.rules.forEach((rule, i) => {
    rule.types?.forEach((t, j) => {
      if (!types.includes(t)) problems.push(`${prefix}leave.rules.${i}.types.${j}: unknown leave type "${t}"`);
    });
    if (rule.min_days !== undefined && rule.max_days !== undefined && rule.min_days > rule.max_days) {
      problems.push(`${prefix}leave.rules.${i}: min_days is larger than max_days`);
    }
  });
  const last = r.leave.rules.at(-1);
  if (last && (last.types || last.min_days !== undefined || last.max_days !== undefined)) {
    problems.push(
      `${prefix}leave.rules.${r.leave.rules.length - 1}: the last rule must match every request (no types, min_days or max_days)`,
    );
  }
  r.leave.monthly_cap.types.forEach((t, j) => {
    if (!types.includes(t)) problems.push(`${prefix}leave.monthly_cap.types.${j}: unknown leave type "${t}"`);
  });
  r.attendance.full_attendance_excludes_leave.forEach((t, j) => {
    if (!types.includes(t)) problems.push(`${prefix}attendance.full_attendance_excludes_leave.${j}: unknown leave type "${t}"`);
  });
  return problems;
}

function describeIssues(issues: readonly z.core.$ZodIssue[], prefix = ''): string[] {
  return issues.map((issue) => {
    const where = prefix + issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => `${where ? `${where}.` : ''}${k}: unknown key`).join('\n');
    }
    if (issue.code === 'invalid_key') return `${where}: ${issue.issues[0]?.message ?? 'invalid key'}`;
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    return `${where || '(top level)'}: ${missing ? 'is required' : issue.message}`;
  });
}

function mergeDeep(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) out[k] = mergeDeep(base[k], v);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.includes('/') || name === 'UTC';
  } catch {
    return false;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
