import { Client, Connection } from '@temporalio/client';
import type { ResolvedConfig } from '../config/load-config.js';

/** A Temporal client on the configured address and namespace. */
export async function connectClient(config: ResolvedConfig): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: config.temporal.address });
  return { client: new Client({ connection, namespace: config.temporal.namespace }), close: () => connection.close() };
}
