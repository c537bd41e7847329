import type { z } from 'zod';
import { fromSyncFailure } from '../common/application-failure.js';
import { FailureType } from '../common/failure-types.js';
import { SyncFailure } from '../common/sync-failure.js';
import { describeInputProblems } from '../common/sync-object-input.js';

/**
 * Validates a workflow's input at the boundary. Bad input (a typo in a `temporal workflow start --input`,
 * say) fails the workflow at once, non-retryably, with every problem named by its field.
 */
export function parseWorkflowInput<S extends z.ZodType>(schema: S, raw: unknown, workflow: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw fromSyncFailure(new SyncFailure(FailureType.InvalidInput, `Invalid ${workflow} input: ${describeInputProblems(parsed.error)}`));
  }
  return parsed.data;
}
