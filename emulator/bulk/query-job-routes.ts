import { setImmediate } from 'node:timers/promises';
import { StreamBody, jsonResponse, noContent, type ApiResponse } from '../http/api-types.js';
import { RestError } from '../http/rest-error.js';
import type { DataRequest, DataRoute } from '../rest/data-request.js';
import { invalidJobState, invalidProperty } from './bulk-errors.js';
import type { BulkJobs } from './bulk-jobs.js';
import { COLUMN_DELIMITERS, LINE_ENDINGS } from './csv-format.js';
import { jobListPage } from './job-list.js';
import { csvOptions, jobBody, requestedState, requireJobsVersion } from './job-request.js';
import type { QueryJob, QueryOperation } from './query-job.js';
import type { QuerySnapshot } from './query-snapshot.js';
import { decodeLocator, encodeLocator } from './result-locator.js';

/** Rows per written chunk: a page of any size streams out without being built in memory. */
const CHUNK_ROWS = 1000;

/** Bulk API 2.0 query jobs: `/jobs/query[/{id}[/results]]` (docs/salesforce-api.md §6.4). */
export function queryJobRoutes(jobs: BulkJobs): DataRoute[] {
  const job = (request: DataRequest): QueryJob => {
    requireJobsVersion(request, 'query');
    return jobs.get('query', request.params['jobId'] ?? '');
  };
  return [
    {
      methods: ['GET', 'POST'], template: '/jobs/query',
      handler: (request) => {
        requireJobsVersion(request, 'query');
        if (request.method === 'GET') return jobListPage(jobs.list('query'), request, 'V2Query');
        return jsonResponse(200, create(jobs, request).shortInfo());
      },
    },
    {
      methods: ['GET', 'PATCH', 'DELETE'], template: '/jobs/query/:jobId',
      handler: (request) => {
        const found = job(request);
        if (request.method === 'GET') return jsonResponse(200, found.fullInfo());
        if (request.method === 'DELETE') {
          jobs.delete('query', found.id);
          return noContent();
        }
        const state = requestedState(request);
        if (state !== 'Aborted') throw invalidJobState(`A query job can only be changed to Aborted, not ${JSON.stringify(state) ?? 'nothing'}`);
        found.abort(jobs.now());
        return jsonResponse(200, found.shortInfo());
      },
    },
    { methods: ['GET'], template: '/jobs/query/:jobId/results', handler: (request) => results(jobs, job(request), request) },
  ];
}

function create(jobs: BulkJobs, request: DataRequest): QueryJob {
  const body = jobBody(request);
  const { operation, query } = body;
  if (operation !== 'query' && operation !== 'queryAll') throw invalidProperty('operation', operation);
  if (typeof query !== 'string' || query.trim() === '') throw invalidProperty('query', query);
  const { columnDelimiter, lineEnding } = csvOptions(body);
  return jobs.createQuery(
    { createdById: request.session.userId, apiVersion: request.versionNumber, columnDelimiter, lineEnding },
    operation satisfies QueryOperation,
    query,
  );
}

/**
 * One results page: `Sforce-Locator` (the literal `null` after the last page) and `Sforce-NumberOfRecords`,
 * the header row, then the page's rows. A locator names a row offset of the frozen result, so it can be used
 * again and again.
 */
function results(jobs: BulkJobs, job: QueryJob, request: DataRequest): ApiResponse {
  const { apiVersion } = job.basics;
  if (request.versionNumber !== apiVersion) {
    throw new RestError(409, 'API_ERROR',
      `Results of query job ${job.id} must be retrieved with API version ${apiVersion.toFixed(1)}, the version that created the job`);
  }
  const snapshot = job.result;
  if (snapshot === null) {
    throw new RestError(jobs.settings.query.notCompleteStatus, 'JOB_NOT_COMPLETE',
      `can only download query results of successfully completed bulk job with status: JOB_COMPLETE. Current status: ${screaming(job.state)}`);
  }
  const pageSize = maxRecords(request, jobs.settings.query.defaultPageRecords);
  const locator = request.query.get('locator');
  const from = locator === null || locator === '' ? 0 : decodeLocator(locator, apiVersion);
  const served = job.servedRows;
  if (from === null || from > served) throw new RestError(400, 'INVALID_LOCATOR', `Invalid locator: ${locator ?? ''}`);
  const to = Math.min(served, from + pageSize);
  return {
    status: 200,
    headers: {
      'Sforce-Locator': to < served ? encodeLocator(to, apiVersion) : 'null',
      'Sforce-NumberOfRecords': String(to - from),
    },
    body: new StreamBody(pageText(job, snapshot, from, to), 'text/csv'),
  };
}

async function* pageText(job: QueryJob, snapshot: QuerySnapshot, from: number, to: number): AsyncGenerator<string> {
  const delimiter = COLUMN_DELIMITERS[job.basics.columnDelimiter];
  const newline = LINE_ENDINGS[job.basics.lineEnding];
  const parentOf = (id: string) => snapshot.parent(id);
  yield job.csv.header(delimiter) + newline;
  for (let start = from; start < to; start += CHUNK_ROWS) {
    let chunk = '';
    for (let index = start; index < Math.min(to, start + CHUNK_ROWS); index++) chunk += job.csv.row(snapshot.row(index), parentOf, delimiter) + newline;
    yield chunk;
    // Other requests are served between chunks of a large page.
    await setImmediate();
  }
}

/** `maxRecords`: a positive whole number [FLAG: the error for anything else]. */
function maxRecords(request: DataRequest, fallback: number): number {
  const text = request.query.get('maxRecords');
  if (text === null || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new RestError(400, 'INVALID_QUERY_PARAMETER', `Invalid value for maxRecords: ${text}`);
  return Number(text);
}

/** `InProgress` → `IN_PROGRESS`, as the not-complete message spells states. */
function screaming(state: string): string {
  return state.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}
