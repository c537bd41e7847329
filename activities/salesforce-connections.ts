import type { Logger } from 'pino';
import { FailureType } from '../common/failure-types.js';
import { SyncFailure } from '../common/sync-failure.js';
import { attachApiCallMeter } from './api-call-meter.js';
import { createSalesforceClient, type ConnectionConfig, type SalesforceClient, type TokenCache } from '../salesforce/index.js';

export interface SalesforceConnectionsOptions {
  logger?: Logger;
  tokenCache?: TokenCache;
  /** Called once per client as it is created: where the API call ledger and the metrics subscribe. */
  onClient?: (connection: string, client: SalesforceClient) => void;
}

/**
 * One Salesforce client per configured connection, created on first use and shared by every activity
 * in the worker process (one connection pool, one token cache). Workflows only ever name a connection;
 * its credentials are resolved here, from the worker's environment or secret files.
 */
export class SalesforceConnections {
  readonly #configs: ReadonlyMap<string, ConnectionConfig>;
  readonly #clients = new Map<string, SalesforceClient>();
  readonly #options: SalesforceConnectionsOptions;

  constructor(configs: Iterable<ConnectionConfig>, options: SalesforceConnectionsOptions = {}) {
    this.#configs = new Map([...configs].map((config) => [config.name, config]));
    this.#options = options;
  }

  get names(): string[] {
    return [...this.#configs.keys()];
  }

  get(name: string): SalesforceClient {
    const existing = this.#clients.get(name);
    if (existing) return existing;
    const config = this.#configs.get(name);
    if (!config) {
      throw new SyncFailure(
        FailureType.UnknownConnection,
        `No connection named '${name}' is configured on this worker (known: ${this.names.join(', ') || 'none'})`,
      );
    }
    const { onClient, ...clientOptions } = this.#options;
    const client = createSalesforceClient(config, clientOptions);
    attachApiCallMeter(client.usage);
    onClient?.(name, client);
    this.#clients.set(name, client);
    return client;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#clients.values()].map((client) => client.close()));
    this.#clients.clear();
  }
}
