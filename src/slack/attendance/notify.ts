/**
 * The monthly attendance sheet as a file in a DM (a message, then Slack's two-step upload into that
 * conversation: files.getUploadURLExternal, the bytes, files.completeUploadExternal), and the line
 * telling a manager it went. Texts in the recipient's language; the file in the policy's.
 */
import { AppError } from '../../errors.js';
import type { webApi } from '@slack/bolt';
import type { Person } from '../../db/schema.js';
import { translator } from '../../i18n/t.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import type { SlackLocales } from '../locale-cache.js';
import { recipientLocale } from '../recipient-locale.js';
import { uploadFile } from '../upload-file.js';

export interface AttendanceNotifier {
  /** Throws when Slack did not take it, so the claim is let go and a later minute tries again. */
  sendSheet(recipient: Person, sheet: { month: string; filename: string; content: string }): Promise<void>;
  tellSent(manager: Person, p: { month: string; recipients: readonly Person[] }): Promise<void>;
}

export function attendanceNotifier(client: webApi.WebClient, deps: UseCaseDeps, locales: SlackLocales): AttendanceNotifier {
  return {
    async sendSheet(recipient, sheet) {
      const t = translator(await recipientLocale(locales, deps.policy, recipient, recipient.slackId));
      const text = t('attendance.dm.sheet', { month: sheet.month });
      const posted = await client.chat.postMessage({ channel: recipient.slackId, text });
      if (!posted.channel) throw new AppError('slack.unexpected_answer', 'chat.postMessage answered no channel');
      await uploadFile(client, {
        filename: sheet.filename,
        title: sheet.filename,
        bytes: new TextEncoder().encode(sheet.content),
        channel: posted.channel,
      });
    },
    async tellSent(manager, p) {
      const t = translator(await recipientLocale(locales, deps.policy, manager, manager.slackId));
      const text = t('attendance.dm.sent', { month: p.month, recipients: p.recipients.map((r) => r.name).join(', ') });
      await client.chat.postMessage({ channel: manager.slackId, text });
    },
  };
}
