import { throwIfJobFailed } from '../../../salesforce/index.js';
import type { SalesforceConnections } from '../../salesforce-connections.js';

export interface BulkJobStatus {
  state: string;
  /** numberRecordsProcessed; null when Salesforce leaves it out. */
  recordsProcessed: number | null;
}

/**
 * One look at a query job. The workflow waits between looks on durable timers, so a job that stays
 * InProgress for hours is waited for, never abandoned; a Failed or Aborted job is reported with Salesforce's message,
 * and the workflow reads its window another way.
 */
export function createPollBulkJob(deps: { salesforce: SalesforceConnections }) {
  return async function pollBulkJob(input: { connection: string; jobId: string }): Promise<BulkJobStatus> {
    // A Failed or Aborted job throws the client's BULK_JOB_FAILED or BULK_JOB_ABORTED.
    const job = throwIfJobFailed(await deps.salesforce.get(input.connection).bulk2.getQueryJob(input.jobId), 'query');
    return { state: job.state, recordsProcessed: job.numberRecordsProcessed ?? null };
  };
}
