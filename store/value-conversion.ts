import { canonicalDate, canonicalDatetime, canonicalTime } from './datetime.js';
import { canonicalDecimal } from './decimal.js';
import { StoreError } from './errors.js';
import { columnKindFor, type ColumnKind, type FieldSpec } from './type-mapping.js';

/**
 * A column value in its one canonical form, whichever API it came from: booleans as booleans, multi-select
 * picklists as arrays, and every other kind as text (numbers exact, datetimes `yyyy-MM-ddTHH:mm:ss.SSSZ`,
 * times `HH:mm:ss.SSS`). Empty text is null, as Salesforce stores blank text as null and Bulk CSV writes null as "".
 */
export type ColumnValue = string | boolean | readonly string[] | null;

const INTEGER_RANGES: Partial<Record<ColumnKind, readonly [bigint, bigint]>> = {
  integer: [-(2n ** 31n), 2n ** 31n - 1n],
  bigint: [-(2n ** 63n), 2n ** 63n - 1n],
};

/** Converts a field value from a REST JSON record. */
export function fromRestValue(field: FieldSpec, value: unknown): ColumnValue {
  return restToColumn(storedKind(field), value, field.name);
}

/** Converts a field value from a Bulk API 2.0 query result CSV cell. */
export function fromCsvValue(field: FieldSpec, text: string): ColumnValue {
  return textToColumn(storedKind(field), text, field.name);
}

export function restToColumn(kind: ColumnKind, value: unknown, field: string): ColumnValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return kind === 'boolean' ? invalid(kind, value, field) : textToColumn(kind, value, field);
  if (typeof value === 'boolean' && (kind === 'boolean' || kind === 'text')) return kind === 'text' ? String(value) : value;
  if (typeof value === 'number' && Number.isFinite(value) && (isNumeric(kind) || kind === 'text')) {
    // String(number) is the shortest text that reads back as the same double: no digits are invented.
    return textToColumn(kind, String(value), field);
  }
  // anyType / complexvalue fields may hold structured values; text keeps them as JSON.
  if (kind === 'text' && typeof value === 'object') return JSON.stringify(value);
  return invalid(kind, value, field);
}

export function textToColumn(kind: ColumnKind, text: string, field: string): ColumnValue {
  if (text === '') return null;
  switch (kind) {
    case 'id':
    case 'text':
      return text;
    case 'text[]':
      return text.split(';');
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : invalid(kind, text, field);
    case 'integer':
    case 'bigint':
    case 'numeric':
      return numberText(kind, text, field);
    case 'date':
      return canonicalDate(text) ?? invalid(kind, text, field);
    case 'timestamptz':
      return canonicalDatetime(text) ?? invalid(kind, text, field);
    case 'time':
      return canonicalTime(text) ?? invalid(kind, text, field);
  }
}

function numberText(kind: ColumnKind, text: string, field: string): string {
  const decimal = canonicalDecimal(text);
  if (decimal === null) return invalid(kind, text, field);
  const range = INTEGER_RANGES[kind];
  if (range !== undefined && (decimal.includes('.') || BigInt(decimal) < range[0] || BigInt(decimal) > range[1])) {
    return invalid(kind, text, field);
  }
  return decimal;
}

function isNumeric(kind: ColumnKind): boolean {
  return kind === 'integer' || kind === 'bigint' || kind === 'numeric';
}

function storedKind(field: FieldSpec): ColumnKind {
  const kind = columnKindFor(field);
  if (kind === null) {
    throw new StoreError('UNKNOWN_FIELD', `Field ${field.name} of type ${field.type} is not stored as a column`, { field: field.name });
  }
  return kind;
}

function invalid(kind: ColumnKind, value: unknown, field: string): never {
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 100)) : typeof value;
  throw new StoreError('INVALID_VALUE', `Field ${field} (${kind}) cannot hold ${shown}`, { field });
}
