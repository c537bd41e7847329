import { z } from 'zod';
import type { Queryable } from './driver.js';
import { quoteIdent } from './identifiers.js';
import { instant, type Instant } from './instant.js';
import { parseInput } from './parse-input.js';

/** Salesforce API calls one caller made, added to the ledger every worker process shares. */
export const apiCallRecordSchema = z.object({
  connection: z.string().min(1),
  /** Who made the calls (a sync, a governor probe); budgets may be kept per caller. */
  caller: z.string().min(1).max(200),
  calls: z.number().int().nonnegative(),
  /** When the calls were made; the database's clock when absent. */
  at: instant.optional(),
});
export type ApiCallRecord = z.input<typeof apiCallRecordSchema>;

export const apiCallWindowSchema = z.object({
  connection: z.string().min(1),
  /** Only this caller's calls; every caller's when absent. */
  caller: z.string().min(1).max(200).optional(),
  since: instant,
});
export type ApiCallWindow = z.input<typeof apiCallWindowSchema>;

export const LEDGER_TABLE = '_api_call_ledger';

export function ledgerTableSql(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.${LEDGER_TABLE} (
    connection text NOT NULL,
    caller text NOT NULL,
    minute timestamp with time zone NOT NULL,
    calls bigint NOT NULL,
    PRIMARY KEY (connection, caller, minute)
  )`;
}

// The minute holding an instant, computed in UTC so the session time zone cannot shift a bucket.
const minuteOf = (instantSql: string) => `date_trunc('minute', ${instantSql} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`;

/**
 * Adds calls to their minute's bucket. The increment happens in the upsert itself, so concurrent writers to
 * one bucket (any number of worker processes) never lose a count.
 */
export async function recordApiCalls(db: Queryable, schema: string, record: ApiCallRecord): Promise<void> {
  const { connection, caller, calls, at } = parseInput(apiCallRecordSchema, record, 'API call record');
  if (calls === 0) return;
  await db.query(
    `INSERT INTO ${quoteIdent(schema)}.${LEDGER_TABLE} AS ledger (connection, caller, minute, calls)
     VALUES ($1, $2, ${minuteOf('coalesce($3::timestamptz, now())')}, $4::bigint)
     ON CONFLICT (connection, caller, minute) DO UPDATE SET calls = ledger.calls + EXCLUDED.calls`,
    [connection, caller, at ?? null, String(calls)],
  );
}

/**
 * Calls made since an instant. Counts whole minutes: the bucket holding `since` is included, so the sum may
 * hold up to a minute of earlier calls. A budget errs on the side of spending less.
 */
export async function apiCallsInWindow(db: Queryable, schema: string, window: ApiCallWindow): Promise<number> {
  const { connection, caller, since } = parseInput(apiCallWindowSchema, window, 'API call window');
  const { rows: [row] } = await db.query<{ calls: string }>(
    `SELECT coalesce(sum(calls), 0)::text AS calls FROM ${quoteIdent(schema)}.${LEDGER_TABLE}
      WHERE connection = $1 AND ($2::text IS NULL OR caller = $2) AND minute >= ${minuteOf('$3::timestamptz')}`,
    [connection, caller ?? null, since],
  );
  return Number(row?.calls ?? 0);
}

/** Deletes the buckets wholly before `before` (the one holding it stays, so a window since `before` is unchanged). */
export async function pruneApiCallLedger(db: Queryable, schema: string, before: Instant): Promise<number> {
  const cutoff = parseInput(instant, before, 'prune cutoff');
  const { rowCount } = await db.query(
    `DELETE FROM ${quoteIdent(schema)}.${LEDGER_TABLE} WHERE minute < ${minuteOf('$1::timestamptz')}`, [cutoff]);
  return rowCount;
}
