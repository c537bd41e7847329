import { closeSync, createReadStream, existsSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { FieldValue } from '../schema/object-def.js';
import type { ObjectTable } from './object-table.js';
import type { CommittedChange, OrgStore } from './org-store.js';
import { StoredRecord } from './stored-record.js';

const FILE_NAME = 'org.ndjson';
/** Rewrite the log once it holds this many more lines than there are records. */
const COMPACT_SLACK = 10_000;
const WRITE_CHUNK_LINES = 2_000;

/** One log line: a record's full state, a purge, or the ID counters (written at compaction). */
interface RecordLine {
  o: string;
  id: string;
  m?: number;
  d?: number | null;
  v?: Record<string, FieldValue>;
  purge?: true;
}
interface CountersLine {
  ids: Record<string, number>;
}

/**
 * Keeps the org in `<stateDir>/org.ndjson`: an append-only log of record states written at each commit,
 * replayed at start (last line per record wins) and compacted into one line per record when it grows.
 */
export class OrgPersistence {
  private fd: number | null = null;
  private lines = 0;

  private constructor(
    private readonly store: OrgStore,
    private readonly path: string,
  ) {}

  /** Loads the saved org into `store` (which must be empty) and starts logging its commits. */
  static async open(store: OrgStore, stateDir: string): Promise<OrgPersistence> {
    const persistence = new OrgPersistence(store, join(stateDir, FILE_NAME));
    await persistence.load();
    if (persistence.lines > persistence.recordCount() + COMPACT_SLACK) persistence.compact();
    persistence.fd = openSync(persistence.path, 'a');
    store.onCommit((changes) => persistence.append(changes));
    return persistence;
  }

  /** Rewrites the log as one line per record. */
  compact(): void {
    const temporary = `${this.path}.tmp`;
    const fd = openSync(temporary, 'w', 0o600);
    try {
      const counters: CountersLine = { ids: this.store.ids.snapshot() };
      writeSync(fd, `${JSON.stringify(counters)}\n`);
      let lines = 1;
      let chunk: string[] = [];
      for (const table of this.store.allTables()) {
        table.index('id', true).scan(0, 1, (record) => {
          chunk.push(JSON.stringify(toLine(table, record)));
          if (chunk.length >= WRITE_CHUNK_LINES) {
            writeSync(fd, `${chunk.join('\n')}\n`);
            lines += chunk.length;
            chunk = [];
          }
          return true;
        });
      }
      if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
      this.lines = lines + chunk.length;
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const reopen = this.fd !== null;
    if (reopen) closeSync(this.fd as number);
    renameSync(temporary, this.path);
    if (reopen) this.fd = openSync(this.path, 'a');
  }

  close(): void {
    if (this.fd === null) return;
    if (this.lines > this.recordCount() + COMPACT_SLACK) this.compact();
    closeSync(this.fd);
    this.fd = null;
  }

  private append(changes: readonly CommittedChange[]): void {
    if (this.fd === null) return;
    const text = changes
      .map((change) => JSON.stringify(change.purged ? { o: change.table.schema.name, id: change.record.id, purge: true } : toLine(change.table, change.record)))
      .join('\n');
    writeSync(this.fd, `${text}\n`);
    this.lines += changes.length;
  }

  private recordCount(): number {
    let count = 0;
    for (const table of this.store.allTables()) count += table.size;
    return count;
  }

  private async load(): Promise<void> {
    if (!existsSync(this.path)) return;
    const loaded = new Map<ObjectTable, Map<string, StoredRecord>>();
    const slots = new Map<ObjectTable, Map<string, number>>();
    const lines = createInterface({ input: createReadStream(this.path, 'utf8'), crlfDelay: Infinity });
    for await (const text of lines) {
      if (text === '') continue;
      this.lines++;
      const line = JSON.parse(text) as RecordLine | CountersLine;
      if ('ids' in line) {
        this.store.ids.restore(line.ids);
        continue;
      }
      const table = this.store.table(line.o);
      if (table === undefined) continue;
      this.store.ids.observe(line.id);
      let records = loaded.get(table);
      if (records === undefined) loaded.set(table, (records = new Map<string, StoredRecord>()));
      if (line.purge === true) records.delete(line.id);
      else records.set(line.id, fromLine(table, line, slotsOf(slots, table)));
    }
    for (const [table, records] of loaded) table.insertMany([...records.values()]);
  }
}

function toLine(table: ObjectTable, record: StoredRecord): RecordLine {
  const values: Record<string, FieldValue> = {};
  for (const field of table.schema.fields) {
    if (field.slot.kind !== 'stored') continue;
    const value = record.values[field.slot.index] ?? null;
    if (value !== null) values[field.name] = value;
  }
  return { o: table.schema.name, id: record.id, m: record.modstamp, d: record.deletedAt, v: values };
}

function fromLine(table: ObjectTable, line: RecordLine, slots: ReadonlyMap<string, number>): StoredRecord {
  const values = new Array<FieldValue>(table.schema.storedFieldCount).fill(null);
  for (const [name, value] of Object.entries(line.v ?? {})) {
    const slot = slots.get(name);
    if (slot !== undefined) values[slot] = value;
  }
  return new StoredRecord(line.id, line.m ?? 0, line.d ?? null, values);
}

/** Stored slots by exact field name, per table: loading a million lines skips the case-insensitive lookup. */
function slotsOf(cache: Map<ObjectTable, Map<string, number>>, table: ObjectTable): Map<string, number> {
  let slots = cache.get(table);
  if (slots === undefined) {
    slots = new Map(table.schema.fields.flatMap((field) => (field.slot.kind === 'stored' ? [[field.name, field.slot.index] as const] : [])));
    cache.set(table, slots);
  }
  return slots;
}
