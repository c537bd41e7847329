import type { ConnectionStores } from './connection-stores.js';
import type { Store } from './create-store.js';

/** The bookkeeping calls that name their connection, as the budget activities and the metrics use them. */
export type ConnectionBookkeeping = Pick<
  Store, 'recordApiCalls' | 'apiCallsInWindow' | 'recordLimitsSnapshot' | 'latestLimitsSnapshot' | 'limitsHistory' | 'listSyncStates'
>;

/**
 * The API call ledger, limits history and sync states of every connection behind one face: each call goes to the
 * store of the connection it names, so one connection's budget is never counted in another's schema.
 * `listSyncStates()` without a connection lists every configured connection's.
 */
export function bookkeepingByConnection(stores: Pick<ConnectionStores, 'get' | 'connections'>): ConnectionBookkeeping {
  const of = (connection: string) => stores.get(connection);
  return {
    recordApiCalls: async (record) => (await of(record.connection)).recordApiCalls(record),
    apiCallsInWindow: async (window) => (await of(window.connection)).apiCallsInWindow(window),
    recordLimitsSnapshot: async (snapshot) => (await of(snapshot.connection)).recordLimitsSnapshot(snapshot),
    latestLimitsSnapshot: async (connection) => (await of(connection)).latestLimitsSnapshot(connection),
    limitsHistory: async (connection, since) => (await of(connection)).limitsHistory(connection, since),
    async listSyncStates(connection) {
      if (connection !== undefined) return (await of(connection)).listSyncStates(connection);
      const all = [];
      for (const name of stores.connections) all.push(...(await (await of(name)).listSyncStates(name)));
      return all;
    },
  };
}
