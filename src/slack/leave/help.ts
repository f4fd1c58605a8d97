import type { LeaveRule } from '../../policy/policy-file.js';
import { bullets, context, section, type Block } from '../blocks.js';
import type { HelpInput } from '../commands/command.js';
import { humanDuration, joinList, labelIn, roleName } from '../format.js';
import { rulesHeading } from '../commands/rules-heading.js';

/** `/leave help`: the rule table and leave types of the asker's team, straight from the policy. */
export function leaveHelp(input: HelpInput): Block[] {
  const { t, locale, rules } = input;
  const leave = rules.leave;
  const typeName = (code: string) => {
    const type = leave.types[code];
    return type ? labelIn(type.label, locale) : code;
  };
  const ruleLine = (rule: LeaveRule) =>
    t('help.leave.rule', {
      types: rule.types ? joinList(rule.types.map(typeName), t) : t('help.leave.rule_all_types'),
      length: lengthText(rule, input),
      notice: humanDuration(rule.notice, t),
      late: rule.notice_enforce === 'warn' ? t('help.leave.late_allowed') : '',
      chain: rule.chain.map((role) => roleName(role, t)).join(t('chain.join')),
    });
  const typeLine = ([code, type]: [string, (typeof leave.types)[string]]) =>
    t('help.leave.type', { label: typeName(code), pay: t(`help.leave.pay.${type.pay}`), proof: t(`help.leave.proof.${type.proof}`) });
  return [
    rulesHeading(input),
    section(`${t('help.leave.rules_heading')}\n${bullets(leave.rules.map(ruleLine))}`),
    section(`${t('help.leave.types_heading')}\n${bullets(Object.entries(leave.types).map(typeLine))}`),
    context(
      t('help.leave.monthly_cap', { days: leave.monthly_cap.days, types: joinList(leave.monthly_cap.types.map(typeName), t) }) +
        (leave.monthly_cap.enforce === 'warn' ? t('help.leave.cap_warn') : ''),
      t('help.leave.max_span', { days: leave.max_span_days }),
    ),
  ];
}

function lengthText(rule: LeaveRule, { t }: HelpInput): string {
  const { min_days: min, max_days: max } = rule;
  if (min !== undefined && max !== undefined) return t('help.leave.length_between', { min, max });
  const days = (count: number) => t(count === 1 ? 'duration.day' : 'duration.days', { count });
  if (min !== undefined) return t('help.leave.length_from', { min: days(min) });
  if (max !== undefined) return t('help.leave.length_up_to', { max: days(max) });
  return '';
}
