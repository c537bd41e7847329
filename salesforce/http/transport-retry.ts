import type { Logger } from 'pino';
import { retryDecision } from '../errors/is-retryable.js';
import { isSalesforceError } from '../errors/salesforce-error.js';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import type { Clock } from '../time/clock.js';

export interface TransportRetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface TransportRetryOptions {
  /** Only requests that are safe to repeat are retried here. */
  idempotent: boolean;
  policy: TransportRetryPolicy;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
  /** Jitter source in [0, 1); injectable so tests can pin delays. */
  random?: () => number;
}

/**
 * Short in-process retries of transient failures (resets, timeouts, 5xx from the edge). A Retry-After
 * longer than the policy allows is not waited for: the error goes to the caller, who owns long waits.
 */
export async function withTransportRetry<T>(attempt: () => Promise<T>, options: TransportRetryOptions): Promise<T> {
  const { policy, clock, logger } = options;
  const random = options.random ?? Math.random;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!options.idempotent || attemptNumber >= policy.maxAttempts || !isSalesforceError(error)) throw error;
      if (retryDecision(error) !== 'transient') throw error;
      const retryAfter = error.retryAfterMs ?? 0;
      if (retryAfter > policy.maxDelayMs) throw error;
      // Exponential backoff with full jitter, never shorter than what the server asked for.
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1)) * random();
      const delayMs = Math.max(retryAfter, Math.round(backoff));
      logger.debug({ code: error.code, status: error.status, attempt: attemptNumber, delayMs }, 'retrying transient failure');
      await clock.sleep(delayMs, options.signal).catch((cause: unknown) => {
        throw toSalesforceError({ cause });
      });
    }
  }
}
