import { normalizeId } from '../ids/salesforce-id.js';
import { RestError, notFoundError } from '../http/rest-error.js';
import type { ObjectSchema } from '../schema/object-schema.js';
import type { OrgStore } from '../store/org-store.js';
import { entityIsDeleted } from '../store/save-error.js';
import type { StoredRecord } from '../store/stored-record.js';
import type { DataRequest } from './data-request.js';

/** The sObject named in the URL (case-insensitive), or 404 NOT_FOUND. */
export function requireObject(store: OrgStore, name: string | undefined): ObjectSchema {
  const object = name === undefined ? undefined : store.schema.object(name);
  if (object === undefined) throw notFoundError();
  return object;
}

/** The JSON body as a record (a JSON object), or JSON_PARSER_ERROR. */
export function recordBody(request: DataRequest, objectName: string): Record<string, unknown> {
  const body = request.json();
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RestError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${objectName} from ${Array.isArray(body) ? 'START_ARRAY' : 'VALUE_STRING'} value`);
  }
  return body as Record<string, unknown>;
}

/**
 * The live record an ID in the URL names. A segment that is not an ID at all is read as an external-ID field
 * name, as Salesforce does; an ID of another object is MALFORMED_ID; a recycle-bin record is ENTITY_IS_DELETED.
 */
export function requireRecord(store: OrgStore, object: ObjectSchema, segment: string): StoredRecord {
  const id = normalizeId(segment);
  if (id === null) throw unknownExternalIdField(segment);
  if (id.slice(0, 3) !== object.keyPrefix) {
    throw new RestError(400, 'MALFORMED_ID', `${object.def.label} ID: id value of incorrect type: ${segment}`, ['Id']);
  }
  const record = store.tableFor(object).get(id);
  if (record === undefined) throw notFoundError();
  if (record.deletedAt !== null) throw entityIsDeleted();
  return record;
}

export function unknownExternalIdField(name: string): RestError {
  return new RestError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`);
}

/** Parses an HTTP-date header (If-Modified-Since); null when absent or unreadable. */
export function httpDate(value: string | undefined): number | null {
  if (value === undefined) return null;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}
