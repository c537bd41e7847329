import { commitPage, type CommitPageInput, type CommitPageResult } from './commit-page.js';
import { lockSchemaChanges } from './ddl-lock.js';
import type { Driver } from './driver.js';
import { ensureTable, type EnsureTableResult } from './ensure-table.js';
import { StoreError } from './errors.js';
import { assertApiName, quoteIdent } from './identifiers.js';
import type { StoreLogger } from './logger.js';
import { readRows } from './read-rows.js';
import { insertRun, runsTableSql, type SyncRun } from './sync-runs.js';
import {
  clearCheckpoint, parseCheckpoint, readCheckpoint, stateTableSql, writeCheckpoint, type Checkpoint, type SyncState,
} from './sync-state.js';
import { loadTableInfo, type TableInfo } from './table-info.js';
import type { FieldSpec } from './type-mapping.js';
import type { ColumnValue } from './value-conversion.js';

export interface Store {
  readonly driver: Driver['kind'];
  readonly schema: string;
  /** Creates or extends the object's table from its describe fields. */
  ensureTable(object: string, fields: readonly FieldSpec[]): Promise<EnsureTableResult>;
  /** The table's columns that hold Salesforce fields, including those of fields since removed from Salesforce. */
  syncedFields(object: string): Promise<string[]>;
  readSyncState(connection: string, object: string): Promise<SyncState | null>;
  commitPage(input: CommitPageInput): Promise<CommitPageResult>;
  /** Advances the checkpoint without records, e.g. after an empty window. */
  commitCheckpoint(connection: string, object: string, checkpoint: Checkpoint, stats?: { apiCalls?: number }): Promise<void>;
  /** Forgets the checkpoint so the next sync reads everything (mode 'full'); the running totals stay. */
  resetSyncState(connection: string, object: string): Promise<void>;
  recordRun(run: SyncRun): Promise<void>;
  readRows(object: string): Promise<Record<string, ColumnValue>[]>;
  /** Closes the driver. */
  close(): Promise<void>;
}

/** A store on an open driver: creates the schema and the bookkeeping tables if they are missing. */
export async function createStore(driver: Driver, options: { schema: string; logger: StoreLogger }): Promise<Store> {
  const schema = assertApiName(options.schema, 'schema');
  const { logger } = options;
  await driver.transaction(async (tx) => {
    await lockSchemaChanges(tx, schema);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await tx.query(stateTableSql(schema));
    await tx.query(runsTableSql(schema));
  });

  // Column lists per object, so a page costs no catalog query. Dropped after any failure or schema change,
  // as another worker may have altered the table.
  const tables = new Map<string, TableInfo>();
  const tableInfo = async (object: string): Promise<TableInfo> => {
    const info = tables.get(object) ?? (await loadTableInfo(driver, schema, assertApiName(object, 'object')));
    tables.set(object, info);
    return info;
  };
  const withTable = async <T>(object: string, use: (table: TableInfo) => Promise<T>): Promise<T> => {
    const cached = tables.has(object);
    try {
      return await use(await tableInfo(object));
    } catch (error) {
      tables.delete(object);
      // A field this worker's cached column list lacks may have been added by another worker.
      if (cached && error instanceof StoreError && error.code === 'UNKNOWN_FIELD') return use(await tableInfo(object));
      throw error;
    }
  };
  const key = (connection: string, object: string) => ({ connection, object: assertApiName(object, 'object') });

  return {
    driver: driver.kind,
    schema,
    async ensureTable(object, fields) {
      tables.delete(object);
      return ensureTable(driver, schema, object, fields, logger);
    },
    async syncedFields(object) {
      tables.delete(object);
      try {
        return [...(await tableInfo(object)).fields.values()].map((column) => column.name);
      } catch (error) {
        if (error instanceof StoreError && error.code === 'TABLE_NOT_FOUND') return [];
        throw error;
      }
    },
    readSyncState: (connection, object) => readCheckpoint(driver, schema, key(connection, object)),
    commitPage: (input) => withTable(input.object, (table) => commitPage(driver, schema, table, input)),
    async commitCheckpoint(connection, object, checkpoint, stats) {
      const parsed = parseCheckpoint(checkpoint);
      const counts = { upserted: 0, deleted: 0, pages: 0, apiCalls: stats?.apiCalls ?? 0 };
      await writeCheckpoint(driver, schema, key(connection, object), parsed, counts);
    },
    resetSyncState: (connection, object) => clearCheckpoint(driver, schema, key(connection, object)),
    recordRun: (run) => insertRun(driver, schema, run),
    readRows: (object) => withTable(object, (table) => readRows(driver, table)),
    close: () => driver.close(),
  };
}
