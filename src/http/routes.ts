import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

/** The route for `method` and `path`, with its `:name` segments read from the path; undefined when none matches. */
function matchRoute(
  routes: readonly CustomRoute[],
  method: string,
  path: string,
): { route: CustomRoute; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (![route.method].flat().some((m) => m.toUpperCase() === method.toUpperCase())) continue;
    const params = routeParams(route.path, path);
    if (params) return { route, params };
  }
  return undefined;
}

/** Hands the request to the matching route with its params, the way Bolt's receivers call custom routes; false when none matches. */
export function serveRoute(routes: readonly CustomRoute[], req: IncomingMessage, res: ServerResponse, path: string): boolean {
  const matched = matchRoute(routes, req.method ?? '', path);
  if (!matched) return false;
  matched.route.handler(Object.assign(req, { params: matched.params }), res);
  return true;
}

/** The `:name` segments of `pattern` read from `path`, or undefined when the path is not the pattern's. */
function routeParams(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i] ?? '';
    if (part.startsWith(':') && value !== '') {
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    } else if (part !== value) return undefined;
  }
  return params;
}

/** The path of a request's URL, without its query; empty when the URL cannot be read. */
export function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return '';
  }
}
