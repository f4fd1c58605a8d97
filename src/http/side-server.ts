import { createServer, type Server } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { pathOf, serveRoute } from './routes.js';

/** In Socket Mode Slack does not come over HTTP, so /healthz and the leave calendars get a small server of their own. */
export function startSideServer(routes: readonly CustomRoute[], port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if (!serveRoute(routes, req, res, pathOf(req.url))) res.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}
