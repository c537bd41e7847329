import { ApplicationFailure } from '@temporalio/activity';
import { FailureType } from '../common/failure-types.js';
import { isSalesforceError, type SalesforceError } from '../salesforce/index.js';
import { StoreError } from '../store/index.js';

/**
 * REQUEST_LIMIT_EXCEEDED means the org's rolling 24 h budget is spent (docs/salesforce-api.md §2.7). Retrying in
 * seconds only burns what other integrations have left, so the next attempt waits this long.
 */
const LIMIT_EXCEEDED_RETRY_DELAY_MS = 5 * 60_000;

/**
 * Errors that mean the destination database cannot be reached: Node's socket errors (the pg driver surfaces them as
 * they are, an AggregateError when every address of the host refused) and PostgreSQL's connection exception class 08
 * and shutdown codes 57P01-57P03 ("PostgreSQL Error Codes", https://www.postgresql.org/docs/current/errcodes-appendix.html).
 * Salesforce's own network failures never get here: they are SalesforceErrors, classified first.
 */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', '57P01', '57P02', '57P03']);
/** pg's messages for a connection that ended under it, which carry no code. */
const UNREACHABLE_MESSAGES = /Connection terminated|terminating connection due to administrator command/i;

function isUnreachable(error: unknown, depth = 0): error is Error {
  if (!(error instanceof Error) || depth > 3) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (UNREACHABLE_MESSAGES.test(error.message)) return true;
  return isUnreachable(error.cause, depth + 1);
}

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
  if (error instanceof StoreError && error.code === 'DATABASE_UNAVAILABLE') {
    return ApplicationFailure.create({ type: FailureType.DestinationUnreachable, message: error.message, nonRetryable: false, cause: error });
  }
  if (error instanceof StoreError) {
    return ApplicationFailure.create({ type: `STORE_${error.code}`, message: error.message, nonRetryable: !error.retryable, cause: error });
  }
  // Retried like any other failure; the type lets the workflow say in its progress what it is waiting for.
  if (isUnreachable(error)) {
    const code = (error as { code?: unknown }).code;
    const message = error.message || (typeof code === 'string' ? code : 'connection failed');
    return ApplicationFailure.create({ type: FailureType.DestinationUnreachable, message, nonRetryable: false, cause: error });
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
