import type { Logger } from 'pino';
import type { ApiCaller } from '../client/api-caller.js';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import type { Clock } from '../time/clock.js';
import { isJobId } from './job-schemas.js';

/** What every Bulk API 2.0 operation needs: the authenticated caller, time, and the client's logger. */
export interface Bulk2Context {
  api: ApiCaller;
  clock: Clock;
  logger: Logger;
}

export type JobKind = 'query' | 'ingest';

/** `/services/data/vXX.X/jobs/{kind}/{id}[/...]`, refusing anything that is not a job id. */
export function jobPath(api: ApiCaller, kind: JobKind, jobId: string, ...rest: readonly string[]): string {
  if (!isJobId(jobId)) {
    throw toSalesforceError({ code: 'INVALID_ARGUMENT', message: `not a Bulk API 2.0 job id: ${JSON.stringify(jobId.slice(0, 40))}` });
  }
  return api.path('jobs', kind, jobId, ...rest);
}

/** The caller's signal as an ApiCall field, for spreading into a call. */
export function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}

export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted === true) throw toSalesforceError({ code: 'ABORTED', message: `${what} aborted` });
}
