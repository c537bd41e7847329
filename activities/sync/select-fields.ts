import { FailureType } from '../../common/failure-types.js';
import { SyncFailure } from '../../common/sync-failure.js';

interface DescribedField {
  name: string;
  type: string;
}

/** Always read: the key and the cursor. */
const REQUIRED_FIELDS = ['Id', 'SystemModstamp'];
/** Read when the object has it: objects whose records cannot be deleted (User, for one) lack it. */
const DELETE_FLAG = 'IsDeleted';

/**
 * Compound address/location fields are read through their component fields, which describe lists too
 * (and Bulk API 2.0 cannot select compounds at all, docs/salesforce-api.md §8); base64 values are blob URLs, not data.
 */
const UNSYNCABLE_TYPES = new Set(['address', 'location', 'base64']);

/**
 * The fields a sync reads, in describe order, canonically cased. Requested fields that the object lacks fail
 * with INVALID_FIELD before a single record is read.
 */
export function selectFields(object: string, described: readonly DescribedField[], requested?: readonly string[]): DescribedField[] {
  const byLowerName = new Map(described.map((field) => [field.name.toLowerCase(), field]));
  const wanted = new Set<string>();
  for (const name of requested ?? described.map((field) => field.name)) {
    const field = byLowerName.get(name.toLowerCase());
    if (!field) {
      throw new SyncFailure(FailureType.InvalidField, `No such column '${name}' on entity '${object}'`, { object, field: name });
    }
    if (requested && UNSYNCABLE_TYPES.has(field.type)) {
      throw new SyncFailure(FailureType.InvalidField, `'${field.name}' on '${object}' is a ${field.type} field; request its component fields instead`, { object, field: field.name });
    }
    if (!UNSYNCABLE_TYPES.has(field.type)) wanted.add(field.name);
  }
  for (const name of REQUIRED_FIELDS) {
    const field = byLowerName.get(name.toLowerCase());
    if (!field) {
      throw new SyncFailure(FailureType.InvalidField, `'${object}' has no ${name} field, so it cannot be synced incrementally`, { object, field: name });
    }
    wanted.add(field.name);
  }
  const deleteFlag = byLowerName.get(DELETE_FLAG.toLowerCase());
  if (deleteFlag) wanted.add(deleteFlag.name);
  return described.filter((field) => wanted.has(field.name));
}
