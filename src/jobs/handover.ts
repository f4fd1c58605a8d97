/** The scheduled side of /handover: the unanswered alert, missed handovers, due promises — each told in Slack once it is claimed. */
import { alertUnansweredHandovers, dueCaseReminders, recordMissedHandovers } from '../use-cases/handover-deadlines.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import type { HandoverNotifier } from '../slack/handover/notify.js';
import type { Job } from './scheduler.js';

export function handoverJobs(deps: UseCaseDeps, notifier: HandoverNotifier): Job[] {
  return [
    {
      name: 'handover.unanswered',
      async run(now) {
        for (const handover of await alertUnansweredHandovers(deps, now)) await notifier.unanswered(handover);
      },
    },
    {
      name: 'handover.missed',
      async run(now) {
        for (const missed of await recordMissedHandovers(deps, now)) await notifier.missed(missed);
      },
    },
    {
      name: 'handover.case_due',
      async run(now) {
        for (const handoverCase of await dueCaseReminders(deps, now)) await notifier.caseDue(handoverCase);
      },
    },
  ];
}
