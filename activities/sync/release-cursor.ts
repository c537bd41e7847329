import type { ConnectionStores } from '../../store/index.js';
import { INCREMENTAL_CURSOR } from './plan-sync.js';

/** Drops a finished backfill slice's sync state. The incremental cursor is never released. */
export function createReleaseCursor(deps: { stores: Pick<ConnectionStores, 'get'> }) {
  return async function releaseCursor(input: { connection: string; object: string; cursor: string }): Promise<void> {
    if (input.cursor === INCREMENTAL_CURSOR) return;
    await (await deps.stores.get(input.connection)).deleteSyncState(input.connection, input.object, input.cursor);
  };
}
