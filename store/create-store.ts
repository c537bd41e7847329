import {
  apiCallsInWindow, ledgerTableSql, pruneApiCallLedger, recordApiCalls, type ApiCallRecord, type ApiCallWindow,
} from './api-call-ledger.js';
import {
  historyTableSql, latestLimitsSnapshot, limitsHistory, pruneLimitsHistory, recordLimitsSnapshot,
  type LimitsSnapshot, type LimitsSnapshotInput,
} from './api-usage-history.js';
import { commitPage, type CommitPageInput, type CommitPageResult } from './commit-page.js';
import { lockSchemaChanges } from './ddl-lock.js';
import type { Driver } from './driver.js';
import { ensureTable, type EnsureTableResult } from './ensure-table.js';
import { pageSource } from './page-source.js';
import { StoreError } from './errors.js';
import { assertApiName, quoteIdent } from './identifiers.js';
import type { Instant } from './instant.js';
import type { StoreLogger } from './logger.js';
import { readRows } from './read-rows.js';
import { listSyncStates, readSyncState, type SyncState } from './read-sync-state.js';
import { insertRun, runsTableSql, type SyncRun } from './sync-runs.js';
import {
  clearCheckpoint, deleteState, parseCheckpoint, stateTableSql, stateTableUpgradeSql, syncStateKey, writeCheckpoint, type Checkpoint,
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
  /** The state of one cursor (default `incremental`), or null before its first commit. */
  readSyncState(connection: string, object: string, cursor?: string): Promise<SyncState | null>;
  /** Every cursor's state, of one connection or of all, ordered by connection, object and cursor. */
  listSyncStates(connection?: string): Promise<SyncState[]>;
  commitPage(input: CommitPageInput): Promise<CommitPageResult>;
  /** Advances the cursor's checkpoint without records, e.g. after an empty window. */
  commitCheckpoint(
    connection: string, object: string, checkpoint: Checkpoint, stats?: { apiCalls?: number }, cursor?: string,
  ): Promise<void>;
  /** Forgets the cursor's checkpoint so the next sync reads everything (mode 'full'); its running totals stay. */
  resetSyncState(connection: string, object: string, cursor?: string): Promise<void>;
  /** Drops a cursor's state, totals included (a finished backfill); true if it existed. */
  deleteSyncState(connection: string, object: string, cursor: string): Promise<boolean>;
  recordRun(run: SyncRun): Promise<void>;
  /** Adds API calls to the per-minute ledger shared by every worker process. */
  recordApiCalls(record: ApiCallRecord): Promise<void>;
  /** API calls recorded since `window.since` (whole minutes), of one caller or of all. */
  apiCallsInWindow(window: ApiCallWindow): Promise<number>;
  /** Deletes ledger minutes wholly before `before`; returns how many. */
  pruneApiCallLedger(before: Instant): Promise<number>;
  /** Stores the org's limits as read at `takenAt`. */
  recordLimitsSnapshot(snapshot: LimitsSnapshotInput): Promise<void>;
  latestLimitsSnapshot(connection: string): Promise<LimitsSnapshot | null>;
  /** Snapshots taken at or after `since`, oldest first. */
  limitsHistory(connection: string, since: Instant): Promise<LimitsSnapshot[]>;
  /** Deletes snapshots taken before `before`; returns how many limit rows. */
  pruneLimitsHistory(before: Instant): Promise<number>;
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
    await tx.query(stateTableUpgradeSql(schema));
    await tx.query(runsTableSql(schema));
    await tx.query(ledgerTableSql(schema));
    await tx.query(historyTableSql(schema));
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
    readSyncState: async (connection, object, cursor) => readSyncState(driver, schema, syncStateKey(connection, object, cursor)),
    listSyncStates: (connection) => listSyncStates(driver, schema, connection),
    async commitPage(input) {
      const source = await pageSource(input.records);
      return withTable(input.object, (table) => commitPage(driver, schema, table, input, source));
    },
    async commitCheckpoint(connection, object, checkpoint, stats, cursor) {
      const key = syncStateKey(connection, object, cursor);
      const counts = { upserted: 0, deleted: 0, pages: 0, apiCalls: stats?.apiCalls ?? 0 };
      await writeCheckpoint(driver, schema, key, parseCheckpoint(checkpoint), counts);
    },
    resetSyncState: async (connection, object, cursor) => clearCheckpoint(driver, schema, syncStateKey(connection, object, cursor)),
    deleteSyncState: async (connection, object, cursor) => deleteState(driver, schema, syncStateKey(connection, object, cursor)),
    recordRun: (run) => insertRun(driver, schema, run),
    recordApiCalls: (record) => recordApiCalls(driver, schema, record),
    apiCallsInWindow: (window) => apiCallsInWindow(driver, schema, window),
    pruneApiCallLedger: (before) => pruneApiCallLedger(driver, schema, before),
    recordLimitsSnapshot: (snapshot) => recordLimitsSnapshot(driver, schema, snapshot),
    latestLimitsSnapshot: (connection) => latestLimitsSnapshot(driver, schema, connection),
    limitsHistory: (connection, since) => limitsHistory(driver, schema, connection, since),
    pruneLimitsHistory: (before) => pruneLimitsHistory(driver, schema, before),
    readRows: (object) => withTable(object, (table) => readRows(driver, table)),
    close: () => driver.close(),
  };
}
