import { toSalesforceError } from '../errors/to-salesforce-error.js';
import type { Bulk2Context } from './context.js';
import { jobPath, withSignal } from './context.js';
import type { ColumnDelimiter, IngestJobInfo, IngestOperation, LineEnding } from './job-schemas.js';
import { ingestJobInfoSchema } from './job-schemas.js';
import type { WaitOptions } from './wait-for-job.js';
import { waitForTerminalState } from './wait-for-job.js';

export interface IngestJobSpec {
  object: string;
  operation: IngestOperation;
  /** Required for upsert: the external id field that matches rows to records. */
  externalIdFieldName?: string;
  /** Defaults to LF. */
  lineEnding?: LineEnding;
  /** Defaults to COMMA. */
  columnDelimiter?: ColumnDelimiter;
}

const ROUTE = '/jobs/ingest/{id}';

/** Creates an Open ingest job (docs/salesforce-api.md §6.1). Not retried in-process: a repeated POST would open a second job. */
export async function createIngestJob(ctx: Bulk2Context, spec: IngestJobSpec, signal?: AbortSignal): Promise<IngestJobInfo> {
  if (spec.operation === 'upsert' && spec.externalIdFieldName === undefined) {
    throw toSalesforceError({ code: 'INVALID_ARGUMENT', message: `an upsert of ${spec.object} needs externalIdFieldName` });
  }
  const { api } = ctx;
  return await api.json(
    {
      method: 'POST',
      path: api.path('jobs', 'ingest'),
      route: '/jobs/ingest',
      json: { contentType: 'CSV', lineEnding: 'LF', columnDelimiter: 'COMMA', ...spec },
      ...withSignal(signal),
    },
    ingestJobInfoSchema,
    'create ingest job',
  );
}

/**
 * Uploads the job's CSV in one PUT (docs/salesforce-api.md §6.1: 201, empty body). Never repeated in-process: whether a
 * second PUT to the same job is refused or appended is not settled (docs/salesforce-api.md §6.1 [FLAG]), so a failed
 * upload is the caller's to handle, by aborting the job and starting over with a new one.
 */
export async function uploadIngestData(ctx: Bulk2Context, jobId: string, csv: Buffer, signal?: AbortSignal): Promise<void> {
  const { api } = ctx;
  await api.send({
    method: 'PUT',
    path: jobPath(api, 'ingest', jobId, 'batches'),
    route: '/jobs/ingest/{id}/batches',
    headers: { 'content-type': 'text/csv' },
    body: csv,
    idempotent: false,
    ...withSignal(signal),
  });
}

/** Marks the upload complete, which queues the job for processing. */
export function closeIngestJob(ctx: Bulk2Context, jobId: string, signal?: AbortSignal): Promise<IngestJobInfo> {
  return setState(ctx, jobId, 'UploadComplete', signal);
}

export function abortIngestJob(ctx: Bulk2Context, jobId: string): Promise<IngestJobInfo> {
  return setState(ctx, jobId, 'Aborted');
}

export async function getIngestJob(ctx: Bulk2Context, jobId: string, signal?: AbortSignal): Promise<IngestJobInfo> {
  const { api } = ctx;
  return await api.json({ method: 'GET', path: jobPath(api, 'ingest', jobId), route: ROUTE, ...withSignal(signal) }, ingestJobInfoSchema, 'ingest job');
}

/** Deletes a job that is no longer Open, with its data and results (204). */
export async function deleteIngestJob(ctx: Bulk2Context, jobId: string): Promise<void> {
  const { api } = ctx;
  await api.send({ method: 'DELETE', path: jobPath(api, 'ingest', jobId), route: ROUTE });
}

/** Waits until the job is JobComplete, Failed or Aborted and returns it as it ended. */
export function waitForIngestJob(ctx: Bulk2Context, jobId: string, options: WaitOptions<IngestJobInfo> = {}): Promise<IngestJobInfo> {
  return waitForTerminalState(ctx, 'ingest', jobId, (signal) => getIngestJob(ctx, jobId, signal), options);
}

async function setState(ctx: Bulk2Context, jobId: string, state: 'UploadComplete' | 'Aborted', signal?: AbortSignal): Promise<IngestJobInfo> {
  const { api } = ctx;
  return await api.json(
    { method: 'PATCH', path: jobPath(api, 'ingest', jobId), route: ROUTE, json: { state }, ...withSignal(signal) },
    ingestJobInfoSchema,
    state === 'Aborted' ? 'abort ingest job' : 'close ingest job',
  );
}
