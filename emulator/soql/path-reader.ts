import type { FieldValue } from '../schema/object-def.js';
import type { OrgStore } from '../store/org-store.js';
import { readField, type CompoundValue, type StoredRecord } from '../store/stored-record.js';
import type { BoundPath } from './bound-query.js';

export type PathReader = (record: StoredRecord) => FieldValue | CompoundValue;

/** Reads a bound path from a base record, following lookups; null as soon as a lookup is empty. */
export function compilePathReader(store: OrgStore, path: BoundPath): PathReader {
  const hopSlots = path.hops.map((hop) => (hop.slot.kind === 'stored' ? hop.slot.index : -1));
  const { field, owner } = path;
  if (hopSlots.length === 0) return (record) => readField(record, field, owner);
  return (record) => {
    const parent = followLookups(store, record, hopSlots);
    return parent === null ? null : readField(parent, field, owner);
  };
}

/** The record reached by following lookup slots from `record`, or null when a lookup is empty. */
export function followLookups(store: OrgStore, record: StoredRecord, hopSlots: readonly number[]): StoredRecord | null {
  let current: StoredRecord | undefined = record;
  for (const slot of hopSlots) {
    const id: FieldValue | undefined = current.values[slot];
    if (typeof id !== 'string') return null;
    current = store.find(id)?.record;
    if (current === undefined) return null;
  }
  return current;
}
