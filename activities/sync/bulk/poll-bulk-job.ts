import { ApplicationFailure } from '@temporalio/activity';
import { FailureType } from '../../../common/failure-types.js';
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
    const job = await deps.salesforce.get(input.connection).bulk2.getQueryJob(input.jobId);
    if (job.state === 'Failed' || job.state === 'Aborted') {
      throw ApplicationFailure.create({
        type: job.state === 'Failed' ? FailureType.BulkJobFailed : FailureType.BulkJobAborted,
        message: `Bulk API 2.0 query job ${input.jobId} ${job.state.toLowerCase()}: ${job.errorMessage ?? 'no error message'}`,
        nonRetryable: true,
      });
    }
    return { state: job.state, recordsProcessed: job.numberRecordsProcessed ?? null };
  };
}
