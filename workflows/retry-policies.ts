import type { ActivityOptions, RetryPolicy } from '@temporalio/workflow';
import { NON_RETRYABLE_FAILURE_TYPES } from '../common/failure-types.js';

/**
 * The one place activity retry policies live. Transient Salesforce and database failures retry with
 * exponential backoff; a failure flagged nonRetryable by the activities' error mapping (invalid field,
 * unknown object, auth failure after refresh, ...) fails the workflow on its first attempt.
 * REQUEST_LIMIT_EXCEEDED arrives with a long `nextRetryDelay`, so it waits instead of hammering.
 */
export const transientRetry: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '3 minutes',
  nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES,
};

/** Short calls: describe, count, plan. */
export const planningActivityOptions: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  retry: transientRetry,
};

/** Page activities: bounded by pages/seconds; heartbeats after every committed page. */
export function pageActivityOptions(heartbeatTimeoutSeconds: number, maxSecondsPerActivity: number): ActivityOptions {
  return {
    // Room for the last page to finish after the time budget is spent.
    startToCloseTimeout: `${maxSecondsPerActivity + 5 * 60} seconds`,
    heartbeatTimeout: `${heartbeatTimeoutSeconds} seconds`,
    retry: transientRetry,
  };
}

/**
 * A first, bounded try of a call that needs the destination (about 3 s over 3 attempts): if it fails because the
 * database is unreachable, the workflow shows that in its progress and makes the call once more with
 * `planningActivityOptions`, whose retries never give up. Two declared policies, no retry loop in the workflow.
 */
export const probeActivityOptions: ActivityOptions = {
  ...planningActivityOptions,
  retry: { ...transientRetry, maximumAttempts: 3 },
};
