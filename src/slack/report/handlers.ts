/** /report's Slack side: open the form (from the command or a reminder's button) and take it in. */
import type { ActionArgs, ViewArgs } from '../route-table.js';
import type { Person } from '../../db/schema.js';
import { teamOf } from '../../use-cases/team.js';
import { startReport } from '../../use-cases/report.js';
import { submitReportForm, type ReportFormInput, type ReportRefusal } from '../../use-cases/report-form.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import type { Subcommand } from '../commands/command.js';
import type { ActiveUser, UserContext } from '../context.js';
import { reportIds } from '../ids.js';
import type { Clicked, Submitted } from '../listener.js';
import type { SlackServices } from '../services.js';
import type { ReportNotifier } from './notify.js';
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
  return async ({ user, body, client }: Clicked<true, ActiveUser>): Promise<void> => {
    await client.views.open({ trigger_id: body.trigger_id, view: await modalFor(deps, user, user.person) });
  };
}

export function reportSubmitted(deps: UseCaseDeps, services: SlackServices, notifier: (client: ViewArgs['client']) => ReportNotifier) {
  return async ({ user, input, client, close, showErrors }: Submitted<ReportFormInput, ActiveUser>): Promise<void> => {
    const view = viewContext(deps, user, user.person);
    const result = await submitReportForm(deps, user.person, input, (facts) => factLines(facts, view));
    if (result.kind === 'refused') return showErrors(refusalErrors(result.refusal, view));
    await close();
    const saved = result.saved;
    if (saved) services.afterAck.run(() => notifier(client).saved(user.person, saved));
  };
}

/** A refused summary, on the field it is about. */
function refusalErrors(refusal: ReportRefusal, view: ReportViewContext): Record<string, string> {
  const { t } = view;
  switch (refusal.kind) {
    case 'too_short':
      return {
        [reportIds.blocks.improve]: t('report.error.too_short', {
          missing: refusal.missing,
          length: refusal.length,
          minimum: refusal.minimum,
        }),
      };
    case 'closed':
      return { [reportIds.blocks.done]: t('report.error.closed') };
    case 'locked':
      return { [reportIds.blocks.done]: t('report.error.locked', { due: dueText(refusal.week, view) }) };
  }
}
