import type { FieldValue, SaveRow } from '../schema/object-def.js';
import type { ObjectSchema, RuntimeField } from '../schema/object-schema.js';
import type { OrgStore } from './org-store.js';
import { SaveError, entityIsDeleted, type SaveErrorItem } from './save-error.js';
import { isAssigned, parseSaveInput, type ParsedInput } from './save-input.js';
import { StoredRecord } from './stored-record.js';

export interface WriteOptions {
  /**
   * Admin writes: system fields (Id, CreatedDate, SystemModstamp, IsDeleted...) become writable so tests can
   * build exact data. Every other check still applies.
   */
  trusted?: boolean;
}

/** Inserts one record as the REST API does; throws SaveError with Salesforce's codes and messages. */
export function createRecord(
  store: OrgStore, object: ObjectSchema, input: Record<string, unknown>, actorId: string, options: WriteOptions = {},
): StoredRecord {
  const table = store.tableFor(object);
  const now = store.now();
  const parsed = parseSaveInput(object, input, 'insert', options.trusted === true);
  const values = defaultValues(object, actorId, now);
  for (const [field, value] of parsed.assignments) setStored(values, field, value);
  const created = (read(values, object, 'CreatedDate') as number | null) ?? now;
  if (!isAssigned(parsed, 'LastModifiedDate')) write(values, object, 'LastModifiedDate', created);
  const modstamp = parsed.explicitModstamp ?? (read(values, object, 'LastModifiedDate') as number | null) ?? now;
  object.def.onSave?.(saveRow(values, object, parsed), {
    kind: 'insert', now, nextAutoNumber: (name) => table.nextAutoNumber(name),
  });
  const errors = [
    ...parsed.errors,
    ...missingRequired(object, values, () => true),
    ...checkReferencesAndUniqueness(store, object, parsed, values, null),
  ];
  if (parsed.explicitId !== null && table.get(parsed.explicitId) !== undefined) {
    errors.push({ statusCode: 'DUPLICATE_VALUE', message: `duplicate value found: Id duplicates value on record with id: ${parsed.explicitId}`, fields: [] });
  }
  if (errors.length > 0) throw new SaveError(errors);
  const id = parsed.explicitId ?? store.ids.allocate(object.keyPrefix);
  const record = new StoredRecord(id, modstamp, parsed.explicitDeleted === true ? modstamp : null, values);
  store.insert(table, record);
  return record;
}

/** Updates one live record; every update moves LastModifiedDate and SystemModstamp, as in Salesforce. */
export function updateRecord(
  store: OrgStore, object: ObjectSchema, record: StoredRecord, input: Record<string, unknown>, actorId: string,
  options: WriteOptions = {},
): StoredRecord {
  if (record.deletedAt !== null && options.trusted !== true) throw entityIsDeleted();
  const table = store.tableFor(object);
  const now = store.now();
  const parsed = parseSaveInput(object, input, 'update', options.trusted === true);
  const values = [...record.values];
  write(values, object, 'LastModifiedDate', now);
  write(values, object, 'LastModifiedById', actorId);
  for (const [field, value] of parsed.assignments) setStored(values, field, value);
  const modstamp = parsed.explicitModstamp ?? (read(values, object, 'LastModifiedDate') as number | null) ?? now;
  object.def.onSave?.(saveRow(values, object, parsed), {
    kind: 'update', now, nextAutoNumber: (name) => table.nextAutoNumber(name),
  });
  const errors = [
    ...parsed.errors,
    ...missingRequired(object, values, (field) => parsed.assignments.has(field)),
    ...checkReferencesAndUniqueness(store, object, parsed, values, record),
  ];
  if (errors.length > 0) throw new SaveError(errors);
  const deletedAt = parsed.explicitDeleted === null ? record.deletedAt : parsed.explicitDeleted ? (record.deletedAt ?? modstamp) : null;
  store.apply(table, record, { modstamp, deletedAt, values });
  return record;
}

function defaultValues(object: ObjectSchema, actorId: string, now: number): FieldValue[] {
  const values = object.newValues();
  for (const name of ['OwnerId', 'CreatedById', 'LastModifiedById']) write(values, object, name, actorId);
  for (const name of ['CreatedDate', 'LastModifiedDate']) write(values, object, name, now);
  return values;
}

function missingRequired(object: ObjectSchema, values: FieldValue[], applies: (field: RuntimeField) => boolean): SaveErrorItem[] {
  const missing = object.fields
    .filter((field) => field.slot.kind === 'stored' && !field.def.nillable && field.type !== 'boolean' && !field.def.defaultedOnCreate)
    .filter((field) => field.def.createable && applies(field) && read(values, object, field.name) === null)
    .map((field) => field.name);
  return missing.length === 0 ? [] : [{ statusCode: 'REQUIRED_FIELD_MISSING', message: `Required fields are missing: [${missing.join(', ')}]`, fields: missing }];
}

function checkReferencesAndUniqueness(
  store: OrgStore, object: ObjectSchema, parsed: ParsedInput, values: FieldValue[], self: StoredRecord | null,
): SaveErrorItem[] {
  const errors: SaveErrorItem[] = [];
  const table = store.tableFor(object);
  for (const field of parsed.assignments.keys()) {
    const value = read(values, object, field.name);
    if (value === null) continue;
    if (field.type === 'reference') {
      const error = checkReference(store, field, String(value));
      if (error !== null) errors.push(error);
    }
    if (field.def.unique) {
      const other = table.findByUnique(field.name, value).find((candidate) => candidate !== self);
      if (other !== undefined) {
        errors.push({ statusCode: 'DUPLICATE_VALUE', message: `duplicate value found: ${field.name} duplicates value on record with id: ${other.id}`, fields: [] });
      }
    }
  }
  return errors;
}

function checkReference(store: OrgStore, field: RuntimeField, id: string): SaveErrorItem | null {
  const prefixes = field.def.referenceTo.map((name) => store.schema.object(name)?.keyPrefix);
  if (!prefixes.includes(id.slice(0, 3))) {
    return { statusCode: 'MALFORMED_ID', message: `${field.def.label}: id value of incorrect type: ${id}`, fields: [field.name] };
  }
  const target = store.find(id);
  if (target === undefined || target.record.deletedAt !== null) {
    return { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [field.name] };
  }
  return null;
}

function saveRow(values: FieldValue[], object: ObjectSchema, parsed: ParsedInput): SaveRow {
  return {
    get: (name) => read(values, object, name),
    set: (name, value) => write(values, object, name, value),
    provided: (name) => isAssigned(parsed, name),
  };
}

function setStored(values: FieldValue[], field: RuntimeField, value: FieldValue): void {
  if (field.slot.kind === 'stored') values[field.slot.index] = value;
}

function read(values: readonly FieldValue[], object: ObjectSchema, name: string): FieldValue {
  const field = object.field(name);
  return field?.slot.kind === 'stored' ? (values[field.slot.index] ?? null) : null;
}

function write(values: FieldValue[], object: ObjectSchema, name: string, value: FieldValue): void {
  const field = object.field(name);
  if (field !== undefined) setStored(values, field, value);
}
