import type { FieldDef, FieldType } from './field-def.js';
import type { FieldValue, ObjectDef } from './object-def.js';

/** Where a field's value lives in a stored record. */
export type FieldSlot =
  | { kind: 'id' }
  | { kind: 'modstamp' }
  | { kind: 'deleted' }
  | { kind: 'stored'; index: number }
  | { kind: 'compound'; parts: readonly CompoundPart[] }
  | { kind: 'formula'; compute: (get: (name: string) => FieldValue) => FieldValue };

/** One member of an address or location value, e.g. `{ key: 'city', field: BillingCity }`. */
export interface CompoundPart {
  key: string;
  index: number;
}

export interface RuntimeField {
  readonly def: FieldDef;
  readonly name: string;
  readonly type: FieldType;
  readonly slot: FieldSlot;
}

export interface ChildRelationship {
  childSObject: string;
  field: string;
  relationshipName: string;
  cascadeDelete: boolean;
}

const ADDRESS_PART_KEYS: Record<string, string> = {
  Street: 'street', City: 'city', State: 'state', PostalCode: 'postalCode', Country: 'country',
  Latitude: 'latitude', Longitude: 'longitude', GeocodeAccuracy: 'geocodeAccuracy',
};

/** An object's fields resolved to storage slots, with case-insensitive lookups by field and relationship name. */
export class ObjectSchema {
  readonly name: string;
  readonly keyPrefix: string;
  readonly fields: readonly RuntimeField[];
  readonly storedFieldCount: number;
  readonly childRelationships: ChildRelationship[] = [];
  private readonly byName = new Map<string, RuntimeField>();
  private readonly byRelationship = new Map<string, RuntimeField>();
  private readonly defaults: FieldValue[];

  constructor(readonly def: ObjectDef) {
    this.name = def.name;
    this.keyPrefix = def.keyPrefix;
    const storedIndex = new Map<string, number>();
    for (const field of def.fields) {
      if (isStored(field, def)) storedIndex.set(field.name, storedIndex.size);
    }
    this.storedFieldCount = storedIndex.size;
    this.fields = def.fields.map((field) => ({
      def: field, name: field.name, type: field.type, slot: slotOf(field, def, storedIndex),
    }));
    for (const field of this.fields) {
      this.byName.set(field.name.toLowerCase(), field);
      if (field.def.relationshipName !== null) this.byRelationship.set(field.def.relationshipName.toLowerCase(), field);
    }
    this.defaults = new Array<FieldValue>(this.storedFieldCount).fill(null);
    for (const field of this.fields) {
      if (field.slot.kind !== 'stored') continue;
      const defaultEntry = field.def.picklistValues.find((entry) => entry.defaultValue);
      if (field.type === 'boolean') this.defaults[field.slot.index] = false;
      else if (defaultEntry !== undefined) this.defaults[field.slot.index] = defaultEntry.value;
    }
  }

  /** Stored values of a new record before any input: checkboxes false, picklists at their default, the rest null. */
  newValues(): FieldValue[] {
    return this.defaults.slice();
  }

  get custom(): boolean {
    return this.name.endsWith('__c');
  }

  field(name: string): RuntimeField | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The lookup field behind a relationship name (`Account` → AccountId, `Account__r` → Account__c). */
  relationship(name: string): RuntimeField | undefined {
    return this.byRelationship.get(name.toLowerCase());
  }

  get hasIsDeleted(): boolean {
    return this.byName.has('isdeleted');
  }
}

function isStored(field: FieldDef, def: ObjectDef): boolean {
  if (field.name === 'Id' || field.name === 'SystemModstamp' || field.name === 'IsDeleted') return false;
  if (field.type === 'address' || field.type === 'location') return false;
  return def.formulas?.[field.name] === undefined;
}

function slotOf(field: FieldDef, def: ObjectDef, storedIndex: ReadonlyMap<string, number>): FieldSlot {
  if (field.name === 'Id') return { kind: 'id' };
  if (field.name === 'SystemModstamp') return { kind: 'modstamp' };
  if (field.name === 'IsDeleted') return { kind: 'deleted' };
  const formula = def.formulas?.[field.name];
  if (formula !== undefined) return { kind: 'formula', compute: formula };
  if (field.type === 'address' || field.type === 'location') {
    const parts = def.fields
      .filter((candidate) => candidate.compoundFieldName === field.name)
      .map((part) => ({ key: compoundKey(field, part.name), index: storedIndex.get(part.name) as number }))
      // Salesforce serialises compound values with their keys in alphabetical order.
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    return { kind: 'compound', parts };
  }
  return { kind: 'stored', index: storedIndex.get(field.name) as number };
}

function compoundKey(compound: FieldDef, partName: string): string {
  if (compound.type === 'location') return partName.includes('__Latitude__s') ? 'latitude' : 'longitude';
  const suffix = partName.slice(compound.name.length - 'Address'.length);
  return ADDRESS_PART_KEYS[suffix] ?? suffix;
}
