import { retryDecision } from '../errors/is-retryable.js';
import { isSalesforceError } from '../errors/salesforce-error.js';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import type { Bulk2Context, JobKind } from './context.js';
import { throwIfAborted } from './context.js';
import type { JobState } from './job-schemas.js';
import type { PollSchedule } from './poll-schedule.js';
import { nextPollDelay } from './poll-schedule.js';

export interface WaitOptions<J> {
  /** The only thing that ends a wait early; the job itself keeps running. */
  signal?: AbortSignal;
  /** Called after every successful poll with the job as Salesforce reported it and the poll's number (from 0). */
  onPoll?: (job: J, attempt: number) => void;
  /** Overrides of the default schedule (0.5 s doubling to 30 s). */
  pollIntervalMs?: Partial<PollSchedule>;
}

interface PolledJob {
  id: string;
  state: JobState;
  errorMessage?: string | null | undefined;
}

const TERMINAL: ReadonlySet<JobState> = new Set(['JobComplete', 'Failed', 'Aborted']);

/**
 * Polls until the job is JobComplete, Failed or Aborted, with growing intervals. There is no timeout: a
 * client that gives up on a running job only leaves it to finish unseen. A transient poll failure
 * (network, 5xx) is logged and polled through; any other failure, or the signal, ends the wait.
 */
export async function waitForTerminalState<J extends PolledJob>(
  ctx: Bulk2Context,
  kind: JobKind,
  jobId: string,
  poll: (signal: AbortSignal | undefined) => Promise<J>,
  options: WaitOptions<J> = {},
): Promise<J> {
  const what = `waiting for Bulk ${kind} job ${jobId}`;
  for (let attempt = 0; ; attempt += 1) {
    throwIfAborted(options.signal, what);
    const job = await poll(options.signal).catch((error: unknown) => {
      if (!isSalesforceError(error) || retryDecision(error) !== 'transient') throw error;
      ctx.logger.warn({ jobId, code: error.code, status: error.status, attempt }, 'Bulk job poll failed; polling on');
      return undefined;
    });
    if (job !== undefined) {
      options.onPoll?.(job, attempt);
      if (TERMINAL.has(job.state)) return job;
      if (job.state === 'Open') {
        throw toSalesforceError({ code: 'INVALID_ARGUMENT', message: `Bulk ${kind} job ${jobId} is Open: it is not processed until it is closed` });
      }
    }
    await ctx.clock.sleep(nextPollDelay(attempt, options.pollIntervalMs), options.signal).catch((cause: unknown) => {
      throw toSalesforceError({ code: 'ABORTED', message: `${what} aborted`, cause });
    });
  }
}

/**
 * The one rule for a job that did not complete: Failed (with Salesforce's errorMessage) and Aborted are errors, neither
 * worth retrying as is; a job in any other state is returned as it is.
 */
export function throwIfJobFailed<J extends PolledJob>(job: J, kind: JobKind): J {
  if (job.state === 'Failed') {
    const reason = job.errorMessage ?? 'Salesforce gave no errorMessage';
    throw toSalesforceError({ code: 'BULK_JOB_FAILED', message: `Bulk ${kind} job ${job.id} failed: ${reason}` });
  }
  if (job.state === 'Aborted') throw toSalesforceError({ code: 'BULK_JOB_ABORTED', message: `Bulk ${kind} job ${job.id} was aborted` });
  return job;
}
