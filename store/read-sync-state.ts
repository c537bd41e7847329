import type { Queryable, SqlParam } from './driver.js';
import { quoteIdent } from './identifiers.js';
import { canonicalSql } from './sql-text.js';
import { STATE_TABLE, type SyncStateKey } from './sync-state.js';

export interface SyncState extends SyncStateKey {
  /** Datetimes read back in the canonical `yyyy-MM-ddTHH:mm:ss.SSSZ` form. */
  watermark: { systemModstamp: string; id: string } | null;
  /** rowsLoaded is null for a job whose checkpoint predates the count. */
  bulk: { jobId: string; locator: string | null; rowsLoaded: number | null } | null;
  windowEnd: string | null;
  /** Running totals of this cursor alone. */
  totalUpserted: number;
  totalDeleted: number;
  pagesCommitted: number;
  apiCalls: number;
  /** When a page or checkpoint was last committed. */
  updatedAt: string;
}

interface StateRow {
  connection: string;
  object: string;
  cursor: string;
  watermark_systemmodstamp: string | null;
  watermark_id: string | null;
  bulk_job_id: string | null;
  bulk_locator: string | null;
  bulk_rows_loaded: string | null;
  window_end: string | null;
  total_upserted: string;
  total_deleted: string;
  pages_committed: string;
  api_calls: string;
  updated_at: string;
}

export async function readSyncState(db: Queryable, schema: string, key: SyncStateKey): Promise<SyncState | null> {
  const [state] = await selectStates(db, schema, 'connection = $1 AND object = $2 AND cursor = $3',
    [key.connection, key.object, key.cursor]);
  return state ?? null;
}

/** Every cursor's state, of one connection or of all, ordered by connection, object and cursor. */
export async function listSyncStates(db: Queryable, schema: string, connection: string | undefined): Promise<SyncState[]> {
  return selectStates(db, schema, '$1::text IS NULL OR connection = $1', [connection ?? null]);
}

async function selectStates(db: Queryable, schema: string, where: string, params: SqlParam[]): Promise<SyncState[]> {
  const utc = (column: string) => `${canonicalSql('timestamptz', column)} AS ${column}`;
  const { rows } = await db.query<StateRow>(
    `SELECT connection, object, cursor, ${utc('watermark_systemmodstamp')}, watermark_id, bulk_job_id, bulk_locator, bulk_rows_loaded::text,
            ${utc('window_end')}, total_upserted::text, total_deleted::text, pages_committed::text, api_calls::text,
            ${utc('updated_at')}
       FROM ${quoteIdent(schema)}.${STATE_TABLE} WHERE ${where}
      ORDER BY connection, object, cursor`,
    params,
  );
  return rows.map((row) => ({
    connection: row.connection,
    object: row.object,
    cursor: row.cursor,
    watermark: row.watermark_systemmodstamp === null || row.watermark_id === null
      ? null : { systemModstamp: row.watermark_systemmodstamp, id: row.watermark_id },
    bulk: row.bulk_job_id === null ? null : {
      jobId: row.bulk_job_id,
      locator: row.bulk_locator,
      rowsLoaded: row.bulk_rows_loaded === null ? null : Number(row.bulk_rows_loaded),
    },
    windowEnd: row.window_end,
    totalUpserted: Number(row.total_upserted),
    totalDeleted: Number(row.total_deleted),
    pagesCommitted: Number(row.pages_committed),
    apiCalls: Number(row.api_calls),
    updatedAt: row.updated_at,
  }));
}
