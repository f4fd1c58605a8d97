import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handovers, handoverVersions, leaveApprovalSteps, leaveRequests } from '../../src/db/schema.js';
import { ackTimeoutMs } from '../../src/slack/http-receiver.js';
import { aPerson, insertPeople, insertShifts } from '../fixtures/org.js';
import type { SlackReply } from '../harness/slack-requests.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

const lead = 'U0LEAD1';
const agent = 'U0AGENT1';
const teamId = 'T0SHIFTDESK';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: '2026-12-01T12:10:00Z',
    users: [
      { id: lead, name: 'lead', locale: 'zh-CN', tz: 'Asia/Shanghai' },
      { id: agent, name: 'amy', locale: 'en-US', tz: 'Asia/Shanghai' },
    ],
  });
  await insertPeople(app.db, [aPerson({ slackId: lead, role: 'lead' }), aPerson({ slackId: agent, reportsTo: lead })]);
  await insertShifts(app.db, [
    { personId: agent, date: '2026-12-01', shiftCode: 'R' },
    { personId: agent, date: '2026-12-08', shiftCode: 'R' },
    { personId: lead, date: '2026-12-01', shiftCode: 'W' },
  ]);
});

afterAll(async () => {
  await app?.stop();
});

/** Text as a forger sends it: ordinary, NUL, halves of surrogate pairs, emoji, and now and then far too much. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\uDFFFx',
    '😀\u0301',
    '2026-12-08',
    '2026-12-08|R',
    '2026-12-01|ZZ',
    '1',
    '1:1',
    '-1',
    '99999999999999',
  ),
  fc.constantFrom('x'.repeat(70_000), '中'.repeat(10_000), `${'\u0000'.repeat(5000)}ok`),
);
/** A JSON value of any shape where the app expects one of its own. */
const anyValue = fc.oneof(
  hostileText,
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
);
const user = fc.constantFrom(agent, lead, 'U0STRANGER');

const actionIds = [
  'leave.approve',
  'leave.reject',
  'leave.withdraw',
  'leave.attach_proof',
  'leave.date_picked',
  'swap.form_changed',
  'swap.accept',
  'swap.decline',
  'swap.approve',
  'swap.reject',
  'swap.cancel',
  'report.open',
  'handover.take_over',
  'handover.refuse',
  'handover.amend',
  'handover.shift_picked',
  'handover.add_case',
  'no.such.action',
];
const callbackIds = [
  'leave.request',
  'leave.reject_reason',
  'leave.proof_upload',
  'swap.request',
  'report.write',
  'handover.write',
  'handover.refuse_reason',
  'no.such.view',
];
const blockIds = [
  'leave.type',
  'leave.first_day',
  'leave.last_day',
  'leave.reason',
  'leave.proof',
  'leave.proof_later',
  'leave.reject_reason',
  'swap.my_shift',
  'swap.colleague',
  'swap.note',
  'report.done',
  'report.improve',
  'handover.shift',
  'handover.equipment',
  'handover.notes',
  'handover.case_what.0',
  'handover.case_due.0',
  'handover.case_owner.0',
  'handover.resolution.1',
  'handover.refuse_reason',
  'handover.refuse_note',
];
const elementKeys = [
  'value',
  'selected_option',
  'selected_date',
  'selected_date_time',
  'selected_user',
  'selected_options',
  'files',
  'type',
];

const element = fc.dictionary(fc.constantFrom(...elementKeys), fc.oneof(anyValue, fc.record({ value: anyValue })), { maxKeys: 3 });
const stateValues = fc.dictionary(
  fc.constantFrom(...blockIds),
  fc.dictionary(fc.constantFrom('value', 'leave.date_picked', 'swap.form_changed', 'handover.shift_picked'), element, { maxKeys: 2 }),
  { maxKeys: 6 },
);
const metadata = fc.oneof(
  hostileText,
  fc.constantFrom(
    '{"stepId":1}',
    '{"requestId":1}',
    '{"weekStart":"2026-11-30"}',
    '{"handoverId":1,"version":1}',
    '{"slots":99}',
    '{"weekStart":"9999-99-99"}',
  ),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const view = fc.record({
  id: fc.constant('V0FUZZ'),
  type: fc.constant('modal'),
  callback_id: fc.constantFrom(...callbackIds),
  private_metadata: maybe(metadata),
  blocks: fc.oneof(
    fc.constant([]),
    fc.array(fc.record({ type: fc.constantFrom('input', 'section'), block_id: fc.constantFrom(...blockIds) }), { maxLength: 4 }),
    anyValue,
  ),
  state: fc.oneof(fc.record({ values: stateValues }), fc.record({ values: anyValue }), anyValue),
});

type Request = { kind: 'command'; fields: Record<string, string> } | { kind: 'payload'; payload: object } | { kind: 'event'; body: object };

const command: fc.Arbitrary<Request> = fc
  .record({
    command: fc.constantFrom('/leave', '/swap', '/handover', '/report', '/nope'),
    text: fc.oneof(hostileText, fc.constantFrom('help', 'list', 'history \u0000', 'history 退款', 'history x\uD800')),
    user_id: user,
  })
  .map((c) => ({ kind: 'command', fields: { ...c, team_id: teamId, channel_id: 'C0GENERAL', trigger_id: 'fuzz.trigger' } }));

const blockAction: fc.Arbitrary<Request> = fc
  .record({
    user: fc.oneof(
      user.map((id) => ({ id, team_id: teamId })),
      anyValue,
    ),
    actions: fc.oneof(
      fc.array(
        fc.record({
          type: fc.constant('button'),
          action_id: fc.constantFrom(...actionIds),
          block_id: fc.constantFrom(...blockIds),
          value: maybe(hostileText),
          selected_option: maybe(anyValue),
          selected_user: maybe(anyValue),
        }),
        { minLength: 1, maxLength: 2 },
      ),
      anyValue,
    ),
    view: maybe(view),
    message: maybe(fc.record({ ts: hostileText, blocks: fc.oneof(fc.constant([]), anyValue) })),
  })
  .map((p) => ({ kind: 'payload', payload: { type: 'block_actions', team: { id: teamId }, trigger_id: 'fuzz.trigger', ...p } }));

const viewSubmission: fc.Arbitrary<Request> = fc
  .record({
    user: fc.oneof(
      user.map((id) => ({ id, team_id: teamId })),
      anyValue,
    ),
    view: fc.oneof(view, anyValue),
  })
  .map((p) => ({ kind: 'payload', payload: { type: 'view_submission', team: { id: teamId }, trigger_id: 'fuzz.trigger', ...p } }));

const event: fc.Arbitrary<Request> = fc
  .record({
    event: fc.oneof(
      fc.record({
        type: fc.constantFrom('app_home_opened', 'message', 'team_join'),
        user: fc.oneof(user, anyValue),
        tab: maybe(hostileText),
        channel: maybe(anyValue),
      }),
      anyValue,
    ),
  })
  .map((p) => ({
    kind: 'event',
    body: { type: 'event_callback', team_id: teamId, api_app_id: 'A0SHIFTDESK', event_id: 'Ev0FUZZ', event_time: 1, ...p },
  }));

function send(request: Request): Promise<SlackReply> {
  switch (request.kind) {
    case 'command':
      return app.slack.signed('application/x-www-form-urlencoded', new URLSearchParams(request.fields).toString());
    case 'payload':
      return app.slack.payload(request.payload);
    case 'event':
      return app.slack.signed('application/json', JSON.stringify(request.body));
  }
}

describe('signed requests of every shape', () => {
  it('never end the app, never get a 5xx or a late answer, and leave nothing half-written', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(command, blockAction, viewSubmission, event), async (request) => {
        const reply = await send(request).catch((error: unknown) => ({ status: 0, ackMs: 0, body: String(error) }));
        expect(reply.status, JSON.stringify(request).slice(0, 500)).toBeGreaterThanOrEqual(200);
        expect(reply.status, JSON.stringify(request).slice(0, 500)).toBeLessThan(500);
        expect(reply.status).not.toBe(404);
        // The app answers by itself at ackTimeoutMs; a loaded machine gets a generous margin on top.
        expect(reply.ackMs).toBeLessThan(ackTimeoutMs + 2000);
      }),
      { seed: 190_019, numRuns: 250, endOnFailure: true },
    );
    await app.running.settled();
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const requests = await app.db.select().from(leaveRequests);
    const steps = await app.db.select().from(leaveApprovalSteps);
    for (const request of requests) expect(steps.some((s) => s.requestId === request.id)).toBe(true);
    const written = await app.db.select().from(handovers);
    const versions = await app.db.select().from(handoverVersions);
    for (const handover of written) expect(versions.some((v) => v.handoverId === handover.id)).toBe(true);
  });
});
