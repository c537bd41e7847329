import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { toApplicationFailure } from '../../../activities/to-application-failure.js';

const coded = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('toApplicationFailure for a destination that cannot be reached', () => {
  it.each([
    ['a refused connection', coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['every address refused', Object.assign(new AggregateError([coded('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''), { code: 'ECONNREFUSED' })],
    ['a server shutting down', coded('terminating connection due to administrator command', '57P01')],
    ['a connection exception', coded('the database system is starting up', '08006')],
    ['a connection ended under the client', new Error('Connection terminated unexpectedly')],
    ['a refusal wrapped by another error', new Error('openStore failed', { cause: coded('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED') })],
  ])('calls %s DESTINATION_UNREACHABLE, retryable', (_name, error) => {
    const failure = toApplicationFailure(error) as ApplicationFailure;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.type).toBe('DESTINATION_UNREACHABLE');
    expect(failure.nonRetryable).toBe(false);
    expect(failure.message.length).toBeGreaterThan(0);
  });

  it('leaves any other error alone, for Temporal to retry as it is', () => {
    const bug = new TypeError('x is undefined');
    expect(toApplicationFailure(bug)).toBe(bug);
  });
});
