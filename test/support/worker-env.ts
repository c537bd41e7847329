import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { ConnectionConfig } from '../../salesforce/index.js';
import { writeWorkerConfig } from './worker-process.js';

/**
 * The environment of a `worker/main.ts` process on the run's shared Temporal server and PostgreSQL: a config
 * file naming `connection` (plus any extra top-level sections), the task queue and the destination schema.
 */
export function workerProcessEnv(options: {
  connection: ConnectionConfig;
  taskQueue: string;
  schema: string;
  sections?: Record<string, unknown>;
  /** Default: the run's PostgreSQL. */
  databaseUrl?: string;
}): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: inject('temporalNamespace'),
    SFSYNC_TASK_QUEUE: options.taskQueue,
    SFSYNC_CONFIG: writeWorkerConfig(mkdtempSync(join(tmpdir(), `${options.connection.name}-`)), options.connection, options.sections),
    DATABASE_URL: options.databaseUrl ?? inject('databaseUrl'),
    SFSYNC_DB_SCHEMA: options.schema,
  };
}
