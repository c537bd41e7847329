import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { toApplicationFailure } from '../../../activities/to-application-failure.js';
import { isConnectionLoss, storeFailure } from '../../../store/connection-loss.js';
import { StoreError } from '../../../store/index.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isConnectionLoss', () => {
  it.each([
    ['a reset socket', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a write to a closed socket', withCode('write EPIPE', 'EPIPE')],
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['admin_shutdown', withCode('terminating connection due to administrator command', '57P01')],
    ['cannot_connect_now', withCode('the database system is starting up', '57P03')],
    ['connection_failure', withCode('connection failure', '08006')],
    ["pg's end of connection", new Error('Connection terminated unexpectedly')],
    ["pg's broken client", new Error('Client has encountered a connection error and is not queryable')],
  ])('is true for %s', (_, error) => {
    expect(isConnectionLoss(error)).toBe(true);
  });

  it.each([
    ['bad data', withCode('invalid input syntax for type integer: "x"', '22P02')],
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a serialization failure', withCode('could not serialize access', '40001')],
    ['a bug', new TypeError('x is not a function')],
  ])('is false for %s', (_, error) => {
    expect(isConnectionLoss(error)).toBe(false);
  });
});

describe('storeFailure and its Temporal failure', () => {
  it('turns a lost connection into a retryable DESTINATION_UNREACHABLE', () => {
    const failure = toApplicationFailure(storeFailure(withCode('terminating connection due to administrator command', '57P01')));
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      type: 'DESTINATION_UNREACHABLE', nonRetryable: false, message: 'PostgreSQL is unavailable: terminating connection due to administrator command (57P01)',
    });
  });

  it('describes the error the client emitted when the call saw only its consequence', () => {
    const failure = storeFailure(new Error('Client has encountered a connection error and is not queryable'), withCode('read ECONNRESET', 'ECONNRESET'));
    expect(failure).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: 'PostgreSQL is unavailable: read ECONNRESET' });
  });

  it('keeps a data defect permanent, even on a connection lost afterwards', () => {
    const defect = new StoreError('INVALID_VALUE', 'Account.NumberOfEmployees: not an int');
    expect(storeFailure(defect, withCode('read ECONNRESET', 'ECONNRESET'))).toBe(defect);
    expect(toApplicationFailure(defect)).toMatchObject({ type: 'DESTINATION_REJECTED', nonRetryable: true, details: [{ storeCode: 'INVALID_VALUE' }] });
  });

  it('passes other database errors through unchanged', () => {
    const badData = withCode('invalid input syntax for type integer: "x"', '22P02');
    expect(storeFailure(badData)).toBe(badData);
  });
});
