import { ApplicationFailure } from '@temporalio/activity';
import { applicationFailure, fromSyncFailure } from '../common/application-failure.js';
import { FAILURE_RULES, FailureType, SALESFORCE_FAILURE_RULES } from '../common/failure-types.js';
import { SyncFailure } from '../common/sync-failure.js';
import { isSalesforceError, retryDecision, type SalesforceError } from '../salesforce/index.js';
import { StoreError, storeFailure } from '../store/index.js';

function salesforceFailure(error: SalesforceError): ApplicationFailure {
  // Salesforce's own errorCode is the failure type workflows and operators see; the client's codes cover the rest.
  const type = error.code === 'SALESFORCE_ERROR' && error.errorCode ? error.errorCode : error.code;
  return applicationFailure({
    type,
    rule: SALESFORCE_FAILURE_RULES[retryDecision(error)],
    message: error.message,
    retryAfterMs: error.retryAfterMs,
    details: { status: error.status ?? null, errorCode: error.errorCode ?? null, fields: error.fields ?? [], requestId: error.requestId ?? null, request: error.request ?? null },
    cause: error,
  });
}

/** The store's codes, folded into the failure types: a lost database, an unconfigured connection, or a defect. */
function storeFailureType(error: StoreError): FailureType {
  if (error.code === 'DATABASE_UNAVAILABLE') return FailureType.DestinationUnreachable;
  if (error.code === 'UNKNOWN_CONNECTION') return FailureType.UnknownConnection;
  return FailureType.DestinationRejected;
}

function destinationFailure(error: StoreError): ApplicationFailure {
  const type = storeFailureType(error);
  const details = { storeCode: error.code, object: error.object ?? null, field: error.field ?? null };
  return applicationFailure({ type, rule: FAILURE_RULES[type], message: error.message, details, cause: error });
}

/**
 * The activities' one mapping to Temporal failures: sfsync's own `SyncFailure`s, the Salesforce client's errors (its
 * code or Salesforce's errorCode, with the client's retry decision) and the store's errors, each through the bridge
 * (common/application-failure.ts). Anything else (a bug) stays a plain error, which Temporal retries with the
 * workflow's policy.
 */
export function toApplicationFailure(error: unknown): unknown {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof SyncFailure) return fromSyncFailure(error);
  if (isSalesforceError(error)) return salesforceFailure(error);
  // The store's own classification, also for a driver error that reached here unwrapped (a lost connection).
  const stored = storeFailure(error);
  return stored instanceof StoreError ? destinationFailure(stored) : error;
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
