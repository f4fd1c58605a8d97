import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HandoverCase, Person } from '../../src/db/schema.js';
import { translator } from '../../src/i18n/t.js';
import { teamOccurrences } from '../../src/policy/handover.js';
import type { TeamDefinition } from '../../src/policy/policy-file.js';
import type { LocalDate } from '../../src/policy/time.js';
import { viewProblems } from '../../src/slack/blockkit-limits.js';
import { handoverModal, maxCaseSlots } from '../../src/slack/handover/views.js';
import type { HandoverForm } from '../../src/use-cases/handover.js';
import { shippedPolicy } from '../harness/test-app.js';

const policy = shippedPolicy();
const phone = policy.teams.phone as TeamDefinition;
const [ending, next] = teamOccurrences(policy, phone, '2026-12-01' as LocalDate, '2026-12-01' as LocalDate).filter((o) => o.shiftCode !== 'C');
const long = (n: number) => 'x'.repeat(n);

function aCase(id: number): HandoverCase {
  const at = new Date('2026-12-01T00:00:00Z');
  return { id, teamId: 'phone', openedIn: 1, what: long(300), promise: long(300), dueAt: at, ownerId: 'U0OWNER', status: 'open', resolution: null, resolvedBy: null, resolvedAt: null, resolvedIn: null, dueRemindedAt: null, createdAt: at, updatedAt: at };
}

function form(openCases: number): HandoverForm {
  const owner = { slackId: 'U0OWNER', name: long(80) } as Person;
  return {
    team: phone,
    choices: [ending, next].filter((o) => o !== undefined),
    shifts: { ending: ending as NonNullable<typeof ending>, next: next as NonNullable<typeof next> },
    openCases: Array.from({ length: openCases }, (_, i) => aCase(i + 1)),
    staffing: [],
    incoming: Array.from({ length: 40 }, (_, i) => `U0IN${i}`),
    people: new Map([[owner.slackId, owner]]),
  };
}

describe('the handover modal', () => {
  it('fits Slack’s limits for any number of open cases and case rows, in both languages', () => {
    fc.assert(
      fc.property(fc.nat(400), fc.integer({ min: 1, max: maxCaseSlots + 3 }), fc.constantFrom('en' as const, 'zh-CN' as const), (cases, slots, locale) => {
        const modal = handoverModal({ t: translator(locale), locale, policy, team: phone }, form(cases), { slots, incoming: form(0).incoming });
        expect(viewProblems(modal)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('leaves the owner of a new case to be picked: nobody is filled in', () => {
    const modal = handoverModal({ t: translator('en'), locale: 'en', policy, team: phone }, form(0), { slots: 2, incoming: [] });
    const owners = modal.blocks.filter((b) => b.block_id?.startsWith('handover.case_owner.'));
    expect(owners).toHaveLength(2);
    for (const owner of owners) {
      expect(owner).toMatchObject({ element: { type: 'users_select' } });
      expect(JSON.stringify(owner)).not.toContain('initial_user');
    }
  });
});
