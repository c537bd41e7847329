import type { Transaction } from './driver.js';
import { quoteIdent } from './identifiers.js';
import type { PageRow } from './page-rows.js';
import { arrayLiteral, toSqlText } from './sql-text.js';
import { SYNCED_AT, type Column, type TableInfo } from './table-info.js';

// Pages up to this many rows go in one parameterised INSERT; larger ones through COPY (staged-merge.ts).
const VALUES_MAX_ROWS = 100;
// The bind message counts parameters in 16 bits (PostgreSQL protocol, Bind); wide objects switch to COPY sooner.
const VALUES_MAX_PARAMS = 32_767;

/** Whether rows of this many columns fit one parameterised INSERT. */
export function fitsOneInsert(rowCount: number, columnCount: number): boolean {
  return rowCount <= VALUES_MAX_ROWS && rowCount * columnCount <= VALUES_MAX_PARAMS;
}

/**
 * Inserts or updates rows by Id in one parameterised statement (see fitsOneInsert), setting the deleted-at
 * column to each row's value (null revives a row). A row whose stored SystemModstamp is newer than the page's is left alone, so replaying an old page never
 * undoes a later change. Returns the number of rows written.
 */
export async function upsertRows(
  tx: Transaction, table: TableInfo, rows: readonly PageRow[], deletedAt: (row: PageRow) => string | null,
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = pageColumns(table, rows);
  const cells = rows.map((row) => columns.map((column) =>
    column === table.deletedAt ? deletedAt(row) : toSqlText(row.values.get(column) ?? null)));
  const names = columns.map((column) => quoteIdent(column.name));
  const onConflict = conflictClause(table, names);

  const placeholders = (r: number) => columns.map((column, c) => `$${r * columns.length + c + 1}::${column.castType}`);
  const tuples = rows.map((_, r) => `(${placeholders(r).join(', ')}, now())`);
  const sql = `INSERT INTO ${table.sqlName} AS target (${names.join(', ')}, ${SYNCED_AT}) VALUES ${tuples.join(', ')} ${onConflict}`;
  return (await tx.query(sql, cells.flat())).rowCount;
}

/** Deletes rows by Id, except rows changed after the delete (a later undelete). Returns the number deleted. */
export async function deleteRows(tx: Transaction, table: TableInfo, rows: readonly PageRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const id = `target.${quoteIdent(table.id.name)}`;
  const modstamp = table.systemModstamp === undefined ? null : `target.${quoteIdent(table.systemModstamp.name)}`;
  const guard = modstamp === null ? '' : ` AND (${modstamp} IS NULL OR page.modstamp IS NULL OR ${modstamp} <= page.modstamp)`;
  const result = await tx.query(
    `DELETE FROM ${table.sqlName} AS target USING unnest($1::text[], $2::timestamptz[]) AS page(id, modstamp)
      WHERE ${id} = page.id${guard}`,
    [arrayLiteral(rows.map((row) => row.id)), arrayLiteral(rows.map((row) => row.systemModstamp))],
  );
  return result.rowCount;
}

/** The columns a page writes: Id, every field present in any of its records, and the deleted-at column. */
function pageColumns(table: TableInfo, rows: readonly PageRow[]): Column[] {
  const present = new Set<Column>([table.id]);
  for (const row of rows) for (const column of row.values.keys()) present.add(column);
  present.add(table.deletedAt);
  return [...present];
}

export function conflictClause(table: TableInfo, names: readonly string[]): string {
  const id = quoteIdent(table.id.name);
  const updates = [...names.filter((name) => name !== id), SYNCED_AT].map((name) => `${name} = EXCLUDED.${name}`);
  const modstamp = table.systemModstamp === undefined ? null : quoteIdent(table.systemModstamp.name);
  const guard = modstamp === null ? ''
    : ` WHERE target.${modstamp} IS NULL OR EXCLUDED.${modstamp} IS NULL OR target.${modstamp} <= EXCLUDED.${modstamp}`;
  return `ON CONFLICT (${id}) DO UPDATE SET ${updates.join(', ')}${guard}`;
}
