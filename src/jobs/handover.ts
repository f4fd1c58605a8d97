/** The scheduled side of /handover: the unanswered alert, missed handovers, due promises — each told in Slack once it is claimed. */
import { alertUnansweredHandovers, dueCaseReminders, recordMissedHandovers } from '../use-cases/handover-deadlines.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import type { HandoverNotifier } from '../slack/handover/notify.js';
import type { Job } from './scheduler.js';

/**
 * Tells each claimed item on its own. Items are claimed (marked handled) before they are told, so
 * this is at most once: an item whose message fails is logged and not tried again — better than
 * paging a lead twice — and one failure never stops the items after it.
 */
async function tellEach<T>(deps: UseCaseDeps, job: string, items: readonly T[], tell: (item: T) => Promise<void>, describe: (item: T) => Record<string, unknown>): Promise<void> {
  for (const item of items) {
    try {
      await tell(item);
    } catch (error) {
      deps.logger.error({ err: error, job, ...describe(item) }, 'could not tell of a handover item; it is not tried again');
    }
  }
}

export function handoverJobs(deps: UseCaseDeps, notifier: HandoverNotifier): Job[] {
  return [
    {
      name: 'handover.unanswered',
      async run(now) {
        await tellEach(deps, 'handover.unanswered', await alertUnansweredHandovers(deps, now), (h) => notifier.unanswered(h), (h) => ({ handoverId: h.id }));
      },
    },
    {
      name: 'handover.missed',
      async run(now) {
        await tellEach(deps, 'handover.missed', await recordMissedHandovers(deps, now), (m) => notifier.missed(m), (m) => ({ teamId: m.team.id, shift: `${m.shift.date}|${m.shift.shiftCode}` }));
      },
    },
    {
      name: 'handover.case_due',
      async run(now) {
        await tellEach(deps, 'handover.case_due', await dueCaseReminders(deps, now), (c) => notifier.caseDue(c), (c) => ({ caseId: c.id }));
      },
    },
  ];
}
