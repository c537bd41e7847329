import type { FieldValue } from '../schema/object-def.js';
import type { ObjectSchema } from '../schema/object-schema.js';
import { SortedList } from './sorted-list.js';
import { compareById, compareByModstamp, type RecordKey, type StoredRecord } from './stored-record.js';

/** The mutable part of a record; undo images and `apply` use it. */
export interface RecordState {
  modstamp: number;
  deletedAt: number | null;
  values: FieldValue[];
}

export type IndexOrder = 'modstamp' | 'id';

interface UniqueIndex {
  slot: number;
  caseSensitive: boolean;
  entries: Map<string, StoredRecord[]>;
}

/**
 * All records of one object. Four ordered indexes (by (SystemModstamp, Id) and by Id, each with and without the
 * recycle bin) let query ranges seek instead of scanning; external-ID and unique fields get hash lookups.
 */
export class ObjectTable {
  private readonly records = new Map<string, StoredRecord>();
  private readonly indexes = {
    live: { modstamp: newIndex(compareByModstamp), id: newIndex(compareById) },
    all: { modstamp: newIndex(compareByModstamp), id: newIndex(compareById) },
  };
  private readonly unique = new Map<string, UniqueIndex>();
  private readonly recycleBin = new Set<StoredRecord>();
  private readonly autoNumbers = new Map<string, number>();
  private readonly autoNumberSlots: { name: string; index: number }[] = [];

  constructor(readonly schema: ObjectSchema) {
    for (const field of schema.fields) {
      if (field.def.autoNumber && field.slot.kind === 'stored') this.autoNumberSlots.push({ name: field.name, index: field.slot.index });
      if ((field.def.externalId || field.def.unique) && field.slot.kind === 'stored') {
        this.unique.set(field.name, { slot: field.slot.index, caseSensitive: field.def.caseSensitive, entries: new Map() });
      }
    }
  }

  get size(): number {
    return this.records.size;
  }

  get liveCount(): number {
    return this.indexes.live.id.size;
  }

  get(id: string): StoredRecord | undefined {
    return this.records.get(id);
  }

  index(order: IndexOrder, includeDeleted: boolean): SortedList<StoredRecord, RecordKey> {
    return this.indexes[includeDeleted ? 'all' : 'live'][order];
  }

  /** Records in the recycle bin, in no particular order. */
  deleted(): Iterable<StoredRecord> {
    return this.recycleBin;
  }

  insert(record: StoredRecord): void {
    this.records.set(record.id, record);
    this.link(record);
    this.observeAutoNumbers(record);
  }

  /** Loads many new records at once: one sort instead of one insert per record. */
  insertMany(records: readonly StoredRecord[]): void {
    for (const record of records) {
      this.records.set(record.id, record);
      this.observeAutoNumbers(record);
    }
    const all = [...this.records.values()];
    const live = all.filter((record) => record.deletedAt === null);
    this.indexes.all.modstamp.resetSorted([...all].sort(compareByModstamp));
    this.indexes.all.id.resetSorted(all.sort(compareById));
    this.indexes.live.modstamp.resetSorted([...live].sort(compareByModstamp));
    this.indexes.live.id.resetSorted(live.sort(compareById));
    for (const entry of this.unique.values()) entry.entries.clear();
    this.recycleBin.clear();
    for (const record of all) {
      if (record.deletedAt === null) this.linkUnique(record);
      else this.recycleBin.add(record);
    }
  }

  /** Removes a record for good (recycle-bin purge, or undoing an insert). */
  purge(record: StoredRecord): void {
    this.unlink(record);
    this.records.delete(record.id);
  }

  /** Moves a record to a new state, keeping every index in order. */
  apply(record: StoredRecord, next: RecordState): void {
    this.unlink(record);
    record.modstamp = next.modstamp;
    record.deletedAt = next.deletedAt;
    record.values = next.values;
    this.link(record);
  }

  /** Live records whose external-ID or unique field equals `value` (case-insensitive unless the field is not). */
  findByUnique(fieldName: string, value: FieldValue): StoredRecord[] {
    const index = this.unique.get(fieldName);
    if (index === undefined || value === null) return [];
    return index.entries.get(uniqueKey(index, value)) ?? [];
  }

  nextAutoNumber(fieldName: string): number {
    const next = (this.autoNumbers.get(fieldName) ?? 0) + 1;
    this.autoNumbers.set(fieldName, next);
    return next;
  }

  private link(record: StoredRecord): void {
    const scope = record.deletedAt === null ? this.indexes.live : undefined;
    this.indexes.all.modstamp.insert(record);
    this.indexes.all.id.insert(record);
    if (scope !== undefined) {
      scope.modstamp.insert(record);
      scope.id.insert(record);
      this.linkUnique(record);
    } else {
      this.recycleBin.add(record);
    }
  }

  private unlink(record: StoredRecord): void {
    this.indexes.all.modstamp.remove(record);
    this.indexes.all.id.remove(record);
    if (record.deletedAt === null) {
      this.indexes.live.modstamp.remove(record);
      this.indexes.live.id.remove(record);
      this.unlinkUnique(record);
    } else {
      this.recycleBin.delete(record);
    }
  }

  private linkUnique(record: StoredRecord): void {
    for (const index of this.unique.values()) {
      const value = record.values[index.slot] ?? null;
      if (value === null) continue;
      const key = uniqueKey(index, value);
      const matches = index.entries.get(key);
      if (matches === undefined) index.entries.set(key, [record]);
      else matches.push(record);
    }
  }

  private unlinkUnique(record: StoredRecord): void {
    for (const index of this.unique.values()) {
      const value = record.values[index.slot] ?? null;
      if (value === null) continue;
      const key = uniqueKey(index, value);
      const remaining = (index.entries.get(key) ?? []).filter((candidate) => candidate !== record);
      if (remaining.length === 0) index.entries.delete(key);
      else index.entries.set(key, remaining);
    }
  }

  private observeAutoNumbers(record: StoredRecord): void {
    for (const { name, index } of this.autoNumberSlots) {
      const number = Number(record.values[index]);
      if (Number.isSafeInteger(number) && number > (this.autoNumbers.get(name) ?? 0)) this.autoNumbers.set(name, number);
    }
  }
}

function newIndex(compare: (a: RecordKey, b: RecordKey) => number): SortedList<StoredRecord, RecordKey> {
  return new SortedList<StoredRecord, RecordKey>(compare);
}

function uniqueKey(index: UniqueIndex, value: FieldValue): string {
  const text = String(value);
  return index.caseSensitive ? text : text.toLowerCase();
}
