import type { Queryable } from './driver.js';
import { quoteIdent } from './identifiers.js';
import { canonicalSql } from './sql-text.js';
import { SYNCED_AT, type TableInfo } from './table-info.js';
import type { ColumnValue } from './value-conversion.js';

/**
 * Every row of an object's table ordered by Id, each value in the canonical form `fromRestValue` and
 * `fromCsvValue` produce, so a table compares field by field with the records it was loaded from.
 * Includes `_sf_deleted_at`; leaves out `_synced_at`, which differs on every run.
 */
export async function readRows(db: Queryable, table: TableInfo): Promise<Record<string, ColumnValue>[]> {
  const columns = table.columns.filter((column) => column.name !== SYNCED_AT);
  const select = columns.map((column) => `${canonicalSql(column.kind ?? 'text', quoteIdent(column.name))} AS ${quoteIdent(column.name)}`);
  const { rows } = await db.query<Record<string, ColumnValue>>(
    `SELECT ${select.join(', ')} FROM ${table.sqlName} ORDER BY ${quoteIdent(table.id.name)}`);
  return rows;
}
