/**
 * The daily "who's off" digest: runs every minute, and from `digest.time` in each team's zone until
 * the day ends sends each lead whose digest of the day has not gone yet theirs. Each is claimed before
 * it is sent, so copies ticking at once, or in turn, send it once.
 */
import { randomUUID } from 'node:crypto';
import type { DigestNotifier } from '../slack/digest/notify.js';
import {
  buildDailyDigest,
  claimDailyDigest,
  dailyDigestSent,
  dueDailyDigests,
  releaseDailyDigest,
  waitingForLead,
} from '../use-cases/daily-digest.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import type { Job } from './scheduler.js';

export function digestJobs(deps: UseCaseDeps, notifier: DigestNotifier, instanceId: string = randomUUID()): Job[] {
  return [
    {
      name: 'digest.daily',
      async run(now) {
        for (const { team, day, leads } of await dueDailyDigests(deps, now)) {
          for (const lead of leads) {
            if (!(await claimDailyDigest(deps, { team, day, leadId: lead.slackId, claimedBy: instanceId, now }))) continue;
            try {
              const waiting = await waitingForLead(deps, lead, now);
              await notifier.send(lead, await buildDailyDigest(deps, { team, day, lead, now, waiting }));
              await dailyDigestSent(deps, { day, leadId: lead.slackId });
            } catch (error) {
              deps.logger.error(
                { err: error, team: team.id, day, lead: lead.slackId },
                'a daily digest could not be sent; a later minute tries again',
              );
              await releaseDailyDigest(deps, { day, leadId: lead.slackId, claimedBy: instanceId });
            }
          }
        }
      },
    },
  ];
}
