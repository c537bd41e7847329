import { jsonResponse, type ApiResponse } from '../http/api-types.js';
import type { OrgRuntime } from '../org-runtime.js';
import { describeGlobalEntry, describeObject } from '../schema/describe-object.js';
import type { ObjectSchema } from '../schema/object-schema.js';
import { createRecord } from '../store/record-writer.js';
import { readScalar } from '../store/stored-record.js';
import { recordAttributes } from '../store/record-json.js';
import type { DataRequest, DataRoute } from './data-request.js';
import { httpDate, recordBody, requireObject } from './request-helpers.js';

/** The schema is fixed for a given emulator build; conditional describes compare against this date. */
const SCHEMA_LAST_MODIFIED = Date.UTC(2025, 5, 1);
/** Records listed in basic info's `recentItems`. */
const RECENT_ITEMS = 10;

/** Global describe, basic info (+ create), and sObject describe (docs/salesforce-api.md §3.1–3.3). */
export function describeRoutes(runtime: OrgRuntime): DataRoute[] {
  const { store } = runtime;
  const notModified = (request: DataRequest): ApiResponse | null => {
    const since = httpDate(request.headers['if-modified-since']);
    return since !== null && since >= SCHEMA_LAST_MODIFIED ? { status: 304 } : null;
  };
  const lastModified = { 'Last-Modified': new Date(SCHEMA_LAST_MODIFIED).toUTCString() };
  return [
    {
      methods: ['GET'], template: '/sobjects',
      handler: (request) => notModified(request) ?? jsonResponse(200, {
        encoding: 'UTF-8',
        maxBatchSize: 200,
        sobjects: store.schema.objects.map((object) => describeGlobalEntry(object, request.version)),
      }, lastModified),
    },
    {
      methods: ['GET'], template: '/sobjects/:object/describe',
      handler: (request) => {
        const object = requireObject(store, request.params['object']);
        return notModified(request) ?? jsonResponse(200, describeObject(object, request.version, runtime.baseUrl()), lastModified);
      },
    },
    {
      methods: ['GET', 'POST'], template: '/sobjects/:object',
      handler: (request) => {
        const object = requireObject(store, request.params['object']);
        if (request.method === 'POST') {
          const record = store.write(() => createRecord(store, object, recordBody(request, object.name), request.session.userId));
          return jsonResponse(201, { id: record.id, success: true, errors: [] });
        }
        return jsonResponse(200, { objectDescribe: describeGlobalEntry(object, request.version), recentItems: recentItems(runtime, object, request.version) });
      },
    },
  ];
}

function recentItems(runtime: OrgRuntime, object: ObjectSchema, version: string): Record<string, unknown>[] {
  const nameField = object.fields.find((field) => field.def.nameField)?.name ?? 'Id';
  const items: Record<string, unknown>[] = [];
  const index = runtime.store.tableFor(object).index('modstamp', false);
  index.scan(index.size - 1, -1, (record) => {
    items.push({ attributes: recordAttributes(version, object, record.id), Id: record.id, [nameField]: readScalar(record, object, nameField) });
    return items.length < RECENT_ITEMS;
  });
  return items;
}
