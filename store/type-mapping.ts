import { z } from 'zod';

/**
 * The part of a Salesforce describe field the store needs. Any describe field object (with its many other keys)
 * fits this shape.
 */
export const fieldSpecSchema = z.object({ name: z.string(), type: z.string() });
export type FieldSpec = z.infer<typeof fieldSpecSchema>;

/** What a column holds. Each kind has one PostgreSQL type and one canonical JavaScript value shape. */
export type ColumnKind = 'id' | 'text' | 'boolean' | 'integer' | 'bigint' | 'numeric' | 'date' | 'timestamptz' | 'time' | 'text[]';

export const SQL_TYPES: Record<ColumnKind, string> = {
  id: 'character varying(18)',
  text: 'text',
  boolean: 'boolean',
  integer: 'integer',
  bigint: 'bigint',
  numeric: 'numeric',
  date: 'date',
  timestamptz: 'timestamp with time zone',
  time: 'time without time zone',
  'text[]': 'text[]',
};

// Describe `type` values (docs/salesforce-api.md §8) and the column kind that stores them. Types not listed become text.
const KIND_BY_SALESFORCE_TYPE: Record<string, ColumnKind | null> = {
  id: 'id',
  reference: 'id',
  boolean: 'boolean',
  int: 'integer',
  long: 'bigint',
  double: 'numeric',
  currency: 'numeric',
  percent: 'numeric',
  date: 'date',
  datetime: 'timestamptz',
  time: 'time',
  multipicklist: 'text[]',
  // Compound fields are not columns: describe lists their parts (BillingStreet, Geo__Latitude__s, ...) as fields
  // of their own, and Bulk API 2.0 cannot select the compound itself (docs/salesforce-api.md §6.4).
  address: null,
  location: null,
  // A base64 field reads as a URL to the blob over REST, Bulk API 2.0 cannot select it, and selecting it caps
  // REST pages at 200 rows, so it is not synced.
  base64: null,
};

/** The column kind for a describe field, or null for fields that are not stored as a column. */
export function columnKindFor(field: FieldSpec): ColumnKind | null {
  const kind = KIND_BY_SALESFORCE_TYPE[field.type];
  return kind === undefined ? 'text' : kind;
}

/** The kind of an existing column from its `format_type`, or null for a type this store never creates. */
export function kindOfSqlType(sqlType: string): ColumnKind | null {
  const entry = Object.entries(SQL_TYPES).find(([, type]) => type === sqlType);
  return entry === undefined ? null : (entry[0] as ColumnKind);
}

const NUMBERS: readonly ColumnKind[] = ['integer', 'bigint', 'numeric'];
// Changes PostgreSQL makes with a plain cast that cannot lose or change a value.
const WIDENINGS: Partial<Record<ColumnKind, readonly ColumnKind[]>> = {
  integer: ['bigint', 'numeric'],
  bigint: ['numeric'],
  id: ['text'],
};

/**
 * What to do when a field's type changed in Salesforce: null keeps the column as it is, otherwise the kind to
 * convert it to. Data is never dropped: a column widens losslessly where PostgreSQL can, and becomes text otherwise.
 */
export function columnChange(existing: ColumnKind | null, wanted: ColumnKind): ColumnKind | null {
  if (existing === null || existing === wanted || existing === 'text') return null;
  if (WIDENINGS[existing]?.includes(wanted)) return wanted;
  if (NUMBERS.includes(existing) && NUMBERS.includes(wanted)) return null; // a wider number column holds narrower values
  return 'text';
}
