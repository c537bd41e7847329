import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { ConnectionConfig } from '../../salesforce/index.js';
import { writeWorkerConfig } from './worker-process.js';

/**
 * The environment of a `worker/main.ts` process on the run's shared Temporal server and PostgreSQL: a config
 * file naming `connection` (plus any extra top-level sections) with `schema` as its destination schema
 * (`syncs.NAME.schema`), and the task queue.
 */
export function workerProcessEnv(options: {
  connection: ConnectionConfig;
  taskQueue: string;
  schema: string;
  sections?: Record<string, unknown>;
  /** Default: the run's PostgreSQL. */
  databaseUrl?: string;
}): Record<string, string> {
  const { name } = options.connection;
  const syncs = (options.sections?.syncs ?? {}) as Record<string, Record<string, unknown>>;
  const sections = { ...options.sections, syncs: { ...syncs, [name]: { ...syncs[name], schema: options.schema } } };
  return {
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: inject('temporalNamespace'),
    SFSYNC_TASK_QUEUE: options.taskQueue,
    SFSYNC_CONFIG: writeWorkerConfig(mkdtempSync(join(tmpdir(), `${options.connection.name}-`)), options.connection, sections),
    DATABASE_URL: options.databaseUrl ?? inject('databaseUrl'),
    // Also the legacy schema, so a worker never adopts a `salesforce` schema another test left in the shared database.
    SFSYNC_DB_SCHEMA: options.schema,
  };
}
