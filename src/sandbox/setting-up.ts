/**
 * What the sandbox's address answers while its first start lays down the embedded database and seeds
 * the demo department: a page that says so and reloads itself once the sandbox answers, and 503 for
 * anything else. It gives the
 * port back just before the app takes it.
 */
import { createServer, type Server } from 'node:http';
import { t } from '../i18n/t.js';

export interface SettingUp {
  /** The port listened on (the one asked for, or the one given for 0). */
  readonly port: number;
  /** Stops answering and frees the port. */
  close(): Promise<void>;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

function settingUpHtml(): string {
  const line = (locale: 'zh-CN' | 'en') =>
    `<p lang="${locale}"><strong>${escapeHtml(t(locale, 'sandbox.page.setting_up'))}</strong><br>${escapeHtml(t(locale, 'sandbox.page.setting_up_detail'))}</p>`;
  return `<!doctype html>
<html><head><meta charset="utf-8"><noscript><meta http-equiv="refresh" content="2"></noscript><title>shiftdesk sandbox</title>
<style>body{font:15px/1.5 -apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC",sans-serif;margin:15vh auto;max-width:560px;color:#1d1c1d}</style>
</head><body>${line('zh-CN')}${line('en')}
<script>
// Asks every second whether the sandbox has taken over; a refused connection while it does is just asked again.
const ask = () => fetch('/sandbox/api/state', { cache: 'no-store' }).then((r) => (r.ok ? location.reload() : setTimeout(ask, 1000)), () => setTimeout(ask, 1000));
setTimeout(ask, 1000);
</script></body></html>
`;
}

export function sandboxUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function serveSettingUp(port: number, host: string): Promise<SettingUp> {
  const server: Server = createServer((req, res) => {
    const page = req.method === 'GET' && (req.url === '/' || req.url?.startsWith('/?'));
    res.writeHead(page ? 200 : 503, {
      'content-type': page ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'retry-after': '1',
      connection: 'close',
    });
    res.end(page ? settingUpHtml() : 'the sandbox is still setting up the demo department\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
