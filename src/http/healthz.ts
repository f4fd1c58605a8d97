import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

export type HealthCheck = () => Promise<boolean>;
/** Socket Mode only: whether the connection to Slack is up. */
export type SlackLinkCheck = () => 'connecting' | 'connected';

/** GET /healthz: 200 only when the database answers (and, in Socket Mode, Slack is connected), 503 otherwise. */
export function healthRoute(check: HealthCheck, slackLink?: SlackLinkCheck): CustomRoute {
  return { path: '/healthz', method: ['GET'], handler: (req, res) => void answer(check, slackLink, req, res) };
}

async function answer(
  check: HealthCheck,
  slackLink: SlackLinkCheck | undefined,
  _req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const healthy = await check().catch(() => false);
  const slack = slackLink?.();
  const ok = healthy && (slack === undefined || slack === 'connected');
  res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok, database: healthy ? 'up' : 'down', ...(slack === undefined ? {} : { slack }) }));
}
