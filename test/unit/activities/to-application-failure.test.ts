import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { toApplicationFailure } from '../../../activities/to-application-failure.js';
import { FAILURE_RULES, SALESFORCE_FAILURE_RULES } from '../../../common/failure-types.js';
import { SyncFailure } from '../../../common/sync-failure.js';
import { retryDecision, throwIfJobFailed, toSalesforceError, type SalesforceError } from '../../../salesforce/index.js';
import { StoreError, type StoreErrorCode } from '../../../store/index.js';

const coded = (message: string, code: string) => Object.assign(new Error(message), { code });
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const salesforce = (status: number, errorCode: string, headers: Record<string, string> = {}) =>
  toSalesforceError({ response: { status, headers, body: json([{ errorCode, message: `${errorCode} said Salesforce` }]) } });
const asFailure = (error: unknown) => {
  const failure = toApplicationFailure(error);
  expect(failure).toBeInstanceOf(ApplicationFailure);
  return failure as ApplicationFailure;
};
function thrownBy(run: () => unknown): SalesforceError {
  try {
    run();
  } catch (error) {
    return error as SalesforceError;
  }
  throw new Error('nothing was thrown');
}

describe('toApplicationFailure for sfsync\'s own failures', () => {
  it('builds a SyncFailure with its type, message and details, handled as its row says', () => {
    const failure = asFailure(new SyncFailure('BULK_JOB_MISMATCH', 'the destination records another job', { jobId: '750x' }));
    expect(failure).toMatchObject({ type: 'BULK_JOB_MISMATCH', message: 'the destination records another job', nonRetryable: true, details: [{ jobId: '750x' }] });
  });

  it('leaves an ApplicationFailure alone', () => {
    const failure = ApplicationFailure.create({ type: 'INVALID_INPUT', nonRetryable: true });
    expect(toApplicationFailure(failure)).toBe(failure);
  });

  it('leaves any other error alone, for Temporal to retry as it is', () => {
    const bug = new TypeError('x is undefined');
    expect(toApplicationFailure(bug)).toBe(bug);
  });
});

describe('toApplicationFailure for Salesforce failures, by the client\'s retry decision', () => {
  it('pauses on REQUEST_LIMIT_EXCEEDED for 5 minutes', () => {
    const failure = asFailure(salesforce(403, 'REQUEST_LIMIT_EXCEEDED'));
    expect(failure).toMatchObject({ type: 'REQUEST_LIMIT_EXCEEDED', nonRetryable: false, nextRetryDelay: 5 * 60_000 });
    expect(failure.details).toEqual([{ status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', fields: [], requestId: null, request: null }]);
  });

  it('waits as long as Retry-After says when Salesforce names a wait', () => {
    expect(asFailure(salesforce(403, 'REQUEST_LIMIT_EXCEEDED', { 'retry-after': '120' }))).toMatchObject({ nextRetryDelay: 120_000 });
  });

  it.each([
    ['lock contention', salesforce(400, 'UNABLE_TO_LOCK_ROW'), 'UNABLE_TO_LOCK_ROW'],
    ['an edge 503 without a body', toSalesforceError({ response: { status: 503, headers: {}, body: '' } }), 'SERVICE_UNAVAILABLE'],
    ['an unnamed errorCode on a 500', salesforce(500, 'SOMETHING_NEW'), 'SOMETHING_NEW'],
    ['a reset connection', toSalesforceError({ cause: coded('read ECONNRESET', 'ECONNRESET') }), 'NETWORK'],
  ])('retries %s with backoff, typed %s', (_name, error, type) => {
    const failure = asFailure(error);
    expect(failure).toMatchObject({ type, nonRetryable: false });
    expect(failure.nextRetryDelay).toBeUndefined();
  });

  it.each([
    ['a missing field', salesforce(400, 'INVALID_FIELD'), 'INVALID_FIELD'],
    ['an unnamed errorCode on a 400, under its own name', salesforce(400, 'LIMIT_EXCEEDED'), 'LIMIT_EXCEEDED'],
    ['a Failed Bulk job', thrownBy(() => throwIfJobFailed({ id: '750x', state: 'Failed', errorMessage: 'Retried more than 15 times' }, 'query')), 'BULK_JOB_FAILED'],
    ['an Aborted Bulk job', thrownBy(() => throwIfJobFailed({ id: '750x', state: 'Aborted' }, 'query')), 'BULK_JOB_ABORTED'],
  ])('fails %s at once, typed %s', (_name, error, type) => {
    expect(asFailure(error)).toMatchObject({ type, nonRetryable: true, message: error.message });
  });

  it('keeps the job\'s errorMessage in a Failed job\'s message', () => {
    const error = thrownBy(() => throwIfJobFailed({ id: '750x', state: 'Failed', errorMessage: 'Retried more than 15 times' }, 'query'));
    expect(asFailure(error).message).toContain('Retried more than 15 times');
  });

  it.each(['REQUEST_LIMIT_EXCEEDED', 'BULK_JOB_FAILED', 'BULK_JOB_ABORTED', 'INVALID_FIELD'] as const)(
    'agrees with the client on the named Salesforce type %s',
    (code) => {
      expect(SALESFORCE_FAILURE_RULES[retryDecision({ code })].handling).toBe(FAILURE_RULES[code].handling);
    },
  );
});

describe('toApplicationFailure for the destination', () => {
  it.each([
    ['a refused connection', coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['every address refused', Object.assign(new AggregateError([coded('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''), { code: 'ECONNREFUSED' })],
    ['a server shutting down', coded('terminating connection due to administrator command', '57P01')],
    ['a connection exception', coded('the database system is starting up', '08006')],
    ['a connection ended under the client', new Error('Connection terminated unexpectedly')],
    ['a refusal wrapped by another error', new Error('openStore failed', { cause: coded('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED') })],
  ])('calls %s DESTINATION_UNREACHABLE, retryable', (_name, error) => {
    const failure = asFailure(error);
    expect(failure.type).toBe('DESTINATION_UNREACHABLE');
    expect(failure.nonRetryable).toBe(false);
    expect(failure.message.length).toBeGreaterThan(0);
  });

  it('calls a connection without a destination schema UNKNOWN_CONNECTION, final', () => {
    expect(asFailure(new StoreError('UNKNOWN_CONNECTION', "no destination for 'qa'"))).toMatchObject({ type: 'UNKNOWN_CONNECTION', nonRetryable: true });
  });

  it.each<StoreErrorCode>(['INVALID_IDENTIFIER', 'INVALID_VALUE', 'INVALID_INPUT', 'UNKNOWN_FIELD', 'MISSING_ID', 'TABLE_NOT_FOUND'])(
    'calls the store\'s %s DESTINATION_REJECTED, final, keeping the store\'s code',
    (code) => {
      const failure = asFailure(new StoreError(code, 'refused', { object: 'Account', field: 'Name' }));
      expect(failure).toMatchObject({ type: 'DESTINATION_REJECTED', nonRetryable: true, details: [{ storeCode: code, object: 'Account', field: 'Name' }] });
    },
  );
});
