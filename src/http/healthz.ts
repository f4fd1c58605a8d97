import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

export type HealthCheck = () => Promise<boolean>;

/** GET /healthz: 200 only when the database answers, 503 otherwise. */
export function healthRoute(check: HealthCheck): CustomRoute {
  return { path: '/healthz', method: ['GET'], handler: (req, res) => void answer(check, req, res) };
}

/** In Socket Mode nothing listens on HTTP, so /healthz gets a small server of its own. */
export function startHealthServer(check: HealthCheck, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/healthz') return void answer(check, req, res);
    res.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}

async function answer(check: HealthCheck, _req: IncomingMessage, res: ServerResponse): Promise<void> {
  const healthy = await check().catch(() => false);
  res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: healthy, database: healthy ? 'up' : 'down' }));
}
