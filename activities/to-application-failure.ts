import { ApplicationFailure } from '@temporalio/activity';
import { isSalesforceError, type SalesforceError } from '../salesforce/index.js';
import { StoreError } from '../store/index.js';

/**
 * REQUEST_LIMIT_EXCEEDED means the org's rolling 24 h budget is spent (reference §2.7). Retrying in
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
 * retry decision; store errors keep theirs (a lost database connection is retried, input errors are data
 * defects and never are); anything else (a bug) stays a plain error, which Temporal retries with the workflow's policy.
 */
export function toApplicationFailure(error: unknown): unknown {
  if (error instanceof ApplicationFailure) return error;
  if (isSalesforceError(error)) return salesforceFailure(error);
  if (error instanceof StoreError) {
    return ApplicationFailure.create({ type: `STORE_${error.code}`, message: error.message, nonRetryable: !error.retryable, cause: error });
  }
  return error;
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
