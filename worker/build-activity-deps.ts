import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { API_CALLER, SalesforceConnections, type ActivityDeps } from '../activities/index.js';
import { createBudgetAlerts, recordApiCallsToLedger } from '../activities/budget/index.js';
import { configuredObjects, connectionBudget, type ResolvedConfig } from '../config/load-config.js';
import { bookkeepingByConnection, openConnectionStores } from '../store/index.js';
import { databaseStartupError } from './database-startup-error.js';
import { createWorkerMetrics, type WorkerMetrics } from './metrics/index.js';

/**
 * What the activities need, built once per worker process from the resolved configuration: one Salesforce
 * client per configured connection (credentials from env vars or secret files named in config), the
 * destination (PostgreSQL when a database URL is set, else the embedded PGlite) with one store per connection in
 * its own schema, the shared API call ledger and budget alerts, and the worker's metrics.
 */
export async function buildActivityDeps(
  config: ResolvedConfig,
  logger: Logger,
  options: { temporal?: Client } = {},
): Promise<{ deps: ActivityDeps; metrics: WorkerMetrics; close: () => Promise<void> }> {
  const stores = await openConnectionStores({
    databaseUrl: config.destination.databaseUrl,
    dataDir: config.destination.pgliteDir,
    schemas: config.destination.schemas,
    legacySchema: config.destination.schema,
    logger,
  }).catch((error: unknown) => {
    throw databaseStartupError(error, config.destination);
  });
  try {
    // Every connection's schema is ready (or migrated) before the worker polls: a database that cannot be
    // reached fails the start, not the first sync.
    for (const connection of stores.connections) await stores.get(connection);
  } catch (error) {
    await stores.close().catch(() => undefined);
    throw databaseStartupError(error, config.destination);
  }
  const bookkeeping = bookkeepingByConnection(stores);
  const metrics = createWorkerMetrics({ store: bookkeeping, logger });
  const ledger = recordApiCallsToLedger({ store: bookkeeping, caller: API_CALLER, logger });
  const alerts = createBudgetAlerts({ logger, webhookUrl: config.alerts.webhookUrl, counter: metrics });
  const salesforce = new SalesforceConnections(config.connections.values(), {
    logger,
    onClient: (connection, client) => {
      ledger.attach(connection, client.usage);
      metrics.attach(connection, client.usage);
    },
  });
  return {
    deps: {
      salesforce,
      stores,
      configuredObjects: (connection) => configuredObjects(config, connection),
      budgetFor: (connection) => connectionBudget(config, connection),
      ledger,
      alerts,
      metrics,
      ...(options.temporal ? { temporal: options.temporal } : {}),
    },
    metrics,
    close: async () => {
      await salesforce.close();
      // The ledger's last counts are written before the store goes away; a database that is down loses them, not the shutdown.
      await ledger.close().catch((error: unknown) =>
        logger.warn({ err: error, pending: ledger.pending() }, 'API call ledger: the last counts could not be written'));
      await stores.close();
    },
  };
}
