/** Tells people about weekly summaries: the lead's copy, the reminders, the digests and the roll-up. */
import type { webApi } from '@slack/bolt';
import { activeManagers, claimReportNotice, releaseReportNotice, reportNoticeSent, type WeekDutyRow } from '../../use-cases/report.js';
import type { Person, WeeklyReport } from '../../db/schema.js';
import { translator } from '../../i18n/t.js';
import type { Locale, TeamDefinition } from '../../policy/policy-file.js';
import type { ReportWeek } from '../../policy/report-week.js';
import type { LocalDate } from '../../policy/time.js';
import type { UseCaseDeps } from '../../use-cases/deps.js';
import { byDigestRecipient, lateByDigestRecipient, type WeekSummary } from '../../use-cases/report-deadlines.js';
import type { BulkOutcome, BulkSender, DirectMessage } from '../bulk-dm.js';
import type { SlackLocales } from '../locale-cache.js';
import { digestMessage, dueText, leadCopy, reminderMessage, rollupMessage, weekText, type ReportViewContext } from './views.js';
import { localeFrom, recipientLocale } from '../recipient-locale.js';
import { viewIn } from '../view-context.js';
import { peopleAmong } from '../../use-cases/people.js';
import { announcer, thenAnnounce } from '../home/refresh-hooks.js';

/**
 * A message claimed this long ago and never marked sent belongs to a copy that died: shorter than a
 * run's claim, so a run taken over finds every claim its dead copy made stale, even late in a long run.
 */
const noticeLeaseMs = 5 * 60_000;

export interface ReportNotifier {
  /** The agent is told it is in; their lead gets a copy. */
  saved(person: Person, result: { kind: 'submitted' | 'edited'; report: WeeklyReport; week: ReportWeek }): Promise<void>;
  /** Reminder `kind` (e.g. `reminder.0`) to each recipient not yet reminded with it. */
  remind(team: TeamDefinition, week: ReportWeek, kind: string, recipients: readonly WeekDutyRow[]): Promise<BulkOutcome>;
  /** Each lead's digest of the team's week, with the reports of the week before that came in after its digest. */
  digest(team: TeamDefinition, summary: WeekSummary): Promise<BulkOutcome>;
  /** The department's week to every manager. */
  rollup(week: Pick<ReportWeek, 'start' | 'end'>, teams: readonly { team: TeamDefinition; summary: WeekSummary }[]): Promise<BulkOutcome>;
}

export function reportNotifier(client: webApi.WebClient, bulk: BulkSender, deps: UseCaseDeps, locales: SlackLocales): ReportNotifier {
  const view = (locale: Locale, team: TeamDefinition): ReportViewContext => viewIn(locale, deps.policy, team);
  /** Leads and managers are few: their Slack language is asked. Reminders go to hundreds: only what is already known is used (users.info is slow to ask hundreds of times). */
  const localeNow = (id: string, stored: string | null | undefined): Promise<Locale> =>
    recipientLocale(locales, deps.policy, { locale: stored ?? null }, id);
  const localeKnown = (id: string, stored: string | null | undefined): Locale =>
    localeFrom(locales.peek(id), { locale: stored ?? null }, deps.policy);

  /**
   * Each recipient's message is claimed in report_notices before it goes, and let go again if it could
   * not be sent; a claim its copy never finished is taken over.
   */
  function sendOnce<T>(
    kind: string,
    weekStart: LocalDate,
    items: readonly T[],
    recipient: (item: T) => string,
    build: (item: T) => DirectMessage,
  ): Promise<BulkOutcome> {
    return bulk.sendAll(
      items,
      async (item) => {
        const now = deps.clock.now();
        const claimed = await claimReportNotice(deps, {
          kind,
          weekStart,
          personId: recipient(item),
          at: now,
          staleBefore: new Date(now.getTime() - noticeLeaseMs),
        });
        return claimed ? build(item) : undefined;
      },
      async (item, sent) => {
        const notice = { kind, weekStart, personId: recipient(item) };
        if (sent) await reportNoticeSent(deps, { ...notice, at: deps.clock.now() });
        else await releaseReportNotice(deps, notice);
      },
    );
  }

  return reportHomeRefresh(
    {
      async saved(person, { kind, report, week }) {
        const team = deps.policy.teams[person.teamId];
        if (!team) return;
        const own = view(await localeNow(person.slackId, person.locale), team);
        const key = kind === 'edited' ? 'report.dm.edited' : report.late ? 'report.dm.saved_late' : 'report.dm.saved';
        await client.chat.postMessage({
          channel: person.slackId,
          text: own.t(key, { week: weekText(week, own.locale), due: dueText(week, own) }),
        });
        if (!person.reportsTo) return;
        const [lead] = await peopleAmong(deps, [person.reportsTo]);
        const copy = leadCopy(view(await localeNow(person.reportsTo, lead?.locale), team), {
          name: person.name,
          week,
          report,
          edited: kind === 'edited',
        });
        await client.chat.postMessage({ channel: person.reportsTo, text: copy.text, blocks: copy.blocks });
      },

      remind(team, week, kind, recipients) {
        return sendOnce(
          kind,
          week.start,
          recipients,
          (row) => row.person.slackId,
          (row) => ({
            channel: row.person.slackId,
            ...reminderMessage(view(localeKnown(row.person.slackId, row.person.locale), team), week),
          }),
        );
      },

      async digest(team, summary) {
        const groups = byDigestRecipient(summary);
        const late = lateByDigestRecipient(summary);
        const ids = [...new Set([...groups.keys(), ...late.keys()])];
        const recipients = new Map((await peopleAmong(deps, ids)).map((p) => [p.slackId, p]));
        const items = ids.filter((recipientId) => recipients.get(recipientId)?.active);
        const localeOf = new Map(
          await Promise.all(
            items.map(async (recipientId) => [recipientId, await localeNow(recipientId, recipients.get(recipientId)?.locale)] as const),
          ),
        );
        return sendOnce(
          `digest.${team.id}`,
          summary.week.start,
          items,
          (recipientId) => recipientId,
          (recipientId) => ({
            channel: recipientId,
            ...digestMessage(
              view(localeOf.get(recipientId) ?? deps.policy.default_locale, team),
              summary,
              groups.get(recipientId) ?? [],
              late.get(recipientId) ?? [],
            ),
          }),
        );
      },

      async rollup(week, teams) {
        const managers = await activeManagers(deps);
        const localeOf = new Map(await Promise.all(managers.map(async (m) => [m.slackId, await localeNow(m.slackId, m.locale)] as const)));
        return sendOnce(
          'rollup',
          week.start,
          managers,
          (m) => m.slackId,
          (m) => {
            const locale = localeOf.get(m.slackId) ?? deps.policy.default_locale;
            return { channel: m.slackId, ...rollupMessage({ t: translator(locale), locale, policy: deps.policy }, week, teams) };
          },
        );
      },
    },
    deps,
  );
}

/** Every change this notifier tells people about is also announced to the Homes that show the item. */
function reportHomeRefresh(n: ReportNotifier, deps: UseCaseDeps): ReportNotifier {
  const announce = announcer(deps);
  if (!announce) return n;
  return {
    ...n,
    saved: (person, result) => thenAnnounce(n.saved(person, result), () => announce({ kind: 'report', personId: person.slackId })),
    digest: (team, summary) => thenAnnounce(n.digest(team, summary), () => announce({ kind: 'team', teamId: team.id })),
  };
}
