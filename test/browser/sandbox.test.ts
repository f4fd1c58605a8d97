import { afterAll, beforeAll, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  actAs,
  describeInChromium,
  message,
  modal,
  nextDay,
  openConversation,
  openSandbox,
  rosterDay,
  screenshot,
  setLanguage,
  type,
  type SandboxBrowser,
} from './sandbox-page.js';

const walkMs = 240_000;

describeInChromium('the sandbox in Chromium: a newcomer’s walk through the department', () => {
  let open: SandboxBrowser;
  const zone = 'Asia/Shanghai';

  beforeAll(async () => {
    open = await openSandbox();
  }, 120_000);
  afterAll(async () => {
    await open?.stop();
  }, 60_000);

  it(
    'files leave with a field error fixed, approved by the lead and then the manager; the team channel sees only "absent"',
    async () => {
      const { page, sandbox } = open;
      // He Fang works the office shift Wednesday to Friday beside 郭磊, so one of them can be spared.
      const first = nextDay(sandbox.clock.now(), zone, 2, [3, 4, 5]);
      const third = DateTime.fromISO(first).plus({ days: 2 }).toISODate() as string;

      await actAs(page, sandbox, 'U0PH0NE08');
      await setLanguage(page, 'en');
      await openConversation(page, 'shiftdesk');
      await type(page, '/leave');
      const form = modal(page);
      await form.getByText('Request leave').waitFor();
      await form.getByLabel('Leave type').selectOption('personal');
      await form.getByLabel('First day').fill(first);
      await form.getByLabel('Last day').fill(third);
      await form.getByLabel('Reason').fill('family matters at home');
      await form.locator('button[type=submit]').click();
      const error = form.locator('.sd-field-error');
      await error.waitFor();
      expect(await error.innerText()).toMatch(/Personal leave needs 10 days? notice/);
      await screenshot(page, 'leave-field-error');

      await form.getByLabel('Last day').fill(first);
      await form
        .locator('.sd-preview, [data-block-id="leave.preview"]')
        .getByText(/1 working day/)
        .waitFor();
      await form.locator('button[type=submit]').click();
      await form.waitFor({ state: 'detached' });
      await message(page, /Your Personal leave request for .* is submitted/).waitFor();

      await actAs(page, sandbox, 'U0PHLEAD1');
      await openConversation(page, 'shiftdesk');
      // the card, not the lead's morning digest that may list the same request as waiting
      const card = page.locator('#pane .sb-msg', { hasText: 'He Fang', has: page.locator('[data-action-id="leave.approve"]') }).last();
      await card.locator('[data-action-id="leave.approve"]').click();
      await message(page, /张伟 已批准/).waitFor();
      await screenshot(page, 'leave-lead-approved');

      await actAs(page, sandbox, 'U0MGR0001');
      await openConversation(page, 'shiftdesk');
      await message(page, 'He Fang').locator('[data-action-id="leave.approve"]').click();
      await message(page, /Approved by Li Na/).waitFor();

      await actAs(page, sandbox, 'U0PH0NE08');
      await openConversation(page, 'shiftdesk');
      await message(page, /is approved by Li Na/).waitFor();
      await screenshot(page, 'leave-approved');

      await openConversation(page, 'phone-announce');
      const notice = message(page, 'He Fang');
      await notice.waitFor();
      expect(await notice.innerText()).toMatch(/absent|缺勤/);
      expect(await notice.innerText()).not.toMatch(/family matters|Personal leave|事假/);
    },
    walkMs,
  );

  it(
    'swaps two shifts in Chinese: the colleague consents, the lead approves, the requester is told',
    async () => {
      const { page, sandbox } = open;
      // The online team rotates E E L L – –, online agent i (1–6) starting i − 1 days in. On a day when
      // one is on her first late shift (after an early one) and the one before her on her second
      // early shift, their shifts can be exchanged within every rest rule.
      const day = nextDay(sandbox.clock.now(), zone, 2, [1, 2, 3, 4, 5, 6, 7]);
      const n = rosterDay(day);
      const agent = (position: number) => `U0ONL1NE${((((position - n) % 6) + 6) % 6) + 1}`;
      const requester = agent(2);
      const colleague = agent(1);

      await actAs(page, sandbox, requester);
      await setLanguage(page, 'zh-CN');
      await openConversation(page, 'shiftdesk');
      await type(page, '/swap');
      const form = modal(page);
      await form.getByText('换班').first().waitFor();
      await form.locator('[data-block-id="swap.my_shift"] select').selectOption(`${day}|L`);
      await form.locator('[data-block-id="swap.colleague"] select').selectOption(colleague);
      const theirs = form.locator(`[data-block-id="swap.their_shift:${colleague}"] select`);
      await theirs.waitFor();
      await theirs.selectOption(`${day}|E`);
      await form.locator('[data-block-id="swap.note"] textarea').fill('家里有事,谢谢!');
      await screenshot(page, 'swap-form');
      await form.locator('button[type=submit]').click();
      await form.waitFor({ state: 'detached' });
      await message(page, '你的换班申请已发给').waitFor();

      await actAs(page, sandbox, colleague);
      await setLanguage(page, 'zh-CN');
      await openConversation(page, 'shiftdesk');
      await message(page, '家里有事').locator('[data-action-id="swap.accept"]').click();
      await actAs(page, sandbox, requester);
      await openConversation(page, 'shiftdesk');
      await message(page, /已同意你的换班/).waitFor();

      await actAs(page, sandbox, 'U0ONLEAD1');
      await setLanguage(page, 'zh-CN');
      await openConversation(page, 'shiftdesk');
      await message(page, '家里有事').locator('[data-action-id="swap.approve"]').click();
      await message(page, /排班表已更新|已批准/).waitFor();
      await screenshot(page, 'swap-lead-approved');

      await actAs(page, sandbox, requester);
      await openConversation(page, 'shiftdesk');
      await message(page, /批准了 .* 的换班.*排班表已更新/).waitFor();
    },
    walkMs,
  );

  it(
    'writes a handover that someone of the incoming shift takes over',
    async () => {
      const { page, sandbox } = open;
      // The shift changes before the sandbox started are handed over already: go to ten minutes before
      // the phone team's next one (08:30 and 20:30), when the outgoing shift is reminded to write it.
      const now = DateTime.fromJSDate(sandbox.clock.now(), { zone });
      const change = [8, 20, 32]
        .map((hour) =>
          now
            .startOf('day')
            .set({ hour: hour % 24, minute: 30 })
            .plus({ days: hour >= 24 ? 1 : 0 }),
        )
        .find((at) => at.minus({ minutes: 15 }) > now);
      const writeAt = (change as DateTime).minus({ minutes: 10 });
      await actAs(page, sandbox, 'U0PHLEAD1');
      await page.locator('#clock-to').fill(writeAt.toFormat("yyyy-MM-dd'T'HH:mm"));
      await page.locator('#clock-jump').click();
      await page.locator('#clock-now', { hasText: writeAt.setLocale('zh-CN').toFormat('HH:mm') }).waitFor({ timeout: 180_000 });
      await page.locator('#clock-busy').waitFor({ state: 'hidden', timeout: 180_000 });
      await openConversation(page, 'shiftdesk');
      await type(page, '/handover');
      const form = modal(page);
      const incoming = form.locator('.sd-context', { hasText: '交给' }).first();
      await incoming.waitFor();
      const names =
        (await incoming.innerText())
          .split(/[:：]/)
          .pop()
          ?.split(/[、,，]\s*/)
          .map((name) => name.trim()) ?? [];
      const taker = sandbox.everyone().find((p) => names.includes(p.name) && p.id !== 'U0PHLEAD1');
      expect(taker, `someone of the incoming shift among ${names.join(', ')}`).toBeDefined();
      await form.locator('[data-block-id="handover.process"] textarea').fill('退款流程自今天起需要组长复核。');
      await form.locator('button[type=submit]').click();
      await form.waitFor({ state: 'detached' });
      await openConversation(page, 'phone-handover');
      await message(page, '退款流程自今天起需要组长复核').waitFor();

      await actAs(page, sandbox, taker?.id ?? '');
      await setLanguage(page, 'zh-CN');
      await openConversation(page, 'shiftdesk');
      await message(page, '退款流程自今天起需要组长复核').locator('[data-action-id="handover.take_over"]').click();
      await message(page, new RegExp(`已接班.*${taker?.name}`)).waitFor();
      await screenshot(page, 'handover-taken-over');
    },
    walkMs,
  );

  it('at Saturday 16:00 reminds only those who owe a summary, with a button that opens the form', async () => {
    const { page, sandbox } = open;
    // On Saturday evening or Sunday the week's summary is already late: start from Monday morning.
    const today = DateTime.fromJSDate(sandbox.clock.now(), { zone });
    if (today.weekday === 7 || (today.weekday === 6 && today.hour >= 15)) {
      const monday = today.plus({ days: 8 - today.weekday }).set({ hour: 9, minute: 0 });
      await page.locator('#clock-to').fill(monday.toFormat("yyyy-MM-dd'T'HH:mm"));
      await page.locator('#clock-jump').click();
      await page.locator('#clock-now', { hasText: monday.setLocale('zh-CN').toFormat('M月d日') }).waitFor({ timeout: 180_000 });
    }

    await actAs(page, sandbox, 'U0PH0NE01');
    await setLanguage(page, 'zh-CN');
    await openConversation(page, 'shiftdesk');
    await type(page, '/report');
    const form = modal(page);
    await form.getByText('本周完成的工作').waitFor();
    await form
      .locator('[data-block-id="report.done"] textarea')
      .fill('本周接听客户来电，处理退款与投诉，跟进了三位客户的升级问题，并整理了常见问题的答复模板供大家使用。'.repeat(3));
    await form
      .locator('[data-block-id="report.improve"] textarea')
      .fill('下周希望缩短平均处理时长，减少转接次数，并把复杂问题的记录写得更完整清楚，方便下一班接手。'.repeat(2));
    await form.locator('button[type=submit]').click();
    await form.waitFor({ state: 'detached' });
    await message(page, '这一周的工作总结已提交').waitFor();

    // Zhou Qiang reads Slack in English (the handover walk may have switched him): the reminders follow it.
    await sandbox.setLocale('U0PH0NE02', 'en');
    await page.locator('#clock-saturday').click();
    await page.locator('#clock-busy').waitFor({ state: 'hidden', timeout: 240_000 });
    await page.locator('#clock-now', { hasText: /周六.*16:00/ }).waitFor({ timeout: 240_000 });
    expect(await page.locator('#pane').innerText()).not.toMatch(/写本周总结/);

    await actAs(page, sandbox, 'U0PH0NE02');
    await setLanguage(page, 'en');
    await openConversation(page, 'shiftdesk');
    const reminder = message(page, /Your weekly summary for the week of .* is due/);
    await reminder.waitFor();
    await screenshot(page, 'report-reminder');
    await reminder.locator('[data-action-id="report.open"]').last().click();
    await modal(page).getByText('What you did this week').waitFor();
    await screenshot(page, 'report-form');
    await modal(page).locator('[data-modal-close]').first().click();
    await modal(page).waitFor({ state: 'detached' });

    // After-sales works office shifts too, so its agents owe a summary as well.
    await actAs(page, sandbox, 'U0AFTSL01');
    await openConversation(page, 'shiftdesk');
    await page.locator('#pane .sb-msg [data-action-id="report.open"]').last().waitFor();
    expect(
      sandbox.fake
        .calls('chat.postMessage')
        .filter((c) => c.args.channel === sandbox.fake.dmChannel('U0PH0NE01') || c.args.channel === 'U0PH0NE01')
        .map((c) => JSON.stringify(c.args)),
    ).not.toContainEqual(expect.stringContaining('report.open'));
  }, 360_000);
});
