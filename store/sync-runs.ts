import { z } from 'zod';
import type { Queryable } from './driver.js';
import { quoteIdent } from './identifiers.js';
import { isoDatetime } from './instant.js';
import { parseInput } from './parse-input.js';

/** One finished sync run, for operators: what it did, how long it took, what it cost. */
export const syncRunSchema = z.object({
  connection: z.string().min(1),
  object: z.string().min(1),
  mode: z.enum(['incremental', 'full']),
  outcome: z.enum(['completed', 'failed']),
  startedAt: isoDatetime,
  finishedAt: isoDatetime,
  upserted: z.number().int().nonnegative(),
  deleted: z.number().int().nonnegative(),
  apiCalls: z.number().int().nonnegative(),
  error: z.string().nullable().optional(),
});
export type SyncRun = z.input<typeof syncRunSchema>;

export const RUNS_TABLE = '_sync_runs';

export function runsTableSql(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.${RUNS_TABLE} (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection text NOT NULL,
    object text NOT NULL,
    mode text NOT NULL,
    outcome text NOT NULL,
    started_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone NOT NULL,
    upserted bigint NOT NULL,
    deleted bigint NOT NULL,
    api_calls bigint NOT NULL,
    error text
  )`;
}

export async function insertRun(db: Queryable, schema: string, run: SyncRun): Promise<void> {
  const r = parseInput(syncRunSchema, run, 'sync run');
  await db.query(
    `INSERT INTO ${quoteIdent(schema)}.${RUNS_TABLE}
       (connection, object, mode, outcome, started_at, finished_at, upserted, deleted, api_calls, error)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $6::timestamptz, $7::bigint, $8::bigint, $9::bigint, $10)`,
    [r.connection, r.object, r.mode, r.outcome, r.startedAt, r.finishedAt,
      String(r.upserted), String(r.deleted), String(r.apiCalls), r.error ?? null],
  );
}
