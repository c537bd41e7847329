import type { Queryable } from './driver.js';

/**
 * Serialises schema changes of every worker on one schema for the rest of the transaction: concurrent
 * `CREATE ... IF NOT EXISTS` and `ADD COLUMN` otherwise race on the catalog and fail with unique violations.
 */
export async function lockSchemaChanges(tx: Queryable, schema: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))', [`sfsync:${schema}`]);
}
