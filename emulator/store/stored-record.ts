import type { FieldValue } from '../schema/object-def.js';
import type { ObjectSchema, RuntimeField } from '../schema/object-schema.js';

/**
 * One record as the emulator keeps it: the three fields every index needs as properties, the rest in a
 * compact array laid out by `ObjectSchema` (about 0.5 KB per Account, so 1M records stay well under 2 GB).
 */
export class StoredRecord {
  constructor(
    readonly id: string,
    public modstamp: number,
    /** Emulator time of deletion while the record sits in the recycle bin; null when live. */
    public deletedAt: number | null,
    public values: FieldValue[],
  ) {}
}

/** The (SystemModstamp, Id) sort key; a cursor keeps a copy of one to resume a scan. */
export interface RecordKey {
  modstamp: number;
  id: string;
}

export function compareByModstamp(a: RecordKey, b: RecordKey): number {
  return a.modstamp - b.modstamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function compareById(a: Pick<RecordKey, 'id'>, b: Pick<RecordKey, 'id'>): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The value of an address or location field: an object of its parts, or null when every part is empty. */
export type CompoundValue = Record<string, FieldValue>;

export function readField(record: StoredRecord, field: RuntimeField, schema: ObjectSchema): FieldValue | CompoundValue {
  const slot = field.slot;
  switch (slot.kind) {
    case 'id':
      return record.id;
    case 'modstamp':
      return record.modstamp;
    case 'deleted':
      return record.deletedAt !== null;
    case 'stored':
      return record.values[slot.index] ?? null;
    case 'formula':
      return slot.compute((name) => readScalar(record, schema, name));
    case 'compound': {
      const value: CompoundValue = {};
      let empty = true;
      for (const part of slot.parts) {
        const partValue = record.values[part.index] ?? null;
        if (partValue !== null) empty = false;
        value[part.key] = partValue;
      }
      return empty ? null : value;
    }
  }
}

/** A non-compound field's value by API name; null for unknown or compound fields. */
export function readScalar(record: StoredRecord, schema: ObjectSchema, name: string): FieldValue {
  const field = schema.field(name);
  if (field === undefined) return null;
  const value = readField(record, field, schema);
  return typeof value === 'object' && value !== null ? null : value;
}
