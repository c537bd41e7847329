export { createStore, type Store } from './create-store.js';
export { openDriver, openStore, DEFAULT_PGLITE_DIR, DEFAULT_SCHEMA, type OpenDriverOptions, type OpenStoreOptions } from './open-store.js';
export {
  createConnectionStores, openConnectionStores, type ConnectionStores, type ConnectionStoresOptions,
} from './connection-stores.js';
export { bookkeepingByConnection, type ConnectionBookkeeping } from './connection-bookkeeping.js';
export { adoptLegacySchema, type LegacySchemaOutcome } from './legacy-schema.js';
export { openPostgresDriver } from './postgres-driver.js';
export { openPgliteDriver } from './pglite-driver.js';
export type { Driver, Transaction, Queryable, SqlParam } from './driver.js';
export type { StoreLogger } from './logger.js';
export type { EnsureTableResult } from './ensure-table.js';
export type { CommitPageInput, CommitPageResult } from './commit-page.js';
export type { ValueFormat } from './page-rows.js';
export { checkpointSchema, DEFAULT_CURSOR, type Checkpoint, type SyncStateKey } from './sync-state.js';
export type { SyncState } from './read-sync-state.js';
export { apiCallRecordSchema, apiCallWindowSchema, type ApiCallRecord, type ApiCallWindow } from './api-call-ledger.js';
export {
  limitsSchema, limitsSnapshotSchema, type Limits, type LimitsSnapshot, type LimitsSnapshotInput,
} from './api-usage-history.js';
export type { Instant } from './instant.js';
export { syncRunSchema, type SyncRun } from './sync-runs.js';
export { columnKindFor, fieldSpecSchema, type ColumnKind, type FieldSpec } from './type-mapping.js';
export { fromCsvValue, fromRestValue, type ColumnValue } from './value-conversion.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { errorText, storeFailure } from './connection-loss.js';
