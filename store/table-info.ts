import type { Queryable } from './driver.js';
import { StoreError } from './errors.js';
import { qualifiedName } from './identifiers.js';
import { kindOfSqlType, type ColumnKind } from './type-mapping.js';

/** Bookkeeping columns. Salesforce names start with a letter, so a leading underscore cannot collide. */
export const DELETED_AT = '_sf_deleted_at';
export const SYNCED_AT = '_synced_at';

export interface Column {
  name: string;
  /** `format_type` of the column, e.g. `character varying(18)`. */
  sqlType: string;
  /**
   * The type without its modifier (`character varying`), for casting parameters: an explicit cast to
   * varchar(18) would silently truncate a longer value, where assigning it to the column raises an error.
   */
  castType: string;
  /** Null for a type this store never creates (changed by hand); its values are then written as text. */
  kind: ColumnKind | null;
}

export interface TableInfo {
  object: string;
  sqlName: string;
  columns: readonly Column[];
  /** Columns that hold Salesforce fields, by lowercased API name (Salesforce names are case-insensitive). */
  fields: ReadonlyMap<string, Column>;
  id: Column;
  systemModstamp: Column | undefined;
  deletedAt: Column;
}

export async function readColumns(db: Queryable, sqlName: string): Promise<Column[]> {
  const { rows } = await db.query<{ name: string; sql_type: string; cast_type: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS sql_type, format_type(a.atttypid, NULL) AS cast_type
       FROM pg_attribute a
      WHERE a.attrelid = to_regclass($1::text) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [sqlName],
  );
  return rows.map((row) => ({ name: row.name, sqlType: row.sql_type, castType: row.cast_type, kind: kindOfSqlType(row.sql_type) }));
}

export async function loadTableInfo(db: Queryable, schema: string, object: string): Promise<TableInfo> {
  const sqlName = qualifiedName(schema, object);
  const columns = await readColumns(db, sqlName);
  const fields = new Map(columns.filter((column) => !column.name.startsWith('_')).map((column) => [column.name.toLowerCase(), column]));
  const id = fields.get('id');
  const deletedAt = columns.find((column) => column.name === DELETED_AT);
  if (id === undefined || deletedAt === undefined) {
    throw new StoreError('TABLE_NOT_FOUND', `No synced table for ${object} in schema ${schema}: call ensureTable first`, { object });
  }
  const systemModstamp = fields.get('systemmodstamp');
  return {
    object, sqlName, columns, fields, id, deletedAt,
    systemModstamp: systemModstamp?.kind === 'timestamptz' ? systemModstamp : undefined,
  };
}
