import type { Logger } from 'pino';
import { SalesforceConnections, type ActivityDeps } from '../activities/index.js';
import { configuredObjects, type ResolvedConfig } from '../config/load-config.js';
import { openStore } from '../store/index.js';

/**
 * What the activities need, built once per worker process from the resolved configuration: one Salesforce
 * client per configured connection (credentials from env vars or secret files named in config) and the
 * destination store (PostgreSQL when a database URL is set, else the embedded PGlite).
 */
export async function buildActivityDeps(config: ResolvedConfig, logger: Logger): Promise<{ deps: ActivityDeps; close: () => Promise<void> }> {
  const salesforce = new SalesforceConnections(config.connections.values(), { logger });
  const store = await openStore({
    databaseUrl: config.destination.databaseUrl,
    dataDir: config.destination.pgliteDir,
    schema: config.destination.schema,
    logger,
  });
  return {
    deps: { salesforce, store, configuredObjects: (connection) => configuredObjects(config, connection) },
    close: async () => {
      await salesforce.close();
      await store.close();
    },
  };
}
