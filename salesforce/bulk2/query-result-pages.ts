import type { Readable } from 'node:stream';
import { isSalesforceError } from '../errors/salesforce-error.js';
import type { SalesforceError } from '../errors/salesforce-error.js';
import { toSalesforceError } from '../errors/to-salesforce-error.js';
import type { HttpStreamResponse } from '../http/transport.js';
import type { Bulk2Context } from './context.js';
import { jobPath, throwIfAborted, withSignal } from './context.js';
import type { Bulk2Record } from './csv-records.js';
import { csvReadError, csvRecords } from './csv-records.js';
import { DELIMITER_CHARACTERS } from './job-schemas.js';
import { getQueryJob } from './query-jobs.js';

export interface QueryResultPagesOptions {
  /** Resume at this locator (a `nextLocator` committed earlier); null or absent starts at the first page. */
  locator?: string | null;
  /** Rows per page; without it Salesforce sizes pages itself (docs/salesforce-api.md §6.4). */
  maxRecords?: number;
  signal?: AbortSignal;
}

export interface QueryResultPage {
  jobId: string;
  /** The locator that fetched this page; null for the first page. */
  locator: string | null;
  /** Where the next page starts (`Sforce-Locator`); null after the last page. Commit it with this page's rows. */
  nextLocator: string | null;
  /** Rows in this page, as `Sforce-NumberOfRecords` announced them. */
  numberOfRecords: number;
  /**
   * The page's rows, parsed as they stream in; readable once. After the last row the count is checked
   * against `numberOfRecords` and a mismatch throws INVALID_RESPONSE, so read to the end before committing.
   * Rows not read when the next page is requested are dropped.
   */
  records: AsyncIterable<Bulk2Record>;
}

/**
 * The result pages of a JobComplete query job, one HTTP response at a time (docs/salesforce-api.md §6.4): only the
 * rows being read are in memory, whatever the result size. Locators stay valid while the job exists, so
 * a crashed reader resumes from its last committed `nextLocator`.
 */
export async function* queryResultPages(ctx: Bulk2Context, jobId: string, options: QueryResultPagesOptions = {}): AsyncGenerator<QueryResultPage> {
  const maxRecords = maxRecordsQuery(options.maxRecords);
  let locator = options.locator ?? null;
  for (;;) {
    throwIfAborted(options.signal, `reading results of Bulk query job ${jobId}`);
    const response = await fetchPage(ctx, jobId, { ...maxRecords, ...(locator === null ? {} : { locator }) }, options.signal);
    const what = `results of Bulk query job ${jobId} at locator ${locator ?? '(first page)'}`;
    const { nextLocator, numberOfRecords } = pageHeaders(response, what);
    // createQueryJob always asks for COMMA.
    const rows = csvRecords(response.body, DELIMITER_CHARACTERS.COMMA);
    try {
      yield { jobId, locator, nextLocator, numberOfRecords, records: readOnce(verifiedRows(rows, numberOfRecords, what)) };
    } finally {
      rows.destroy();
    }
    if (nextLocator === null) return;
    locator = nextLocator;
  }
}

async function fetchPage(ctx: Bulk2Context, jobId: string, query: Record<string, string>, signal: AbortSignal | undefined): Promise<HttpStreamResponse> {
  const { api } = ctx;
  const path = jobPath(api, 'query', jobId, 'results');
  try {
    return await api.stream({ method: 'GET', path, route: '/jobs/query/{id}/results', query, headers: { accept: 'text/csv' }, ...withSignal(signal) });
  } catch (error) {
    if (isSalesforceError(error) && error.status === 409) throw await versionMismatch(ctx, jobId, error);
    throw error;
  }
}

/** Results must be read with the API version that created the job (docs/salesforce-api.md §6.4); name both versions. */
async function versionMismatch(ctx: Bulk2Context, jobId: string, conflict: SalesforceError): Promise<SalesforceError> {
  const jobVersion = await getQueryJob(ctx, jobId).then(
    (job) => `v${job.apiVersion.toFixed(1)}`,
    () => 'the version that created it',
  );
  return toSalesforceError({
    code: 'API_VERSION_MISMATCH',
    message: `results of Bulk query job ${jobId} can only be read with API ${jobVersion}; this client is pinned to ${ctx.api.apiVersion} (${conflict.message})`,
    cause: conflict,
  });
}

function pageHeaders(response: HttpStreamResponse, what: string): { nextLocator: string | null; numberOfRecords: number } {
  const locator = single(response.headers['sforce-locator']);
  const count = single(response.headers['sforce-numberofrecords']);
  if (locator === undefined || locator === '' || count === undefined || !/^\d+$/.test(count)) {
    response.body.destroy();
    throw toSalesforceError({ code: 'INVALID_RESPONSE', message: `${what}: missing or malformed Sforce-Locator / Sforce-NumberOfRecords headers` });
  }
  // The last page says so with the literal string "null" (docs/salesforce-api.md §6.4).
  return { nextLocator: locator === 'null' ? null : locator, numberOfRecords: Number(count) };
}

async function* verifiedRows(rows: Readable & AsyncIterable<Bulk2Record>, expected: number, what: string): AsyncGenerator<Bulk2Record> {
  let count = 0;
  try {
    for await (const row of rows) {
      count += 1;
      yield row;
    }
  } catch (cause) {
    throw csvReadError(cause, what);
  }
  if (count !== expected) {
    throw toSalesforceError({ code: 'INVALID_RESPONSE', message: `${what}: read ${count} rows but Sforce-NumberOfRecords announced ${expected}` });
  }
}

/** A streamed body cannot be read twice; say so instead of silently yielding nothing. */
function readOnce<T>(source: AsyncIterable<T>): AsyncIterable<T> {
  let taken = false;
  return {
    [Symbol.asyncIterator]() {
      if (taken) throw toSalesforceError({ code: 'INVALID_ARGUMENT', message: 'streamed Bulk rows can be read only once' });
      taken = true;
      return source[Symbol.asyncIterator]();
    },
  };
}

function maxRecordsQuery(maxRecords: number | undefined): { maxRecords?: string } {
  if (maxRecords === undefined) return {};
  if (!Number.isInteger(maxRecords) || maxRecords < 1) {
    throw toSalesforceError({ code: 'INVALID_ARGUMENT', message: `maxRecords must be a positive integer, got ${maxRecords}` });
  }
  return { maxRecords: String(maxRecords) };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
