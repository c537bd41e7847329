import type { ObjectSyncSettings } from '../../common/sync-org-input.js';
import type { SalesforceConnections } from '../salesforce-connections.js';

export interface ListSyncObjectsDeps {
  salesforce: SalesforceConnections;
  /** Objects configured for a connection, if the configuration lists any. */
  configuredObjects: (connection: string) => ObjectSyncSettings[] | undefined;
}

/**
 * The objects an org-wide sync covers: the configured list, or else every object Salesforce says can be
 * replicated (queryable, replicateable, not deprecated), which is what an org-wide copy means.
 */
export function createListSyncObjects(deps: ListSyncObjectsDeps) {
  return async function listSyncObjects(input: { connection: string }): Promise<ObjectSyncSettings[]> {
    const configured = deps.configuredObjects(input.connection);
    if (configured && configured.length > 0) return configured;
    const global = await deps.salesforce.get(input.connection).describeGlobal();
    return global.sobjects
      .filter((entry) => entry.queryable && entry.replicateable && !entry.deprecatedAndHidden)
      .map((entry) => ({ object: entry.name }));
  };
}
