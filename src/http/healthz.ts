import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

export type HealthCheck = () => Promise<boolean>;

/** GET /healthz: 200 only when the database answers, 503 otherwise. */
export function healthRoute(check: HealthCheck): CustomRoute {
  return { path: '/healthz', method: ['GET'], handler: (req, res) => void answer(check, req, res) };
}

async function answer(check: HealthCheck, _req: IncomingMessage, res: ServerResponse): Promise<void> {
  const healthy = await check().catch(() => false);
  res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: healthy, database: healthy ? 'up' : 'down' }));
}
