import type { SalesforceErrorCode } from './error-codes.js';

/**
 * - `transient`: likely to succeed within seconds; the transport retries idempotent requests a few times,
 *   and the caller (Temporal) may retry too.
 * - `later`: will succeed only after a long wait (the rolling 24 h API budget); never retried in-process,
 *   the caller schedules the wait.
 * - `never`: retrying the same request gives the same answer; a person or different input is needed.
 */
export type RetryDecision = 'transient' | 'later' | 'never';

/** The whole retry decision table. `by-status` defers to RETRYABLE_STATUSES below. */
const decisions: Record<SalesforceErrorCode, RetryDecision | 'by-status'> = {
  NETWORK: 'transient', // resets, refused connections, sockets closed mid-response
  TIMEOUT: 'transient',
  SERVICE_UNAVAILABLE: 'transient', // 502/503/504 from the edge, usually HTML (docs/salesforce-api.md §2.7)
  SERVER_UNAVAILABLE: 'transient', // 503 during maintenance
  UNKNOWN_EXCEPTION: 'transient', // 500 internal error; clients treat 5xx as transient (docs/salesforce-api.md §2.7, Airbyte)
  UNABLE_TO_LOCK_ROW: 'transient', // lock contention on a record; clients retry it (docs/salesforce-api.md §2.5)
  REQUEST_LIMIT_EXCEEDED: 'later', // 403: rolling 24 h budget or concurrent long-running limit (docs/salesforce-api.md §2.7)
  INVALID_SESSION_ID: 'never', // refreshed once inside the client; reaching the caller means the refresh did not help
  INVALID_AUTH_HEADER: 'never',
  AUTH_FAILED: 'never', // invalid_grant and friends: consumer key, pre-authorization, certificate, scopes
  CONFIG_INVALID: 'never',
  API_VERSION_UNSUPPORTED: 'never',
  API_DISABLED_FOR_ORG: 'never',
  API_CURRENTLY_DISABLED: 'never',
  INSUFFICIENT_ACCESS: 'never',
  INSUFFICIENT_ACCESS_OR_READONLY: 'never',
  ABORTED: 'never', // the caller cancelled
  INVALID_ARGUMENT: 'never',
  INVALID_RESPONSE: 'never',
  MULTIPLE_CHOICES: 'never',
  API_VERSION_MISMATCH: 'never', // only a client pinned to the job's version can read its results
  // Salesforce already retried the job's batches (docs/salesforce-api.md §6.5); resubmitting the same job fails the same way.
  BULK_JOB_FAILED: 'never',
  BULK_JOB_ABORTED: 'never',
  MALFORMED_QUERY: 'never',
  INVALID_FIELD: 'never',
  INVALID_TYPE: 'never',
  // The cursor is gone; the caller restarts the query from its own watermark instead of retrying the locator.
  INVALID_QUERY_LOCATOR: 'never',
  // Salesforce's advice is to make the query more selective; the same query times out again (docs/salesforce-api.md §4.3).
  QUERY_TIMEOUT: 'never',
  QUERY_TOO_COMPLICATED: 'never',
  EXCEEDED_ID_LIMIT: 'never',
  NUMBER_OUTSIDE_VALID_RANGE: 'never',
  NOT_FOUND: 'never',
  MALFORMED_ID: 'never',
  ENTITY_IS_DELETED: 'never',
  REQUIRED_FIELD_MISSING: 'never',
  DUPLICATE_VALUE: 'never',
  DUPLICATES_DETECTED: 'never',
  STRING_TOO_LONG: 'never',
  INVALID_FIELD_FOR_INSERT_UPDATE: 'never',
  INVALID_CROSS_REFERENCE_KEY: 'never',
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 'never',
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 'never',
  JSON_PARSER_ERROR: 'never',
  METHOD_NOT_ALLOWED: 'never',
  PROCESSING_HALTED: 'never',
  ALL_OR_NONE_OPERATION_ROLLED_BACK: 'never',
  HTTP_ERROR: 'by-status',
  SALESFORCE_ERROR: 'by-status',
};

/**
 * Statuses that are transient whatever the body says: 408 request timeout, 420 (Salesforce Edge routing),
 * 429 (a few niche endpoints), 500, 502, 503, 504 (docs/salesforce-api.md §2.4, §2.7). Every other 4xx is a client error.
 */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 420, 429, 500, 502, 503, 504]);

export interface RetryInput {
  code: SalesforceErrorCode;
  status?: number | undefined;
}

export function retryDecision(error: RetryInput): RetryDecision {
  const decision = decisions[error.code];
  if (decision !== 'by-status') return decision;
  return error.status !== undefined && RETRYABLE_STATUSES.has(error.status) ? 'transient' : 'never';
}

export function isRetryable(error: RetryInput): boolean {
  return retryDecision(error) !== 'never';
}
