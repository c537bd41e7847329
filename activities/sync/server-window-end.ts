import { log } from '@temporalio/activity';
import type { WorkerMetrics } from '../../worker/metrics/index.js';

/** Past this much skew between the worker's clock and Salesforce's, the plan warns (it no longer matters for windows). */
export const CLOCK_SKEW_WARNING_MS = 60_000;

export interface ServerWindowEndInput {
  connection: string;
  /** Salesforce's time from the `Date` header of a response in this planning call; undefined if none came. */
  serverDate: number | undefined;
  workerNow: number;
  consistencyLagSeconds: number;
  metrics?: Pick<WorkerMetrics, 'recordClockSkew'> | undefined;
}

/**
 * The upper bound of an incremental window: Salesforce's clock minus the consistency lag. A worker clock ahead of
 * Salesforce's by more than the lag would otherwise move the watermark past records Salesforce stamps later with an
 * earlier SystemModstamp, and they would be skipped for good. The skew is recorded, and a large one logged.
 */
export function serverWindowEnd(input: ServerWindowEndInput): string {
  const lagMs = input.consistencyLagSeconds * 1000;
  if (input.serverDate === undefined) {
    log.warn('no Date header in the planning responses: the window ends by the worker clock', { connection: input.connection });
    return new Date(input.workerNow - lagMs).toISOString();
  }
  const skewMs = input.workerNow - input.serverDate;
  input.metrics?.recordClockSkew(input.connection, skewMs / 1000);
  if (Math.abs(skewMs) > CLOCK_SKEW_WARNING_MS) {
    log.warn(`the worker clock is ${Math.round(skewMs / 1000)} s off Salesforce's: windows end by Salesforce's clock; fix the worker's time sync (NTP)`, {
      connection: input.connection, skewSeconds: Math.round(skewMs / 1000),
    });
  }
  // The header counts whole seconds, truncated (IMF-fixdate, RFC 9110 §5.6.7): a header of 12:00:00 was written at some
  // instant of [12:00:00, 12:00:01), so it is a lower bound of Salesforce's time and the window never ends after it.
  // A record stamped in that last second is read by the next window, not skipped.
  return new Date(input.serverDate - lagMs).toISOString();
}
