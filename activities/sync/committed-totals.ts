import type { CommittedTotals } from '../../common/sync-progress.js';
import type { Store, SyncState } from '../../store/index.js';

/** The running totals of a cursor's sync state (zero before its first commit). */
export function committedTotalsOf(state: SyncState | null): CommittedTotals {
  return { upserted: state?.totalUpserted ?? 0, deleted: state?.totalDeleted ?? 0, pages: state?.pagesCommitted ?? 0 };
}

/**
 * The cursor's running totals as the destination committed them. Read after an activity's last commit (and at
 * planning, as the baseline), so a page counts once even when the attempt that committed it failed afterwards.
 */
export async function readCommittedTotals(store: Pick<Store, 'readSyncState'>, connection: string, object: string, cursor: string): Promise<CommittedTotals> {
  return committedTotalsOf(await store.readSyncState(connection, object, cursor));
}
