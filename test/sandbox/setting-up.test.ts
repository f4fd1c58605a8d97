import { describe, expect, it } from 'vitest';
import { sandboxUrl, serveSettingUp } from '../../src/sandbox/setting-up.js';

describe('the address while the first start sets the sandbox up', () => {
  it('answers at once with a page saying so in both languages, which checks again until the sandbox answers, and 503 for the rest; then frees the port', async () => {
    const settingUp = await serveSettingUp(0, '127.0.0.1');
    const url = sandboxUrl('127.0.0.1', settingUp.port);
    try {
      const page = await fetch(`${url}/?as=U0PH0NE01`);
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).toContain('Setting up the demo department…');
      expect(html).toContain('正在准备演示部门…');
      expect(html).toContain("fetch('/sandbox/api/state'");
      expect((await fetch(`${url}/sandbox/api/state`)).status).toBe(503);
      expect((await fetch(`${url}/healthz`)).status).toBe(503);
    } finally {
      await settingUp.close();
    }
    await expect(fetch(`${url}/`)).rejects.toThrow();
  });
});
