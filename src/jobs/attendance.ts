/**
 * The attendance jobs, each running every minute:
 * - the monthly attendance sheet to HR (see use-cases/attendance-delivery.ts): from the due moment
 *   until the month ends it sends what has not gone yet; the sheet is built once per run, only when
 *   someone still waits for it;
 * - the absence thresholds (use-cases/absence-notices.ts): checked once a day, and the notices not sent
 *   yet are sent;
 * - the comp time proposed from last month's hours (use-cases/comp-time-proposals.ts): settled once a
 *   month, and the cards not sent yet are sent.
 */
import { randomUUID } from 'node:crypto';
import type { AbsenceNoticeRow } from '../db/queries/absence-notices.js';
import type { AbsenceNotifier } from '../slack/attendance/absence-notify.js';
import type { CompTimeCards } from '../slack/attendance/comp-time-cards.js';
import type { AttendanceNotifier } from '../slack/attendance/notify.js';
import {
  absenceChecksBetween,
  absenceNoticeSent,
  checkAbsenceThresholds,
  claimAbsenceNotices,
  releaseAbsenceNoticeClaim,
} from '../use-cases/absence-notices.js';
import {
  claimProposalCards,
  compTimeSettlementsBetween,
  proposalCardSent,
  proposeCompTime,
  releaseProposalCardClaim,
} from '../use-cases/comp-time-proposals.js';
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

export interface AttendanceNotifiers {
  readonly sheet: AttendanceNotifier;
  readonly absence: AbsenceNotifier;
  readonly compTime: CompTimeCards;
}

export function attendanceJobs(deps: UseCaseDeps, notifiers: AttendanceNotifiers, instanceId: string = randomUUID()): Job[] {
  const notifier = notifiers.sheet;
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
    {
      name: 'attendance.absence_notices',
      dueBetween: (from, to) => absenceChecksBetween(deps, from, to),
      async run(now) {
        await checkAbsenceThresholds(deps, now);
        for (const notices of byPersonAndRecipient(await claimAbsenceNotices(deps, instanceId, now))) {
          try {
            await notifiers.absence.tell(notices);
            for (const notice of notices) await absenceNoticeSent(deps, notice, now);
          } catch (error) {
            deps.logger.error(
              { err: error, person: notices[0]?.personId, recipient: notices[0]?.recipientId },
              'an absence notice could not be sent; a later minute tries again',
            );
            for (const notice of notices) await releaseAbsenceNoticeClaim(deps, notice, instanceId);
          }
        }
      },
    },
    {
      name: 'attendance.comp_time_proposals',
      dueBetween: (from, to) => compTimeSettlementsBetween(deps, from, to),
      async run(now) {
        await proposeCompTime(deps, now);
        for (const proposal of await claimProposalCards(deps, instanceId, now)) {
          try {
            const posted = await notifiers.compTime.send(proposal);
            await proposalCardSent(deps, { id: proposal.id, ...posted });
          } catch (error) {
            deps.logger.error(
              { err: error, proposal: proposal.id, manager: proposal.managerId },
              'a comp-time proposal could not be sent; a later minute tries again',
            );
            await releaseProposalCardClaim(deps, proposal.id, instanceId);
          }
        }
      },
    },
  ];
}

function byPersonAndRecipient(notices: readonly AbsenceNoticeRow[]): AbsenceNoticeRow[][] {
  const groups = new Map<string, AbsenceNoticeRow[]>();
  for (const notice of notices) {
    const key = `${notice.personId}|${notice.recipientId}`;
    groups.set(key, [...(groups.get(key) ?? []), notice]);
  }
  return [...groups.values()];
}
