import type { ObjectSyncSettings } from '../common/sync-org-input.js';
import { budgetSchema, type Budget } from '../config/sync-config.js';
import type { WorkerMetrics } from '../worker/metrics/index.js';
import type { Client } from '@temporalio/client';
import { createCheckBudget, createSnapshotLimits, type ApiCallLedger, type BudgetAlerts } from './budget/index.js';
import { createListPausedSyncs } from './budget/list-paused-syncs.js';
import { bookkeepingByConnection, type ConnectionStores } from '../store/index.js';
import { describeWorker } from './describe-worker.js';
import type { SalesforceConnections } from './salesforce-connections.js';
import { createListSyncObjects } from './sync/list-sync-objects.js';
import { createPlanSync } from './sync/plan-sync.js';
import { createAbandonBulkJob } from './sync/bulk/abandon-bulk-job.js';
import { createLoadBulkResults } from './sync/bulk/load-bulk-results.js';
import { createPollBulkJob } from './sync/bulk/poll-bulk-job.js';
import { createStartBulkQuery } from './sync/bulk/start-bulk-query.js';
import { createReleaseCursor } from './sync/release-cursor.js';
import { createSyncPages } from './sync/sync-pages.js';
import { mapFailures } from './to-application-failure.js';

export interface ActivityDeps {
  salesforce: SalesforceConnections;
  /** The destination: one store per connection, each in its own schema. */
  stores: ConnectionStores;
  /** Objects configured per connection (the config file); unset = every replicateable object. */
  configuredObjects?: (connection: string) => ObjectSyncSettings[] | undefined;
  /** Injected so tests can move time; defaults to the system clock. */
  now?: () => number;
  /** A connection's API budget; defaults to warn at 70 % and throttle at 75 % of the daily cap. */
  budgetFor?: (connection: string) => Budget;
  /** sfsync's own calls, shared through the destination by every worker process (per-caller share). */
  ledger?: ApiCallLedger;
  alerts?: BudgetAlerts;
  metrics?: WorkerMetrics;
  /** Lets the limits monitor find syncs paused for the budget (visibility queries). */
  temporal?: Client;
}

/** The name sfsync's own calls are recorded under in the shared API call ledger. */
export const API_CALLER = 'sfsync';
const defaultBudget = budgetSchema.parse({});

/** Every activity, built from dependencies the worker creates once. */
export function createActivities(deps: ActivityDeps) {
  const now = deps.now ?? Date.now;
  const budgetFor = deps.budgetFor ?? (() => defaultBudget);
  const shared = { salesforce: deps.salesforce, stores: deps.stores, now, budgetFor, metrics: deps.metrics };
  const budgetDeps = { salesforce: deps.salesforce, store: bookkeepingByConnection(deps.stores), budgetFor, caller: API_CALLER, now, ledger: deps.ledger, alerts: deps.alerts };
  return {
    describeWorker,
    listSyncObjects: mapFailures(createListSyncObjects({ salesforce: deps.salesforce, configuredObjects: deps.configuredObjects ?? (() => undefined) })),
    planSync: mapFailures(createPlanSync(shared)),
    syncPages: mapFailures(createSyncPages(shared)),
    releaseCursor: mapFailures(createReleaseCursor(shared)),
    startBulkQuery: mapFailures(createStartBulkQuery(shared)),
    pollBulkJob: mapFailures(createPollBulkJob(shared)),
    loadBulkResults: mapFailures(createLoadBulkResults(shared)),
    abandonBulkJob: mapFailures(createAbandonBulkJob(shared)),
    checkBudget: mapFailures(createCheckBudget(budgetDeps)),
    snapshotLimits: mapFailures(createSnapshotLimits(budgetDeps)),
    listPausedSyncs: mapFailures(createListPausedSyncs({ temporal: deps.temporal })),
  };
}

export { SalesforceConnections } from './salesforce-connections.js';
