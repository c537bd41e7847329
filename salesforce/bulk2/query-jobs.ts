import type { Bulk2Context } from './context.js';
import { jobPath, withSignal } from './context.js';
import type { QueryJobInfo } from './job-schemas.js';
import { queryJobInfoSchema } from './job-schemas.js';
import type { WaitOptions } from './wait-for-job.js';
import { throwIfJobFailed, waitForTerminalState } from './wait-for-job.js';

export interface CreateQueryJobOptions {
  /** queryAll: include soft-deleted and archived rows. */
  all?: boolean;
  signal?: AbortSignal;
}

const ROUTE = '/jobs/query/{id}';

/**
 * Creates a query job (docs/salesforce-api.md §6.4); it starts in UploadComplete. Results are always asked for as
 * comma-separated, LF-terminated CSV, which is what the result reader parses. Not retried in-process:
 * a repeated POST would start a second job.
 */
export function createQueryJob(ctx: Bulk2Context, soql: string, options: CreateQueryJobOptions = {}): Promise<QueryJobInfo> {
  const { api } = ctx;
  return api.json(
    {
      method: 'POST',
      path: api.path('jobs', 'query'),
      route: '/jobs/query',
      json: { operation: options.all === true ? 'queryAll' : 'query', query: soql, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' },
      ...withSignal(options.signal),
    },
    queryJobInfoSchema,
    'create query job',
  );
}

export async function getQueryJob(ctx: Bulk2Context, jobId: string, signal?: AbortSignal): Promise<QueryJobInfo> {
  const { api } = ctx;
  return await api.json({ method: 'GET', path: jobPath(api, 'query', jobId), route: ROUTE, ...withSignal(signal) }, queryJobInfoSchema, 'query job');
}

/** `PATCH {"state":"Aborted"}`; answers the job info. */
export async function abortQueryJob(ctx: Bulk2Context, jobId: string): Promise<QueryJobInfo> {
  const { api } = ctx;
  return await api.json(
    { method: 'PATCH', path: jobPath(api, 'query', jobId), route: ROUTE, json: { state: 'Aborted' } },
    queryJobInfoSchema,
    'abort query job',
  );
}

/** Deletes the job and its results (204). */
export async function deleteQueryJob(ctx: Bulk2Context, jobId: string): Promise<void> {
  const { api } = ctx;
  await api.send({ method: 'DELETE', path: jobPath(api, 'query', jobId), route: ROUTE });
}

/** Waits until the job is JobComplete; Failed and Aborted jobs are errors (BULK_JOB_FAILED, BULK_JOB_ABORTED). */
export async function waitForQueryJob(ctx: Bulk2Context, jobId: string, options: WaitOptions<QueryJobInfo> = {}): Promise<QueryJobInfo> {
  const job = await waitForTerminalState(ctx, 'query', jobId, (signal) => getQueryJob(ctx, jobId, signal), options);
  return throwIfJobFailed(job, 'query');
}
