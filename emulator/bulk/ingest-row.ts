import { normalizeId } from '../ids/salesforce-id.js';
import type { ObjectSchema, RuntimeField } from '../schema/object-schema.js';
import { deleteBlocker, softDelete } from '../store/delete-records.js';
import type { OrgStore } from '../store/org-store.js';
import { createRecord, updateRecord } from '../store/record-writer.js';
import { SaveError, type SaveErrorItem } from '../store/save-error.js';
import type { StoredRecord } from '../store/stored-record.js';
import { findByKey, upsertRecord } from '../store/upsert-record.js';
import type { IngestColumn } from './ingest-columns.js';
import { NULL_CELL, cellInput, errorText } from './ingest-values.js';

export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';

/** What happened to one row: its record and whether it was created, or the `sf__Error` text. */
export type RowOutcome =
  | { ok: true; id: string; created: boolean }
  | { ok: false; id: string | null; error: string };

export interface RowContext {
  store: OrgStore;
  object: ObjectSchema;
  operation: IngestOperation;
  /** Upsert only: the field rows are matched on. */
  externalIdField: RuntimeField | null;
  columns: readonly IngestColumn[];
  /** The job's creator, who makes every save. */
  actorId: string;
}

interface RowInput {
  input: Record<string, unknown>;
  /** The Id cell, when the header has an Id column and the cell is not empty. */
  id: string | null;
}

/**
 * Applies one CSV row as its own save, so a failing row leaves the others alone (Bulk API 2.0 is never all
 * or none). Errors carry Salesforce's status codes and messages, as the REST API reports them.
 */
export function applyRow(context: RowContext, cells: readonly string[]): RowOutcome {
  let id: string | null = null;
  try {
    const row = readRow(context, cells);
    id = row.id === null ? null : normalizeId(row.id);
    return context.store.write(() => save(context, row));
  } catch (error) {
    if (!(error instanceof SaveError)) throw error;
    return { ok: false, id, error: errorText(error.items[0] as SaveErrorItem) };
  }
}

function save(context: RowContext, row: RowInput): RowOutcome {
  const { store, object, operation, actorId } = context;
  switch (operation) {
    case 'insert':
      return { ok: true, id: createRecord(store, object, row.input, actorId).id, created: true };
    case 'update': {
      const record = existingRecord(context, row.id, 'an update');
      return { ok: true, id: updateRecord(store, object, record, row.input, actorId).id, created: false };
    }
    case 'upsert':
      return upsert(context, row);
    case 'delete':
    case 'hardDelete': {
      const record = existingRecord(context, row.id, 'a delete');
      const blocker = deleteBlocker(object, record);
      if (blocker !== null) throw blocker;
      const table = store.tableFor(object);
      softDelete(store, table, [record], actorId);
      if (operation === 'hardDelete') store.purge(table, record);
      return { ok: true, id: record.id, created: false };
    }
  }
}

function upsert(context: RowContext, row: RowInput): RowOutcome {
  const { store, object, actorId } = context;
  const field = context.externalIdField as RuntimeField;
  const byId = field.slot.kind === 'id';
  const value = byId ? (row.id ?? '') : row.input[field.name];
  if (!byId && (typeof value !== 'string' || value === '')) throw rowError('MISSING_ARGUMENT', `${field.name} not specified`);
  const outcome = upsertRecord(store, object, field, String(value), row.input, actorId);
  if (outcome.kind === 'multiple') {
    const ids = outcome.records.map((record) => record.id).join(', ');
    throw rowError('DUPLICATE_EXTERNAL_ID', `${field.name}: more than one record found for external id field: [${ids}]`, [field.name]);
  }
  return { ok: true, id: outcome.record.id, created: outcome.kind === 'created' };
}

/** The live record an update or delete row names by Id. */
function existingRecord(context: RowContext, idCell: string | null, call: string): StoredRecord {
  const { store, object } = context;
  if (idCell === null) throw rowError('MISSING_ARGUMENT', `Id not specified in ${call} call`);
  const id = normalizeId(idCell);
  if (id === null || id.slice(0, 3) !== object.keyPrefix) {
    throw rowError('MALFORMED_ID', `${object.def.label} ID: id value of incorrect type: ${idCell}`, ['Id']);
  }
  const record = store.tableFor(object).get(id);
  // A well-formed ID of no record [FLAG: status code].
  if (record === undefined) throw rowError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
  if (record.deletedAt !== null) throw rowError('ENTITY_IS_DELETED', 'entity is deleted');
  return record;
}

/** The save input of a row: empty cells are left out (unchanged), `#N/A` is null, lookups by external ID resolved. */
function readRow(context: RowContext, cells: readonly string[]): RowInput {
  const input: Record<string, unknown> = {};
  let id: string | null = null;
  context.columns.forEach((column, index) => {
    const cell = cells[index] ?? '';
    if (column.kind === 'ignored' || cell === '') return;
    if (column.kind === 'field' && column.field.slot.kind === 'id') {
      id = cell;
      return;
    }
    const target = column.kind === 'field' ? column.field.name : column.lookup.name;
    if (cell === NULL_CELL) {
      input[target] = null;
      return;
    }
    if (column.kind === 'reference') {
      input[target] = parentId(context.store, column, cell);
      return;
    }
    const converted = cellInput(column.field, cell, index + 1);
    if (!converted.ok) throw new SaveError([converted.error]);
    input[target] = converted.value;
  });
  return { input, id };
}

function parentId(store: OrgStore, column: Extract<IngestColumn, { kind: 'reference' }>, value: string): string {
  const matches = findByKey(store, column.target, column.key, value);
  const [match] = matches;
  if (match === undefined) {
    throw rowError('INVALID_FIELD', `Foreign key external ID: ${value} not found for field ${column.key.name} in entity ${column.target.name}`);
  }
  if (matches.length > 1) {
    throw rowError('INVALID_FIELD', `More than 1 record found for External ID field ${column.key.name} in entity ${column.target.name} with value ${value}`);
  }
  return match.id;
}

function rowError(statusCode: string, message: string, fields: string[] = []): SaveError {
  return new SaveError([{ statusCode, message, fields }]);
}
