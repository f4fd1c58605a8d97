import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoverMisses, handoverReminders, handovers } from '../../src/db/schema.js';
import { readPolicyFile } from '../../src/read-policy-file.js';
import { Sandbox } from '../../src/sandbox/sandbox.js';

const zone = 'Asia/Shanghai';
/** Next week's Thursday, 10:00 in Shanghai: the week's shift changes since Monday lie behind it. */
const thursday = DateTime.now().setZone(zone).startOf('week').plus({ weeks: 1, days: 3 }).set({ hour: 10 });

let sandbox: Sandbox;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'shiftdesk-sandbox-'));
  sandbox = await Sandbox.start({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    policy: readPolicyFile(path.resolve(import.meta.dirname, '../../policy.yml')),
    logger: pino({ level: 'silent' }),
    startAt: thursday.toJSDate(),
  });
});
afterAll(async () => {
  await sandbox?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const get = async (route: string) => (await fetch(`${sandbox.url}${route}`)).json() as Promise<Record<string, unknown>>;
const post = async (action: string, body: object) =>
  (
    await fetch(`${sandbox.url}/sandbox/api/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  ).json() as Promise<Record<string, unknown>>;

describe('the sandbox as a newcomer finds it', () => {
  it('serves this month’s HR attendance sheet from the demo’s clock-ins', async () => {
    const response = await fetch(`${sandbox.url}/sandbox/attendance.csv`);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="attendance-${thursday.toFormat('yyyy-MM')}.csv"`);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith('\uFEFFSlack ID,姓名,团队,出勤班次')).toBe(true);
    expect(text).toContain('U0PH0NE01,孙丽,电话团队,');
  });

  it('is played first as a phone agent who works shifts, and serves its tab icon', async () => {
    const state = await get('/sandbox/api/state');
    expect(state.me).toMatchObject({ team: 'phone', role: 'agent' });
    const icon = await fetch(`${sandbox.url}/favicon.ico`);
    expect([icon.status, icon.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
  });

  it('starts with the shift changes since Monday handed over and taken over: nothing missed, nobody fined, no lead alerted', async () => {
    const db = sandbox.running.deps.db;
    await sandbox.running.scheduler.tick(sandbox.clock.now());
    await sandbox.running.settled();
    const written = await db.select().from(handovers);
    expect(written.length).toBeGreaterThan(10);
    expect(written.filter((h) => h.status === 'taken_over').length).toBeGreaterThan(10);
    expect(await db.select().from(handoverMisses)).toEqual([]);
    expect(sandbox.fake.calls('chat.postMessage').map((c) => String(c.args.channel))).not.toContain('C0PHONEHND');
  });

  it('settles last month from the demo’s clock-ins: comp-time cards for the manager, and the demo absence told to lead and manager', async () => {
    // the tick of the test before ran every job at Thursday 10:00
    const posted = sandbox.fake.calls('chat.postMessage').filter((c) => c.ok);
    const cards = posted.filter((c) => c.args.channel === 'U0MGR0001' && JSON.stringify(c.args.blocks ?? []).includes('comp_time.approve'));
    expect(cards.length).toBeGreaterThan(0);
    const lastMonth = thursday.minus({ months: 1 }).setLocale('en').toFormat('LLLL yyyy');
    expect(cards.every((c) => String(c.args.text).includes(lastMonth))).toBe(true);
    const told = (id: string) => posted.filter((c) => c.args.channel === id && String(c.args.text).startsWith('Hu Xiaoyan '));
    expect(told('U0MGR0001')).toHaveLength(1);
    expect(String(told('U0MGR0001')[0]?.args.text)).toContain('3 consecutive days of unapproved absence');
    expect(told('U0PHLEAD1')).toHaveLength(1);
  });

  it('shows both handover reminders of a shift change when the clock jumps over it', async () => {
    // Online E (08:00–17:30) hands over to L (16:00–01:00); phone R (08:30–20:30) to W.
    const started = Date.now();
    await sandbox.jump(thursday.set({ hour: 21, minute: 0 }).toJSDate());
    const reminders = (await sandbox.running.deps.db.select().from(handoverReminders))
      .map((r) => `${r.teamId} ${r.shiftCode} ${r.kind}`)
      .sort();
    expect(reminders).toEqual(expect.arrayContaining(['online E incoming', 'online E outgoing', 'phone R incoming', 'phone R outgoing']));
    console.info(`a jump of 11 hours took ${Date.now() - started} ms`);
  });

  it('shows an ephemeral answer to the page that saw it come, not to one loaded after', async () => {
    const me = 'U0PH0NE01';
    const dm = sandbox.fake.dmChannel(me);
    const before = sandbox.clock.now().getTime();
    expect(await post('command', { as: me, channel: dm, text: '/swap help' })).toMatchObject({ ok: true });
    const seen = await get(`/sandbox/api/conversation?as=${me}&channel=${dm}&since=${before}`);
    expect(String(seen.html)).toContain('data-ephemeral="true"');
    const reloaded = await get(`/sandbox/api/conversation?as=${me}&channel=${dm}&since=${sandbox.clock.now().getTime() + 1}`);
    expect(String(reloaded.html)).not.toContain('data-ephemeral="true"');
  });

  it('posts text typed in a channel as the person’s message, and keeps a DM to the app, whose Messages tab is read-only, from taking it', async () => {
    const me = 'U0PH0NE01';
    expect(await post('command', { as: me, channel: 'C0PHONEANN', text: 'Morning all, the coffee machine is fixed' })).toMatchObject({
      ok: true,
    });
    const channel = await get(`/sandbox/api/conversation?as=U0PH0NE02&channel=C0PHONEANN&since=0`);
    expect(String(channel.html)).toMatch(/孙丽.*Morning all, the coffee machine is fixed/s);
    expect(await post('command', { as: me, channel: sandbox.fake.dmChannel(me), text: 'hello bot' })).toMatchObject({
      ok: false,
      error: 'not_a_command',
    });
  });

  it('after Reset, stamps new messages with the real time again', async () => {
    expect(sandbox.clock.now().getTime() - Date.now()).toBeGreaterThan(24 * 60 * 60_000);
    await sandbox.reset();
    expect(Math.abs(sandbox.clock.now().getTime() - Date.now())).toBeLessThan(1000);
    const me = 'U0PH0NE01';
    const dm = sandbox.fake.dmChannel(me);
    await post('command', { as: me, channel: dm, text: '/swap help' });
    const [answer] = sandbox.workspace.conversation(dm, me);
    expect(Math.abs(Number(answer?.ts) * 1000 - Date.now())).toBeLessThan(5 * 60_000);
  });
});
