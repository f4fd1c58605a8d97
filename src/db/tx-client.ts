/**
 * The driver's own client under a drizzle transaction, for what drizzle does not offer (COPY) and
 * for what only the embedded database allows (its transactions run one at a time, so nothing else
 * sees a table while the transaction reshapes it).
 */
import type { Tx } from './client.js';

export interface PgliteTransactionClient {
  query(text: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
}

export interface PostgresTransactionClient {
  unsafe(text: string): { writable(): Promise<NodeJS.WritableStream> };
}

export type TxClient = { kind: 'pglite'; client: PgliteTransactionClient } | { kind: 'postgres'; client: PostgresTransactionClient };

export function txClient(tx: Tx): TxClient {
  const client = (tx as unknown as { session: { client: PgliteTransactionClient | PostgresTransactionClient } }).session.client;
  return 'unsafe' in client ? { kind: 'postgres', client } : { kind: 'pglite', client };
}
