import type { IncomingMessage } from 'node:http';

/** Arguments Slack sends as JSON-in-a-form-field; the Web API client serialises them that way. */
const jsonFields = new Set(['blocks', 'attachments', 'view', 'metadata', 'files']);

export async function readBody(request: IncomingMessage): Promise<string> {
  return (await readRawBody(request)).toString('utf8');
}

export async function readRawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Web API arguments from a form or JSON body plus the query string, as Slack reads them. */
export function parseArguments(contentType: string | undefined, body: string, query: URLSearchParams): Record<string, unknown> {
  const args: Record<string, unknown> = Object.fromEntries(query);
  if (contentType?.startsWith('application/json')) {
    if (body.trim() !== '') Object.assign(args, JSON.parse(body) as Record<string, unknown>);
    return args;
  }
  for (const [name, value] of new URLSearchParams(body)) {
    args[name] = jsonFields.has(name) ? parseJsonField(value) : value;
  }
  return args;
}

function parseJsonField(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Slack's boolean arguments arrive as "true"/"1" in forms and as booleans in JSON. */
export function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}
