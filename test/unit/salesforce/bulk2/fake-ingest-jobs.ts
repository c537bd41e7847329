import { parse } from 'csv-parse/sync';
import type { FakeReply, RouteCall } from './fake-routes.js';
import { badRequest, jsonBody, notFound, TIMESTAMP, USER_ID } from './fake-routes.js';

export interface IngestScript {
  /** Polls answered InProgress before the job ends. */
  inProgressPolls: number;
  /** A row's fate: an `error` fails it with that sf__Error, otherwise it succeeds. */
  outcome: (row: Record<string, string>) => { error?: string };
  /** Process this many rows, then end Failed with `message`; the rest are unprocessed. */
  failAfter?: { rows: number; message: string };
  /** Answer every upload with this status and a standard error body. */
  uploadStatus?: number;
}

interface UploadedRow {
  cells: Record<string, string>;
  /** The row exactly as uploaded, without its line ending: results echo it (docs/salesforce-api.md §6.2). */
  raw: string;
}

export interface FakeIngestJob {
  id: string;
  spec: Record<string, unknown>;
  apiVersion: number;
  state: string;
  polls: number;
  uploads: string[];
  header: string;
  rows: UploadedRow[];
  succeeded: Array<{ row: UploadedRow; id: string; created: boolean }>;
  failed: Array<{ row: UploadedRow; error: string }>;
  unprocessed: UploadedRow[];
  script: IngestScript;
}

export interface IngestOrg {
  ingestJobs: Map<string, FakeIngestJob>;
  ingest: IngestScript;
  newId(prefix: string): string;
}

const DELIMITERS: Record<string, string> = { COMMA: ',', TAB: '\t', PIPE: '|', SEMICOLON: ';', CARET: '^', BACKQUOTE: '`' };

export function handleIngest(call: RouteCall, org: IngestOrg): FakeReply | undefined {
  const { method, id, sub } = call;
  if (id === undefined) return method === 'POST' ? create(call, org) : undefined;
  const job = org.ingestJobs.get(id);
  if (job === undefined) return notFound();
  if (sub === 'batches' && method === 'PUT') return upload(call, job);
  if (sub === undefined && method === 'GET') return { status: 200, json: poll(job) };
  if (sub === undefined && method === 'PATCH') return setState(job, String(jsonBody(call.body).state), org);
  if (sub === undefined && method === 'DELETE') {
    org.ingestJobs.delete(id);
    return { status: 204 };
  }
  if (method === 'GET' && (sub === 'successfulResults' || sub === 'failedResults' || sub === 'unprocessedrecords')) return results(job, sub);
  return undefined;
}

function create(call: RouteCall, org: IngestOrg): FakeReply {
  const spec = { lineEnding: 'LF', columnDelimiter: 'COMMA', ...jsonBody(call.body) };
  const job: FakeIngestJob = {
    id: org.newId('750'),
    spec,
    apiVersion: call.apiVersion,
    state: 'Open',
    polls: 0,
    uploads: [],
    header: '',
    rows: [],
    succeeded: [],
    failed: [],
    unprocessed: [],
    script: org.ingest,
  };
  org.ingestJobs.set(job.id, job);
  return { status: 200, json: { ...info(job), contentUrl: `services/data/v${job.apiVersion.toFixed(1)}/jobs/ingest/${job.id}/batches` } };
}

function info(job: FakeIngestJob): Record<string, unknown> {
  const { object, operation, externalIdFieldName, lineEnding, columnDelimiter } = job.spec;
  return {
    id: job.id,
    operation,
    object,
    createdById: USER_ID,
    createdDate: TIMESTAMP,
    systemModstamp: TIMESTAMP,
    state: job.state,
    ...(externalIdFieldName === undefined ? {} : { externalIdFieldName }),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    lineEnding,
    columnDelimiter,
  };
}

function upload(call: RouteCall, job: FakeIngestJob): FakeReply {
  if (job.script.uploadStatus !== undefined) return { status: job.script.uploadStatus, json: [{ message: 'Upload refused', errorCode: 'UNKNOWN_EXCEPTION' }] };
  // One PUT per job (docs/salesforce-api.md §6.1 [FLAG]: this fake refuses a second one).
  if (job.state !== 'Open' || job.uploads.length > 0) return badRequest(`Job ${job.id} is not open for uploads`);
  job.uploads.push(call.body);
  return { status: 201 };
}

function setState(job: FakeIngestJob, state: string, org: IngestOrg): FakeReply {
  if (state === 'Aborted') {
    if (job.state === 'Open') job.unprocessed = parseUpload(job);
    job.state = 'Aborted';
  } else if (state === 'UploadComplete' && job.state === 'Open') {
    job.state = 'UploadComplete';
    processRows(job, org);
  } else {
    return badRequest(`Job ${job.id} cannot move from ${job.state} to ${state}`);
  }
  // The close/abort answer is the short job info: no lineEnding, columnDelimiter or jobType (docs/salesforce-api.md §6.1).
  const { lineEnding: _lineEnding, columnDelimiter: _columnDelimiter, ...short } = info(job);
  return { status: 200, json: short };
}

function parseUpload(job: FakeIngestJob): UploadedRow[] {
  const lineEnding = job.spec.lineEnding === 'CRLF' ? '\r\n' : '\n';
  const parsed = parse(job.uploads.join(''), {
    raw: true,
    delimiter: DELIMITERS[String(job.spec.columnDelimiter)] ?? ',',
    record_delimiter: lineEnding,
  }) as unknown as Array<{ record: string[]; raw: string }>;
  const [header, ...rows] = parsed;
  const columns = header?.record ?? [];
  job.header = withoutLineEnding(header?.raw ?? '');
  return rows.map(({ record, raw }) => ({
    cells: Object.fromEntries(columns.map((column, at) => [column, record[at] ?? ''])),
    raw: withoutLineEnding(raw),
  }));
}

/** csv-parse keeps part of a two-character record delimiter in `raw`; a row's own line breaks are always inside quotes. */
function withoutLineEnding(raw: string): string {
  return raw.replace(/[\r\n]+$/, '');
}

function processRows(job: FakeIngestJob, org: IngestOrg): void {
  const rows = parseUpload(job);
  const limit = job.script.failAfter?.rows ?? rows.length;
  rows.forEach((row, position) => {
    if (position >= limit) {
      job.unprocessed.push(row);
      return;
    }
    const { error } = job.script.outcome(row.cells);
    if (error !== undefined) job.failed.push({ row, error });
    else {
      const created = job.spec.operation === 'insert' || job.spec.operation === 'upsert';
      job.succeeded.push({ row, id: created ? org.newId('001') : (row.cells.Id ?? ''), created });
    }
  });
}

function poll(job: FakeIngestJob): Record<string, unknown> {
  if (job.state === 'UploadComplete' || job.state === 'InProgress') {
    job.polls += 1;
    job.state = job.polls <= job.script.inProgressPolls ? 'InProgress' : job.script.failAfter === undefined ? 'JobComplete' : 'Failed';
  }
  const done = job.state !== 'Open' && job.state !== 'UploadComplete';
  return {
    ...info(job),
    jobType: 'V2Ingest',
    ...(done ? { numberRecordsProcessed: job.succeeded.length + job.failed.length, numberRecordsFailed: job.failed.length } : {}),
    retries: 0,
    totalProcessingTime: 100,
    apiActiveProcessingTime: 80,
    apexProcessingTime: 0,
    ...(job.state === 'Failed' ? { errorMessage: job.script.failAfter?.message } : {}),
  };
}

/** `sf__` columns always quoted, the uploaded columns echoed as uploaded, rows in no particular order (docs/salesforce-api.md §6.2). */
function results(job: FakeIngestJob, kind: 'successfulResults' | 'failedResults' | 'unprocessedrecords'): FakeReply {
  const lineEnding = job.spec.lineEnding === 'CRLF' ? '\r\n' : '\n';
  const delimiter = DELIMITERS[String(job.spec.columnDelimiter)] ?? ',';
  const quoted = (...values: string[]) => values.map((value) => `"${value.replaceAll('"', '""')}"`).join(delimiter) + delimiter;
  const lines =
    kind === 'successfulResults'
      ? [quoted('sf__Id', 'sf__Created') + job.header, ...job.succeeded.map(({ row, id, created }) => quoted(id, String(created)) + row.raw)]
      : kind === 'failedResults'
        ? [quoted('sf__Id', 'sf__Error') + job.header, ...job.failed.map(({ row, error }) => quoted(row.cells.Id ?? '', error) + row.raw)]
        : [job.header, ...job.unprocessed.map((row) => row.raw)];
  const [header = '', ...rows] = lines;
  return { status: 200, text: [header, ...rows.reverse()].map((line) => line + lineEnding).join('') };
}
