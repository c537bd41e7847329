import type { ObjectSyncSettings } from '../common/sync-org-input.js';
import type { Store } from '../store/index.js';
import { describeWorker } from './describe-worker.js';
import type { SalesforceConnections } from './salesforce-connections.js';
import { createListSyncObjects } from './sync/list-sync-objects.js';
import { createPlanSync } from './sync/plan-sync.js';
import { createReleaseCursor } from './sync/release-cursor.js';
import { createSyncPages } from './sync/sync-pages.js';
import { mapFailures } from './to-application-failure.js';

export interface ActivityDeps {
  salesforce: SalesforceConnections;
  store: Store;
  /** Objects configured per connection (the config file); unset = every replicateable object. */
  configuredObjects?: (connection: string) => ObjectSyncSettings[] | undefined;
  /** Injected so tests can move time; defaults to the system clock. */
  now?: () => number;
}

/** Every activity, built from dependencies the worker creates once (STYLE.md lesson 2). */
export function createActivities(deps: ActivityDeps) {
  const shared = { salesforce: deps.salesforce, store: deps.store, now: deps.now ?? Date.now };
  return {
    describeWorker,
    listSyncObjects: mapFailures(createListSyncObjects({ salesforce: deps.salesforce, configuredObjects: deps.configuredObjects ?? (() => undefined) })),
    planSync: mapFailures(createPlanSync(shared)),
    syncPages: mapFailures(createSyncPages(shared)),
    releaseCursor: mapFailures(createReleaseCursor(shared)),
  };
}

export { SalesforceConnections } from './salesforce-connections.js';
