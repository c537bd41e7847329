import type { ObjectSchema } from '../schema/object-schema.js';
import type { ObjectTable } from './object-table.js';
import type { OrgStore } from './org-store.js';
import { saveError, type SaveError } from './save-error.js';
import type { StoredRecord } from './stored-record.js';

/** Deleted records stay in the recycle bin for 15 days (docs/salesforce-api.md §3.5). */
export const RECYCLE_BIN_RETENTION_MS = 15 * 24 * 60 * 60 * 1000;

/** Why a record cannot be deleted, or null when it can. */
export function deleteBlocker(object: ObjectSchema, record: StoredRecord): SaveError | null {
  if (object.def.deletable === false) return saveError('DELETE_FAILED', `${object.def.labelPlural} can't be deleted.`);
  if (record.deletedAt !== null) return saveError('ENTITY_IS_DELETED', 'entity is deleted');
  return null;
}

/**
 * Moves records to the recycle bin. Children on a cascading relationship (an Account's Contacts, Opportunities
 * and Cases) go with them; other lookups to them are cleared. Both move SystemModstamp, so a queryAll-based
 * incremental sync sees every effect of the delete.
 */
export function softDelete(
  store: OrgStore, table: ObjectTable, records: readonly StoredRecord[], actorId: string, at: number = store.now(),
): void {
  const now = at;
  const pending: { table: ObjectTable; records: readonly StoredRecord[] }[] = [{ table, records }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const lastModifiedBy = next.table.schema.field('LastModifiedById');
    const deletedIds = new Set<string>();
    for (const record of next.records) {
      if (record.deletedAt !== null) continue;
      deletedIds.add(record.id);
      const values = [...record.values];
      if (lastModifiedBy?.slot.kind === 'stored') values[lastModifiedBy.slot.index] = actorId;
      store.apply(next.table, record, { modstamp: now, deletedAt: now, values });
    }
    if (deletedIds.size === 0) continue;
    for (const child of next.table.schema.childRelationships) {
      const childTable = store.table(child.childSObject);
      const field = childTable?.schema.field(child.field);
      if (childTable === undefined || field?.slot.kind !== 'stored') continue;
      const slot = field.slot.index;
      const children: StoredRecord[] = [];
      childTable.index('id', false).scan(0, 1, (candidate) => {
        if (deletedIds.has(candidate.values[slot] as string)) children.push(candidate);
        return true;
      });
      if (child.cascadeDelete) {
        pending.push({ table: childTable, records: children });
        continue;
      }
      for (const orphan of children) {
        const values = [...orphan.values];
        values[slot] = null;
        store.apply(childTable, orphan, { modstamp: now, deletedAt: null, values });
      }
    }
  }
}

/** Purging scans every recycle bin, so it runs at most once per minute of emulator time. */
const PURGE_INTERVAL_MS = 60_000;
const lastPurge = new WeakMap<OrgStore, number>();

/** Removes recycle-bin records older than the retention period. */
export function purgeRecycleBin(store: OrgStore): void {
  const now = store.now();
  if (now - (lastPurge.get(store) ?? Number.NEGATIVE_INFINITY) < PURGE_INTERVAL_MS) return;
  lastPurge.set(store, now);
  const cutoff = now - RECYCLE_BIN_RETENTION_MS;
  store.write(() => {
    for (const table of store.allTables()) {
      const expired = [...table.deleted()].filter((record) => (record.deletedAt as number) < cutoff);
      for (const record of expired) store.purge(table, record);
    }
  });
}
