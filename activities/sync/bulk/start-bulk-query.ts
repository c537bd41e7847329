import { isSalesforceError } from '../../../salesforce/index.js';
import type { Store } from '../../../store/index.js';
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

// Messages Salesforce answers job creation with when Bulk 2.0 cannot run a query (reference §6.4).
const UNSUPPORTED = /not supported by the Bulk API|compound data not supported|does not support query|is not supported/i;

/**
 * Creates the Bulk API 2.0 queryAll job for the window and records its id in the destination, or returns the
 * job already recorded for this window: a retried or restarted sync resumes the same job, never a new one.
 */
export function createStartBulkQuery(deps: { salesforce: SalesforceConnections; store: Store }) {
  return (input: StartBulkQueryInput): Promise<StartBulkQueryResult> =>
    meterApiCalls(async (apiCalls) => {
      const state = await deps.store.readSyncState(input.connection, input.object, input.cursor);
      if (state?.bulk && state.windowEnd === new Date(input.window.end).toISOString()) {
        return { jobId: state.bulk.jobId, resumed: true, apiCalls: apiCalls() };
      }
      const client = deps.salesforce.get(input.connection);
      const soql = `SELECT ${input.fields.join(', ')} FROM ${input.object} WHERE ${windowCondition(state?.watermark ?? null, input.window)}`;
      try {
        const job = await client.bulk2.createQueryJob(soql, { all: true });
        await deps.store.commitCheckpoint(
          input.connection,
          input.object,
          { watermark: state?.watermark ?? null, bulk: { jobId: job.id, locator: null }, windowEnd: input.window.end },
          { apiCalls: apiCalls() },
          input.cursor,
        );
        return { jobId: job.id, resumed: false, apiCalls: apiCalls() };
      } catch (error) {
        if (isSalesforceError(error) && error.status === 400 && UNSUPPORTED.test(error.message)) {
          return { fallback: error.message, apiCalls: apiCalls() };
        }
        throw error;
      }
    });
}
