import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Handover, HandoverCase, HandoverContent, HandoverVersion, Person } from '../../src/db/schema.js';
import { translator } from '../../src/i18n/t.js';
import { teamOccurrences } from '../../src/policy/handover.js';
import type { TeamDefinition } from '../../src/policy/policy-file.js';
import type { LocalDate } from '../../src/policy/time.js';
import { blockKitProblems, viewProblems } from '../../src/slack/blockkit-limits.js';
import { handoverMessage, handoverModal, maxCaseSlots, messageTextBudget, staffingLines } from '../../src/slack/handover/views.js';
import type { HandoverCardData, HandoverForm } from '../../src/use-cases/handover.js';
import { shippedPolicy } from '../harness/test-app.js';

const policy = shippedPolicy();
const phone = policy.teams.phone as TeamDefinition;
const [ending, next] = teamOccurrences(policy, phone, '2026-12-01' as LocalDate, '2026-12-01' as LocalDate).filter(
  (o) => o.shiftCode !== 'C',
);
const long = (n: number) => 'x'.repeat(n);

function aCase(id: number): HandoverCase {
  const at = new Date('2026-12-01T00:00:00Z');
  return {
    id,
    teamId: 'phone',
    openedIn: 1,
    what: long(300),
    promise: long(300),
    dueAt: at,
    ownerId: 'U0OWNER',
    status: 'open',
    resolution: null,
    resolvedBy: null,
    resolvedAt: null,
    resolvedIn: null,
    dueRemindedAt: null,
    createdAt: at,
    updatedAt: at,
  };
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
      fc.property(
        fc.nat(400),
        fc.integer({ min: 1, max: maxCaseSlots + 3 }),
        fc.constantFrom('en' as const, 'zh-CN' as const),
        (cases, slots, locale) => {
          const modal = handoverModal({ t: translator(locale), locale, policy, team: phone }, form(cases), {
            slots,
            incoming: form(0).incoming,
          });
          expect(viewProblems(modal)).toEqual([]);
        },
      ),
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

/** A handover as the message shows it, with every text as long as the form allows. */
function cardData(p: { text: string; cases: number; addenda: number }): HandoverCardData {
  const at = new Date('2026-12-01T12:00:00Z');
  const owner = { slackId: 'U0OWNER', name: p.text.slice(0, 80) } as Person;
  const content = (n: number): HandoverContent => ({
    equipmentOk: false,
    equipmentIssue: p.text.slice(0, 2000),
    staffing: p.text,
    process: p.text,
    instructions: p.text,
    feedback: p.text,
    notes: `${n} ${p.text}`.slice(0, 2000),
    openCaseIds: [],
  });
  const cases = Array.from({ length: p.cases }, (_, i) => ({ ...aCase(i + 1), what: p.text.slice(0, 300), promise: p.text.slice(0, 300) }));
  const versions: HandoverVersion[] = Array.from({ length: p.addenda + 1 }, (_, i) => ({
    handoverId: 1,
    version: i + 1,
    submissionKey: `k${i}`,
    authorId: 'U0OWNER',
    content: content(i + 1),
    addendum: i > 0,
    at,
  }));
  const handover = {
    id: 1,
    teamId: 'phone',
    shiftDate: '2026-12-01',
    shiftCode: 'R',
    nextDate: '2026-12-01',
    nextShiftCode: 'W',
    authorId: 'U0OWNER',
    status: 'taken_over',
    version: versions.length,
    content: content(versions.length),
    takenOverVersion: 1,
    takenOverBy: 'U0OWNER',
    takenOverAt: at,
  } as Handover;
  return {
    handover,
    team: phone,
    shifts: undefined,
    record: content(1),
    openCases: cases,
    resolvedHere: cases.slice(0, 5).map((c) => ({ ...c, status: 'resolved' as const, resolution: p.text.slice(0, 300) })),
    addenda: versions
      .slice(1)
      .map((version, i) => ({ version, before: (versions[i] as HandoverVersion).content, opened: cases.slice(0, 3), resolved: [] })),
    versions,
    recipients: [],
    incoming: [],
    people: new Map([[owner.slackId, owner]]),
  };
}

const sectionTexts = (blocks: readonly unknown[]) =>
  (blocks as { type: string; text?: { text: string } }[]).filter((b) => b.type === 'section').map((b) => b.text?.text ?? '');

describe('the handover message', () => {
  it('cuts over-long lines after escaping, never inside an escape, and keeps the whole text within Slack’s practical limit', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^(?:[&<>a-z]|🙂){1,2000}$/),
        fc.nat(60),
        fc.nat(8),
        fc.constantFrom('en' as const, 'zh-CN' as const),
        (text, cases, addenda, locale) => {
          const message = handoverMessage({ t: translator(locale), locale, policy, team: phone }, cardData({ text, cases, addenda }));
          expect(blockKitProblems('message', message.blocks)).toEqual([]);
          const texts = sectionTexts(message.blocks);
          expect(texts.reduce((sum, t) => sum + [...t].length, 0)).toBeLessThanOrEqual(messageTextBudget);
          for (const t of texts) expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('clips a single case line that escaping made longer than a section', () => {
    const message = handoverMessage(
      { t: translator('en'), locale: 'en', policy, team: phone },
      cardData({ text: '&'.repeat(2000), cases: 1, addenda: 0 }),
    );
    expect(blockKitProblems('message', message.blocks)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain('/handover history');
  });
});

describe('the staffing changes filled into a handover', () => {
  const changes = [
    { kind: 'leave' as const, personId: 'U0A', name: 'Zhang Wei', leaveType: 'sick' },
    { kind: 'leave' as const, personId: 'U0B', name: 'Li Na' },
  ];

  it('say "on leave" only, since the team channel sees them', () => {
    expect(staffingLines({ t: translator('en'), locale: 'en', policy, team: phone }, changes)).toEqual([
      'Zhang Wei: on leave',
      'Li Na: on leave',
    ]);
    expect(staffingLines({ t: translator('zh-CN'), locale: 'zh-CN', policy, team: phone }, changes)).toEqual([
      'Zhang Wei:请假',
      'Li Na:请假',
    ]);
  });

  it('name the type where the policy lets the channel see it', () => {
    const open = { ...phone, rules: { ...phone.rules, leave: { ...phone.rules.leave, show_type_in_channel: true } } };
    expect(staffingLines({ t: translator('en'), locale: 'en', policy, team: open }, changes)).toEqual([
      'Zhang Wei: on leave (Sick leave)',
      'Li Na: on leave',
    ]);
  });
});
