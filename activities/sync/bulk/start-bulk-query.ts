import type { Budget } from '../../../config/sync-config.js';
import { isQueryJobRefusal, isSalesforceError } from '../../../salesforce/index.js';
import type { ConnectionStores, Store } from '../../../store/index.js';
import { meterApiCalls } from '../../api-call-meter.js';
import type { SalesforceConnections } from '../../salesforce-connections.js';
import { windowCondition, type ReadWindow } from '../window-soql.js';

export interface StartBulkQueryInput {
  connection: string;
  object: string;
  fields: string[];
  cursor: string;
  window: ReadWindow;
}

export type StartBulkQueryResult =
  | { jobId: string; resumed: boolean; apiCalls: number }
  /** Bulk API 2.0 cannot serve this object or query: the sync reads it through REST instead. */
  | { fallback: string; apiCalls: number };

/** The ledger name of the Bulk query jobs sfsync starts, counted against `bulkQueryJobsShare`. */
export const BULK_JOB_CALLER = 'sfsync:bulk-query-jobs';
const DAY_MS = 86_400_000;

export interface StartBulkQueryDeps {
  salesforce: SalesforceConnections;
  stores: Pick<ConnectionStores, 'get'>;
  budgetFor: (connection: string) => Budget;
  now: () => number;
}

/**
 * Why no Bulk job should be started now, if any: the org's daily query jobs or result storage are spent
 * (the latest /limits snapshot says so), or sfsync has used its own share of jobs in the last 24 hours.
 */
async function bulkBudgetRefusal(deps: StartBulkQueryDeps, store: Store, connection: string): Promise<string | undefined> {
  const snapshot = await store.latestLimitsSnapshot(connection);
  for (const name of ['DailyBulkV2QueryJobs', 'DailyBulkV2QueryFileStorageMB']) {
    const limit = snapshot?.limits[name];
    if (limit && limit.remaining <= 0) return `${name} is spent (${limit.max - limit.remaining} of ${limit.max})`;
  }
  const share = deps.budgetFor(connection).bulkQueryJobsShare;
  if (share === undefined) return undefined;
  const started = await store.apiCallsInWindow({ connection, caller: BULK_JOB_CALLER, since: new Date(deps.now() - DAY_MS) });
  return started >= share ? `sfsync has started ${started} Bulk query jobs in 24 hours, its share is ${share}` : undefined;
}

/**
 * Creates the Bulk API 2.0 queryAll job for the window and records its id in the destination, or returns the
 * job already recorded for this window: a retried or restarted sync resumes the same job, never a new one.
 */
export function createStartBulkQuery(deps: StartBulkQueryDeps) {
  return (input: StartBulkQueryInput): Promise<StartBulkQueryResult> =>
    meterApiCalls(async (apiCalls) => {
      const store = await deps.stores.get(input.connection);
      const state = await store.readSyncState(input.connection, input.object, input.cursor);
      if (state?.bulk && state.windowEnd === new Date(input.window.end).toISOString()) {
        return { jobId: state.bulk.jobId, resumed: true, apiCalls: apiCalls() };
      }
      const refusal = await bulkBudgetRefusal(deps, store, input.connection);
      if (refusal) return { fallback: refusal, apiCalls: apiCalls() };
      const client = deps.salesforce.get(input.connection);
      const soql = `SELECT ${input.fields.join(', ')} FROM ${input.object} WHERE ${windowCondition(state?.watermark ?? null, input.window)}`;
      try {
        const job = await client.bulk2.createQueryJob(soql, { all: true });
        await store.recordApiCalls({ connection: input.connection, caller: BULK_JOB_CALLER, calls: 1 });
        await store.commitCheckpoint(
          input.connection,
          input.object,
          { watermark: state?.watermark ?? null, bulk: { jobId: job.id, locator: null, rowsLoaded: 0 }, windowEnd: input.window.end },
          { apiCalls: apiCalls() },
          input.cursor,
        );
        return { jobId: job.id, resumed: false, apiCalls: apiCalls() };
      } catch (error) {
        if (isSalesforceError(error) && isQueryJobRefusal(error)) {
          return { fallback: error.message, apiCalls: apiCalls() };
        }
        throw error;
      }
    });
}
