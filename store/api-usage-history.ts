import { z } from 'zod';
import type { Queryable, SqlParam } from './driver.js';
import { quoteIdent } from './identifiers.js';
import { instant, type Instant } from './instant.js';
import { parseInput } from './parse-input.js';
import { arrayLiteral, canonicalSql } from './sql-text.js';

/**
 * The org's limits by name, as `GET /limits` reports them (docs/salesforce-api.md §7.1), flattened by the caller.
 * Remaining goes below zero when a paid org overruns its allocation (docs/salesforce-api.md §2.7).
 */
export const limitsSchema = z.record(z.string().min(1), z.object({
  max: z.number().int().nonnegative(),
  remaining: z.number().int(),
}));
export type Limits = z.output<typeof limitsSchema>;

export const limitsSnapshotSchema = z.object({
  connection: z.string().min(1),
  takenAt: instant,
  limits: limitsSchema,
});
export type LimitsSnapshotInput = z.input<typeof limitsSnapshotSchema>;

export interface LimitsSnapshot {
  /** Canonical `yyyy-MM-ddTHH:mm:ss.SSSZ`. */
  takenAt: string;
  limits: Limits;
}

export const HISTORY_TABLE = '_api_usage_history';

export function historyTableSql(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.${HISTORY_TABLE} (
    connection text NOT NULL,
    taken_at timestamp with time zone NOT NULL,
    name text NOT NULL,
    max bigint NOT NULL,
    remaining bigint NOT NULL,
    PRIMARY KEY (connection, taken_at, name)
  )`;
}

/** Stores one row per limit; recording the same snapshot again (an activity retry) changes nothing. */
export async function recordLimitsSnapshot(db: Queryable, schema: string, snapshot: LimitsSnapshotInput): Promise<void> {
  const { connection, takenAt, limits } = parseInput(limitsSnapshotSchema, snapshot, 'limits snapshot');
  const entries = Object.entries(limits);
  await db.query(
    `INSERT INTO ${quoteIdent(schema)}.${HISTORY_TABLE} AS history (connection, taken_at, name, max, remaining)
     SELECT $1, $2::timestamptz, snapshot.name, snapshot.max, snapshot.remaining
       FROM unnest($3::text[], $4::bigint[], $5::bigint[]) AS snapshot(name, max, remaining)
     ON CONFLICT (connection, taken_at, name) DO UPDATE SET max = EXCLUDED.max, remaining = EXCLUDED.remaining`,
    [
      connection, takenAt,
      arrayLiteral(entries.map(([name]) => name)),
      arrayLiteral(entries.map(([, limit]) => String(limit.max))),
      arrayLiteral(entries.map(([, limit]) => String(limit.remaining))),
    ],
  );
}

export async function latestLimitsSnapshot(db: Queryable, schema: string, connection: string): Promise<LimitsSnapshot | null> {
  const table = `${quoteIdent(schema)}.${HISTORY_TABLE}`;
  const [latest] = await selectSnapshots(db,
    `FROM ${table} WHERE connection = $1 AND taken_at = (SELECT max(taken_at) FROM ${table} WHERE connection = $1)`, [connection]);
  return latest ?? null;
}

/** The snapshots taken at or after `since`, oldest first. */
export async function limitsHistory(db: Queryable, schema: string, connection: string, since: Instant): Promise<LimitsSnapshot[]> {
  const from = parseInput(instant, since, 'history start');
  return selectSnapshots(db, `FROM ${quoteIdent(schema)}.${HISTORY_TABLE} WHERE connection = $1 AND taken_at >= $2::timestamptz`,
    [connection, from]);
}

/** Deletes the snapshots taken before `before`; returns the number of limit rows deleted. */
export async function pruneLimitsHistory(db: Queryable, schema: string, before: Instant): Promise<number> {
  const cutoff = parseInput(instant, before, 'prune cutoff');
  const { rowCount } = await db.query(
    `DELETE FROM ${quoteIdent(schema)}.${HISTORY_TABLE} WHERE taken_at < $1::timestamptz`, [cutoff]);
  return rowCount;
}

async function selectSnapshots(db: Queryable, fromWhere: string, params: SqlParam[]): Promise<LimitsSnapshot[]> {
  const { rows } = await db.query<{ taken_at_utc: string; name: string; max: string; remaining: string }>(
    `SELECT ${canonicalSql('timestamptz', 'taken_at')} AS taken_at_utc, name, max::text, remaining::text ${fromWhere}
      ORDER BY taken_at, name`,
    params,
  );
  const snapshots = new Map<string, LimitsSnapshot>();
  for (const row of rows) {
    const snapshot = snapshots.get(row.taken_at_utc) ?? { takenAt: row.taken_at_utc, limits: {} };
    snapshot.limits[row.name] = { max: Number(row.max), remaining: Number(row.remaining) };
    snapshots.set(row.taken_at_utc, snapshot);
  }
  return [...snapshots.values()];
}
