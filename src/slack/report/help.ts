import { bullets, section, type Block } from '../blocks.js';
import type { HelpInput } from '../commands/command.js';
import { rulesHeading } from '../commands/rules-heading.js';
import { joinList, weekdayName } from '../format.js';

/** `/report help`: POLICY §5 deadline, minimum length and reminder times, in the team's time zone. */
export function reportHelp(input: HelpInput): Block[] {
  const { t } = input;
  const report = input.rules.report;
  const timezone = input.team?.timezone ?? input.policy.default_timezone;
  const reminders = report.reminders.map((r) => `${weekdayName(r.weekday, t)} ${r.time}`);
  const lines = [
    t('help.report.due', { weekday: weekdayName(report.due.weekday, t), time: report.due.time, timezone, chars: report.min_chars }),
    reminders.length > 0 ? t('help.report.reminders', { times: joinList(reminders, t) }) : t('help.report.no_reminders'),
  ];
  return [rulesHeading(input), section(bullets(lines))];
}
