import { describe, expect, it } from 'vitest';
import type { Person } from '../../src/db/schema.js';
import { translator } from '../../src/i18n/t.js';
import type { Locale, TeamDefinition } from '../../src/policy/policy-file.js';
import { reportWeekStarting } from '../../src/policy/report-week.js';
import { teamOccurrences } from '../../src/policy/handover.js';
import type { LocalDate } from '../../src/policy/time.js';
import { renderHome, renderMessage, renderModal } from '../../src/sandbox/render/index.js';
import { handoverModal } from '../../src/slack/handover/views.js';
import { homeView } from '../../src/slack/home/views.js';
import { leaveRequestModal, proofUploadModal, rejectReasonModal } from '../../src/slack/leave/views.js';
import { reminderMessage, reportModal } from '../../src/slack/report/views.js';
import { swapRequestModal } from '../../src/slack/swap/views.js';
import { aWeek } from '../fixtures/my-week.js';
import { shippedPolicy } from '../harness/test-app.js';
import { context, dom } from './dom.js';

const policy = shippedPolicy();
const phone = policy.teams.phone as TeamDefinition;
const today = '2026-12-01' as LocalDate;

/** The views the app sends, built by its own builders, as the sandbox draws them. */
function drawn(locale: Locale): Record<string, string> {
  const view = { t: translator(locale), locale, policy, team: phone };
  const ctx = context({ locale });
  const [ending, next] = teamOccurrences(policy, phone, today, today).filter((o) => o.shiftCode !== 'C');
  const shifts = [{ date: today, shiftCode: ending?.shiftCode ?? 'D' }];
  const week = reportWeekStarting(today, phone.rules.report, phone.timezone);
  const facts = { shifts: [], leave: [], swaps: [], handoversWritten: [], openCases: [] };
  const person = { slackId: 'U0AGENT', name: 'Li Na', role: 'agent', teamId: 'phone' } as Person;
  return {
    'leave request': renderModal(leaveRequestModal(view, { today }), ctx),
    'leave rejection reason': renderModal(rejectReasonModal(view, 1, 'Li Na', phone.rules.leave.reject_reason_max_chars), ctx),
    'leave proof upload': renderModal(proofUploadModal(view, 1), ctx),
    'swap request, no shifts': renderModal(swapRequestModal(view, { myShifts: [], preview: [] }), ctx),
    'swap request': renderModal(
      swapRequestModal(view, {
        myShifts: shifts,
        give: shifts[0],
        colleagueId: 'U0LEAD',
        theirShifts: shifts,
        take: 'cover',
        preview: ['*ok*'],
      }),
      ctx,
    ),
    handover: renderModal(
      handoverModal(
        view,
        {
          team: phone,
          choices: [ending, next].filter((o) => o !== undefined),
          shifts: { ending: ending as NonNullable<typeof ending>, next: next as NonNullable<typeof next> },
          openCases: [],
          staffing: [],
          incoming: ['U0LEAD'],
          people: new Map(),
        },
        { slots: 1, incoming: ['U0LEAD'] },
      ),
      ctx,
    ),
    'weekly report': renderModal(
      reportModal(view, { week, facts, factsAt: new Date('2026-12-05T09:00:00Z'), existing: undefined, pastDeadline: false }),
      ctx,
    ),
    'report reminder': renderMessage(reminderMessage(view, week), ctx),
    home: renderHome(
      homeView(
        { person, team: phone, waiting: [], myWeek: aWeek({ me: person, other: { ...person, slackId: 'U0LEAD', name: 'Lead' } }) },
        view,
      ),
      ctx,
    ),
    'home, not in the roster': renderHome(homeView(undefined, view), ctx),
  };
}

describe('the app’s own views in the sandbox', () => {
  it.each(['en', 'zh-CN'] as const)('are drawn with no unsupported block or element (%s)', (locale) => {
    for (const [name, html] of Object.entries(drawn(locale))) {
      const root = dom(html);
      expect(
        [...root.querySelectorAll('.sd-unsupported')].map((n) => n.textContent),
        name,
      ).toEqual([]);
      expect(root.textContent?.trim().length, name).toBeGreaterThan(0);
    }
  });
});
