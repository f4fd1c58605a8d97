/**
 * The monthly attendance sheet to HR (see use-cases/attendance-delivery.ts): runs every minute, and
 * from the due moment until the month ends sends what has not gone yet. The sheet is built once per
 * run, only when someone still waits for it.
 */
import { randomUUID } from 'node:crypto';
import type { AttendanceNotifier } from '../slack/attendance/notify.js';
import {
  claimHrSend,
  hrSendDone,
  hrSendsDone,
  hrSheetDue,
  hrSheetDueBetween,
  hrSheetFile,
  hrSheetRecipients,
  releaseHrSend,
} from '../use-cases/attendance-delivery.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import type { Job } from './scheduler.js';

export function attendanceJobs(deps: UseCaseDeps, notifier: AttendanceNotifier, instanceId: string = randomUUID()): Job[] {
  return [
    {
      name: 'attendance.hr_sheet',
      dueBetween: (from, to) => hrSheetDueBetween(deps, from, to),
      async run(now) {
        const due = hrSheetDue(deps, now);
        if (due === undefined) return;
        const recipients = await hrSheetRecipients(deps);
        const done = await hrSendsDone(deps, due.month);
        const waiting = recipients.sheet.filter((p) => !done.sheet.has(p.slackId));
        let file: Awaited<ReturnType<typeof hrSheetFile>> | undefined;
        for (const person of waiting) {
          const key = { month: due.month, recipientId: person.slackId, kind: 'sheet' as const };
          if (!(await claimHrSend(deps, key, instanceId, now))) continue;
          try {
            file ??= await hrSheetFile(deps, due, now);
            await notifier.sendSheet(person, { month: due.month, ...file });
            await hrSendDone(deps, key, now);
            done.sheet.add(person.slackId);
          } catch (error) {
            deps.logger.error(
              { err: error, month: due.month, recipient: person.slackId },
              'the attendance sheet could not be sent; a later minute tries again',
            );
            await releaseHrSend(deps, key, instanceId);
          }
        }
        if (recipients.sheet.some((p) => !done.sheet.has(p.slackId))) return;
        for (const manager of recipients.notice.filter((p) => !done.notice.has(p.slackId))) {
          const key = { month: due.month, recipientId: manager.slackId, kind: 'notice' as const };
          if (!(await claimHrSend(deps, key, instanceId, now))) continue;
          try {
            await notifier.tellSent(manager, { month: due.month, recipients: recipients.sheet });
            await hrSendDone(deps, key, now);
          } catch (error) {
            deps.logger.error(
              { err: error, month: due.month, manager: manager.slackId },
              'a manager could not be told the sheet went; a later minute tries again',
            );
            await releaseHrSend(deps, key, instanceId);
          }
        }
      },
    },
  ];
}
