import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { AppLogger } from '../logger.js';
import { teamCalendar } from '../use-cases/calendar.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import { calendarIcs } from './calendar-ics.js';

/**
 * GET /calendar/<team>.ics?token=…: the team's leave calendar. A missing or wrong token, an unknown
 * team and a path that is not a calendar all answer the same bare 404 as any unknown address.
 */
export function calendarRoute(deps: Pick<UseCaseDeps, 'db' | 'policy' | 'clock'>, logger: AppLogger): CustomRoute {
  const log = logger.child({ component: 'calendar' });
  return {
    path: '/calendar/:file',
    method: ['GET', 'HEAD'],
    handler: (req, res) =>
      void answer(deps, req as IncomingMessage & { params?: Record<string, string> }, res).catch((error: unknown) => {
        log.error({ err: error }, 'a leave calendar could not be served');
        if (!res.headersSent) res.writeHead(500).end();
      }),
  };
}

async function answer(
  deps: Pick<UseCaseDeps, 'db' | 'policy' | 'clock'>,
  req: IncomingMessage & { params?: Record<string, string> },
  res: ServerResponse,
): Promise<void> {
  const file = req.params?.file ?? '';
  const teamId = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : undefined;
  const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
  const feed = teamId === undefined ? undefined : await teamCalendar(deps, teamId, token);
  if (!feed) return void res.writeHead(404).end();
  res.writeHead(200, {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': `inline; filename="${feed.team.id}.ics"`,
    // names of people: nothing on the way keeps a copy, and the secret link is not passed on
    'cache-control': 'private, no-store',
    'referrer-policy': 'no-referrer',
    'x-robots-tag': 'noindex',
  });
  res.end(calendarIcs(feed));
}
