import { StreamBody, jsonResponse, noContent, type ApiResponse } from '../http/api-types.js';
import { RestError } from '../http/rest-error.js';
import type { DataRequest, DataRoute } from '../rest/data-request.js';
import type { OrgSchema } from '../schema/org-schema.js';
import { upsertKeyField } from '../store/upsert-record.js';
import { invalidJob, invalidJobState, invalidProperty } from './bulk-errors.js';
import type { BulkJobs } from './bulk-jobs.js';
import type { IngestJob } from './ingest-job.js';
import { ingestResults, type IngestResultKind } from './ingest-results.js';
import type { IngestOperation } from './ingest-row.js';
import { jobListPage } from './job-list.js';
import { csvOptions, jobBody, requestedState, requireJobsVersion } from './job-request.js';

const OPERATIONS: ReadonlySet<unknown> = new Set<IngestOperation>(['insert', 'update', 'upsert', 'delete', 'hardDelete']);
const STATES: ReadonlySet<unknown> = new Set(['Open', 'UploadComplete', 'InProgress', 'JobComplete', 'Failed', 'Aborted']);
/** Uploads are CSV; clients that name no type, or a generic binary one, are let through. */
const UPLOAD_TYPES = new Set(['text/csv', 'application/octet-stream', '']);

/** Bulk API 2.0 ingest jobs: `/jobs/ingest[/{id}[/batches | /successfulResults/ | ...]]` (docs/salesforce-api.md §6.1–6.3). */
export function ingestJobRoutes(jobs: BulkJobs, schema: OrgSchema): DataRoute[] {
  const job = (request: DataRequest): IngestJob => {
    requireJobsVersion(request, 'ingest');
    return jobs.get('ingest', request.params['jobId'] ?? '');
  };
  const resultRoute = (path: string, kind: IngestResultKind): DataRoute => ({
    methods: ['GET'], template: `/jobs/ingest/:jobId/${path}`,
    handler: (request) => ({ status: 200, body: new StreamBody(ingestResults(job(request), kind), 'text/csv') }),
  });
  return [
    {
      methods: ['GET', 'POST'], template: '/jobs/ingest',
      handler: (request) => {
        requireJobsVersion(request, 'ingest');
        if (request.method === 'GET') return jobListPage(jobs.list('ingest'), request, 'V2Ingest');
        return jsonResponse(200, create(jobs, schema, request).createdInfo());
      },
    },
    {
      methods: ['GET', 'PATCH', 'DELETE'], template: '/jobs/ingest/:jobId',
      handler: (request) => {
        const found = job(request);
        if (request.method === 'GET') return jsonResponse(200, found.fullInfo());
        if (request.method === 'DELETE') {
          jobs.delete('ingest', found.id);
          return noContent();
        }
        return changeState(jobs, found, request);
      },
    },
    {
      methods: ['PUT'], template: '/jobs/ingest/:jobId/batches',
      handler: (request) => {
        const found = job(request);
        const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        if (!UPLOAD_TYPES.has(type)) throw new RestError(415, 'UNSUPPORTED_MEDIA_TYPE', `Content type '${type}' not supported for this resource`);
        found.addUpload(request.rawBody, jobs.now());
        return { status: 201 };
      },
    },
    resultRoute('successfulResults', 'successfulResults'),
    resultRoute('failedResults', 'failedResults'),
    // The documented spelling is lowercase (docs/salesforce-api.md §6.2); simple-salesforce asks for camel case, which works too.
    resultRoute('unprocessedrecords', 'unprocessedrecords'),
    resultRoute('unprocessedRecords', 'unprocessedrecords'),
  ];
}

/**
 * `object` and `operation` are required; an upsert names an external ID field of the object (or Id). Wording
 * as captured from real orgs: `InvalidJob : Unable to find object: Foo`, `InvalidJob : External ID was blank
 * for Contact. An External ID must be specified for upsert.`, `InvalidJob : Field name provided, Foo__c does
 * not match an External ID for Contact`.
 */
function create(jobs: BulkJobs, schema: OrgSchema, request: DataRequest): IngestJob {
  const body = jobBody(request);
  const { operation, object: objectName, externalIdFieldName } = body;
  if (!OPERATIONS.has(operation)) throw invalidProperty('operation', operation);
  const { columnDelimiter, lineEnding } = csvOptions(body);
  const object = typeof objectName === 'string' ? schema.object(objectName) : undefined;
  if (object === undefined) throw invalidJob(`Unable to find object: ${typeof objectName === 'string' ? objectName : ''}`);
  let externalIdField = null;
  if (operation === 'upsert') {
    if (typeof externalIdFieldName !== 'string') {
      throw invalidJob(`External ID was blank for ${object.name}. An External ID must be specified for upsert.`);
    }
    externalIdField = upsertKeyField(object, externalIdFieldName) ?? null;
    if (externalIdField === null) throw invalidJob(`Field name provided, ${externalIdFieldName} does not match an External ID for ${object.name}`);
  }
  const job = { createdById: request.session.userId, apiVersion: request.versionNumber, columnDelimiter, lineEnding };
  return jobs.createIngest(job, object, operation as IngestOperation, externalIdField);
}

/** `PATCH {"state":"UploadComplete"}` closes the upload; `{"state":"Aborted"}` aborts. */
function changeState(jobs: BulkJobs, job: IngestJob, request: DataRequest): ApiResponse {
  const state = requestedState(request);
  if (state === 'UploadComplete') job.close(jobs.now());
  else if (state === 'Aborted') job.abort(jobs.now());
  else if (STATES.has(state)) throw invalidJobState(`Cannot change the state of a job to ${String(state)}`);
  else throw invalidProperty('state', state);
  return jsonResponse(200, job.shortInfo());
}
