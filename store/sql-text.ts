import type { ColumnKind } from './type-mapping.js';
import type { ColumnValue } from './value-conversion.js';

/**
 * A column value as PostgreSQL input text: the same text goes into a bind parameter (cast to the column type)
 * and into a COPY cell, so both load paths parse values identically.
 */
export function toSqlText(value: ColumnValue): string | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value;
  return arrayLiteral(value);
}

/** An array literal; every element is quoted, so "NULL", commas, braces and spaces stay plain text. */
export function arrayLiteral(values: readonly (string | null)[]): string {
  const elements = values.map((value) => (value === null ? 'NULL' : `"${value.replace(/[\\"]/g, '\\$&')}"`));
  return `{${elements.join(',')}}`;
}

/**
 * One line of COPY ... (FORMAT csv). Null is an unquoted empty cell and every other value is quoted, so an
 * empty string, a lone `\.` and embedded newlines all load as data.
 */
export function csvLine(cells: readonly (string | null)[]): string {
  return cells.map((cell) => (cell === null ? '' : `"${cell.replaceAll('"', '""')}"`)).join(',');
}

/**
 * SQL rendering a column as its canonical ColumnValue whatever the session settings (time zone, DateStyle).
 * Booleans and text[] are left to the driver, which returns them as JavaScript booleans and arrays.
 */
export function canonicalSql(kind: ColumnKind, column: string): string {
  switch (kind) {
    case 'timestamptz':
      return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'date':
      return `to_char(${column}, 'YYYY-MM-DD')`;
    case 'time':
      return `to_char(${column}, 'HH24:MI:SS.MS')`;
    case 'boolean':
    case 'text[]':
      return column;
    default:
      return `${column}::text`;
  }
}

/** SQL converting a column to text without losing its value, for a column whose Salesforce type changed. */
export function asTextSql(kind: ColumnKind, column: string): string {
  if (kind === 'text[]') return `array_to_string(${column}, ';')`;
  if (kind === 'boolean') return `${column}::text`;
  return canonicalSql(kind, column);
}
