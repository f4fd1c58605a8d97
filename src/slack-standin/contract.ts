import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What Slack's own OpenAPI description says about one Web API method. */
export interface MethodContract {
  readonly args: ReadonlySet<string>;
  readonly required: readonly string[];
  /** Error codes the spec documents for the method; undefined when it documents none. */
  readonly errors: ReadonlySet<string> | undefined;
}

interface OpenApiParameter {
  name: string;
  required?: boolean;
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  responses?: { default?: { schema?: { properties?: { error?: { enum?: string[] } } } } };
}

const specFile = fileURLToPath(new URL('../../src/slack-standin/slack_web_openapi_v2_without_examples.json', import.meta.url));

/** Arguments newer than the 2021 spec that Slack accepts today. */
const newerArgs: Record<string, string[]> = {
  'chat.postMessage': ['metadata', 'unfurl_links', 'unfurl_media'],
  'chat.update': ['metadata', 'file_ids', 'reply_broadcast'],
  'chat.postEphemeral': [],
};

/** Methods newer than the 2021 spec, as Slack's reference pages describe them (docs.slack.dev/reference/methods/…). */
const newerMethods: Record<string, MethodContract> = {
  'files.getUploadURLExternal': {
    args: new Set(['filename', 'length', 'alt_txt', 'alt_text', 'snippet_type']),
    required: ['filename', 'length'],
    errors: new Set([
      'missing_argument',
      'invalid_arguments',
      'file_uploads_disabled',
      'file_uploads_except_images_disabled',
      'file_upload_size_restricted',
      'alt_txt_too_large',
      'snippet_too_large',
      'missing_scope',
    ]),
  },
  'files.completeUploadExternal': {
    args: new Set(['files', 'channel_id', 'channels', 'thread_ts', 'initial_comment', 'blocks']),
    required: ['files'],
    errors: new Set([
      'invalid_arguments',
      'file_not_found',
      'channel_not_found',
      'invalid_channel',
      'not_in_channel',
      'posting_to_channel_denied',
      'restricted_action',
      'missing_scope',
    ]),
  },
};

/** The bot scopes the newer methods need (their reference pages' "Scopes"); the stand-in's methods check them. */
export const newerMethodScopes: Record<string, readonly string[]> = {
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
};

/** Errors Slack returns that the 2021 spec does not list (slack-platform.md §1.8). */
export const undocumentedErrors = new Set([
  'invalid_arguments',
  'invalid_blocks',
  'msg_blocks_too_long',
  'expired_trigger_id',
  'exchanged_trigger_id',
  'invalid_trigger_id',
  'hash_conflict',
  'push_limit_reached',
  'view_too_large',
  'not_found',
  'missing_scope',
  'user_not_found',
  'ratelimited',
  'fatal_error',
]);

/** Accepted by every method: the token, and the workspace Bolt names for org-wide installs. */
const universalArgs = new Set(['token', 'team_id']);

let cached: Map<string, MethodContract> | undefined;

/** Method name → contract, read once from the spec Slack publishes (basePath /api, one path per method). */
export function methodContracts(): Map<string, MethodContract> {
  if (cached) return cached;
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as { paths: Record<string, Record<string, OpenApiOperation>> };
  cached = new Map();
  for (const [route, operations] of Object.entries(spec.paths)) {
    const method = route.replace(/^\//, '');
    const operation = Object.values(operations)[0];
    const parameters = (operation?.parameters ?? []).filter((p) => p.name !== 'token');
    const errors = operation?.responses?.default?.schema?.properties?.error?.enum;
    cached.set(method, {
      args: new Set([...parameters.map((p) => p.name), ...(newerArgs[method] ?? [])]),
      required: parameters.filter((p) => p.required === true).map((p) => p.name),
      errors: errors === undefined ? undefined : new Set(errors),
    });
  }
  for (const [method, contract] of Object.entries(newerMethods)) cached.set(method, contract);
  return cached;
}

/** Why Slack would refuse these arguments before looking at them, or undefined. */
export function argumentProblem(contract: MethodContract, args: Record<string, unknown>): string | undefined {
  const missing = contract.required.filter((name) => args[name] === undefined || args[name] === '');
  if (missing.length > 0) return `missing required argument(s): ${missing.join(', ')}`;
  const unknown = Object.keys(args).filter((name) => !universalArgs.has(name) && !contract.args.has(name));
  if (unknown.length > 0) return `unknown argument(s): ${unknown.join(', ')}`;
  return undefined;
}

/** True when Slack could answer `method` with `error` (the spec's list, or Slack's known newer codes). */
export function isDocumentedError(method: string, error: string): boolean {
  const errors = methodContracts().get(method)?.errors;
  return undocumentedErrors.has(error) || errors === undefined || errors.has(error) || ['not_authed', 'invalid_auth'].includes(error);
}
