import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { fromSyncFailure } from '../../../common/application-failure.js';
import { FAILURE_RULES, FailureType, NON_RETRYABLE_FAILURE_TYPES, type FailureHandling } from '../../../common/failure-types.js';
import { SyncFailure } from '../../../common/sync-failure.js';
import { syncObjectInputSchema } from '../../../common/sync-object-input.js';
import { parseWorkflowInput } from '../../../workflows/parse-input.js';

/** What each type must do, written out so a changed row fails here before it changes a running sync. */
const expected: Record<FailureType, { handling: FailureHandling; nextRetryDelay?: number }> = {
  INVALID_INPUT: { handling: 'final' },
  UNKNOWN_CONNECTION: { handling: 'final' },
  INVALID_FIELD: { handling: 'final' },
  BULK_JOB_MISMATCH: { handling: 'final' },
  BULK_RESULT_COUNT_MISMATCH: { handling: 'final' },
  LIMITS_WITHOUT_DAILY_API_REQUESTS: { handling: 'final' },
  DESTINATION_UNREACHABLE: { handling: 'retry' },
  DESTINATION_REJECTED: { handling: 'final' },
  ALREADY_RUNNING: { handling: 'final' },
  UNKNOWN: { handling: 'final' },
  REQUEST_LIMIT_EXCEEDED: { handling: 'pause', nextRetryDelay: 5 * 60_000 },
  BULK_JOB_FAILED: { handling: 'final' },
  BULK_JOB_ABORTED: { handling: 'final' },
};

describe('the failure table and its bridge', () => {
  it('has exactly one row per failure type', () => {
    expect(Object.keys(FAILURE_RULES).sort()).toEqual(Object.values(FailureType).sort());
  });

  it.each(Object.entries(expected))('builds %s as its row says', (type, row) => {
    const failure = fromSyncFailure(new SyncFailure(type as FailureType, `${type} happened`, { object: 'Account' }));
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(FAILURE_RULES[type as FailureType].handling).toBe(row.handling);
    expect(failure).toMatchObject({ type, message: `${type} happened`, nonRetryable: row.handling === 'final', details: [{ object: 'Account' }] });
    expect(failure.nextRetryDelay).toBe(row.nextRetryDelay);
  });

  it('lists every final type, and only those, as non-retryable for the retry policies', () => {
    const finals = Object.entries(expected).filter(([, row]) => row.handling === 'final').map(([type]) => type);
    expect([...NON_RETRYABLE_FAILURE_TYPES].sort()).toEqual(finals.sort());
    expect(NON_RETRYABLE_FAILURE_TYPES).not.toContain('DESTINATION_UNREACHABLE');
    expect(NON_RETRYABLE_FAILURE_TYPES).not.toContain('REQUEST_LIMIT_EXCEEDED');
  });

  it('fails a workflow with bad input through the bridge, non-retryably, naming the field', () => {
    try {
      parseWorkflowInput(syncObjectInputSchema, { connection: 'prod' }, 'syncObjectWorkflow');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ApplicationFailure);
      expect(error).toMatchObject({ type: 'INVALID_INPUT', nonRetryable: true });
      expect((error as Error).message).toMatch(/^Invalid syncObjectWorkflow input: .*object/);
    }
  });
});
