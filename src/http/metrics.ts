import type { CustomRoute } from '@slack/bolt';
import type { Metrics } from '../metrics.js';

/** GET /metrics: the app's Prometheus metrics, in the text format. */
export function metricsRoute(metrics: Metrics): CustomRoute {
  return {
    path: '/metrics',
    method: ['GET'],
    handler: (_req, res) =>
      void metrics.text().then(
        (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text),
        () => res.writeHead(500).end(),
      ),
  };
}
