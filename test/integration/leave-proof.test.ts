import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { leaveProofShares, leaveRequests } from '../../src/db/schema.js';
import { parsePolicy } from '../../src/policy/policy-file.js';
import { blockKitLimits } from '../../src/slack/blockkit-limits.js';
import { department, englishManager, ids, peopleOf, slackUsersOf } from '../fixtures/department.js';
import { insertPeople, insertShifts } from '../fixtures/org.js';
import type { StoredMessage } from '../harness/fake-slack/index.js';
import type { ViewStateValues } from '../harness/slack-requests.js';
import { repoRoot, startTestApp, type TestApp } from '../harness/test-app.js';
import { textOf } from '../fixtures/blocks-text.js';

const hour = 60 * 60 * 1000;
const start = Date.parse('2026-12-01T02:00:00Z'); // 10:00 on Tuesday 1 December in Shanghai

// staffing below the minimum only warns, so every step can approve; the month holds all of Amy's sick days
const policy = parsePolicy(
  readFileSync(path.join(repoRoot, 'policy.yml'), 'utf8')
    .replace('below_minimum: strict', 'below_minimum: warn')
    .replace(/(monthly_cap:\s*\n\s*days:) 4/, '$1 20'),
);

const { gm, manager, lead, amy, bob } = ids;
const staff = [department.gm, englishManager, department.lead, department.amy, department.bob];

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    now: new Date(start).toISOString(),
    policy,
    users: slackUsersOf(staff),
  });
  await insertPeople(app.db, peopleOf(staff));
  const days = ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-15'];
  await insertShifts(
    app.db,
    days.flatMap((date) => [amy, bob].map((personId) => ({ personId, date, shiftCode: 'C' }))),
  );
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await app.running.settled();
  app.fake.clearCalls();
});

/** A file Amy picks in the form's file_input, as Slack describes it in the submission. */
const picked = (name: string, content: Buffer | string = `%PDF-1.4 ${name}`) =>
  app.fake.uploadFile(amy, { name, mimetype: 'application/pdf', content: Buffer.from(content) });

function sickLeave(first: string, last: string, reason: string, files: Record<string, unknown>[], later = false): ViewStateValues {
  return {
    'leave.type': { value: { type: 'static_select', selected_option: { value: 'sick' } } },
    'leave.first_day': { 'leave.date_picked': { type: 'datepicker', selected_date: first } },
    'leave.last_day': { 'leave.date_picked': { type: 'datepicker', selected_date: last } },
    'leave.reason': { value: { type: 'plain_text_input', value: reason } },
    'leave.proof': { value: { type: 'file_input', files } },
    'leave.proof_later': { value: { type: 'checkboxes', selected_options: later ? [{ value: 'later' }] : [] } },
  };
}

async function fileLeave(values: ViewStateValues): Promise<void> {
  await app.slack.slashCommand({ command: '/leave', text: '', userId: amy });
  await app.fake.waitForCall('views.open', (c) => c.ok);
  const reply = await app.slack.viewSubmission({ userId: amy, viewId: app.fake.topView(amy)?.id as string, values });
  expect(reply.body).toBe('');
  await app.running.settled();
}

/** The approver's card for the request with this reason, as their DM shows it now. */
function cardOf(approver: string, reason: string): StoredMessage {
  const card = app.fake
    .messages(app.fake.dmChannel(approver))
    .find((m) => m.threadTs === undefined && JSON.stringify(m.blocks ?? []).includes(reason));
  expect(card, `no card for ${reason} in ${approver}'s DM`).toBeDefined();
  return card as StoredMessage;
}

/** The proof links of a card: the file each opens, by the stand-in's file URLs. */
function proofLinks(card: StoredMessage): { url: string; name: string; fileId: string }[] {
  return [...JSON.stringify(card.blocks).matchAll(/<(http[^|>]+)\|([^>]+)>/g)].map(([, url, name]) => ({
    url: url as string,
    name: name as string,
    fileId: /\/files\/([^/?]+)/.exec(url as string)?.[1] ?? '',
  }));
}

async function expectOpensEveryProof(approver: string, card: StoredMessage, names: string[]): Promise<void> {
  const links = proofLinks(card);
  expect(links.map((l) => l.name).sort()).toEqual([...names].sort());
  for (const link of links) {
    expect(app.fake.canOpen(approver, link.fileId), `${approver} cannot open ${link.name}`).toBe(true);
    const served = await fetch(`${link.url}?as=${approver}`);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe(`%PDF-1.4 ${link.name}`);
  }
}

async function approve(approver: string, card: StoredMessage): Promise<void> {
  const value = (card.blocks as { elements?: { action_id?: string; value?: string }[] }[])
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === 'leave.approve')?.value as string;
  await app.slack.blockAction({
    userId: approver,
    actionId: 'leave.approve',
    value,
    blockId: 'leave.decision',
    message: { channel: card.channel, ts: card.ts },
  });
  await app.running.settled();
}

const uploads = () => app.fake.calls('files.completeUploadExternal');

describe('proof files reach the approvers', () => {
  it('gives every approver of the chain a copy in their DM, under their card, that they can open; a reminder, a double click or a redraw uploads nothing twice', async () => {
    const files = [picked('certificate.pdf'), picked('receipt.pdf')];
    // nobody but Amy (and the app whose form took them) may open what she picked
    expect(files.every((f) => !app.fake.canOpen(lead, f.id as string))).toBe(true);
    await fileLeave(sickLeave('2026-12-02', '2026-12-04', 'fever, three days', files));

    const leadCard = cardOf(lead, 'fever, three days');
    await expectOpensEveryProof(lead, leadCard, ['certificate.pdf', 'receipt.pdf']);
    // the copies sit in the card's thread, in the lead's DM with the bot
    const copies = app.fake.messages(app.fake.dmChannel(lead)).filter((m) => m.files !== undefined);
    expect(copies.map((m) => m.threadTs)).toEqual([leadCard.ts, leadCard.ts]);
    expect(copies.every((m) => m.text === 'Proof from Amy for the request above.')).toBe(true);
    expect(uploads()).toHaveLength(2);

    // the reminder after four hours, and the same click delivered twice, upload nothing
    app.clock.set(new Date(start + 4 * hour));
    await app.running.scheduler.tick();
    await app.running.settled();
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === lead && String(c.args.text).includes('has waited'));
    expect(uploads()).toHaveLength(2);
    await Promise.all([approve(lead, leadCard), approve(lead, leadCard)]);

    const managerCard = cardOf(manager, 'fever, three days');
    await expectOpensEveryProof(manager, managerCard, ['certificate.pdf', 'receipt.pdf']);
    expect(app.fake.canOpen(manager, files[0]?.id as string)).toBe(false);
    await approve(manager, managerCard);

    const gmCard = cardOf(gm, 'fever, three days');
    await expectOpensEveryProof(gm, gmCard, ['certificate.pdf', 'receipt.pdf']);
    await approve(gm, gmCard);
    await app.fake.waitForCall('chat.postMessage', (c) => c.args.channel === amy && String(c.args.text).includes('is approved'));

    // one copy per file and approver, however often the cards were redrawn
    expect(uploads()).toHaveLength(6);
    expect(app.fake.calls('chat.update').length).toBeGreaterThan(3);
    // the redrawn cards still link each approver's own copy
    await expectOpensEveryProof(lead, cardOf(lead, 'fever, three days'), ['certificate.pdf', 'receipt.pdf']);
    const [request] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, 'fever, three days'));
    const shares = await app.db
      .select()
      .from(leaveProofShares)
      .where(eq(leaveProofShares.requestId, request?.id as number));
    expect(shares.map((s) => [s.approverId, s.status]).sort()).toEqual(
      [gm, gm, lead, lead, manager, manager].sort().map((id) => [id, 'shared']),
    );
  });

  it('still posts the card when a file cannot be fetched or is too large, says so and whom to ask, and shares the rest', async () => {
    const gone = picked('gone.pdf');
    const huge = picked('scan.pdf', Buffer.alloc(blockKitLimits.fileInputBytes + 1));
    const fine = picked('note.pdf');
    app.fake.deleteFile(gone.id as string);
    await fileLeave(sickLeave('2026-12-08', '2026-12-08', 'migraine', [gone, huge, fine]));

    const card = cardOf(lead, 'migraine');
    expect(textOf(card.blocks)).toContain('Could not be shared with you here: gone.pdf, scan.pdf — ask Amy for it.');
    const note = proofLinks(card).find((l) => l.name === 'note.pdf');
    expect(note && app.fake.canOpen(lead, note.fileId)).toBe(true);
    expect(uploads()).toHaveLength(1);
    // the Approve button is there all the same
    expect(JSON.stringify(card.blocks)).toContain('leave.approve');

    // a redraw does not try again and again
    await approve(lead, card);
    expect(uploads()).toHaveLength(1);
    expect(app.fake.calls('files.info').filter((c) => c.args.file === gone.id)).toHaveLength(1);
  });

  it('says so on that approver’s card only, in their language, when Slack refuses one copy', async () => {
    await fileLeave(sickLeave('2026-12-09', '2026-12-11', 'broken arm', [picked('xray.pdf')]));
    await approve(lead, cardOf(lead, 'broken arm'));
    // the GM's copy is refused; the lead's and the manager's went through
    app.fake.failNext('files.completeUploadExternal', 'not_in_channel');
    await approve(manager, cardOf(manager, 'broken arm'));
    expect(textOf(cardOf(gm, 'broken arm').blocks)).toContain('以下材料未能发送给你:xray.pdf — 请向Amy索取。');
    expect(JSON.stringify(cardOf(gm, 'broken arm').blocks)).toContain('leave.approve');
    await expectOpensEveryProof(lead, cardOf(lead, 'broken arm'), ['xray.pdf']);
    await expectOpensEveryProof(manager, cardOf(manager, 'broken arm'), ['xray.pdf']);
  });

  it('shares proof attached after the card was sent with the approver who has the card', async () => {
    await fileLeave(sickLeave('2026-12-15', '2026-12-15', 'dentist', [], true));
    const card = cardOf(lead, 'dentist');
    expect(proofLinks(card)).toEqual([]);
    const [request] = await app.db.select().from(leaveRequests).where(eq(leaveRequests.reason, 'dentist'));
    await app.slack.blockAction({
      userId: amy,
      actionId: 'leave.attach_proof',
      value: String(request?.id),
      blockId: 'leave.decision',
      message: { channel: app.fake.dmChannel(amy), ts: card.ts },
    });
    await app.fake.waitForCall('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === 'leave.proof_upload');
    const viewId = app.fake.topView(amy)?.id as string;
    const values = { 'leave.proof_files': { value: { type: 'file_input', files: [picked('dentist.pdf')] } } };
    expect((await app.slack.viewSubmission({ userId: amy, viewId, values })).body).toBe('');
    await app.running.settled();
    await expectOpensEveryProof(lead, cardOf(lead, 'dentist'), ['dentist.pdf']);
    // the same upload delivered again copies nothing more
    expect((await app.slack.viewSubmission({ userId: amy, viewId, values })).body).toBe('');
    await app.running.settled();
    expect(uploads()).toHaveLength(1);
  });
});
