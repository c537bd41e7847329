import { LEDGER_TABLE } from './api-call-ledger.js';
import { HISTORY_TABLE } from './api-usage-history.js';
import { lockSchemaChanges } from './ddl-lock.js';
import type { Driver, Queryable } from './driver.js';
import { quoteIdent } from './identifiers.js';
import { RUNS_TABLE } from './sync-runs.js';
import { STATE_TABLE } from './sync-state.js';

/** What became of the legacy single schema when a connection's own schema was first needed. */
export type LegacySchemaOutcome =
  /** The connection's schema existed already, or no legacy schema (or none of sfsync's) was there. */
  | { kind: 'none' }
  /** The legacy schema held only this connection: it was renamed to the connection's schema. */
  | { kind: 'adopted' }
  /** It holds another connection only: it is that connection's to adopt. */
  | { kind: 'other'; connections: string[] }
  /** It holds several connections, whose rows may be mixed: left alone, the connection starts afresh. */
  | { kind: 'shared'; connections: string[] };

const BOOKKEEPING_TABLES = [STATE_TABLE, RUNS_TABLE, LEDGER_TABLE, HISTORY_TABLE];

async function schemaExists(db: Queryable, schema: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  return rows.length > 0;
}

/** The connections the legacy schema's bookkeeping names, or null when it has no sync state table (not sfsync's). */
async function legacyConnections(db: Queryable, legacy: string): Promise<string[] | null> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND relname = ANY($2::text[])`,
    [legacy, `{${BOOKKEEPING_TABLES.join(',')}}`],
  );
  const tables = rows.map((row) => row.name);
  if (!tables.includes(STATE_TABLE)) return null;
  const union = tables.map((table) => `SELECT connection FROM ${quoteIdent(legacy)}.${quoteIdent(table)}`).join(' UNION ');
  const found = await db.query<{ connection: string }>(`SELECT connection FROM (${union}) AS named ORDER BY connection`);
  return found.rows.map((row) => row.connection);
}

/**
 * Before connections had schemas of their own, every connection wrote to one schema (`salesforce`, or the
 * configured `destination.schema`). When `connection`'s schema does not exist yet and that legacy schema names no
 * other connection, it becomes the connection's schema by a rename (tables, rows and cursors kept). Under the
 * schema-change lock of the legacy schema, taken by every connection's first open, so of two workers starting at
 * once one renames and the other finds the schema there.
 */
export async function adoptLegacySchema(driver: Driver, legacy: string, schema: string, connection: string): Promise<LegacySchemaOutcome> {
  if (legacy === schema) return { kind: 'none' };
  return driver.transaction(async (tx) => {
    await lockSchemaChanges(tx, legacy);
    await lockSchemaChanges(tx, schema);
    if (await schemaExists(tx, schema)) return { kind: 'none' };
    if (!(await schemaExists(tx, legacy))) return { kind: 'none' };
    const connections = await legacyConnections(tx, legacy);
    if (connections === null) return { kind: 'none' };
    const others = connections.filter((name) => name !== connection);
    if (others.length === 0) {
      await tx.query(`ALTER SCHEMA ${quoteIdent(legacy)} RENAME TO ${quoteIdent(schema)}`);
      return { kind: 'adopted' };
    }
    return connections.includes(connection) ? { kind: 'shared', connections } : { kind: 'other', connections };
  });
}
