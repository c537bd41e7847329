import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import { FailureType } from '../common/failure-types.js';
import { describeInputProblems } from '../common/sync-object-input.js';

/**
 * Validates a workflow's input at the boundary. Bad input (a typo in a `temporal workflow start --input`,
 * say) fails the workflow at once, non-retryably, with every problem named by its field.
 */
export function parseWorkflowInput<S extends z.ZodType>(schema: S, raw: unknown, workflow: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw ApplicationFailure.create({
      type: FailureType.InvalidInput,
      message: `Invalid ${workflow} input: ${describeInputProblems(parsed.error)}`,
      nonRetryable: true,
    });
  }
  return parsed.data;
}
