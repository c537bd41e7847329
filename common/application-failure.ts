import { ApplicationFailure } from '@temporalio/common';
import { FAILURE_RULES, type FailureRule } from './failure-types.js';
import type { SyncFailure } from './sync-failure.js';

export interface FailureInit {
  /** A `FailureType`, or the code of a Salesforce failure passing through. */
  type: string;
  rule: FailureRule;
  message: string;
  details?: Readonly<Record<string, unknown>> | undefined;
  /** A wait the failure names itself (Salesforce's Retry-After); wins over the rule's. */
  retryAfterMs?: number | undefined;
  cause?: Error | undefined;
}

/**
 * The one place an `ApplicationFailure` is built: `nonRetryable` and `nextRetryDelay` come from the failure's row
 * in `FAILURE_RULES`, never from the site that raises it. Workflow-safe (`@temporalio/common` only), so workflows
 * fail through it too.
 */
export function applicationFailure(init: FailureInit): ApplicationFailure {
  const nextRetryDelay = init.rule.handling === 'final' ? undefined : (init.retryAfterMs ?? init.rule.nextRetryDelayMs);
  return ApplicationFailure.create({
    type: init.type,
    message: init.message,
    nonRetryable: init.rule.handling === 'final',
    ...(nextRetryDelay === undefined ? {} : { nextRetryDelay }),
    ...(init.details === undefined ? {} : { details: [init.details] }),
    ...(init.cause === undefined ? {} : { cause: init.cause }),
  });
}

/** A failure of sfsync's own, handled as its type's row says. */
export function fromSyncFailure(error: SyncFailure): ApplicationFailure {
  return applicationFailure({ type: error.type, rule: FAILURE_RULES[error.type], message: error.message, details: error.details });
}
