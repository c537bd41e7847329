import { ApplicationFailure } from '@temporalio/activity';
import { FailureType } from '../common/failure-types.js';
import { isSalesforceError, type SalesforceError } from '../salesforce/index.js';
import { StoreError, storeFailure } from '../store/index.js';

/**
 * REQUEST_LIMIT_EXCEEDED means the org's rolling 24 h budget is spent (docs/salesforce-api.md §2.7). Retrying in
 * seconds only burns what other integrations have left, so the next attempt waits this long.
 */
const LIMIT_EXCEEDED_RETRY_DELAY_MS = 5 * 60_000;

function salesforceFailure(error: SalesforceError): ApplicationFailure {
  // Salesforce's own errorCode is the failure type workflows and operators see; our codes cover the rest.
  const type = error.code === 'SALESFORCE_ERROR' && error.errorCode ? error.errorCode : error.code;
  const nextRetryDelay = error.retryAfterMs ?? (error.code === 'REQUEST_LIMIT_EXCEEDED' ? LIMIT_EXCEEDED_RETRY_DELAY_MS : undefined);
  return ApplicationFailure.create({
    type,
    message: error.message,
    nonRetryable: !error.retryable,
    ...(nextRetryDelay !== undefined ? { nextRetryDelay } : {}),
    details: [{ status: error.status ?? null, errorCode: error.errorCode ?? null, fields: error.fields ?? [], requestId: error.requestId ?? null, request: error.request ?? null }],
    cause: error,
  });
}

/**
 * The one mapping from our errors to Temporal failures. Salesforce errors keep their code and the client's

 * retry decision; a database that cannot be reached (the store's DATABASE_UNAVAILABLE, or a socket error from a
 * driver) is DESTINATION_UNREACHABLE, retried; other store errors are data defects and never retried; anything else
 * (a bug) stays a plain error, which Temporal retries with the workflow's policy.
 */
export function toApplicationFailure(error: unknown): unknown {
  if (error instanceof ApplicationFailure) return error;
  if (isSalesforceError(error)) return salesforceFailure(error);
  // The store's own classification, also for a driver error that reached here unwrapped (a lost connection).
  const stored = storeFailure(error);
  if (!(stored instanceof StoreError)) return error;
  // Retried like any other failure; the type lets the workflow say in its progress what it is waiting for.
  const type = stored.code === 'DATABASE_UNAVAILABLE' ? FailureType.DestinationUnreachable : `STORE_${stored.code}`;
  return ApplicationFailure.create({ type, message: stored.message, nonRetryable: !stored.retryable, cause: stored });
}

/** Wraps an activity so every failure leaves it through `toApplicationFailure`. */
export function mapFailures<Args extends unknown[], Result>(activity: (...args: Args) => Promise<Result>): (...args: Args) => Promise<Result> {
  return async (...args: Args) => {
    try {
      return await activity(...args);
    } catch (error) {
      throw toApplicationFailure(error);
    }
  };
}
