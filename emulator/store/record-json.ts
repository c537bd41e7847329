import type { FieldValue } from '../schema/object-def.js';
import type { ObjectSchema, RuntimeField } from '../schema/object-schema.js';
import { formatDateTime } from '../values/datetime.js';
import { readField, type CompoundValue, type StoredRecord } from './stored-record.js';

/** A field value in REST JSON form: datetimes as `2024-01-02T03:04:05.000+0000`, everything else as stored. */
export function toJsonValue(field: RuntimeField, value: FieldValue | CompoundValue): unknown {
  if (field.type === 'datetime' && typeof value === 'number') return formatDateTime(value);
  return value;
}

export function recordUrl(version: string, objectName: string, id: string): string {
  return `/services/data/v${version}/sobjects/${objectName}/${id}`;
}

export function recordAttributes(version: string, object: ObjectSchema, id: string): { type: string; url: string } {
  return { type: object.name, url: recordUrl(version, object.name, id) };
}

/** The record as `GET /sobjects/X/{id}` returns it: `attributes` first, then the fields in describe order. */
export function recordToJson(
  record: StoredRecord, object: ObjectSchema, version: string, fields: readonly RuntimeField[] = object.fields,
): Record<string, unknown> {
  const json: Record<string, unknown> = { attributes: recordAttributes(version, object, record.id) };
  for (const field of fields) json[field.name] = toJsonValue(field, readField(record, field, object));
  return json;
}

/** Every field of a record without `attributes`: the admin API's view for field-by-field comparisons. */
export function recordFields(record: StoredRecord, object: ObjectSchema): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const field of object.fields) json[field.name] = toJsonValue(field, readField(record, field, object));
  return json;
}
