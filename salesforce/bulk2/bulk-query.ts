import type { z } from 'zod';
import { isSalesforceError } from '../errors/salesforce-error.js';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import type { Bulk2Context } from './context.js';
import type { Bulk2Record } from './csv-records.js';
import type { QueryJobInfo } from './job-schemas.js';
import type { CreateQueryJobOptions } from './query-jobs.js';
import { abortQueryJob, createQueryJob, waitForQueryJob } from './query-jobs.js';
import { queryResultPages } from './query-result-pages.js';
import type { WaitOptions } from './wait-for-job.js';

export interface Bulk2QueryOptions extends CreateQueryJobOptions, WaitOptions<QueryJobInfo> {
  /** Rows per result page. */
  maxRecords?: number;
}

/** A completed query: its job, and its rows streamed page by page each time it is iterated. */
export interface Bulk2Query<T> extends AsyncIterable<T> {
  readonly job: QueryJobInfo;
}

/**
 * Create, wait, stream. Only this call knows the job's id until it returns, so a wait that ends early
 * (the signal, a failed poll) aborts the job rather than leave it running for nobody.
 */
export async function bulkQuery<T>(
  ctx: Bulk2Context,
  soql: string,
  options: Bulk2QueryOptions,
  decode: (row: Bulk2Record, index: number, jobId: string) => T,
): Promise<Bulk2Query<T>> {
  const { all, signal, maxRecords, ...wait } = options;
  const created = await createQueryJob(ctx, soql, { ...(all === undefined ? {} : { all }), ...(signal === undefined ? {} : { signal }) });
  let job: QueryJobInfo;
  try {
    job = await waitForQueryJob(ctx, created.id, { ...wait, ...(signal === undefined ? {} : { signal }) });
  } catch (error) {
    if (!isSalesforceError(error) || (error.code !== 'BULK_JOB_FAILED' && error.code !== 'BULK_JOB_ABORTED')) {
      await abortQueryJob(ctx, created.id).catch((abortError: unknown) => {
        ctx.logger.warn({ jobId: created.id, error: String(abortError) }, 'could not abort an abandoned Bulk query job');
      });
    }
    throw error;
  }
  const pageOptions = { ...(maxRecords === undefined ? {} : { maxRecords }), ...(signal === undefined ? {} : { signal }) };
  async function* records(): AsyncGenerator<T> {
    let index = 0;
    for await (const page of queryResultPages(ctx, job.id, pageOptions)) {
      for await (const row of page.records) yield decode(row, index++, job.id);
    }
  }
  return { job, [Symbol.asyncIterator]: () => records() };
}

/** Validates and types each row with a zod schema (coercions included); a row that does not fit is INVALID_RESPONSE. */
export function schemaDecoder<T>(schema: z.ZodType<T>): (row: Bulk2Record, index: number, jobId: string) => T {
  return (row, index, jobId) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(row)'}: ${issue.message}`)
      .join('; ');
    throw toSalesforceError({ code: 'INVALID_RESPONSE', message: `row ${index} of Bulk query job ${jobId} does not fit the schema (${problems})` });
  };
}
