import type { FieldDef } from './field-def.js';

/** A stored field value: text, number, boolean or null. Dates are `YYYY-MM-DD`; datetimes epoch ms. */
export type FieldValue = string | number | boolean | null;

/** Field access during a save, by API name. */
export interface SaveRow {
  get(name: string): FieldValue;
  set(name: string, value: FieldValue): void;
  /** Whether the client sent this field in the current save. */
  provided(name: string): boolean;
}

export interface SaveContext {
  kind: 'insert' | 'update';
  /** Emulator time of the save, whole seconds (Salesforce datetimes carry no milliseconds). */
  now: number;
  nextAutoNumber: (fieldName: string) => number;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  fields: FieldDef[];
  deletable?: boolean;
  /** Values the platform sets when a record is saved (names, roll-ups of picklists, auto-numbers). */
  onSave?: (row: SaveRow, context: SaveContext) => void;
  /** Formula fields, computed on read from the stored fields. */
  formulas?: Record<string, (get: (name: string) => FieldValue) => FieldValue>;
}
