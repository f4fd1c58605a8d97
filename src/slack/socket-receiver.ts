import { type Logger, SocketModeReceiver, type webApi } from '@slack/bolt';

/**
 * Bolt's Socket Mode receiver, handing each request's envelope id on with it (as `envelopeId`), so
 * the request's log lines can name the delivery.
 */
export function socketModeReceiver(appToken: string, logger: Logger, clientOptions: webApi.WebClientOptions): SocketModeReceiver {
  return new SocketModeReceiver({
    appToken,
    logger,
    // the Socket Mode client's own Web API calls (apps.connections.open) go where the app's do; a copy,
    // since the client sets its own retries on the options it is given
    installerOptions: { clientOptions: { ...clientOptions } },
    customPropertiesExtractor: (args: { envelope_id?: unknown }) =>
      typeof args.envelope_id === 'string' ? { envelopeId: args.envelope_id } : {},
  });
}
