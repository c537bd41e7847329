import type { z } from 'zod';
import type { Bulk2Query, Bulk2QueryOptions } from './bulk-query.js';
import { bulkQuery, schemaDecoder } from './bulk-query.js';
import type { Bulk2Context } from './context.js';
import type { Bulk2Record } from './csv-records.js';
import type { IngestOptions, IngestOutcome } from './ingest.js';
import { ingest } from './ingest.js';
import type { IngestRecord } from './ingest-csv.js';
import type { IngestJobSpec } from './ingest-jobs.js';
import { abortIngestJob, deleteIngestJob, getIngestJob } from './ingest-jobs.js';
import type { IngestJobInfo, QueryJobInfo } from './job-schemas.js';
import type { CreateQueryJobOptions } from './query-jobs.js';
import { abortQueryJob, createQueryJob, deleteQueryJob, getQueryJob, waitForQueryJob } from './query-jobs.js';
import type { QueryResultPage, QueryResultPagesOptions } from './query-result-pages.js';
import { queryResultPages } from './query-result-pages.js';
import type { WaitOptions } from './wait-for-job.js';

/** Bulk API 2.0 (docs/salesforce-api.md §6): query and ingest jobs, waited for without a timeout, results streamed. */
export interface Bulk2Api {
  /** Creates a query job; it starts in UploadComplete. Keep its id to resume instead of creating another. */
  createQueryJob(soql: string, options?: CreateQueryJobOptions): Promise<QueryJobInfo>;
  getQueryJob(jobId: string, options?: { signal?: AbortSignal }): Promise<QueryJobInfo>;
  abortQueryJob(jobId: string): Promise<QueryJobInfo>;
  deleteQueryJob(jobId: string): Promise<void>;
  /** Polls until JobComplete; a Failed job throws BULK_JOB_FAILED with its errorMessage, an Aborted one BULK_JOB_ABORTED. */
  waitForQueryJob(jobId: string, options?: WaitOptions<QueryJobInfo>): Promise<QueryJobInfo>;
  /** Result pages of a completed job, from the first page or from a committed locator. */
  queryResultPages(jobId: string, options?: QueryResultPagesOptions): AsyncIterable<QueryResultPage>;
  /** Create, wait, and stream the rows as text. */
  query(soql: string, options?: Bulk2QueryOptions): Promise<Bulk2Query<Bulk2Record>>;
  /** Create, wait, and stream rows validated and typed by a zod schema. */
  query<T>(soql: string, options: Bulk2QueryOptions & { schema: z.ZodType<T> }): Promise<Bulk2Query<T>>;
  /** Writes records through as many ingest jobs as their CSV needs, and streams back each record's outcome. */
  ingest(spec: IngestJobSpec, records: AsyncIterable<IngestRecord> | Iterable<IngestRecord>, options?: IngestOptions): Promise<IngestOutcome>;
  getIngestJob(jobId: string, options?: { signal?: AbortSignal }): Promise<IngestJobInfo>;
  abortIngestJob(jobId: string): Promise<IngestJobInfo>;
  deleteIngestJob(jobId: string): Promise<void>;
}

export function createBulk2Api(ctx: Bulk2Context): Bulk2Api {
  function query(soql: string, options?: Bulk2QueryOptions): Promise<Bulk2Query<Bulk2Record>>;
  function query<T>(soql: string, options: Bulk2QueryOptions & { schema: z.ZodType<T> }): Promise<Bulk2Query<T>>;
  function query<T>(soql: string, options: Bulk2QueryOptions & { schema?: z.ZodType<T> } = {}): Promise<Bulk2Query<T | Bulk2Record>> {
    const { schema, ...rest } = options;
    return schema === undefined ? bulkQuery(ctx, soql, rest, (row) => row) : bulkQuery(ctx, soql, rest, schemaDecoder(schema));
  }

  return {
    createQueryJob: (soql, options) => createQueryJob(ctx, soql, options),
    getQueryJob: (jobId, options = {}) => getQueryJob(ctx, jobId, options.signal),
    abortQueryJob: (jobId) => abortQueryJob(ctx, jobId),
    deleteQueryJob: (jobId) => deleteQueryJob(ctx, jobId),
    waitForQueryJob: (jobId, options) => waitForQueryJob(ctx, jobId, options),
    queryResultPages: (jobId, options) => queryResultPages(ctx, jobId, options),
    query,
    ingest: (spec, records, options) => ingest(ctx, spec, records, options),
    getIngestJob: (jobId, options = {}) => getIngestJob(ctx, jobId, options.signal),
    abortIngestJob: (jobId) => abortIngestJob(ctx, jobId),
    deleteIngestJob: (jobId) => deleteIngestJob(ctx, jobId),
  };
}
