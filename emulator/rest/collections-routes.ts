import { normalizeId } from '../ids/salesforce-id.js';
import { jsonResponse } from '../http/api-types.js';
import { RestError } from '../http/rest-error.js';
import type { OrgRuntime } from '../org-runtime.js';
import type { ObjectSchema } from '../schema/object-schema.js';
import { deleteBlocker, softDelete } from '../store/delete-records.js';
import { recordToJson } from '../store/record-json.js';
import { createRecord, updateRecord } from '../store/record-writer.js';
import { saveError } from '../store/save-error.js';
import { findByKey, upsertKeyField } from '../store/upsert-record.js';
import type { DataRequest, DataRoute } from './data-request.js';
import { requireObject, unknownExternalIdField } from './request-helpers.js';
import { runSaves, type SaveResult } from './save-results.js';

/** sObject Collections take at most 200 records per call; retrieve accepts up to 2,000 IDs by POST (docs/salesforce-api.md §5.3). */
const MAX_RECORDS = 200;
const MAX_RETRIEVE_IDS = 2000;

type Item = Record<string, unknown>;

/** `/composite/sobjects`: create, update, upsert, delete and retrieve many records in one call (docs/salesforce-api.md §5.3). */
export function collectionsRoutes(runtime: OrgRuntime): DataRoute[] {
  const { store } = runtime;
  return [
    {
      methods: ['POST', 'PATCH', 'DELETE'], template: '/composite/sobjects',
      handler: (request) => {
        const actor = request.session.userId;
        if (request.method === 'DELETE') {
          const ids = (request.query.get('ids') ?? '').split(',').filter((id) => id !== '');
          checkCount(ids.length, MAX_RECORDS);
          const results = runSaves(store, {
            allOrNone: request.query.get('allOrNone') === 'true', items: ids, keepIdOnRollback: true,
            idOf: (raw) => normalizeId(raw),
            save: (raw) => {
              const id = normalizeId(raw);
              if (id === null) throw saveError('MALFORMED_ID', `malformed id ${raw}`);
              const found = store.find(id);
              if (found === undefined) throw saveError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
              const blocker = deleteBlocker(found.table.schema, found.record);
              if (blocker !== null) throw blocker;
              softDelete(store, found.table, [found.record], actor);
              return { id, success: true, errors: [] };
            },
          });
          return jsonResponse(200, results);
        }
        const { allOrNone, records } = collectionBody(request);
        if (request.method === 'POST') {
          return jsonResponse(200, runSaves(store, {
            allOrNone, items: records, keepIdOnRollback: false, idOf: () => null,
            save: (record) => {
              const object = typedObject(runtime, record);
              return { id: createRecord(store, object, withoutAttributes(record), actor).id, success: true, errors: [] };
            },
          }));
        }
        return jsonResponse(200, runSaves(store, {
          allOrNone, items: records, keepIdOnRollback: true,
          idOf: (record) => normalizeId(idText(record)),
          save: (record) => {
            const object = typedObject(runtime, record);
            const raw = idText(record);
            const id = normalizeId(raw);
            if (id === null || id.slice(0, 3) !== object.keyPrefix) throw saveError('MALFORMED_ID', `${object.def.label} ID: id value of incorrect type: ${raw}`, ['Id']);
            const existing = store.tableFor(object).get(id);
            if (existing === undefined) throw saveError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
            const { id: _id, Id: _Id, ...fields } = withoutAttributes(record);
            updateRecord(store, object, existing, fields, actor);
            return { id, success: true, errors: [] };
          },
        }));
      },
    },
    {
      methods: ['PATCH'], template: '/composite/sobjects/:object/:field',
      handler: (request) => {
        const object = requireObject(store, request.params['object']);
        const field = upsertKeyField(object, request.params['field'] ?? '');
        if (field === undefined || field.slot.kind === 'id') throw unknownExternalIdField(request.params['field'] ?? '');
        const { allOrNone, records } = collectionBody(request);
        const keyOf = (record: Item): string | null => {
          const entry = Object.entries(record).find(([key]) => key.toLowerCase() === field.name.toLowerCase());
          return entry === undefined || (typeof entry[1] !== 'string' && typeof entry[1] !== 'number') || entry[1] === '' ? null : String(entry[1]);
        };
        const seen = new Map<string, number>();
        for (const record of records) {
          const key = keyOf(record)?.toLowerCase();
          if (key !== undefined) seen.set(key, (seen.get(key) ?? 0) + 1);
        }
        return jsonResponse(200, runSaves(store, {
          allOrNone, items: records, keepIdOnRollback: true, idOf: () => null,
          save: (record): SaveResult => {
            typedObject(runtime, record, object);
            const key = keyOf(record);
            if (key === null) throw saveError('MISSING_ARGUMENT', `${field.name} not specified`);
            const matches = findByKey(store, object, field, key);
            if ((seen.get(key.toLowerCase()) ?? 0) > 1 || matches.length > 1) {
              throw saveError('DUPLICATE_EXTERNAL_ID', `Duplicate external id specified: ${key}`, [field.name]);
            }
            const [match] = matches;
            const fields = withoutAttributes(record);
            if (match !== undefined) {
              const { [field.name]: _key, ...changes } = fields;
              updateRecord(store, object, match, changes, request.session.userId);
              return { id: match.id, success: true, errors: [], created: false };
            }
            return { id: createRecord(store, object, fields, request.session.userId).id, success: true, errors: [], created: true };
          },
        }));
      },
    },
    {
      methods: ['GET', 'POST'], template: '/composite/sobjects/:object',
      handler: (request) => {
        const object = requireObject(store, request.params['object']);
        const { ids, fields } = retrieveArguments(request);
        const selected = fields.map((name) => {
          const found = object.field(name);
          if (found === undefined) throw new RestError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
          return found;
        });
        const table = store.tableFor(object);
        return jsonResponse(200, ids.map((raw) => {
          const id = normalizeId(raw);
          const record = id === null ? undefined : table.get(id);
          return record === undefined || record.deletedAt !== null ? null : recordToJson(record, object, request.version, selected);
        }));
      },
    },
  ];
}

function collectionBody(request: DataRequest): { allOrNone: boolean; records: Item[] } {
  const body = request.json() as { allOrNone?: unknown; records?: unknown } | undefined;
  if (body === undefined || !Array.isArray(body.records) || body.records.some((record) => typeof record !== 'object' || record === null || Array.isArray(record))) {
    throw new RestError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of SObjectCollection: expected an object with a records array');
  }
  checkCount(body.records.length, MAX_RECORDS);
  return { allOrNone: body.allOrNone === true, records: body.records as Item[] };
}

function checkCount(count: number, max: number): void {
  if (count > max) {
    throw new RestError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${max} records into this call`);
  }
}

/** A record's sObject type from `attributes.type` (which must match `expected` when given). */
function typedObject(runtime: OrgRuntime, record: Item, expected?: ObjectSchema): ObjectSchema {
  const type = (record['attributes'] as { type?: unknown } | undefined)?.type;
  if (typeof type !== 'string') {
    if (expected !== undefined) return expected;
    throw saveError('INVALID_TYPE', 'Must send a concrete entity type.');
  }
  const object = runtime.store.schema.object(type);
  if (object === undefined || (expected !== undefined && object !== expected)) {
    throw saveError('INVALID_TYPE', `sObject type '${type}' is not supported.`);
  }
  return object;
}

/** Collections name the record to update by `id` (the documented key) or `Id`. */
function idText(record: Item): string {
  const id = record['id'] ?? record['Id'];
  return typeof id === 'string' ? id : '';
}

function withoutAttributes(record: Item): Item {
  const { attributes: _attributes, ...fields } = record;
  return fields;
}

function retrieveArguments(request: DataRequest): { ids: string[]; fields: string[] } {
  if (request.method === 'POST') {
    const body = request.json() as { ids?: unknown; fields?: unknown } | undefined;
    const ids = Array.isArray(body?.ids) ? body.ids.map(String) : [];
    const fields = Array.isArray(body?.fields) ? body.fields.map(String) : [];
    if (fields.length === 0) throw new RestError(400, 'INVALID_FIELD', 'The fields parameter is required');
    checkCount(ids.length, MAX_RETRIEVE_IDS);
    return { ids, fields };
  }
  const fields = request.query.get('fields');
  if (fields === null || fields === '') throw new RestError(400, 'INVALID_FIELD', 'The fields parameter is required');
  return { ids: (request.query.get('ids') ?? '').split(',').filter((id) => id !== ''), fields: fields.split(',') };
}

