/** The absence threshold notice (POLICY §2) to a lead or manager: the facts, in their language; nothing to click. */
import type { webApi } from '@slack/bolt';
import { translator } from '../../i18n/t.js';
import { consequenceOf, type AbsenceNoticeKind } from '../../policy/attendance/absence-notices.js';
import type { AbsenceNoticeRow } from '../../db/queries/absence-notices.js';
import { peopleById } from '../../use-cases/people.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { escapeMrkdwn, packLines } from '../blocks.js';
import { blockKitLimits } from '../blockkit-limits.js';
import { dayText } from '../format.js';
import type { SlackLocales } from '../locale-cache.js';
import { recipientLocale } from '../recipient-locale.js';

const kindOrder: readonly string[] = ['run', 'month', 'year'] satisfies AbsenceNoticeKind[];

export interface AbsenceNotifier {
  /**
   * One DM for the thresholds of one person reached for one recipient (a third day can reach the run,
   * the month and the year at once). Throws when Slack did not take it, so the claims are let go and a
   * later minute tries again.
   */
  tell(notices: readonly AbsenceNoticeRow[]): Promise<void>;
}

export function absenceNotifier(client: webApi.WebClient, deps: UseCaseDeps, locales: SlackLocales): AbsenceNotifier {
  return {
    async tell(notices) {
      const [first] = notices;
      if (first === undefined) return;
      const found = await peopleById(deps, [first.personId, first.recipientId]);
      const locale = await recipientLocale(locales, deps.policy, found.get(first.recipientId), first.recipientId);
      const t = translator(locale);
      const name = escapeMrkdwn(found.get(first.personId)?.name ?? first.personId);
      const lines = [...notices]
        .sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind))
        .map((notice) => {
          const kind = notice.kind as AbsenceNoticeKind;
          const days = packLines(
            notice.days.map((day) => dayText(day, locale)),
            blockKitLimits.sectionText / (2 * notices.length),
            t('list.join'),
            (count) => t('leave.more', { count }),
          );
          return t(`attendance.absence_notice.${kind}`, {
            name,
            count: notice.days.length,
            days,
            consequence: t(`attendance.absence_notice.${consequenceOf(kind)}`),
          });
        });
      const text = [...lines, t('attendance.absence_notice.after')].join('\n');
      await client.chat.postMessage({ channel: first.recipientId, text });
    },
  };
}
