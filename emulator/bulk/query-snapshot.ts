import type { FieldValue } from '../schema/object-def.js';
import type { BoundPath } from '../soql/bound-query.js';
import { executeQuery } from '../soql/execute-query.js';
import { purgeRecycleBin } from '../store/delete-records.js';
import type { OrgStore } from '../store/org-store.js';
import { StoredRecord } from '../store/stored-record.js';

/**
 * A query result fixed when the job completed: later changes to the org never alter its pages, and any page
 * can be read again. It holds each row's record state (ID, SystemModstamp, deletion time and a reference to
 * its values array, about 32 bytes a row), never formatted rows. Sharing the values arrays is safe because the
 * store replaces a record's array on every save and never edits one in place.
 */
export class QuerySnapshot {
  private constructor(
    private readonly ids: readonly string[],
    private readonly modstamps: Float64Array,
    /** NaN for a live record. */
    private readonly deletedAt: Float64Array,
    private readonly values: readonly FieldValue[][],
    /** Parents reached through the selected lookups, as they were at the same moment. */
    private readonly parents: ReadonlyMap<string, StoredRecord>,
  ) {}

  /** Runs the query (queryAll when `includeDeleted`) and freezes its rows and the parents its columns read. */
  static take(store: OrgStore, soql: string, includeDeleted: boolean, columns: readonly BoundPath[]): QuerySnapshot {
    if (includeDeleted) purgeRecycleBin(store);
    const execution = executeQuery(store, soql, includeDeleted);
    if (execution.kind !== 'rows') throw new Error(`not a row query: ${soql}`);
    const { cursor } = execution;
    const { records } = cursor.next(cursor.totalSize);
    const size = records.length;
    const ids = new Array<string>(size);
    const modstamps = new Float64Array(size);
    const deletedAt = new Float64Array(size);
    const values = new Array<FieldValue[]>(size);
    const chains = lookupChains(columns);
    const parents = new Map<string, StoredRecord>();
    records.forEach((record, index) => {
      ids[index] = record.id;
      modstamps[index] = record.modstamp;
      deletedAt[index] = record.deletedAt ?? Number.NaN;
      values[index] = record.values;
      for (const chain of chains) freezeParents(store, record, chain, parents);
    });
    return new QuerySnapshot(ids, modstamps, deletedAt, values, parents);
  }

  get size(): number {
    return this.ids.length;
  }

  /** The `index`-th row as it was when the snapshot was taken. */
  row(index: number): StoredRecord {
    const deletedAt = this.deletedAt[index] as number;
    return new StoredRecord(this.ids[index] as string, this.modstamps[index] as number, Number.isNaN(deletedAt) ? null : deletedAt, this.values[index] as FieldValue[]);
  }

  /** A parent record as it was when the snapshot was taken. */
  parent(id: string): StoredRecord | undefined {
    return this.parents.get(id);
  }
}

/** The distinct lookup slot chains the columns follow (`Account.Owner.Name` → [AccountId, OwnerId]). */
function lookupChains(columns: readonly BoundPath[]): number[][] {
  const chains = new Map<string, number[]>();
  for (const column of columns) {
    const slots = column.hops.map((hop) => (hop.slot.kind === 'stored' ? hop.slot.index : -1));
    if (slots.length > 0) chains.set(slots.join('.'), slots);
  }
  return [...chains.values()];
}

function freezeParents(store: OrgStore, record: StoredRecord, chain: readonly number[], parents: Map<string, StoredRecord>): void {
  let current = record;
  for (const slot of chain) {
    const id = current.values[slot];
    if (typeof id !== 'string') return;
    let frozen = parents.get(id);
    if (frozen === undefined) {
      const live = store.find(id)?.record;
      if (live === undefined) return;
      frozen = new StoredRecord(live.id, live.modstamp, live.deletedAt, live.values);
      parents.set(id, frozen);
    }
    current = frozen;
  }
}
