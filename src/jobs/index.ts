/** Every scheduled job, built the same way for the app's scheduler and for `npm run job`. */
import { randomUUID } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import { absenceNotifier } from '../slack/attendance/absence-notify.js';
import { compTimeCards } from '../slack/attendance/comp-time-cards.js';
import { attendanceNotifier } from '../slack/attendance/notify.js';
import type { BulkSender } from '../slack/bulk-dm.js';
import { digestNotifier } from '../slack/digest/notify.js';
import { handoverNotifier } from '../slack/handover/notify.js';
import { leaveNotifier } from '../slack/leave/notify.js';
import type { SlackLocales } from '../slack/locale-cache.js';
import { reportNotifier } from '../slack/report/notify.js';
import { swapNotifier } from '../slack/swap/notify.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import { attendanceJobs } from './attendance.js';
import { digestJobs } from './digest.js';
import { handoverJobs } from './handover.js';
import { leaveJobs } from './leave.js';
import { reportJobs } from './report.js';
import { swapJobs } from './swap.js';
import { outboxJobs } from './outbox.js';
import { submissionOutbox } from '../slack/submissions.js';
import type { Outbox } from '../use-cases/outbox.js';
import type { Job } from './scheduler.js';

export interface JobServices {
  readonly client: webApi.WebClient;
  readonly bulk: BulkSender;
  readonly locales: SlackLocales;
  /** The app's outbox; `npm run job` builds its own. */
  readonly submissions?: Outbox;
  /** The app copy, in the claims the jobs take; each run of `npm run job` is one of its own. */
  readonly instanceId?: string;
}

export function allJobs(deps: UseCaseDeps, { client, bulk, locales, submissions, instanceId = randomUUID() }: JobServices): Job[] {
  return [
    ...leaveJobs(deps, leaveNotifier(client, deps, locales)),
    ...swapJobs(deps, swapNotifier(client, deps, locales)),
    ...handoverJobs(deps, handoverNotifier(client, deps, locales)),
    ...reportJobs(deps, reportNotifier(client, bulk, deps, locales), instanceId),
    ...digestJobs(deps, digestNotifier(client, deps, locales), instanceId),
    ...attendanceJobs(
      deps,
      {
        sheet: attendanceNotifier(client, deps, locales),
        absence: absenceNotifier(client, deps, locales),
        compTime: compTimeCards(client, deps, locales),
      },
      instanceId,
    ),
    ...outboxJobs(submissions ?? submissionOutbox(deps, client, locales, instanceId)),
  ];
}
