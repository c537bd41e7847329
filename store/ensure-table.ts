import { lockSchemaChanges } from './ddl-lock.js';
import type { Driver } from './driver.js';
import { StoreError } from './errors.js';
import { assertApiName, qualifiedName, quoteIdent } from './identifiers.js';
import type { StoreLogger } from './logger.js';
import { asTextSql } from './sql-text.js';
import { DELETED_AT, readColumns, SYNCED_AT } from './table-info.js';
import { columnChange, columnKindFor, SQL_TYPES, type ColumnKind, type FieldSpec } from './type-mapping.js';

export interface EnsureTableResult {
  /** The table's quoted, schema-qualified SQL name. */
  table: string;
  created: boolean;
  /** The columns to sync, one per stored describe field, in describe order: the fields to SELECT. */
  columns: string[];
  /** Columns added to an existing table. Rows synced before have them null until a full sync re-reads them. */
  addedColumns: string[];
}

interface WantedColumn {
  name: string;
  kind: ColumnKind;
}

/** Creates the object's table, or adds the columns of new fields; never drops a column or its data. */
export async function ensureTable(
  driver: Driver, schema: string, object: string, fields: readonly FieldSpec[], logger: StoreLogger,
): Promise<EnsureTableResult> {
  const table = qualifiedName(schema, assertApiName(object, 'object'));
  const wanted = wantedColumns(object, fields);

  return driver.transaction(async (tx) => {
    await lockSchemaChanges(tx, schema);
    const existing = new Map((await readColumns(tx, table)).map((column) => [column.name.toLowerCase(), column]));
    if (existing.size === 0) {
      await tx.query(createTableSql(table, wanted));
      logger.info({ table, columns: wanted.length }, 'created table');
      return { table, created: true, columns: wanted.map((column) => column.name), addedColumns: [] };
    }

    const columns: string[] = [];
    const added: WantedColumn[] = [];
    for (const column of wanted) {
      const current = existing.get(column.name.toLowerCase());
      columns.push(current?.name ?? column.name);
      if (current === undefined) {
        added.push(column);
        continue;
      }
      const change = columnChange(current.kind, column.kind);
      if (change === null || current.kind === null) continue;
      const using = change === 'text' ? asTextSql(current.kind, quoteIdent(current.name)) : quoteIdent(current.name);
      await tx.query(`ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(current.name)} TYPE ${SQL_TYPES[change]} USING ${using}`);
      logger.warn({ table, column: current.name, from: current.sqlType, to: SQL_TYPES[change] },
        'field type changed in Salesforce: column converted');
    }
    if (added.length > 0) {
      const clauses = added.map((column) => `ADD COLUMN ${quoteIdent(column.name)} ${SQL_TYPES[column.kind]}`);
      await tx.query(`ALTER TABLE ${table} ${clauses.join(', ')}`);
      logger.info({ table, added: added.map((column) => column.name) }, 'added columns for new fields');
    }
    return { table, created: false, columns, addedColumns: added.map((column) => column.name) };
  });
}

function wantedColumns(object: string, fields: readonly FieldSpec[]): WantedColumn[] {
  const wanted: WantedColumn[] = [];
  for (const field of fields) {
    const kind = columnKindFor(field);
    if (kind !== null) wanted.push({ name: assertApiName(field.name, 'field'), kind });
  }
  const id = wanted.find((column) => column.name.toLowerCase() === 'id');
  if (id?.kind !== 'id') throw new StoreError('MISSING_ID', `The describe of ${object} has no Id field of type id`, { object });
  return [id, ...wanted.filter((column) => column !== id)];
}

function createTableSql(table: string, columns: readonly WantedColumn[]): string {
  const [id, ...rest] = columns.map((column) => `${quoteIdent(column.name)} ${SQL_TYPES[column.kind]}`);
  return `CREATE TABLE ${table} (
    ${id} PRIMARY KEY,
    ${[...rest, `${DELETED_AT} timestamp with time zone`, `${SYNCED_AT} timestamp with time zone NOT NULL DEFAULT now()`].join(',\n    ')}
  )`;
}
