import { stringify } from 'csv-stringify/sync';
import type { FakeReply, RouteCall } from './fake-routes.js';
import { badRequest, jsonBody, notFound, TIMESTAMP, USER_ID } from './fake-routes.js';

export interface QueryScript {
  columns: string[];
  /** Values in column order; null is written as "" like every other value (docs/salesforce-api.md §6.4). */
  rows: Array<Array<string | null>>;
  /** Polls answered InProgress before the job ends. */
  inProgressPolls: number;
  /** End Failed with this errorMessage instead of JobComplete. */
  failWith?: string;
  /** Announce this many more (or fewer) rows than the page at `offset` holds. */
  miscount?: { offset: number; by: number };
  /** Drop the connection once, after `afterChars` of the page at `offset`. */
  cut?: { offset: number; afterChars: number };
}

export interface FakeQueryJob {
  id: string;
  operation: 'query' | 'queryAll';
  soql: string;
  apiVersion: number;
  state: string;
  polls: number;
  script: QueryScript;
}

export interface QueryOrg {
  queryJobs: Map<string, FakeQueryJob>;
  query: QueryScript;
  pageSize: number;
  newId(prefix: string): string;
}

export function handleQuery(call: RouteCall, org: QueryOrg): FakeReply | undefined {
  const { method, id, sub } = call;
  if (id === undefined) return method === 'POST' ? create(call, org) : undefined;
  const job = org.queryJobs.get(id);
  if (job === undefined) return notFound();
  if (sub === 'results' && method === 'GET') return results(call, job, org.pageSize);
  if (sub !== undefined) return undefined;
  if (method === 'GET') return { status: 200, json: poll(job) };
  if (method === 'PATCH' && jsonBody(call.body).state === 'Aborted') {
    job.state = 'Aborted';
    return { status: 200, json: info(job) };
  }
  if (method === 'DELETE') {
    org.queryJobs.delete(id);
    return { status: 204 };
  }
  return undefined;
}

function create(call: RouteCall, org: QueryOrg): FakeReply {
  const body = jsonBody(call.body);
  const job: FakeQueryJob = {
    id: org.newId('750'),
    operation: body.operation === 'queryAll' ? 'queryAll' : 'query',
    soql: String(body.query),
    apiVersion: call.apiVersion,
    state: 'UploadComplete',
    polls: 0,
    script: org.query,
  };
  org.queryJobs.set(job.id, job);
  return { status: 200, json: info(job) };
}

/** The create response has no jobType and no counters (docs/salesforce-api.md §6.4). */
function info(job: FakeQueryJob): Record<string, unknown> {
  return {
    id: job.id,
    operation: job.operation,
    object: /\bFROM\s+(\w+)/i.exec(job.soql)?.[1] ?? 'Account',
    createdById: USER_ID,
    createdDate: TIMESTAMP,
    systemModstamp: TIMESTAMP,
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    lineEnding: 'LF',
    columnDelimiter: 'COMMA',
  };
}

function poll(job: FakeQueryJob): Record<string, unknown> {
  if (job.state === 'UploadComplete' || job.state === 'InProgress') {
    job.polls += 1;
    job.state = job.polls <= job.script.inProgressPolls ? 'InProgress' : job.script.failWith === undefined ? 'JobComplete' : 'Failed';
  }
  return {
    ...info(job),
    jobType: 'V2Query',
    numberRecordsProcessed: job.state === 'JobComplete' ? job.script.rows.length : 0,
    retries: 0,
    totalProcessingTime: 1234,
    ...(job.state === 'Failed' ? { errorMessage: job.script.failWith } : {}),
  };
}

function results(call: RouteCall, job: FakeQueryJob, defaultPageSize: number): FakeReply {
  if (call.apiVersion !== job.apiVersion) {
    return { status: 409, json: [{ message: 'Results must be retrieved with the API version the job was created with', errorCode: 'INVALIDVERSION' }] };
  }
  if (job.state !== 'JobComplete') {
    return badRequest(`can only download query results of successfully completed bulk job with status: JOB_COMPLETE. Current status: ${job.state}`, 'JOB_NOT_COMPLETE');
  }
  const locator = call.url.searchParams.get('locator');
  const offset = locator === null ? 0 : Number(Buffer.from(locator, 'base64').toString('utf8'));
  const size = Number(call.url.searchParams.get('maxRecords') ?? defaultPageSize);
  const rows = job.script.rows.slice(offset, offset + size);
  const end = offset + rows.length;
  const miscount = job.script.miscount?.offset === offset ? job.script.miscount.by : 0;
  const { cut, ...script } = job.script;
  const cutAfter = cut?.offset === offset ? cut.afterChars : undefined;
  if (cutAfter !== undefined) job.script = script;
  return {
    ...(cutAfter === undefined ? {} : { cutAfter }),
    status: 200,
    // Every header and every value quoted, null as "" (docs/salesforce-api.md §6.4).
    text: stringify([job.script.columns, ...rows.map((row) => row.map((value) => value ?? ''))], { quoted: true, quoted_empty: true }),
    headers: {
      // Opaque since v49, e.g. `MTAwMDA`; the literal string "null" after the last page.
      'sforce-locator': end < job.script.rows.length ? Buffer.from(String(end)).toString('base64').replace(/=+$/, '') : 'null',
      'sforce-numberofrecords': String(rows.length + miscount),
    },
  };
}
