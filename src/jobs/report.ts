/**
 * The scheduled side of /report. Both jobs run every minute but act once per period: each reminder,
 * digest and roll-up is claimed per team (or department) and week in report_runs, and what is due is
 * worked out from `now`, so a run skipped by downtime happens at start-up while its period is open.
 */
import { randomUUID } from 'node:crypto';
import { digestDue } from '../policy/report-week.js';
import type { ReportNotifier } from '../slack/report/notify.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import {
  claimRun,
  closeReportWeek,
  dueDigestRuns,
  dueReminderRuns,
  dueRollupRuns,
  teamsWithWeekStarting,
  finishRun,
  reminderRecipients,
  summarizeReportWeek,
  tally,
  type DueRun,
} from '../use-cases/report-deadlines.js';
import type { Job } from './scheduler.js';

export function reportJobs(deps: UseCaseDeps, notifier: ReportNotifier, instanceId: string = randomUUID()): Job[] {
  /** Runs `work` for each due run this copy manages to claim; a failure leaves the claim unfinished, to be taken over later. */
  const forEachClaimed = async (runs: readonly DueRun[], now: Date, work: (run: DueRun) => Promise<void>) => {
    for (const run of runs) {
      if (!(await claimRun(deps, run, instanceId, now))) continue;
      try {
        await work(run);
        await finishRun(deps, run);
      } catch (error) {
        // one team's failure must not hold up the others; the notices keep a later run from sending twice
        deps.logger.error(
          { err: error, kind: run.kind, scope: run.scope, weekStart: run.weekStart },
          'a weekly report run failed; it is taken over once its claim runs out',
        );
      }
    }
  };

  return [
    {
      name: 'report.remind',
      async run(now) {
        await forEachClaimed(dueReminderRuns(deps, now), now, async (run) => {
          if (!run.team) return;
          const recipients = await reminderRecipients(deps, run.team, run.week);
          const outcome = await notifier.remind(run.team, run.week, run.kind, recipients);
          deps.logger.info({ team: run.team.id, week: run.weekStart, reminder: run.kind, ...outcome }, 'weekly report reminders sent');
        });
      },
    },
    {
      name: 'report.digest',
      async run(now) {
        await forEachClaimed(await dueDigestRuns(deps, now), now, async (run) => {
          if (!run.team) return;
          const summary = await closeReportWeek(deps, run.team, run.week, now);
          if (!digestDue(now, run.week)) {
            deps.logger.info(
              { team: run.team.id, week: run.weekStart, missing: tally(summary.agents).missing },
              'weekly report misses recorded after the week ended; no digest',
            );
            return;
          }
          const outcome = await notifier.digest(run.team, summary);
          deps.logger.info({ team: run.team.id, week: run.weekStart, ...outcome }, 'weekly report digests sent');
        });
        await forEachClaimed(await dueRollupRuns(deps, now), now, async (run) => {
          const teams = teamsWithWeekStarting(Object.values(deps.policy.teams), run.weekStart);
          const summaries = await Promise.all(
            teams.map(async (team) => ({ team, summary: await summarizeReportWeek(deps, team, run.weekStart) })),
          );
          await notifier.rollup(
            run.week,
            summaries.filter(({ summary }) => summary.agents.length > 0),
          );
        });
      },
    },
  ];
}
