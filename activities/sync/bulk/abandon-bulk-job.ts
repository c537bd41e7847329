import { isSalesforceError } from '../../../salesforce/index.js';
import type { ConnectionStores } from '../../../store/index.js';
import type { WorkerMetrics } from '../../../worker/metrics/index.js';
import { meterApiCalls } from '../../api-call-meter.js';
import type { SalesforceConnections } from '../../salesforce-connections.js';

export interface AbandonBulkJobInput {
  connection: string;
  object: string;
  cursor: string;
  jobId: string;
  /** The failure type that condemned the job (a metric label: a closed set). */
  reason: string;
}

export interface AbandonBulkJobDeps {
  salesforce: SalesforceConnections;
  stores: Pick<ConnectionStores, 'get'>;
  metrics?: Pick<WorkerMetrics, 'recordBulkJobAbandoned'> | undefined;
}

/** States in which a query job still runs and can be aborted (docs/salesforce-api.md §6.1); a finished job cannot be. */
const OPEN_STATES = new Set(['Open', 'UploadComplete', 'InProgress']);

/**
 * Gives up on a Bulk API 2.0 query job for its window: aborts it if it still runs, and forgets it in the cursor's
 * checkpoint, keeping the watermark and the window's end, so the next read of the window (a new job, or REST) starts
 * from what was committed. Pages the job already committed stay: rewriting them is harmless (upserts with the
 * stale-write guard). Idempotent: a retry finds the job finished or gone from the checkpoint, and counts it once.
 */
export function createAbandonBulkJob(deps: AbandonBulkJobDeps) {
  return (input: AbandonBulkJobInput): Promise<{ apiCalls: number }> =>
    meterApiCalls(async (apiCalls) => {
      const bulk2 = deps.salesforce.get(input.connection).bulk2;
      // A job Salesforce no longer knows (deleted, or past its 7-day retention) has nothing left to abort.
      const job = await bulk2.getQueryJob(input.jobId).catch((error: unknown) => {
        if (isSalesforceError(error) && error.status === 404) return null;
        throw error;
      });
      if (job && OPEN_STATES.has(job.state)) await bulk2.abortQueryJob(input.jobId);
      const store = await deps.stores.get(input.connection);
      const state = await store.readSyncState(input.connection, input.object, input.cursor);
      if (state?.bulk?.jobId === input.jobId) {
        await store.commitCheckpoint(
          input.connection, input.object, { watermark: state.watermark, bulk: null, windowEnd: state.windowEnd }, { apiCalls: apiCalls() }, input.cursor,
        );
        deps.metrics?.recordBulkJobAbandoned({ connection: input.connection, object: input.object, reason: input.reason });
      }
      return { apiCalls: apiCalls() };
    });
}
