import { z } from 'zod';
import type { Queryable } from './driver.js';
import { StoreError } from './errors.js';
import { assertApiName, quoteIdent } from './identifiers.js';
import { isoDatetime } from './instant.js';
import { parseInput } from './parse-input.js';

/**
 * Where a sync of one object stands. Each checkpoint replaces the previous one whole: a missing `bulk` or
 * `windowEnd` is stored as null.
 */
export const checkpointSchema = z.object({
  /** The (SystemModstamp, Id) of the last record committed; null before the first. */
  watermark: z.object({ systemModstamp: isoDatetime, id: z.string().min(1).max(18) }).nullable(),
  /**
   * The Bulk API 2.0 query job being loaded, the locator of its next results page, and how many result rows the
   * pages before it held (to check the whole result against the job's count).
   */
  bulk: z.object({ jobId: z.string().min(1), locator: z.string().nullable(), rowsLoaded: z.int().nonnegative().optional() }).nullable().optional(),
  /** The upper bound of the window being read. */
  windowEnd: isoDatetime.nullable().optional(),
});
export type Checkpoint = z.input<typeof checkpointSchema>;

/** The cursor of the ongoing incremental sync; other cursors (a backfill of a time range) keep their own checkpoint. */
export const DEFAULT_CURSOR = 'incremental';
const CURSOR_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,120}$/;

/** One sync state row: a cursor of a sync of one object from one connection. */
export interface SyncStateKey {
  connection: string;
  object: string;
  cursor: string;
}

export function syncStateKey(connection: string, object: string, cursor: string = DEFAULT_CURSOR): SyncStateKey {
  if (!CURSOR_NAME.test(cursor)) throw new StoreError('INVALID_IDENTIFIER', `Invalid cursor name ${JSON.stringify(cursor)}`, { object });
  return { connection, object: assertApiName(object, 'object'), cursor };
}

export interface CommitCounts {
  upserted: number;
  deleted: number;
  pages: number;
  apiCalls: number;
}

export const STATE_TABLE = '_sync_state';

export function stateTableSql(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.${STATE_TABLE} (
    connection text NOT NULL,
    object text NOT NULL,
    cursor text NOT NULL DEFAULT '${DEFAULT_CURSOR}',
    watermark_systemmodstamp timestamp with time zone,
    watermark_id character varying(18),
    bulk_job_id text,
    bulk_locator text,
    bulk_rows_loaded bigint,
    window_end timestamp with time zone,
    total_upserted bigint NOT NULL DEFAULT 0,
    total_deleted bigint NOT NULL DEFAULT 0,
    pages_committed bigint NOT NULL DEFAULT 0,
    api_calls bigint NOT NULL DEFAULT 0,
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    PRIMARY KEY (connection, object, cursor)
  )`;
}

/** Columns added since the table was first released, for databases created before them. */
export function stateTableUpgradeSql(schema: string): string {
  return `ALTER TABLE ${quoteIdent(schema)}.${STATE_TABLE} ADD COLUMN IF NOT EXISTS bulk_rows_loaded bigint`;
}

export function parseCheckpoint(checkpoint: Checkpoint): z.output<typeof checkpointSchema> {
  return parseInput(checkpointSchema, checkpoint, 'checkpoint');
}

/** Stores the cursor's checkpoint and adds the counts to its running totals. */
export async function writeCheckpoint(
  db: Queryable, schema: string, key: SyncStateKey, checkpoint: Checkpoint, counts: CommitCounts,
): Promise<void> {
  await db.query(
    `INSERT INTO ${quoteIdent(schema)}.${STATE_TABLE} AS state (connection, object, cursor, watermark_systemmodstamp,
       watermark_id, bulk_job_id, bulk_locator, bulk_rows_loaded, window_end, total_upserted, total_deleted, pages_committed,
       api_calls, updated_at)
     VALUES ($1, $2, $3, $4::timestamptz, $5, $6, $7, $8::bigint, $9::timestamptz, $10::bigint, $11::bigint, $12::bigint, $13::bigint, now())
     ON CONFLICT (connection, object, cursor) DO UPDATE SET
       watermark_systemmodstamp = EXCLUDED.watermark_systemmodstamp, watermark_id = EXCLUDED.watermark_id,
       bulk_job_id = EXCLUDED.bulk_job_id, bulk_locator = EXCLUDED.bulk_locator, bulk_rows_loaded = EXCLUDED.bulk_rows_loaded,
       window_end = EXCLUDED.window_end,
       total_upserted = state.total_upserted + EXCLUDED.total_upserted,
       total_deleted = state.total_deleted + EXCLUDED.total_deleted,
       pages_committed = state.pages_committed + EXCLUDED.pages_committed,
       api_calls = state.api_calls + EXCLUDED.api_calls,
       updated_at = now()`,
    [
      key.connection, key.object, key.cursor,
      checkpoint.watermark?.systemModstamp ?? null, checkpoint.watermark?.id ?? null,
      checkpoint.bulk?.jobId ?? null, checkpoint.bulk?.locator ?? null,
      checkpoint.bulk?.rowsLoaded === undefined ? null : String(checkpoint.bulk.rowsLoaded), checkpoint.windowEnd ?? null,
      String(counts.upserted), String(counts.deleted), String(counts.pages), String(counts.apiCalls),
    ],
  );
}

/** Clears the cursor's checkpoint (for a full sync), keeping its running totals. */
export async function clearCheckpoint(db: Queryable, schema: string, key: SyncStateKey): Promise<void> {
  await db.query(
    `UPDATE ${quoteIdent(schema)}.${STATE_TABLE} SET watermark_systemmodstamp = NULL, watermark_id = NULL,
       bulk_job_id = NULL, bulk_locator = NULL, bulk_rows_loaded = NULL, window_end = NULL, updated_at = now()
     WHERE connection = $1 AND object = $2 AND cursor = $3`,
    [key.connection, key.object, key.cursor],
  );
}

/** Drops the cursor's row, checkpoint and totals; true if there was one. */
export async function deleteState(db: Queryable, schema: string, key: SyncStateKey): Promise<boolean> {
  const { rowCount } = await db.query(
    `DELETE FROM ${quoteIdent(schema)}.${STATE_TABLE} WHERE connection = $1 AND object = $2 AND cursor = $3`,
    [key.connection, key.object, key.cursor],
  );
  return rowCount > 0;
}
