/** /report's Slack side: open the form (from the command or a reminder's button) and take it in. */
import type { ActionArgs, ViewArgs } from '../route-table.js';
import type { Person } from '../../db/schema.js';
import { reportWeekStarting } from '../../policy/report-week.js';
import { teamOf } from '../../use-cases/team.js';
import { startReport, submitReport, weekFactsAt } from '../../use-cases/report.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { ephemeral } from '../blocks.js';
import type { Subcommand } from '../commands/command.js';
import { userContext, type UserContext } from '../context.js';
import { reportIds } from '../ids.js';
import type { SlackServices } from '../services.js';
import type { ReportNotifier } from './notify.js';
import { readFactsAt, readReportForm, readWeekStart } from './parse.js';
import { dueText, factLines, reportModal, type ReportViewContext } from './views.js';

function viewContext(deps: UseCaseDeps, user: UserContext, person: Person): ReportViewContext {
  return { t: user.t, locale: user.locale, policy: deps.policy, team: teamOf(deps, person) };
}

async function modalFor(deps: UseCaseDeps, user: UserContext, person: Person) {
  return reportModal(viewContext(deps, user, person), await startReport(deps, person));
}

/** `/report`: the form for this week, opened at once so the trigger_id is fresh. */
export const openReportModal: Subcommand = {
  summaryKey: 'help.report.write',
  async run({ ack, client, body, user, deps }) {
    await ack();
    await openReportForm(client, body.trigger_id, deps, user, user.person);
  },
};

/** This week's form, for the command, the reminder's button and the Home tab's button alike. */
export async function openReportForm(
  client: ActionArgs['client'],
  triggerId: string,
  deps: UseCaseDeps,
  user: UserContext,
  person: Person,
): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: await modalFor(deps, user, person) });
}

/** The reminder's button: the same form, for whoever clicked it. */
export function reportOpenClicked(deps: UseCaseDeps) {
  return async ({ ack, body, client, context, respond }: ActionArgs): Promise<void> => {
    await ack();
    const user = userContext(context);
    if (!user.person?.active)
      return void (await respond({
        ...ephemeral(user.t(user.person ? 'common.inactive' : 'common.not_in_roster')),
        replace_original: false,
      }));
    await client.views.open({ trigger_id: body.trigger_id, view: await modalFor(deps, user, user.person) });
  };
}

export function reportSubmitted(deps: UseCaseDeps, services: SlackServices, notifier: (client: ViewArgs['client']) => ReportNotifier) {
  return async ({ ack, view, context, client }: ViewArgs): Promise<void> => {
    const user = userContext(context);
    const person = user.person?.active ? user.person : undefined;
    const weekStart = readWeekStart(view.private_metadata);
    if (!person || !weekStart) {
      await ack({
        response_action: 'errors',
        errors: { [reportIds.blocks.done]: user.t(person ? 'report.error.closed' : 'common.not_in_roster') },
      });
      return;
    }
    const team = teamOf(deps, person);
    const week = reportWeekStarting(weekStart, team.rules.report, team.timezone);
    // the lines the form was filled with, as of when it was opened, do not count towards the length
    const facts = await weekFactsAt(deps, person, week, readFactsAt(view.private_metadata) ?? deps.clock.now());
    const form = readReportForm(view.state.values as never);
    const result = await submitReport(deps, person, { weekStart, ...form, prefilled: factLines(facts, viewContext(deps, user, person)) });
    const errorOn = (block: string, text: string) => ack({ response_action: 'errors', errors: { [block]: text } });
    switch (result.kind) {
      case 'too_short':
        return void (await errorOn(
          reportIds.blocks.improve,
          user.t('report.error.too_short', { missing: result.missing, length: result.length, minimum: result.minimum }),
        ));
      case 'closed':
        return void (await errorOn(reportIds.blocks.done, user.t('report.error.closed')));
      case 'locked':
        return void (await errorOn(
          reportIds.blocks.done,
          user.t('report.error.locked', { due: dueText(result.week, viewContext(deps, user, person)) }),
        ));
      case 'unchanged':
        return void (await ack());
      case 'submitted':
      case 'edited': {
        await ack();
        const saved = { kind: result.kind, report: result.report, week: result.week };
        services.afterAck.run(() => notifier(client).saved(person, saved));
      }
    }
  };
}
