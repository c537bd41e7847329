import type { FieldValue } from '../schema/object-def.js';
import type { ObjectSchema } from '../schema/object-schema.js';
import type { ObjectTable } from '../store/object-table.js';
import { StoredRecord } from '../store/stored-record.js';
import type { GeneratedFields } from './record-generators.js';

export interface AuditStamp {
  created: number;
  lastModified: number;
  modstamp: number;
  createdById: string;
  lastModifiedById: string;
  ownerId: string;
}

/**
 * Builds records straight into storage form for seeding: generated values are valid by construction, so this
 * skips the per-field checks of the REST write path (1M records seed in seconds) but still runs the object's
 * save hook, so derived fields (Name, CaseNumber, IsClosed...) are right.
 */
export class SeedRecordBuilder {
  private readonly slots = new Map<string, number>();

  constructor(
    private readonly object: ObjectSchema,
    private readonly table: ObjectTable,
  ) {
    for (const field of object.fields) {
      if (field.slot.kind === 'stored') this.slots.set(field.name, field.slot.index);
    }
  }

  build(id: string, fields: GeneratedFields, audit: AuditStamp): StoredRecord {
    const values = this.object.newValues();
    const set = (name: string, value: FieldValue): void => {
      const slot = this.slots.get(name);
      if (slot !== undefined) values[slot] = value;
    };
    for (const [name, value] of Object.entries(fields)) {
      if (value !== null) set(name, value);
    }
    set('CreatedDate', audit.created);
    set('LastModifiedDate', audit.lastModified);
    set('CreatedById', audit.createdById);
    set('LastModifiedById', audit.lastModifiedById);
    set('OwnerId', audit.ownerId);
    this.object.def.onSave?.(
      {
        get: (name) => values[this.slots.get(name) ?? -1] ?? null,
        set,
        provided: (name) => fields[name] !== undefined && fields[name] !== null,
      },
      { kind: 'insert', now: audit.created, nextAutoNumber: (name) => this.table.nextAutoNumber(name) },
    );
    return new StoredRecord(id, audit.modstamp, null, values);
  }
}
