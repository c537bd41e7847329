import { normalizeId } from '../ids/salesforce-id.js';
import type { ObjectSchema, RuntimeField } from '../schema/object-schema.js';
import type { OrgStore } from './org-store.js';
import { createRecord, updateRecord } from './record-writer.js';
import { notFound } from './save-error.js';
import type { StoredRecord } from './stored-record.js';

export type UpsertOutcome =
  | { kind: 'created' | 'updated'; record: StoredRecord }
  | { kind: 'multiple'; records: StoredRecord[] };

/** The field an upsert or external-ID read may key on: Id or a field marked External ID. */
export function upsertKeyField(object: ObjectSchema, name: string): RuntimeField | undefined {
  const field = object.field(name);
  return field !== undefined && (field.slot.kind === 'id' || field.def.externalId) ? field : undefined;
}

/** Live records whose key field equals `value`. */
export function findByKey(store: OrgStore, object: ObjectSchema, field: RuntimeField, value: string): StoredRecord[] {
  const table = store.tableFor(object);
  if (field.slot.kind === 'id') {
    const id = normalizeId(value);
    const record = id === null ? undefined : table.get(id);
    return record === undefined || record.deletedAt !== null ? [] : [record];
  }
  return table.findByUnique(field.name, value);
}

/**
 * Upsert by external ID: no match inserts (with the key value set), one match updates, several matches
 * leave the data alone and report them (HTTP 300). Keyed on Id, a missing record is NOT_FOUND.
 */
export function upsertRecord(
  store: OrgStore, object: ObjectSchema, field: RuntimeField, value: string, input: Record<string, unknown>, actorId: string,
): UpsertOutcome {
  const body = Object.fromEntries(Object.entries(input).filter(([key]) => key.toLowerCase() !== field.name.toLowerCase()));
  if (field.slot.kind === 'id' && value === '') return { kind: 'created', record: createRecord(store, object, body, actorId) };
  const matches = findByKey(store, object, field, value);
  if (matches.length > 1) return { kind: 'multiple', records: matches };
  const [match] = matches;
  if (match !== undefined) return { kind: 'updated', record: updateRecord(store, object, match, body, actorId) };
  if (field.slot.kind === 'id') throw notFound();
  return { kind: 'created', record: createRecord(store, object, { ...body, [field.name]: value }, actorId) };
}
