import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compTimeProposals, leaveApprovalSteps, leaveRequests, type CompTimeProposal } from '../../src/db/schema.js';
import { dayText } from '../../src/slack/format.js';
import {
  actAs,
  describeInChromium,
  message,
  modal,
  nextDay,
  openConversation,
  openSandbox,
  screenshot,
  setLanguage,
  type,
  type SandboxBrowser,
} from './sandbox-page.js';

const walkMs = 300_000;

describeInChromium('the sandbox’s Home in Chromium: what waits, one’s own week, the team’s coverage', () => {
  let open: SandboxBrowser;
  const zone = 'Asia/Shanghai';
  const agent = 'U0PH0NE08'; // He Fang, on the office shift Wednesday to Friday
  const lead = 'U0PHLEAD1'; // 张伟

  beforeAll(async () => {
    open = await openSandbox();
  }, 120_000);
  afterAll(async () => {
    await open?.stop();
  }, 60_000);

  const home = () => open.page.locator('#pane .sd-home');
  const annualLine = () => home().locator('.sd-section', { hasText: /Annual leave \d{4}:/ });

  it(
    'the lead approves leave from “Waiting for you”; the agent’s Home shows it on their shifts and in their balance; the lead gets the meeting pack',
    async () => {
      const { page, sandbox } = open;
      const day = nextDay(sandbox.clock.now(), zone, 2, [3, 4, 5]);

      // The agent's balance before, then the request
      await actAs(page, sandbox, agent);
      await setLanguage(page, 'en');
      await openConversation(page, 'home');
      await annualLine().waitFor();
      const before = await annualLine().innerText();
      // a Home tab has no message box, as in Slack
      expect(await page.locator('#composer').isVisible()).toBe(false);
      await openConversation(page, 'shiftdesk');
      await type(page, '/leave');
      const form = modal(page);
      await form.getByText('Request leave').waitFor();
      await form.getByLabel('Leave type').selectOption('annual');
      await form.getByLabel('First day').fill(day);
      await form.getByLabel('Last day').fill(day);
      await form.getByLabel('Reason').fill('a long weekend away');
      await form.locator('button[type=submit]').click();
      await form.waitFor({ state: 'detached' });
      await message(page, /Your Annual leave request for .* is submitted/).waitFor();
      const db = sandbox.running.deps.db;
      const [step] = await db
        .select({ id: leaveApprovalSteps.id })
        .from(leaveApprovalSteps)
        .innerJoin(leaveRequests, eq(leaveRequests.id, leaveApprovalSteps.requestId))
        .where(and(eq(leaveRequests.personId, agent), eq(leaveApprovalSteps.status, 'pending')))
        .orderBy(desc(leaveApprovalSteps.id))
        .limit(1);
      expect(step, 'the request waits for a step').toBeDefined();

      // The lead finds it under 待你处理 and approves it there
      await actAs(page, sandbox, lead);
      await setLanguage(page, 'zh-CN');
      await openConversation(page, 'home');
      await home().locator('.sd-section', { hasText: '待你处理' }).first().waitFor();
      const approve = home().locator(`[data-action-id="leave.approve"][data-value="${step?.id}"]`);
      await approve.waitFor();
      await approve.scrollIntoViewIfNeeded();
      await screenshot(page, 'home-lead-inbox');
      await approve.click();
      // the Home is drawn again without the row
      await approve.waitFor({ state: 'detached' });
      await home().locator('.sd-section', { hasText: '待你处理' }).first().waitFor();
      expect(
        await home()
          .locator('[data-action-id="leave.approve"]')
          .evaluateAll((buttons, id) => buttons.filter((b) => b.getAttribute('data-value') === id).length, String(step?.id)),
      ).toBe(0);
      // the answer of a Home click comes by DM
      await openConversation(page, 'shiftdesk');
      await message(page, /张伟 已批准/).waitFor();

      // The agent's Home: the day is on leave, the balance counts it
      await actAs(page, sandbox, agent);
      await setLanguage(page, 'en');
      await openConversation(page, 'home');
      const shifts = home().locator('.sd-section', { hasText: 'Your shifts in the next' });
      await shifts.waitFor();
      expect((await shifts.innerText()).split('\n').find((line) => line.includes(dayText(day, 'en')))).toMatch(/ — on leave$/);
      await annualLine().waitFor();
      const after = await annualLine().innerText();
      const left = (text: string) => Number(/(\d+(?:\.\d+)?) left/.exec(text)?.[1]);
      const year = (text: string) => /Annual leave (\d{4}):/.exec(text)?.[1];
      // late in December the day may fall in next year, whose balance the Home does not show yet
      if (year(after) === day.slice(0, 4)) expect(left(after)).toBe(left(before) - 1);
      else expect(after).toBe(before);
      await screenshot(page, 'home-agent');

      // The lead's Coverage, and the meeting pack by DM
      await actAs(page, sandbox, lead);
      await setLanguage(page, 'zh-CN');
      await openConversation(page, 'home');
      await home().locator('.sd-section', { hasText: '排班覆盖' }).first().waitFor();
      await home().locator('[data-action-id="home.team_week"]').first().click();
      await openConversation(page, 'shiftdesk');
      await message(page, /班务会 — /).waitFor();
    },
    walkMs,
  );

  it(
    'the manager adjusts last month’s comp time from its DM card (a bad number refused on its field) and approves another from the Home',
    async () => {
      const { page, sandbox } = open;
      const manager = 'U0MGR0001'; // Li Na
      await sandbox.running.scheduler.tick(sandbox.clock.now());
      await sandbox.running.settled();
      const db = sandbox.running.deps.db;
      const waiting = await db
        .select()
        .from(compTimeProposals)
        .where(eq(compTimeProposals.status, 'proposed'))
        .orderBy(compTimeProposals.id);
      expect(waiting.length, 'last month is settled as comp time').toBeGreaterThan(1);
      const [first, second] = waiting as [CompTimeProposal, CompTimeProposal];

      await actAs(page, sandbox, manager);
      await setLanguage(page, 'en');
      await openConversation(page, 'shiftdesk');
      const adjust = page.locator(`#pane [data-action-id="comp_time.adjust"][data-value="${first.id}"]`);
      await adjust.waitFor();
      await adjust.scrollIntoViewIfNeeded();
      await adjust.click();
      const form = modal(page);
      await form.getByText('Adjust comp time').waitFor();
      const hours = form.locator('input[type=text], input:not([type])').first();
      await hours.fill(String(first.hours + 10));
      await form.locator('button[type=submit]').click();
      await form.locator('.sd-field-error', { hasText: `At most ${first.hours} h` }).waitFor();
      await hours.fill('8');
      await form.locator('button[type=submit]').click();
      await form.waitFor({ state: 'detached' });
      await message(page, /Adjusted by Li Na, .*: 8 h credited instead of the/).waitFor();
      await screenshot(page, 'comp-time-adjusted');

      await openConversation(page, 'home');
      const approve = home().locator(`[data-action-id="comp_time.approve"][data-value="${second.id}"]`);
      await approve.waitFor();
      await approve.scrollIntoViewIfNeeded();
      await approve.click();
      await approve.waitFor({ state: 'detached' });
      await expect
        .poll(async () => (await db.select().from(compTimeProposals).where(eq(compTimeProposals.id, second.id)))[0]?.status)
        .toBe('approved');
    },
    walkMs,
  );
});
