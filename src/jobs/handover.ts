/** The scheduled side of /handover: reminders to the outgoing and incoming shifts, the unanswered alert, missed handovers, due promises — each told in Slack once it is claimed. */
import { handoverMoments } from '../policy/handover.js';
import {
  alertUnansweredHandovers,
  dueCaseReminders,
  dueHandoverReminders,
  handoverTeams,
  recordMissedHandovers,
} from '../use-cases/handover-deadlines.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import type { HandoverNotifier } from '../slack/handover/notify.js';
import { tellEach } from '../use-cases/change-each.js';
import type { Job } from './scheduler.js';

export function handoverJobs(deps: UseCaseDeps, notifier: HandoverNotifier): Job[] {
  const moments = (from: Date, to: Date) => handoverTeams(deps).flatMap((team) => handoverMoments(deps.policy, team, from, to));
  return [
    {
      name: 'handover.remind',
      // reminders are sent only while their window is open (minutes before a shift change); the alerts are due at set times too
      dueBetween: moments,
      async run(now) {
        await tellEach(
          deps.logger,
          'handover.remind',
          await dueHandoverReminders(deps, now),
          (r) => notifier.reminded(r),
          (r) => ({ teamId: r.team.id, kind: r.kind, shift: `${r.shift.date}|${r.shift.shiftCode}` }),
        );
      },
    },
    {
      name: 'handover.unanswered',
      async run(now) {
        await tellEach(
          deps.logger,
          'handover.unanswered',
          await alertUnansweredHandovers(deps, now),
          (h) => notifier.unanswered(h),
          (h) => ({ handoverId: h.id }),
        );
      },
    },
    {
      name: 'handover.missed',
      async run(now) {
        await tellEach(
          deps.logger,
          'handover.missed',
          await recordMissedHandovers(deps, now),
          (m) => notifier.missed(m),
          (m) => ({ teamId: m.team.id, shift: `${m.shift.date}|${m.shift.shiftCode}` }),
        );
      },
    },
    {
      name: 'handover.case_due',
      async run(now) {
        await tellEach(
          deps.logger,
          'handover.case_due',
          await dueCaseReminders(deps, now),
          (c) => notifier.caseDue(c),
          (c) => ({ caseId: c.id }),
        );
      },
    },
  ];
}
