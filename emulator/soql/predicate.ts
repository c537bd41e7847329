import type { FieldValue } from '../schema/object-def.js';
import type { OrgStore } from '../store/org-store.js';
import type { StoredRecord } from '../store/stored-record.js';
import type { CompareOperator } from './ast.js';
import type { BoundCondition, BoundPath } from './bound-query.js';
import { compilePathReader } from './path-reader.js';

export type Predicate = (record: StoredRecord) => boolean;

const CASE_INSENSITIVE = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist']);

/**
 * Compiles a WHERE clause into a function. Text comparisons are case-insensitive as in SOQL; `!=` and
 * `NOT IN` match null values, ordering operators never do.
 */
export function compilePredicate(store: OrgStore, condition: BoundCondition): Predicate {
  switch (condition.kind) {
    case 'and': {
      const items = condition.items.map((item) => compilePredicate(store, item));
      return (record) => items.every((item) => item(record));
    }
    case 'or': {
      const items = condition.items.map((item) => compilePredicate(store, item));
      return (record) => items.some((item) => item(record));
    }
    case 'not': {
      const item = compilePredicate(store, condition.item);
      return (record) => !item(record);
    }
    case 'compare':
      return compileCompare(store, condition.path, condition.operator, condition.value);
    case 'range':
      return compileRange(scalarReader(store, condition.path), condition.operator, condition.start, condition.end);
    case 'in': {
      const read = scalarReader(store, condition.path);
      const normalize = normalizer(condition.path);
      const values = new Set(condition.values.map(normalize));
      const negated = condition.negated;
      return (record) => values.has(normalize(read(record))) !== negated;
    }
    case 'like': {
      const read = scalarReader(store, condition.path);
      const pattern = condition.pattern;
      return (record) => {
        const value = read(record);
        return value !== null && pattern.test(String(value));
      };
    }
    case 'includes': {
      const read = scalarReader(store, condition.path);
      const { sets, negated } = condition;
      return (record) => {
        const value = read(record);
        const has = value !== null && matchesAnySet(String(value), sets);
        return has !== negated;
      };
    }
  }
}

function compileCompare(store: OrgStore, path: BoundPath, operator: CompareOperator, literal: FieldValue): Predicate {
  const read = scalarReader(store, path);
  if (path.field.type === 'multipicklist') {
    const wanted = multiKey(literal);
    const equal = (record: StoredRecord): boolean => multiKey(read(record)) === wanted;
    return operator === '!=' ? (record) => !equal(record) : equal;
  }
  const normalize = normalizer(path);
  const value = normalize(literal);
  switch (operator) {
    case '=': return (record) => normalize(read(record)) === value;
    case '!=': return (record) => normalize(read(record)) !== value;
    case '<': return (record) => compareNonNull(normalize(read(record)), value, (c) => c < 0);
    case '<=': return (record) => compareNonNull(normalize(read(record)), value, (c) => c <= 0);
    case '>': return (record) => compareNonNull(normalize(read(record)), value, (c) => c > 0);
    case '>=': return (record) => compareNonNull(normalize(read(record)), value, (c) => c >= 0);
  }
}

/** Dates (`YYYY-MM-DD`) and datetimes (epoch ms) both order correctly with `<`. */
type Ordered = string | number;

/** A field against a relative date literal's range [start, end): `=` is inside, `<` before, `>` after it. */
function compileRange(read: (record: StoredRecord) => FieldValue, operator: CompareOperator, start: FieldValue, end: FieldValue): Predicate {
  const low = start as Ordered;
  const high = end as Ordered;
  const at = (record: StoredRecord, test: (value: Ordered) => boolean): boolean => {
    const value = read(record);
    return (typeof value === 'number' || typeof value === 'string') && test(value);
  };
  switch (operator) {
    case '=': return (record) => at(record, (value) => value >= low && value < high);
    case '!=': return (record) => !at(record, (value) => value >= low && value < high);
    case '<': return (record) => at(record, (value) => value < low);
    case '<=': return (record) => at(record, (value) => value < high);
    case '>': return (record) => at(record, (value) => value >= high);
    case '>=': return (record) => at(record, (value) => value >= low);
  }
}

function scalarReader(store: OrgStore, path: BoundPath): (record: StoredRecord) => FieldValue {
  const read = compilePathReader(store, path);
  return (record) => {
    const value = read(record);
    return typeof value === 'object' ? null : value;
  };
}

function normalizer(path: BoundPath): (value: FieldValue) => FieldValue {
  return CASE_INSENSITIVE.has(path.field.type)
    ? (value) => (typeof value === 'string' ? value.toLowerCase() : value)
    : (value) => value;
}

function compareNonNull(a: FieldValue, b: FieldValue, test: (comparison: number) => boolean): boolean {
  if (a === null || b === null) return false;
  return test(a < b ? -1 : a > b ? 1 : 0);
}

function multiKey(value: FieldValue): string | null {
  if (value === null) return null;
  return String(value).split(';').map((part) => part.trim().toLowerCase()).filter((part) => part !== '').sort().join(';');
}

function matchesAnySet(value: string, sets: readonly string[][]): boolean {
  const present = new Set(value.split(';').map((part) => part.trim().toLowerCase()));
  return sets.some((set) => set.every((item) => present.has(item)));
}
