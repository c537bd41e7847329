import type { EmulatorClock } from '../clock.js';
import { IdAllocator } from '../ids/id-allocator.js';
import type { ObjectSchema } from '../schema/object-schema.js';
import type { OrgSchema } from '../schema/org-schema.js';
import { ObjectTable, type RecordState } from './object-table.js';
import type { StoredRecord } from './stored-record.js';

/** One record touched by a committed write: its final state is what persistence writes. */
export interface CommittedChange {
  table: ObjectTable;
  record: StoredRecord;
  purged: boolean;
}

export type CommitListener = (changes: readonly CommittedChange[]) => void;

type UndoEntry =
  | { kind: 'insert'; table: ObjectTable; record: StoredRecord }
  | { kind: 'purge'; table: ObjectTable; record: StoredRecord }
  | { kind: 'apply'; table: ObjectTable; record: StoredRecord; before: RecordState };

/**
 * The org's data. Every change goes through `insert`, `apply` or `purge` inside `write`, which makes the
 * change atomic (a throw undoes it), supports savepoints for allOrNone, and tells listeners what committed.
 */
export class OrgStore {
  readonly ids = new IdAllocator();
  private readonly tables = new Map<string, ObjectTable>();
  private readonly listeners: CommitListener[] = [];
  private journal: UndoEntry[] | null = null;

  constructor(
    readonly schema: OrgSchema,
    readonly clock: EmulatorClock,
  ) {
    for (const object of schema.objects) this.tables.set(object.name, new ObjectTable(object));
  }

  /** Emulator time truncated to whole seconds, the precision of Salesforce datetimes. */
  now(): number {
    return Math.floor(this.clock.now() / 1000) * 1000;
  }

  table(object: ObjectSchema | string): ObjectTable | undefined {
    const schema = typeof object === 'string' ? this.schema.object(object) : object;
    return schema === undefined ? undefined : this.tables.get(schema.name);
  }

  tableFor(object: ObjectSchema): ObjectTable {
    const table = this.tables.get(object.name);
    if (table === undefined) throw new Error(`no table for ${object.name}`);
    return table;
  }

  allTables(): Iterable<ObjectTable> {
    return this.tables.values();
  }

  /** The record with this canonical 18-char ID in whichever object its key prefix names. */
  find(id: string): { table: ObjectTable; record: StoredRecord } | undefined {
    const object = this.schema.objectForId(id);
    const table = object === undefined ? undefined : this.tables.get(object.name);
    const record = table?.get(id);
    return table === undefined || record === undefined ? undefined : { table, record };
  }

  onCommit(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  /** Runs `fn` atomically; nested calls join the outer write and undo only their own changes on a throw. */
  write<T>(fn: () => T): T {
    const outer = this.journal === null;
    const journal = this.journal ?? [];
    this.journal = journal;
    const mark = journal.length;
    try {
      const result = fn();
      if (outer) this.commit(journal);
      return result;
    } catch (error) {
      this.undoTo(journal, mark);
      throw error;
    } finally {
      if (outer) this.journal = null;
    }
  }

  /** A point inside the current write that `rollbackTo` can return to. */
  savepoint(): number {
    return this.activeJournal().length;
  }

  rollbackTo(savepoint: number): void {
    this.undoTo(this.activeJournal(), savepoint);
  }

  insert(table: ObjectTable, record: StoredRecord): void {
    this.ids.observe(record.id);
    table.insert(record);
    this.activeJournal().push({ kind: 'insert', table, record });
  }

  apply(table: ObjectTable, record: StoredRecord, next: RecordState): void {
    const before = { modstamp: record.modstamp, deletedAt: record.deletedAt, values: record.values };
    table.apply(record, next);
    this.activeJournal().push({ kind: 'apply', table, record, before });
  }

  purge(table: ObjectTable, record: StoredRecord): void {
    table.purge(record);
    this.activeJournal().push({ kind: 'purge', table, record });
  }

  private activeJournal(): UndoEntry[] {
    if (this.journal === null) throw new Error('store changes must run inside OrgStore.write()');
    return this.journal;
  }

  private undoTo(journal: UndoEntry[], mark: number): void {
    while (journal.length > mark) {
      const entry = journal.pop() as UndoEntry;
      if (entry.kind === 'insert') entry.table.purge(entry.record);
      else if (entry.kind === 'purge') entry.table.insert(entry.record);
      else entry.table.apply(entry.record, entry.before);
    }
  }

  private commit(journal: readonly UndoEntry[]): void {
    if (journal.length === 0) return;
    const changes = new Map<StoredRecord, CommittedChange>();
    for (const entry of journal) {
      changes.set(entry.record, { table: entry.table, record: entry.record, purged: entry.kind === 'purge' });
    }
    for (const listener of this.listeners) listener([...changes.values()]);
  }
}
