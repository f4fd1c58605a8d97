import { AppError } from '../errors.js';
import { createHmac, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { blockKitProblems, viewProblems } from '../slack/blockkit-limits.js';
import type { FakeSlack } from './index.js';

/** How a request is signed; by default correctly, with the current time. */
export interface SignOptions {
  readonly signingSecret?: string;
  /** Unix seconds to sign with (real time: Bolt compares it with its own clock). */
  readonly timestamp?: number;
  readonly unsigned?: boolean;
  /** Sent as X-Slack-Retry-Num / X-Slack-Retry-Reason, as Slack does on redelivery. */
  readonly retryNum?: number;
}

export interface SlackReply {
  readonly status: number;
  /** The app's HTTP answer, parsed when it is JSON; '' for an empty ack. */
  readonly body: unknown;
  /** Milliseconds from sending the request until the app's answer arrived. */
  readonly ackMs: number;
}

export interface InteractionReply extends SlackReply {
  readonly triggerId: string;
  readonly responseUrl?: string;
}

export interface SlashCommand {
  readonly command: string;
  readonly text: string;
  readonly userId: string;
  readonly channelId?: string;
}

export interface BlockAction {
  readonly userId: string;
  readonly actionId: string;
  readonly value?: string;
  readonly blockId?: string;
  /** Extra fields of the action, e.g. `selected_option` or `selected_user`. */
  readonly action?: Record<string, unknown>;
  /** The message the button is in (as the stand-in stored it)… */
  readonly message?: { readonly channel: string; readonly ts: string; readonly ephemeral?: boolean };
  /** …or the view it is in, with what the user has entered so far. */
  readonly viewId?: string;
  readonly values?: ViewStateValues;
}

export type ViewStateValues = Record<string, Record<string, Record<string, unknown>>>;

export interface ViewSubmission {
  readonly userId: string;
  /** A view the app opened through the stand-in; its callback_id, private_metadata and hash are used… */
  readonly viewId?: string;
  /** …or a view given whole (a benchmark submitting without opening modals first). */
  readonly view?: { readonly id: string; readonly callback_id: string; readonly private_metadata?: string };
  readonly values: ViewStateValues;
}

/** Sends Slack's inbound requests to the app exactly as Slack does: signed, with Slack's encodings. */
export function createSlackSender({ appUrl, signingSecret, fake }: { appUrl: string; signingSecret: string; fake: FakeSlack }) {
  const { teamId, appId: apiAppId } = fake.identity;
  const userOf = (userId: string) => ({
    id: userId,
    username: fake.user(userId)?.name ?? userId,
    name: fake.user(userId)?.name ?? userId,
    team_id: teamId,
  });

  async function send(contentType: string, body: string, options: SignOptions = {}): Promise<SlackReply> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', options.signingSecret ?? signingSecret)
      .update(`v0:${timestamp}:${body}`)
      .digest('hex')}`;
    const headers: Record<string, string> = { 'content-type': contentType };
    if (!options.unsigned) Object.assign(headers, { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature });
    if (options.retryNum !== undefined)
      Object.assign(headers, { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' });
    const started = performance.now();
    const response = await fetch(appUrl, { method: 'POST', headers, body });
    const text = await response.text();
    const ackMs = performance.now() - started;
    let parsed: unknown = text;
    try {
      parsed = text === '' ? '' : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    assertSlackAccepts(parsed);
    return { status: response.status, body: parsed, ackMs };
  }

  const sendForm = (fields: Record<string, string>, options?: SignOptions) =>
    send('application/x-www-form-urlencoded', new URLSearchParams(fields).toString(), options);
  const sendPayload = (payload: object, options?: SignOptions) => sendForm({ payload: JSON.stringify(payload) }, options);

  return {
    /** Any body, signed as Slack signs: for requests Slack would never send. */
    signed: send,
    /** Any object as an interaction's `payload` form field, signed. */
    payload: sendPayload,

    async slashCommand({ command, text, userId, channelId = 'C0GENERAL' }: SlashCommand, options?: SignOptions): Promise<InteractionReply> {
      const triggerId = fake.issueTrigger(userId);
      const responseUrl = fake.issueResponseUrl(userId, { channel: channelId });
      const reply = await sendForm(
        {
          token: 'legacy-verification-token',
          team_id: teamId,
          team_domain: 'shiftdesk-test',
          channel_id: channelId,
          channel_name: 'general',
          user_id: userId,
          user_name: userOf(userId).username,
          command,
          text,
          api_app_id: apiAppId,
          is_enterprise_install: 'false',
          response_url: responseUrl,
          trigger_id: triggerId,
        },
        options,
      );
      return { ...reply, triggerId, responseUrl };
    },

    async blockAction(
      { userId, actionId, value, blockId = 'actions', action = {}, message, viewId, values = {} }: BlockAction,
      options?: SignOptions,
    ): Promise<InteractionReply> {
      const triggerId = fake.issueTrigger(userId);
      const stored = message && fake.messages(message.channel).find((m) => m.ts === message.ts);
      const view = viewId === undefined ? undefined : fake.view(viewId);
      const responseUrl = message ? fake.issueResponseUrl(userId, { channel: message.channel, ts: message.ts }) : undefined;
      const actionTs = (Date.now() / 1000).toFixed(6);
      const payload = {
        type: 'block_actions',
        user: userOf(userId),
        api_app_id: apiAppId,
        token: 'legacy-verification-token',
        team: { id: teamId, domain: 'shiftdesk-test' },
        trigger_id: triggerId,
        actions: [
          {
            type: 'button',
            action_id: actionId,
            block_id: blockId,
            action_ts: actionTs,
            ...(value === undefined ? {} : { value }),
            ...action,
          },
        ],
        ...(message
          ? {
              container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: message.ephemeral === true },
              channel: { id: message.channel, name: 'directmessage' },
              message: { type: 'message', ts: message.ts, text: stored?.text ?? '', blocks: stored?.blocks ?? [] },
              response_url: responseUrl,
            }
          : {}),
        // Slack sends a view's callback_id as "" when the app gave it none (a Home tab, say)
        ...(view
          ? {
              container: { type: 'view', view_id: view.id },
              view: { callback_id: '', ...view.view, id: view.id, hash: view.hash, team_id: teamId, state: { values } },
            }
          : {}),
      };
      const reply = await sendPayload(payload, options);
      return { ...reply, triggerId, ...(responseUrl ? { responseUrl } : {}) };
    },

    async viewSubmission({ userId, viewId, view: given, values }: ViewSubmission, options?: SignOptions): Promise<InteractionReply> {
      const view = given ? { id: given.id, hash: `${given.id}.hash`, view: { type: 'modal', ...given } } : fake.view(viewId ?? '');
      if (!view) throw new AppError('standin.refused', `the app never opened view ${viewId}`);
      const triggerId = fake.issueTrigger(userId);
      const payload = {
        type: 'view_submission',
        team: { id: teamId, domain: 'shiftdesk-test' },
        user: userOf(userId),
        api_app_id: apiAppId,
        token: 'legacy-verification-token',
        trigger_id: triggerId,
        view: { ...view.view, id: view.id, hash: view.hash, team_id: teamId, app_id: apiAppId, state: { values } },
        response_urls: [],
        is_enterprise_install: false,
      };
      return { ...(await sendPayload(payload, options)), triggerId };
    },

    /** The person closed a modal the app asked to hear about (notify_on_close). */
    async viewClosed({ userId, viewId }: { userId: string; viewId: string }, options?: SignOptions): Promise<SlackReply> {
      const view = fake.view(viewId);
      if (!view) throw new AppError('standin.refused', `the app never opened view ${viewId}`);
      const payload = {
        type: 'view_closed',
        team: { id: teamId, domain: 'shiftdesk-test' },
        user: userOf(userId),
        api_app_id: apiAppId,
        token: 'legacy-verification-token',
        view: { ...view.view, id: view.id, hash: view.hash, team_id: teamId, app_id: apiAppId, state: { values: {} } },
        is_cleared: false,
        is_enterprise_install: false,
      };
      return sendPayload(payload, options);
    },

    /** An Events API delivery; the same `eventId` with `retryNum` is what Slack's redelivery looks like. */
    async event(
      event: Record<string, unknown>,
      options: SignOptions & { eventId?: string } = {},
    ): Promise<SlackReply & { eventId: string }> {
      const eventId = options.eventId ?? `Ev${randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase()}`;
      const body = {
        token: 'legacy-verification-token',
        team_id: teamId,
        api_app_id: apiAppId,
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        event: { event_ts: (Date.now() / 1000).toFixed(6), ...event },
        authorizations: [{ team_id: teamId, user_id: fake.identity.botUserId, is_bot: true }],
      };
      return { ...(await send('application/json', JSON.stringify(body), options)), eventId };
    },
  };
}

export type SlackSender = ReturnType<typeof createSlackSender>;

/** Slack drops an ack body it cannot show; a test must fail where the user would see nothing. */
function assertSlackAccepts(body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  const reply = body as { blocks?: unknown; view?: unknown; response_action?: unknown };
  const problems = [...blockKitProblems('message', reply.blocks), ...(reply.view === undefined ? [] : viewProblems(reply.view))];
  if (problems.length > 0) {
    const lines = problems.map((p) => `${p.path} ${p.message}`);
    throw new AppError('standin.refused', `Slack would refuse this answer: ${lines.join('; ')}`, {}, { problems: lines });
  }
}
