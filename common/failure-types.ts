/**
 * Failure types sfsync raises itself (ApplicationFailure `type`). Salesforce failures keep Salesforce's
 * own code as their type (INVALID_FIELD, REQUEST_LIMIT_EXCEEDED, ...) and carry `nonRetryable` from the
 * client's one retry table; workflows never re-classify them.
 */
export const FailureType = {
  /** Workflow input failed validation; the message names the field. */
  InvalidInput: 'INVALID_INPUT',
  /** The workflow names a connection the worker has no configuration for. */
  UnknownConnection: 'UNKNOWN_CONNECTION',
  /** A requested field does not exist on the object (same code Salesforce uses for queries). */
  InvalidField: 'INVALID_FIELD',
  /**
   * A Bulk API 2.0 query job's result pages hold fewer rows than its numberRecordsProcessed. No retry of the load can
   * fix it (the job's results are what they are): the sync abandons the job and reads the window another way.
   */
  BulkResultCountMismatch: 'BULK_RESULT_COUNT_MISMATCH',
  /** A Bulk API 2.0 query job ended Failed (Salesforce's errorMessage says why): the sync reads the window another way. */
  BulkJobFailed: 'BULK_JOB_FAILED',
  /** A Bulk API 2.0 query job was aborted by someone else: the sync reads the window another way. */
  BulkJobAborted: 'BULK_JOB_ABORTED',
  /** The destination database refused or dropped the connection: retried, and shown in a sync's progress. */
  DestinationUnreachable: 'DESTINATION_UNREACHABLE',
} as const;

export type FailureType = (typeof FailureType)[keyof typeof FailureType];

/** Types no retry can fix: retry policies list them so even a mis-flagged failure stops at once. */
export const NON_RETRYABLE_FAILURE_TYPES: string[] = [
  FailureType.InvalidInput, FailureType.UnknownConnection, FailureType.InvalidField, FailureType.BulkResultCountMismatch,
  FailureType.BulkJobFailed, FailureType.BulkJobAborted,
];
