/**
 * Every failure type sfsync raises or passes through, and the one table that says how each is handled. Activities
 * throw `SyncFailure` (common/sync-failure.ts) or let the Salesforce client's and the store's errors through;
 * `applicationFailure` (common/application-failure.ts) turns each into the `ApplicationFailure` workflows see, with
 * `nonRetryable` and `nextRetryDelay` read from here. Workflows match on `type` and never re-classify a failure.
 */
export const FailureType = {
  /** Workflow input failed validation; the message names the field. */
  InvalidInput: 'INVALID_INPUT',
  /** The workflow names a connection the worker (or its destination) has no configuration for. */
  UnknownConnection: 'UNKNOWN_CONNECTION',
  /** A requested field does not exist on the object (the code Salesforce itself uses for queries). */
  InvalidField: 'INVALID_FIELD',
  /** The destination records another Bulk job for this cursor than the one the workflow asked to load. */
  BulkJobMismatch: 'BULK_JOB_MISMATCH',
  /**
   * A Bulk API 2.0 query job's result pages hold fewer rows than its numberRecordsProcessed. No retry of the load can
   * fix it (the job's results are what they are): the sync abandons the job and reads the window another way.
   */
  BulkResultCountMismatch: 'BULK_RESULT_COUNT_MISMATCH',
  /** `GET /limits` answered without DailyApiRequests, so the org's budget cannot be read. */
  LimitsWithoutDailyApiRequests: 'LIMITS_WITHOUT_DAILY_API_REQUESTS',
  /** The destination database refused or dropped the connection: retried, and shown in a sync's progress. */
  DestinationUnreachable: 'DESTINATION_UNREACHABLE',
  /**
   * The destination store refused a call or a value (the store's own code, e.g. INVALID_VALUE or TABLE_NOT_FOUND, is in
   * the failure's details): a defect in the data or in sfsync, which the same call meets again.
   */
  DestinationRejected: 'DESTINATION_REJECTED',
  /** Only in syncOrgWorkflow's summary: the object was skipped because a sync of it is already running. */
  AlreadyRunning: 'ALREADY_RUNNING',
  /** Only in syncOrgWorkflow's summary: the object's sync failed without a typed failure (a timeout, say). */
  Unknown: 'UNKNOWN',
  /**
   * Salesforce's own code: the org's rolling 24 h API budget is spent (docs/salesforce-api.md §2.7). A pause, never
   * a failure: the next attempt waits long enough for usage to fall.
   */
  RequestLimitExceeded: 'REQUEST_LIMIT_EXCEEDED',
  /** The Salesforce client's code: a Bulk API 2.0 job ended Failed (Salesforce's errorMessage says why). */
  BulkJobFailed: 'BULK_JOB_FAILED',
  /** The Salesforce client's code: a Bulk API 2.0 job was aborted by someone else. */
  BulkJobAborted: 'BULK_JOB_ABORTED',
} as const;

export type FailureType = (typeof FailureType)[keyof typeof FailureType];

/**
 * - `final`: no retry can fix it; the activity fails on its first attempt, the workflow decides what follows.
 * - `retry`: Temporal retries it with the activity's backoff.
 * - `pause`: will succeed only after a long wait (the API budget); retried after `nextRetryDelayMs`.
 */
export type FailureHandling = 'final' | 'retry' | 'pause';

export interface FailureRule {
  handling: FailureHandling;
  /** Wait before the next attempt, unless the failure names its own (Salesforce's Retry-After). */
  nextRetryDelayMs?: number;
  /** Who raises it. */
  source: 'sfsync' | 'destination' | 'salesforce' | 'summary';
}

/**
 * Retrying REQUEST_LIMIT_EXCEEDED in seconds only burns what other integrations have left of the rolling 24 h budget
 * (docs/salesforce-api.md §2.7), so the next attempt waits this long.
 */
const LIMIT_EXCEEDED_RETRY_DELAY_MS = 5 * 60_000;

const final = (source: FailureRule['source']): FailureRule => ({ handling: 'final', source });

/** The one table. A row per type; the Salesforce rows must agree with the client's retry table (unit-tested). */
export const FAILURE_RULES: Readonly<Record<FailureType, FailureRule>> = {
  INVALID_INPUT: final('sfsync'),
  UNKNOWN_CONNECTION: final('sfsync'),
  INVALID_FIELD: final('sfsync'),
  BULK_JOB_MISMATCH: final('sfsync'),
  BULK_RESULT_COUNT_MISMATCH: final('sfsync'),
  // A Salesforce answer without the one limit the budget is made of: asking again gives the same answer.
  LIMITS_WITHOUT_DAILY_API_REQUESTS: final('sfsync'),
  DESTINATION_UNREACHABLE: { handling: 'retry', source: 'destination' },
  DESTINATION_REJECTED: final('destination'),
  ALREADY_RUNNING: final('summary'),
  UNKNOWN: final('summary'),
  REQUEST_LIMIT_EXCEEDED: { handling: 'pause', nextRetryDelayMs: LIMIT_EXCEEDED_RETRY_DELAY_MS, source: 'salesforce' },
  // Salesforce already retried the job's batches (docs/salesforce-api.md §6.5); the same job fails the same way.
  BULK_JOB_FAILED: final('salesforce'),
  BULK_JOB_ABORTED: final('salesforce'),
};

/**
 * Every other Salesforce failure passes through with the client's code (NETWORK, TIMEOUT, ...) or Salesforce's own
 * errorCode (UNABLE_TO_LOCK_ROW, MALFORMED_QUERY, ...) as its type, an open set Salesforce adds to. Its row is picked
 * by the client's retry decision (salesforce/errors/is-retryable.ts): `later` is a pause, `transient` a retry, `never`
 * final.
 */
export const SALESFORCE_FAILURE_RULES = {
  later: FAILURE_RULES.REQUEST_LIMIT_EXCEEDED,
  transient: { handling: 'retry', source: 'salesforce' },
  never: final('salesforce'),
} as const satisfies Record<string, FailureRule>;

/** Types no retry can fix: retry policies list them so even a mis-flagged failure stops at once. */
export const NON_RETRYABLE_FAILURE_TYPES: string[] = Object.entries(FAILURE_RULES)
  .filter(([, rule]) => rule.handling === 'final')
  .map(([type]) => type);
