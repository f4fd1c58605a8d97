import { afterAll, beforeAll, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { listRoster } from '../../src/db/queries/roster.js';
import type { LocalDate } from '../../src/policy/time.js';
import {
  actAs,
  describeInChromium,
  message,
  modal,
  openConversation,
  openSandbox,
  screenshot,
  setLanguage,
  type,
  type SandboxBrowser,
} from './sandbox-page.js';

const walkMs = 240_000;

describeInChromium('the sandbox’s forms in Chromium: what Slack itself checks and shows', () => {
  let open: SandboxBrowser;
  const zone = 'Asia/Shanghai';

  beforeAll(async () => {
    // A browser far from the department: what a form reads must not depend on the browser's zone.
    open = await openSandbox({ timezoneId: 'America/New_York' });
  }, 120_000);
  afterAll(async () => {
    await open?.stop();
  }, 60_000);

  it(
    'puts Slack’s own error under each empty required field, in the viewer’s language, and sends nothing',
    async () => {
      const { page, sandbox } = open;
      await actAs(page, sandbox, 'U0PH0NE02');
      await setLanguage(page, 'en');
      await openConversation(page, 'shiftdesk');
      await type(page, '/leave');
      const form = modal(page);
      await form.getByText('Request leave').waitFor();
      expect(await form.getAttribute('novalidate')).not.toBeNull();
      const submissions = () => sandbox.workspace.refusals().length + sandbox.fake.calls('views.update').length;
      const before = submissions();
      await form.locator('button[type=submit]').click();
      const errors = form.locator('.sd-field-error');
      await errors.first().waitFor();
      expect(await errors.allInnerTexts()).toContain('Please complete this required field.');
      await expect.poll(() => form.locator('[data-block-id] .sd-field-error').count()).toBeGreaterThan(1);
      const typeBlock = form.locator('.sd-input:has(select[aria-label="Leave type"])');
      expect(await typeBlock.locator('.sd-field-error').innerText()).toBe('Please complete this required field.');
      expect(await form.locator('.sd-input:has(textarea[aria-label="Reason"]) .sd-field-error').innerText()).toBe(
        'Please complete this required field.',
      );
      await screenshot(page, 'leave-required-fields');
      await form.getByLabel('Leave type').selectOption('personal');
      await form.locator('button[type=submit]').click();
      await expect.poll(() => typeBlock.locator('.sd-field-error').count()).toBe(0);
      expect(await form.locator('.sd-input:has(textarea[aria-label="Reason"]) .sd-field-error').count()).toBe(1);
      expect(submissions()).toBe(before);
      await form.locator('[data-modal-close]').first().click();
      await form.waitFor({ state: 'detached' });

      await setLanguage(page, 'zh-CN');
      await type(page, '/leave');
      await modal(page).locator('button[type=submit]').click();
      await modal(page).locator('.sd-field-error', { hasText: '请填写此必填项。' }).first().waitFor();
      await modal(page).locator('[data-modal-close]').first().click();
      await modal(page).waitFor({ state: 'detached' });
    },
    walkMs,
  );

  it(
    'reads a due date-time picked in the handover form in the person’s Slack zone, not the browser’s',
    async () => {
      const { page, sandbox } = open;
      await actAs(page, sandbox, 'U0PHLEAD1');
      await setLanguage(page, 'en');
      await openConversation(page, 'shiftdesk');
      await type(page, '/handover');
      const form = modal(page);
      const picker = form.locator('input[type=datetime-local]').first();
      await picker.waitFor();
      expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
      await picker.fill('2026-12-24T09:30');
      // A string, so that the test runner leaves its import alone: the page's own reader, as the page uses it.
      const state = (await page.evaluate(
        `import('/sandbox/render-client.js').then((client) => client.readViewState(document.querySelector('form.sd-modal')))`,
      )) as Record<string, Record<string, { type: string; selected_date_time?: number }>>;
      const picked = Object.values(state)
        .flatMap((block) => Object.values(block))
        .find((element) => element.type === 'datetimepicker');
      // 09:30 in Shanghai is 01:30 UTC.
      expect(picked?.selected_date_time).toBe(Date.UTC(2026, 11, 24, 1, 30) / 1000);
      await form.locator('[data-modal-close]').first().click();
      await form.waitFor({ state: 'detached' });
    },
    walkMs,
  );

  it(
    'forgets an ephemeral message on reload, as Slack does',
    async () => {
      const { page, sandbox } = open;
      await actAs(page, sandbox, 'U0PH0NE02');
      await setLanguage(page, 'en');
      await openConversation(page, 'shiftdesk');
      await type(page, '/swap help');
      await page.locator('#pane .sb-ephemeral').first().waitFor();
      await page.reload();
      await page.locator('body[data-ready=true]').waitFor();
      await page.locator('.sb-pane-title', { hasText: 'shiftdesk' }).waitFor();
      expect(await page.locator('#pane .sb-ephemeral').count()).toBe(0);
    },
    walkMs,
  );

  it(
    'uploads a proof picked in the leave form; the lead’s card links to it',
    async () => {
      const { page, sandbox } = open;
      // Sick leave on He Fang's next shift from tomorrow: short notice is allowed for it, and the lead alone approves.
      const tomorrow = DateTime.fromJSDate(sandbox.clock.now(), { zone }).plus({ days: 1 }).toISODate() as LocalDate;
      const rows = await listRoster(sandbox.running.deps.db, {
        from: tomorrow,
        to: DateTime.fromISO(tomorrow).plus({ days: 14 }).toISODate() as LocalDate,
      });
      const day = rows.find((r) => r.personId === 'U0PH0NE08')?.date;
      expect(day, 'He Fang works a shift in the next two weeks').toBeDefined();

      await actAs(page, sandbox, 'U0PH0NE08');
      await setLanguage(page, 'en');
      await openConversation(page, 'shiftdesk');
      await type(page, '/leave');
      const form = modal(page);
      await form.getByText('Request leave').waitFor();
      await form.getByLabel('Leave type').selectOption('sick');
      await form.getByLabel('First day').fill(String(day));
      await form.getByLabel('Last day').fill(String(day));
      await form.getByLabel('Reason').fill('fever since last night');
      const proof = form.locator('input[type=file]');
      await proof.setInputFiles({ name: 'sick-note.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 a doctor’s note') });
      await form.locator('input[type=file][data-files]').waitFor({ state: 'attached' });
      await form.locator('button[type=submit]').click();
      await form.waitFor({ state: 'detached' });
      await message(page, /Your Sick leave request for .* is submitted/).waitFor();

      await actAs(page, sandbox, 'U0PHLEAD1');
      await setLanguage(page, 'en');
      await openConversation(page, 'shiftdesk');
      const card = message(page, 'He Fang');
      const link = card.locator('a', { hasText: 'sick-note.pdf' });
      await link.waitFor();
      await screenshot(page, 'leave-proof-on-card');
      const served = await page.request.get(String(await link.getAttribute('href')));
      expect([served.status(), (await served.body()).toString()]).toEqual([200, '%PDF-1.4 a doctor’s note']);
    },
    walkMs,
  );

  it(
    'keeps what a person is typing, and where, when the app draws the form again meanwhile',
    async () => {
      const { page, sandbox } = open;
      const agent = 'U0PH0NE02';
      await actAs(page, sandbox, agent);
      await setLanguage(page, 'en');
      await openConversation(page, 'shiftdesk');
      await type(page, '/swap');
      const form = modal(page);
      const note = form.locator('[data-block-id="swap.note"] textarea');
      await note.click();
      await page.keyboard.type('family ');
      await form.evaluate((f) => {
        f.dataset.drawnBefore = 'true';
      });
      const top = sandbox.workspace.stack(agent).at(-1);
      expect(top, 'the swap form is open').toBeDefined();
      // the app draws the same view again while the person types, as after a shift is picked
      await sandbox.running.app.client.views.update({ view_id: String(top?.id), view: top?.view as never });
      await page.locator('#modal-layer form.sd-modal:not([data-drawn-before])').waitFor();
      await page.keyboard.type('matters');
      expect(await note.inputValue()).toBe('family matters');
      await form.locator('[data-modal-close]').first().click();
      await form.waitFor({ state: 'detached' });
    },
    walkMs,
  );

  it(
    'scrolls the form to a field the app refused, far below the top, as Slack does',
    async () => {
      const { page, sandbox } = open;
      await actAs(page, sandbox, 'U0PHLEAD1');
      await setLanguage(page, 'en');
      await openConversation(page, 'shiftdesk');
      await type(page, '/handover');
      const form = modal(page);
      await form.locator('[data-block-id="handover.process"] textarea').fill('Refunds need a lead’s second look from today.');
      // a case at the bottom of the form, with nobody to own it
      await form.locator('[data-block-id="handover.case_what.0"] input').fill('Callback promised to a customer');
      await form.locator('[data-block-id="handover.process"] textarea').focus();
      await form.locator('button[type=submit]').click();
      const refused = form.locator('[data-block-id="handover.case_owner.0"] .sd-field-error');
      await refused.waitFor();
      expect(await refused.innerText()).toBe('Pick who owns this case.');
      await expect
        .poll(() =>
          refused.evaluate((el) => {
            const shown = el.getBoundingClientRect();
            const body = (el.closest('.sd-modal-body') ?? el.ownerDocument.documentElement).getBoundingClientRect();
            return shown.top >= body.top && shown.bottom <= body.bottom;
          }),
        )
        .toBe(true);
      await form.locator('[data-modal-close]').first().click();
      await form.waitFor({ state: 'detached' });
    },
    walkMs,
  );

  it(
    'shows Slack’s refusal where the form would have opened',
    async () => {
      const { page, sandbox } = open;
      await actAs(page, sandbox, 'U0PH0NE02');
      await setLanguage(page, 'en');
      await openConversation(page, 'shiftdesk');
      sandbox.fake.failNext('views.open', 'invalid_arguments');
      await type(page, '/leave');
      const refusal = page.locator('#pane .sb-refusal', { hasText: 'views.open' });
      await refusal.waitFor();
      expect(await refusal.innerText()).toMatch(/Slack refused views\.open: invalid_arguments/);
      expect(await modal(page).count()).toBe(0);
      await screenshot(page, 'slack-refusal');
    },
    walkMs,
  );
});
