/** The scheduled side of /leave: remind, escalate, expire, post cards Slack refused — each change told in Slack once it is committed. */
import { chaseOwedProof, escalateSlowApprovals, expireUnansweredLeave, remindSlowApprovers, claimMissingStepCards } from '../use-cases/leave-deadlines.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import type { LeaveNotifier } from '../slack/leave/notify.js';
import type { Job } from './scheduler.js';

export function leaveJobs(deps: UseCaseDeps, notifier: LeaveNotifier): Job[] {
  return [
    {
      name: 'leave.expire',
      async run(now) {
        for (const requestId of await expireUnansweredLeave(deps, now)) await notifier.expired(requestId);
      },
    },
    {
      name: 'leave.escalate',
      async run(now) {
        for (const escalation of await escalateSlowApprovals(deps, now)) await notifier.escalated(escalation);
      },
    },
    {
      name: 'leave.proof',
      async run(now) {
        const { reminders, overdue } = await chaseOwedProof(deps, now);
        for (const owed of reminders) await notifier.proofReminder(owed);
        for (const owed of overdue) await notifier.proofOverdue(owed);
      },
    },
    {
      name: 'leave.cards',
      async run(now) {
        for (const step of await claimMissingStepCards(deps, now)) {
          await notifier.repost(step).catch((error: unknown) => deps.logger.warn({ err: error, stepId: step.id }, 'could not post an approval card; the card job tries again later'));
        }
      },
    },
    {
      name: 'leave.remind',
      async run(now) {
        for (const step of await remindSlowApprovers(deps, now)) await notifier.reminded(step);
      },
    },
  ];
}
