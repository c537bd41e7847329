import type { FieldValue } from '../schema/object-def.js';
import type { OrgStore } from '../store/org-store.js';
import { compareById, type StoredRecord } from '../store/stored-record.js';
import type { BoundOrder } from './bound-query.js';
import { compilePathReader } from './path-reader.js';

export type RecordComparator = (a: StoredRecord, b: StoredRecord) => number;

const CASE_INSENSITIVE = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist']);

/** ORDER BY as a comparator: nulls first unless NULLS LAST, text case-insensitive, Id as the final tie-break. */
export function compileComparator(store: OrgStore, orderBy: readonly BoundOrder[]): RecordComparator {
  const keys = orderBy.map((item) => {
    const read = compilePathReader(store, item.path);
    const fold = CASE_INSENSITIVE.has(item.path.field.type);
    return {
      read: (record: StoredRecord): FieldValue => {
        const value = read(record);
        if (typeof value === 'object') return null;
        return fold && typeof value === 'string' ? value.toLowerCase() : value;
      },
      direction: item.descending ? -1 : 1,
      nullsLast: item.nullsLast,
    };
  });
  return (a, b) => {
    for (const key of keys) {
      const left = key.read(a);
      const right = key.read(b);
      if (left === right) continue;
      if (left === null) return key.nullsLast ? 1 : -1;
      if (right === null) return key.nullsLast ? -1 : 1;
      return (left < right ? -1 : 1) * key.direction;
    }
    return compareById(a, b);
  };
}
