import { normalizeId } from '../ids/salesforce-id.js';
import type { FieldValue, SaveRow } from '../schema/object-def.js';
import type { ObjectSchema, RuntimeField } from '../schema/object-schema.js';
import { toStoredValue } from './field-input.js';
import type { OrgStore } from './org-store.js';
import { SaveError, entityIsDeleted, noSuchColumn, type SaveErrorItem } from './save-error.js';
import { StoredRecord } from './stored-record.js';

export interface WriteOptions {
  /**
   * Admin writes: system fields (Id, CreatedDate, SystemModstamp, IsDeleted...) become writable so tests can
   * build exact data. Every other check still applies.
   */
  trusted?: boolean;
}

interface ParsedInput {
  assignments: Map<RuntimeField, FieldValue>;
  errors: SaveErrorItem[];
  explicitId: string | null;
  explicitModstamp: number | null;
  explicitDeleted: boolean | null;
}

/** Inserts one record as the REST API does; throws SaveError with Salesforce's codes and messages. */
export function createRecord(
  store: OrgStore, object: ObjectSchema, input: Record<string, unknown>, actorId: string, options: WriteOptions = {},
): StoredRecord {
  const table = store.tableFor(object);
  const now = store.now();
  const parsed = parseInput(object, input, 'insert', options.trusted === true);
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
  const parsed = parseInput(object, input, 'update', options.trusted === true);
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

function parseInput(object: ObjectSchema, input: Record<string, unknown>, mode: 'insert' | 'update', trusted: boolean): ParsedInput {
  const parsed: ParsedInput = { assignments: new Map(), errors: [], explicitId: null, explicitModstamp: null, explicitDeleted: null };
  const notWritable: string[] = [];
  for (const [key, raw] of Object.entries(input)) {
    if (key === 'attributes') continue;
    const field = object.field(key);
    if (field === undefined) throw noSuchColumn(object.name, key);
    const slot = field.slot;
    if (slot.kind === 'id') {
      if (mode === 'update') continue;
      if (!trusted) {
        parsed.errors.push({ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', message: 'cannot specify Id in an insert call', fields: ['Id'] });
        continue;
      }
      const id = typeof raw === 'string' ? normalizeId(raw) : null;
      if (id === null || id.slice(0, 3) !== object.keyPrefix) {
        parsed.errors.push({ statusCode: 'MALFORMED_ID', message: `${object.name} ID: id value of incorrect type: ${String(raw)}`, fields: ['Id'] });
      } else {
        parsed.explicitId = id;
      }
      continue;
    }
    const writable = trusted || (mode === 'insert' ? field.def.createable : field.def.updateable);
    if (!writable || slot.kind === 'compound' || slot.kind === 'formula') {
      notWritable.push(field.name);
      continue;
    }
    const result = toStoredValue(field, raw);
    if (!result.ok) {
      parsed.errors.push(result.error);
    } else if (slot.kind === 'modstamp') {
      parsed.explicitModstamp = result.value as number | null;
    } else if (slot.kind === 'deleted') {
      parsed.explicitDeleted = result.value === true;
    } else {
      parsed.assignments.set(field, result.value);
    }
  }
  if (notWritable.length > 0) {
    parsed.errors.unshift({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message: `Unable to create/update fields: ${notWritable.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      fields: notWritable,
    });
  }
  return parsed;
}

function defaultValues(object: ObjectSchema, actorId: string, now: number): FieldValue[] {
  const values = new Array<FieldValue>(object.storedFieldCount).fill(null);
  for (const field of object.fields) {
    if (field.slot.kind !== 'stored') continue;
    const defaultEntry = field.def.picklistValues.find((entry) => entry.defaultValue);
    if (field.type === 'boolean') values[field.slot.index] = false;
    else if (defaultEntry !== undefined) values[field.slot.index] = defaultEntry.value;
  }
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

function isAssigned(parsed: ParsedInput, name: string): boolean {
  for (const field of parsed.assignments.keys()) if (field.name === name) return true;
  return false;
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
