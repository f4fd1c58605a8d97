import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { beforeEach, describe, it } from 'vitest';
import { pino } from 'pino';
import { DateTime } from 'luxon';
import { readPolicyFile } from '../../src/read-policy-file.js';
import { Sandbox } from '../../src/sandbox/sandbox.js';

export const chromiumPath = '/usr/bin/chromium';
export const haveChromium = existsSync(chromiumPath);
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/** A browser walk: skipped with how to get Chromium when it is missing and CI is not set; in CI a missing Chromium fails. */
export function describeInChromium(title: string, walk: () => void): void {
  if (!haveChromium && !inCi) {
    describe(title, () => {
      it.skip('needs Debian’s chromium at /usr/bin/chromium (apt-get install chromium); skipped because it is missing and CI is not set', () =>
        undefined);
    });
  } else {
    describe(title, () => {
      beforeEach((context) => {
        context.onTestFailed(async () => {
          for (const open of opened) await open.report(context.task.name);
        });
      });
      walk();
    });
  }
}
const root = path.resolve(import.meta.dirname, '../..');
/** Screenshots of every test land in test-results/; `UPDATE_SCREENSHOTS=1` writes the README's in docs/screenshots. */
export const screenshotDir = path.join(root, process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots');
const readmeShots = new Set(['leave-field-error', 'leave-lead-approved', 'swap-form', 'report-reminder', 'home-lead-inbox', 'home-agent']);

/** Waits for what a person sees: generous, because a busy 2-core machine runs Chromium, the app and the database at once. */
export const seeMs = 30_000;

export interface SandboxBrowser {
  readonly sandbox: Sandbox;
  readonly page: Page;
  stop(): Promise<void>;
  /** Prints what the page showed, what Slack refused and the app's last log lines, with a screenshot: a failed walk's evidence. */
  report(testName: string): Promise<void>;
}
const opened = new Set<SandboxBrowser>();
const logLinesKept = 60;

/** The sandbox on a free port with a fresh database, and one Chromium page on it (in the browser's time zone `timezoneId`, if given). */
export async function openSandbox(options: { timezoneId?: string } = {}): Promise<SandboxBrowser> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'shiftdesk-sandbox-'));
  const profile = mkdtempSync(path.join(tmpdir(), 'shiftdesk-chromium-'));
  const logLines: string[] = [];
  const keepLine = {
    write(line: string) {
      logLines.push(line.trimEnd());
      if (logLines.length > logLinesKept) logLines.shift();
    },
  };
  const sandbox = await Sandbox.start({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    policy: readPolicyFile(path.join(root, 'policy.yml')),
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'info' }, keepLine),
  });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
      viewport: { width: 1280, height: 860 },
      ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    });
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(seeMs);
  page.on('dialog', (dialog) => void dialog.accept());
  const open: SandboxBrowser = {
    sandbox,
    page,
    async report(testName) {
      const shown = async (selector: string) =>
        (
          await page
            .locator(selector)
            .allInnerTexts()
            .catch((error: unknown) => [String(error)])
        ).join('\n---\n');
      await screenshot(page, `failed-${testName.replace(/[^\w]+/g, '-').slice(0, 80)}`).catch(() => undefined);
      const lines = [
        `── the sandbox when "${testName}" failed ──`,
        `as: ${await shown('#who')} · open: ${await shown('[data-conversation][aria-current=true]')}`,
        `form: ${await shown('#modal-layer form.sd-modal')}`,
        `pane (end): ${(await shown('#pane')).slice(-2000)}`,
        `Slack refused: ${JSON.stringify(sandbox.workspace.refusals())}`,
        'app log (last lines):',
        ...logLines,
      ];
      console.error(lines.join('\n'));
    },
    async stop() {
      opened.delete(open);
      await context.close();
      await sandbox.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    },
  };
  opened.add(open);
  return open;
}

/** Opens the page as `userId`, or switches to them with the "Act as" menu when the page is open. */
export async function actAs(page: Page, sandbox: Sandbox, userId: string): Promise<void> {
  if (!page.url().startsWith(sandbox.url)) {
    await page.goto(`${sandbox.url}/?as=${userId}`);
  } else {
    await page.locator('#act-as').selectOption(userId);
  }
  await page.locator('#who', { hasText: userId }).waitFor();
  await page.locator('body[data-ready=true]').waitFor();
}

export async function setLanguage(page: Page, locale: 'zh-CN' | 'en'): Promise<void> {
  await page.locator('#language').selectOption(locale);
  await page.locator(`html[lang="${locale}"]`).waitFor();
}

/** Opens a conversation in the sidebar: 'home', the DM ('shiftdesk') or a channel by name. */
export async function openConversation(page: Page, name: string): Promise<void> {
  const button =
    name === 'home'
      ? page.locator('[data-conversation=home]')
      : page.locator('[data-conversation]', { hasText: new RegExp(`^(●|#) ${name}$`) });
  await button.click();
  await page.locator('[data-conversation][aria-current=true]', { hasText: name === 'home' ? '⌂' : name }).waitFor();
}

export async function type(page: Page, text: string): Promise<void> {
  await page.locator('#composer-text').fill(text);
  await page.locator('#composer-text').press('Enter');
}

export const modal = (page: Page): Locator => page.locator('#modal-layer form.sd-modal');

/** The newest message in the open conversation that shows `text`. */
export function message(page: Page, text: string | RegExp): Locator {
  return page.locator('#pane .sb-msg', { hasText: text }).last();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS && !readmeShots.has(name)) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

/** A date in the team's zone, `days` after today, that falls on one of `weekdays` (1 = Monday). */
export function nextDay(now: Date, zone: string, minDaysAhead: number, weekdays: readonly number[]): string {
  let day = DateTime.fromJSDate(now, { zone }).startOf('day').plus({ days: minDaysAhead });
  while (!weekdays.includes(day.weekday)) day = day.plus({ days: 1 });
  return day.toISODate() as string;
}

/** Days from the demo roster's first day (2026-12-01), on which its rotations are counted. */
export function rosterDay(date: string): number {
  return Math.round(DateTime.fromISO(date, { zone: 'UTC' }).diff(DateTime.fromISO('2026-12-01', { zone: 'UTC' }), 'days').days);
}
