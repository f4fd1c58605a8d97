/** The scheduled side of /leave: remind, escalate, expire, post cards Slack refused — each change told in Slack once it is committed. */
import {
  chaseOwedProof,
  escalateSlowApprovals,
  expireUnansweredLeave,
  remindSlowApprovers,
  claimMissingStepCards,
} from '../use-cases/leave-deadlines.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import type { LeaveNotifier } from '../slack/leave/notify.js';
import { tellEach } from '../use-cases/change-each.js';
import type { Job } from './scheduler.js';

export function leaveJobs(deps: UseCaseDeps, notifier: LeaveNotifier): Job[] {
  return [
    {
      name: 'leave.expire',
      async run(now) {
        await tellEach(
          deps.logger,
          'leave.expire',
          await expireUnansweredLeave(deps, now),
          (requestId) => notifier.expired(requestId),
          (requestId) => ({ requestId }),
        );
      },
    },
    {
      name: 'leave.escalate',
      async run(now) {
        await tellEach(
          deps.logger,
          'leave.escalate',
          await escalateSlowApprovals(deps, now),
          (escalation) => notifier.escalated(escalation),
          (e) => ({ stepId: e.step.id }),
        );
      },
    },
    {
      name: 'leave.proof',
      async run(now) {
        const { reminders, overdue } = await chaseOwedProof(deps, now);
        await tellEach(
          deps.logger,
          'leave.proof',
          reminders,
          (owed) => notifier.proofReminder(owed),
          (owed) => ({ requestId: owed.request.id }),
        );
        await tellEach(
          deps.logger,
          'leave.proof',
          overdue,
          (owed) => notifier.proofOverdue(owed),
          (owed) => ({ requestId: owed.request.id }),
        );
      },
    },
    {
      name: 'leave.cards',
      async run(now) {
        for (const step of await claimMissingStepCards(deps, now)) {
          await notifier
            .repost(step)
            .catch((error: unknown) =>
              deps.logger.warn({ err: error, stepId: step.id }, 'could not post an approval card; the card job tries again later'),
            );
        }
      },
    },
    {
      name: 'leave.remind',
      async run(now) {
        await tellEach(
          deps.logger,
          'leave.remind',
          await remindSlowApprovers(deps, now),
          (step) => notifier.reminded(step),
          (step) => ({ stepId: step.id }),
        );
      },
    },
  ];
}
