import { StoreError } from './errors.js';
import type { Column, TableInfo } from './table-info.js';
import { restToColumn, textToColumn, type ColumnValue } from './value-conversion.js';

/** How the values of a page are written: REST JSON values, or Bulk API 2.0 CSV cells (all strings). */
export type ValueFormat = 'rest' | 'csv';

export interface PageRow {
  id: string;
  systemModstamp: string | null;
  isDeleted: boolean;
  values: Map<Column, ColumnValue>;
}

/**
 * Converts a page of Salesforce records into rows for the table, one per Id. If an Id appears twice, the
 * version with the later SystemModstamp (or, on a tie, the later position) wins, as a single INSERT ... ON
 * CONFLICT cannot touch a row twice.
 */
export function pageRows(records: readonly Record<string, unknown>[], table: TableInfo, format: ValueFormat): PageRow[] {
  const byId = new Map<string, PageRow>();
  for (const record of records) {
    const row = pageRow(record, table, format);
    const previous = byId.get(row.id);
    if (previous === undefined || (previous.systemModstamp ?? '') <= (row.systemModstamp ?? '')) byId.set(row.id, row);
  }
  return [...byId.values()];
}

/** One record as a row: its values by column, converted from REST or CSV values. */
export function pageRow(record: Record<string, unknown>, table: TableInfo, format: ValueFormat): PageRow {
  const values = new Map<Column, ColumnValue>();
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes') continue;
    const column = fieldColumn(table, key);
    const kind = column.kind ?? 'text';
    if (format === 'rest') {
      values.set(column, restToColumn(kind, value, key));
    } else if (typeof value === 'string') {
      values.set(column, textToColumn(kind, value, key));
    } else {
      throw new StoreError('INVALID_VALUE', `Field ${key} holds a ${typeof value}, not CSV text`, { object: table.object, field: key });
    }
  }
  const id = values.get(table.id);
  if (typeof id !== 'string') throw new StoreError('MISSING_ID', `A ${table.object} record has no Id`, { object: table.object });
  const systemModstamp = table.systemModstamp === undefined ? null : values.get(table.systemModstamp);
  const isDeleted = table.fields.get('isdeleted');
  return {
    id,
    systemModstamp: typeof systemModstamp === 'string' ? systemModstamp : null,
    isDeleted: isDeleted !== undefined && values.get(isDeleted) === true,
    values,
  };
}

/** The column holding a field; a field the table lacks is UNKNOWN_FIELD. */
export function fieldColumn(table: TableInfo, field: string): Column {
  const column = table.fields.get(field.toLowerCase());
  if (column === undefined) {
    throw new StoreError('UNKNOWN_FIELD', `${table.object} has no column for field ${field}: call ensureTable with it first`,
      { object: table.object, field });
  }
  return column;
}
