import type { Translate } from '../i18n/t.js';
import type { Refusal } from '../policy/decision.js';
import type { Locale, Policy, TeamDefinition } from '../policy/policy-file.js';
import { dayText, humanDuration, labelIn, monthText } from './format.js';

export interface RefusalView {
  readonly t: Translate;
  readonly locale: Locale;
  readonly team: TeamDefinition;
  /** Names of the people a refusal names by Slack id (`person`). */
  readonly names?: ReadonlyMap<string, string>;
  /** For refusals that name another team (`team`). */
  readonly policy?: Pick<Policy, 'teams'>;
}

/** A refusal in the reader's words; params follow the policy core's naming rule (`*Date`, `*Minutes`, `type`, `month`). */
export function refusalText(refusal: Refusal, { t, locale, team, names, policy }: RefusalView): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(refusal.params)) {
    if ((name === 'date' || name.endsWith('Date')) && typeof value === 'string') params[name] = dayText(value, locale);
    else if (name.endsWith('Minutes') && typeof value === 'number') params[name] = humanDuration(value, t);
    else if (name === 'type' && typeof value === 'string') params[name] = leaveTypeName(value, team, locale);
    else if (name === 'month' && typeof value === 'string') params[name] = monthText(value, locale);
    else if (name === 'person' && typeof value === 'string') params[name] = names?.get(value) ?? value;
    else if (name === 'team' && typeof value === 'string')
      params[name] = policy?.teams[value] ? labelIn((policy.teams[value] as TeamDefinition).label, locale) : value;
    else params[name] = value;
  }
  return t(refusal.code, params);
}

/** Where a modal shows the refusals of each field: the blocks it has, the one each field wants, and where the rest go. */
export interface ModalFields {
  /** The block ids of the modal as it was submitted. */
  readonly present: readonly string[];
  /** The block a refusal's field belongs on (a prefix of it, for blocks named after a row). */
  readonly wanted: (field: string | undefined) => string;
  /** For a refusal whose block the modal lacks. */
  readonly fallback: string;
}

/**
 * A modal's `response_action: errors`: each refusal in the reader's words under its field's block,
 * or under `fallback` when the modal lacks it; two refusals on one block are shown one after the other.
 */
export function fieldErrors(refusals: readonly Refusal[], view: RefusalView, fields: ModalFields): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const r of refusals) {
    const wanted = fields.wanted(r.field);
    const block = fields.present.includes(wanted) ? wanted : (fields.present.find((id) => id.startsWith(`${wanted}.`)) ?? fields.fallback);
    const text = refusalText(r, view);
    errors[block] = errors[block] ? `${errors[block]} ${text}` : text;
  }
  return errors;
}

export function leaveTypeName(code: string, team: TeamDefinition, locale: Locale): string {
  const type = team.rules.leave.types[code];
  return type ? labelIn(type.label, locale) : code;
}
