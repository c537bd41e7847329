import { z } from 'zod';
import { canonicalDatetime } from './datetime.js';
import type { Queryable } from './driver.js';
import { StoreError } from './errors.js';
import { quoteIdent } from './identifiers.js';

/** An ISO 8601 datetime, stored in the canonical UTC form. */
export const isoDatetime = z.string().transform((text, context) => {
  const canonical = canonicalDatetime(text);
  if (canonical === null) context.addIssue({ code: 'custom', message: 'must be an ISO 8601 datetime' });
  return canonical ?? z.NEVER;
});

/**
 * Where a sync of one object stands. Each checkpoint replaces the previous one whole: a missing `bulk` or
 * `windowEnd` is stored as null.
 */
export const checkpointSchema = z.object({
  /** The (SystemModstamp, Id) of the last record committed; null before the first. */
  watermark: z.object({ systemModstamp: isoDatetime, id: z.string().min(1).max(18) }).nullable(),
  /** The Bulk API 2.0 query job being loaded and the locator of its next results page. */
  bulk: z.object({ jobId: z.string().min(1), locator: z.string().nullable() }).nullable().optional(),
  /** The upper bound of the window being read. */
  windowEnd: isoDatetime.nullable().optional(),
});
export type Checkpoint = z.input<typeof checkpointSchema>;

export interface SyncState {
  connection: string;
  object: string;
  /** Datetimes read back in the canonical `yyyy-MM-ddTHH:mm:ss.SSSZ` form. */
  watermark: { systemModstamp: string; id: string } | null;
  bulk: { jobId: string; locator: string | null } | null;
  windowEnd: string | null;
  totalUpserted: number;
  totalDeleted: number;
  pagesCommitted: number;
  apiCalls: number;
  /** When a page or checkpoint was last committed. */
  updatedAt: string;
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
    watermark_systemmodstamp timestamp with time zone,
    watermark_id character varying(18),
    bulk_job_id text,
    bulk_locator text,
    window_end timestamp with time zone,
    total_upserted bigint NOT NULL DEFAULT 0,
    total_deleted bigint NOT NULL DEFAULT 0,
    pages_committed bigint NOT NULL DEFAULT 0,
    api_calls bigint NOT NULL DEFAULT 0,
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    PRIMARY KEY (connection, object)
  )`;
}

export function parseCheckpoint(checkpoint: Checkpoint): z.output<typeof checkpointSchema> {
  const parsed = checkpointSchema.safeParse(checkpoint);
  if (!parsed.success) throw new StoreError('INVALID_INPUT', `Invalid checkpoint: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Stores the checkpoint and adds the counts to the running totals. */
export async function writeCheckpoint(
  db: Queryable, schema: string, key: { connection: string; object: string }, checkpoint: Checkpoint, counts: CommitCounts,
): Promise<void> {
  await db.query(
    `INSERT INTO ${quoteIdent(schema)}.${STATE_TABLE} AS state (connection, object, watermark_systemmodstamp, watermark_id,
       bulk_job_id, bulk_locator, window_end, total_upserted, total_deleted, pages_committed, api_calls, updated_at)
     VALUES ($1, $2, $3::timestamptz, $4, $5, $6, $7::timestamptz, $8::bigint, $9::bigint, $10::bigint, $11::bigint, now())
     ON CONFLICT (connection, object) DO UPDATE SET
       watermark_systemmodstamp = EXCLUDED.watermark_systemmodstamp, watermark_id = EXCLUDED.watermark_id,
       bulk_job_id = EXCLUDED.bulk_job_id, bulk_locator = EXCLUDED.bulk_locator, window_end = EXCLUDED.window_end,
       total_upserted = state.total_upserted + EXCLUDED.total_upserted,
       total_deleted = state.total_deleted + EXCLUDED.total_deleted,
       pages_committed = state.pages_committed + EXCLUDED.pages_committed,
       api_calls = state.api_calls + EXCLUDED.api_calls,
       updated_at = now()`,
    [
      key.connection, key.object,
      checkpoint.watermark?.systemModstamp ?? null, checkpoint.watermark?.id ?? null,
      checkpoint.bulk?.jobId ?? null, checkpoint.bulk?.locator ?? null, checkpoint.windowEnd ?? null,
      String(counts.upserted), String(counts.deleted), String(counts.pages), String(counts.apiCalls),
    ],
  );
}

/** Clears the checkpoint (for a full sync), keeping the running totals. */
export async function clearCheckpoint(db: Queryable, schema: string, key: { connection: string; object: string }): Promise<void> {
  await db.query(
    `UPDATE ${quoteIdent(schema)}.${STATE_TABLE} SET watermark_systemmodstamp = NULL, watermark_id = NULL,
       bulk_job_id = NULL, bulk_locator = NULL, window_end = NULL, updated_at = now()
     WHERE connection = $1 AND object = $2`,
    [key.connection, key.object],
  );
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

interface StateRow {
  watermark_systemmodstamp: string | null;
  watermark_id: string | null;
  bulk_job_id: string | null;
  bulk_locator: string | null;
  window_end: string | null;
  total_upserted: string;
  total_deleted: string;
  pages_committed: string;
  api_calls: string;
  updated_at: string;
}

export async function readCheckpoint(
  db: Queryable, schema: string, key: { connection: string; object: string },
): Promise<SyncState | null> {
  const { rows: [row] } = await db.query<StateRow>(
    `SELECT to_char(watermark_systemmodstamp AT TIME ZONE 'UTC', ${ISO}) AS watermark_systemmodstamp, watermark_id,
            bulk_job_id, bulk_locator, to_char(window_end AT TIME ZONE 'UTC', ${ISO}) AS window_end,
            total_upserted::text, total_deleted::text, pages_committed::text, api_calls::text,
            to_char(updated_at AT TIME ZONE 'UTC', ${ISO}) AS updated_at
       FROM ${quoteIdent(schema)}.${STATE_TABLE} WHERE connection = $1 AND object = $2`,
    [key.connection, key.object],
  );
  if (row === undefined) return null;
  return {
    ...key,
    watermark: row.watermark_systemmodstamp === null || row.watermark_id === null
      ? null : { systemModstamp: row.watermark_systemmodstamp, id: row.watermark_id },
    bulk: row.bulk_job_id === null ? null : { jobId: row.bulk_job_id, locator: row.bulk_locator },
    windowEnd: row.window_end,
    totalUpserted: Number(row.total_upserted),
    totalDeleted: Number(row.total_deleted),
    pagesCommitted: Number(row.pages_committed),
    apiCalls: Number(row.api_calls),
    updatedAt: row.updated_at,
  };
}
