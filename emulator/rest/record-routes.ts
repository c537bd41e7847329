import { normalizeId } from '../ids/salesforce-id.js';
import { jsonResponse, noContent, type ApiResponse } from '../http/api-types.js';
import { RestError, notFoundError } from '../http/rest-error.js';
import type { OrgRuntime } from '../org-runtime.js';
import type { ObjectSchema, RuntimeField } from '../schema/object-schema.js';
import { deleteBlocker, softDelete } from '../store/delete-records.js';
import { recordToJson, recordUrl } from '../store/record-json.js';
import { updateRecord } from '../store/record-writer.js';
import { readScalar, type StoredRecord } from '../store/stored-record.js';
import { findByKey, upsertKeyField, upsertRecord } from '../store/upsert-record.js';
import type { DataRequest, DataRoute } from './data-request.js';
import { httpDate, recordBody, requireObject, requireRecord, unknownExternalIdField } from './request-helpers.js';

/** Upserts report `created` and answer 200 (not 204) on update from v46.0 (docs/salesforce-api.md §3.4). */
const UPSERT_CREATED_FLAG_VERSION = 46;

/** Record CRUD, upsert and reads by external ID, and relationship traversal (docs/salesforce-api.md §3.3–3.4). */
export function recordRoutes(runtime: OrgRuntime): DataRoute[] {
  const { store } = runtime;
  return [
    {
      methods: ['GET', 'PATCH', 'DELETE', 'POST'], template: '/sobjects/:object/:id',
      handler: (request) => {
        const object = requireObject(store, request.params['object']);
        const segment = request.params['id'] ?? '';
        if (request.method === 'POST') {
          // POST /sobjects/X/Id inserts, treating Id as an external ID with no value (v37.0+).
          if (segment !== 'Id') throw new RestError(405, 'METHOD_NOT_ALLOWED', "HTTP Method 'POST' not allowed. Allowed are HEAD,GET,PATCH,DELETE");
          return upsert(runtime, request, object, upsertKeyField(object, 'Id') as RuntimeField, '');
        }
        const record = requireRecord(store, object, segment);
        if (request.method === 'GET') return readRecord(request, object, record);
        if (request.method === 'PATCH') {
          store.write(() => updateRecord(store, object, record, recordBody(request, object.name), request.session.userId));
          return noContent();
        }
        return deleteRecord(runtime, request, object, record);
      },
    },
    {
      methods: ['GET', 'PATCH', 'DELETE'], template: '/sobjects/:object/:first/:second',
      handler: (request) => {
        const object = requireObject(store, request.params['object']);
        const first = request.params['first'] ?? '';
        const second = request.params['second'] ?? '';
        if (request.method === 'GET' && normalizeId(first) !== null) return traverse(runtime, request, object, first, second);
        const field = upsertKeyField(object, first);
        if (field === undefined) throw unknownExternalIdField(first);
        if (request.method === 'PATCH') return upsert(runtime, request, object, field, second);
        const matches = findByKey(store, object, field, second);
        if (matches.length > 1) return multipleChoices(request, object, matches);
        const [match] = matches;
        if (match === undefined) throw notFoundError();
        return request.method === 'GET' ? readRecord(request, object, match) : deleteRecord(runtime, request, object, match);
      },
    },
  ];
}

function readRecord(request: DataRequest, object: ObjectSchema, record: StoredRecord): ApiResponse {
  const since = httpDate(request.headers['if-modified-since']);
  const modified = readScalar(record, object, 'LastModifiedDate');
  if (since !== null && typeof modified === 'number' && modified <= since) return { status: 304 };
  const requested = request.query.get('fields');
  const fields = requested === null ? object.fields : requested.split(',').map((name) => {
    const field = object.field(name.trim());
    if (field === undefined) {
      throw new RestError(400, 'INVALID_FIELD', `No such column '${name.trim()}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
    }
    return field;
  });
  return jsonResponse(200, recordToJson(record, object, request.version, fields));
}

function deleteRecord(runtime: OrgRuntime, request: DataRequest, object: ObjectSchema, record: StoredRecord): ApiResponse {
  const blocker = deleteBlocker(object, record);
  if (blocker !== null) throw blocker;
  const { store } = runtime;
  store.write(() => softDelete(store, store.tableFor(object), [record], request.session.userId));
  return noContent();
}

function upsert(runtime: OrgRuntime, request: DataRequest, object: ObjectSchema, field: RuntimeField, value: string): ApiResponse {
  const { store } = runtime;
  const body = recordBody(request, object.name);
  if (request.query.get('updateOnly') === 'true' && findByKey(store, object, field, value).length === 0) throw notFoundError();
  const outcome = store.write(() => upsertRecord(store, object, field, value, body, request.session.userId));
  if (outcome.kind === 'multiple') return multipleChoices(request, object, outcome.records);
  const withFlag = request.versionNumber >= UPSERT_CREATED_FLAG_VERSION;
  if (outcome.kind === 'updated' && !withFlag) return noContent();
  const result = { id: outcome.record.id, success: true, errors: [] as unknown[] };
  return jsonResponse(outcome.kind === 'created' ? 201 : 200, withFlag ? { ...result, created: outcome.kind === 'created' } : result);
}

/** 300: the external ID matches several records; the body lists their URLs [FLAG docs/salesforce-api.md §3.4]. */
function multipleChoices(request: DataRequest, object: ObjectSchema, records: readonly StoredRecord[]): ApiResponse {
  return jsonResponse(300, records.map((record) => recordUrl(request.version, object.name, record.id)));
}

/** `GET /sobjects/Contact/{id}/Account` (parent, 404 when empty) or `/sobjects/Account/{id}/Contacts` (children). */
function traverse(runtime: OrgRuntime, request: DataRequest, object: ObjectSchema, idSegment: string, relationshipName: string): ApiResponse {
  const { store } = runtime;
  const record = requireRecord(store, object, idSegment);
  const lookup = object.relationship(relationshipName);
  if (lookup !== undefined) {
    const parentId = readScalar(record, object, lookup.name);
    const parent = typeof parentId === 'string' ? store.find(parentId) : undefined;
    if (parent === undefined || parent.record.deletedAt !== null) throw notFoundError();
    return jsonResponse(200, recordToJson(parent.record, parent.table.schema, request.version));
  }
  const child = object.childRelationships.find((candidate) => candidate.relationshipName.toLowerCase() === relationshipName.toLowerCase());
  const childObject = child === undefined ? undefined : store.schema.object(child.childSObject);
  if (child === undefined || childObject === undefined) throw notFoundError();
  const children: Record<string, unknown>[] = [];
  store.tableFor(childObject).index('id', false).scan(0, 1, (candidate) => {
    if (readScalar(candidate, childObject, child.field) === record.id) children.push(recordToJson(candidate, childObject, request.version));
    return true;
  });
  return jsonResponse(200, { totalSize: children.length, done: true, records: children });
}
