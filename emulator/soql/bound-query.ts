import type { FieldValue } from '../schema/object-def.js';
import type { ObjectSchema, RuntimeField } from '../schema/object-schema.js';
import type { CompareOperator } from './ast.js';

/** A field reference resolved against the schema: the lookups to follow, then the field to read. */
export interface BoundPath {
  hops: RuntimeField[];
  field: RuntimeField;
  owner: ObjectSchema;
  /** Canonical dotted name, e.g. `Account.Name`. */
  name: string;
}

/** Comparison operands are normalised to stored form: 18-char IDs, epoch-ms datetimes, `YYYY-MM-DD` dates. */
export type BoundCondition =
  | { kind: 'and' | 'or'; items: BoundCondition[] }
  | { kind: 'not'; item: BoundCondition }
  | { kind: 'compare'; path: BoundPath; operator: CompareOperator; value: FieldValue }
  /** A relative date literal: the field compared with the half-open range [start, end). */
  | { kind: 'range'; path: BoundPath; operator: CompareOperator; start: FieldValue; end: FieldValue }
  | { kind: 'in'; path: BoundPath; negated: boolean; values: FieldValue[] }
  | { kind: 'like'; path: BoundPath; pattern: RegExp }
  | { kind: 'includes'; path: BoundPath; negated: boolean; sets: string[][] };

export interface BoundOrder {
  path: BoundPath;
  descending: boolean;
  nullsLast: boolean;
}

export type BoundSelect =
  | { kind: 'fields'; paths: BoundPath[] }
  /** `SELECT COUNT()`: the count goes in totalSize, no rows. */
  | { kind: 'count' }
  /** `SELECT COUNT(Id) n, ...`: one AggregateResult row. */
  | { kind: 'aggregate'; items: { path: BoundPath | null; alias: string }[] };

export interface BoundQuery {
  object: ObjectSchema;
  select: BoundSelect;
  where: BoundCondition | null;
  orderBy: BoundOrder[];
  limit: number | null;
  offset: number;
}
