import { normalizeId } from '../ids/salesforce-id.js';
import type { FieldValue } from '../schema/object-def.js';
import type { ObjectSchema, RuntimeField } from '../schema/object-schema.js';
import { toStoredValue } from './field-input.js';
import { noSuchColumn, type SaveErrorItem } from './save-error.js';

/** A save's JSON body turned into stored values, with the field-level errors it causes. */
export interface ParsedInput {
  assignments: Map<RuntimeField, FieldValue>;
  errors: SaveErrorItem[];
  /** Trusted (admin) saves only: an explicit Id, SystemModstamp or IsDeleted. */
  explicitId: string | null;
  explicitModstamp: number | null;
  explicitDeleted: boolean | null;
}

/**
 * Reads a record body: `attributes` is ignored, an unknown field fails the whole request, fields that are not
 * createable (insert) or updateable (update) are reported together as INVALID_FIELD_FOR_INSERT_UPDATE, and an
 * `Id` is refused on insert and ignored on update. `trusted` lifts the writability rules for admin saves.
 */
export function parseSaveInput(object: ObjectSchema, input: Record<string, unknown>, mode: 'insert' | 'update', trusted: boolean): ParsedInput {
  const parsed: ParsedInput = { assignments: new Map(), errors: [], explicitId: null, explicitModstamp: null, explicitDeleted: null };
  const notWritable: string[] = [];
  for (const [key, raw] of Object.entries(input)) {
    if (key === 'attributes') continue;
    const field = object.field(key);
    if (field === undefined) throw noSuchColumn(object.name, key);
    const slot = field.slot;
    if (slot.kind === 'id') {
      if (mode === 'update') continue;
      if (!trusted) {
        parsed.errors.push({ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', message: 'cannot specify Id in an insert call', fields: ['Id'] });
        continue;
      }
      const id = typeof raw === 'string' ? normalizeId(raw) : null;
      if (id === null || id.slice(0, 3) !== object.keyPrefix) {
        parsed.errors.push({ statusCode: 'MALFORMED_ID', message: `${object.name} ID: id value of incorrect type: ${String(raw)}`, fields: ['Id'] });
      } else {
        parsed.explicitId = id;
      }
      continue;
    }
    const writable = trusted || (mode === 'insert' ? field.def.createable : field.def.updateable);
    if (!writable || slot.kind === 'compound' || slot.kind === 'formula') {
      notWritable.push(field.name);
      continue;
    }
    const result = toStoredValue(field, raw);
    if (!result.ok) {
      parsed.errors.push(result.error);
    } else if (slot.kind === 'modstamp') {
      parsed.explicitModstamp = result.value as number | null;
    } else if (slot.kind === 'deleted') {
      parsed.explicitDeleted = result.value === true;
    } else {
      parsed.assignments.set(field, result.value);
    }
  }
  if (notWritable.length > 0) {
    parsed.errors.unshift({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message: `Unable to create/update fields: ${notWritable.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      fields: notWritable,
    });
  }
  return parsed;
}


export function isAssigned(parsed: ParsedInput, name: string): boolean {
  for (const field of parsed.assignments.keys()) if (field.name === name) return true;
  return false;
}
