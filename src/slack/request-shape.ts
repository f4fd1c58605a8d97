/**
 * The Slack requests the app serves, by shape: what Bolt and the listeners read from a body must be
 * there and of the right type before either sees it. Fields nobody reads are let through as they are.
 */
import { z } from 'zod';
import { blockKitLimits } from './blockkit-limits.js';

/** A Slack id (user, team, channel, view) or timestamp: short, printable. */
const slackId = z.string().min(1).max(64);
const record = z.looseObject({});
const team = z.looseObject({ id: slackId }).nullish();
const user = z.looseObject({ id: slackId });
const enterprise = z.looseObject({ id: slackId }).nullish();

const view = z.looseObject({
  id: slackId,
  callback_id: z.string().max(blockKitLimits.callbackId),
  private_metadata: z.string().max(blockKitLimits.privateMetadata).optional(),
  hash: z.string().max(blockKitLimits.privateMetadata).optional(),
  app_installed_team_id: slackId.nullish(),
  blocks: z
    .array(z.looseObject({ block_id: z.string().max(blockKitLimits.blockId).optional() }))
    .max(blockKitLimits.viewBlocks)
    .optional(),
  state: z.looseObject({
    values: z.record(z.string().max(blockKitLimits.blockId), z.record(z.string().max(blockKitLimits.actionId), record)),
  }),
});

const command = z.looseObject({
  command: z.string().regex(/^\/[\w.-]{1,31}$/),
  user_id: slackId,
  team_id: slackId,
  text: z.string(),
  channel_id: slackId.optional(),
  trigger_id: z.string().max(255).optional(),
  response_url: z.url().max(2000).optional(),
});

const blockActions = z.looseObject({
  type: z.literal('block_actions'),
  user,
  team,
  enterprise,
  trigger_id: z.string().max(255).optional(),
  response_url: z.url().max(2000).optional(),
  actions: z
    .array(
      z.looseObject({
        action_id: z.string().max(blockKitLimits.actionId),
        block_id: z.string().max(blockKitLimits.blockId).optional(),
        value: z.string().optional(),
      }),
    )
    .min(1)
    .max(blockKitLimits.actionsElements),
  channel: z.looseObject({ id: slackId.optional() }).optional(),
  container: record.optional(),
  message: z.looseObject({ ts: slackId.optional(), text: z.string().optional(), blocks: z.array(record).optional() }).optional(),
  view: view.optional(),
});

const viewAction = z.looseObject({
  type: z.enum(['view_submission', 'view_closed']),
  user,
  team,
  enterprise,
  trigger_id: z.string().max(255).optional(),
  view,
});

const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  team_id: slackId,
  enterprise_id: slackId.nullish(),
  authorizations: z.array(z.looseObject({ team_id: slackId.nullish(), enterprise_id: slackId.nullish() })).optional(),
  event: z.looseObject({
    type: z.string().min(1).max(64),
    user: slackId.optional(),
    channel: z.union([slackId, z.looseObject({ id: slackId })]).optional(),
    channel_id: slackId.optional(),
    item: record.optional(),
    tab: z.string().max(64).optional(),
  }),
});

const shapes = { command, block_actions: blockActions, view_action: viewAction, event_callback: eventCallback } as const;

/** The kind Bolt will take a body for, asked in Bolt's own order. */
function kindOf(body: Record<string, unknown>): keyof typeof shapes | undefined {
  if (body.event !== undefined) return 'event_callback';
  if (body.command !== undefined) return 'command';
  if (body.name !== undefined || body.type === 'block_suggestion') return undefined;
  if (body.actions !== undefined) return 'block_actions';
  if (body.type === 'view_submission' || body.type === 'view_closed') return 'view_action';
  return undefined;
}

export type RequestShape = { readonly ok: true } | { readonly ok: false; readonly problem: string };

/** Whether a parsed body is one of the requests the app serves, in a shape Bolt and the listeners can read. */
export function usableRequest(body: Record<string, unknown>): RequestShape {
  const kind = kindOf(body);
  if (kind === undefined)
    return { ok: false, problem: `not a request the app serves (type ${JSON.stringify(String(body.type ?? '')).slice(0, 40)})` };
  const parsed = shapes[kind].safeParse(body);
  if (parsed.success) return { ok: true };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${kind}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.slice(0, 300) };
}
