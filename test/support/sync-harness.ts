import { randomUUID } from 'node:crypto';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { createActivities, SalesforceConnections, type ActivityDeps } from '../../activities/index.js';
import type { SyncObjectInput } from '../../common/sync-object-input.js';
import { startEmulator, type EmulatorOptions } from '../../emulator/index.js';
import { connectionConfigSchema, createSalesforceClient, type ConnectionConfig } from '../../salesforce/index.js';
import { fromRestValue, openConnectionStores, type ConnectionStores, type Store } from '../../store/index.js';
import { defaultConnectionSchema } from '../../config/connection-schemas.js';
import type { ResolvedConfig } from '../../config/load-config.js';
import { createWorker } from '../../worker/create-worker.js';
import type { syncObjectWorkflow } from '../../workflows/index.js';
import { connectTestTemporal, uniqueTaskQueue } from './temporal.js';

export type Destination = 'pglite' | 'postgres';
export const destinations: Destination[] = ['pglite', 'postgres'];

type RunningEmulator = Awaited<ReturnType<typeof startEmulator>>;

/** The emulator's org as a JWT-bearer connection, the way a real deployment names one. */
export function emulatorConnectionConfig(emulator: RunningEmulator, name = 'test'): ConnectionConfig {
  const { credentials } = emulator;
  return connectionConfigSchema.parse({
    name,
    loginUrl: credentials.loginUrl,
    apiVersion: credentials.apiVersion.startsWith('v') ? credentials.apiVersion : `v${credentials.apiVersion}`,
    auth: { flow: 'jwt', clientId: credentials.clientId, username: credentials.username, privateKey: { file: credentials.privateKeyPath } },
    transportRetry: { baseDelayMs: 10, maxDelayMs: 50 },
  });
}

/** The destination of `connections`, each in a schema of its own, as a worker opens it. */
export async function openTestStores(destination: Destination, connections: readonly string[]): Promise<ConnectionStores> {
  // Each harness gets its own schemas (PostgreSQL) or in-memory database (PGlite): tests never share tables.
  const prefix = destination === 'postgres' ? `t_${randomUUID().replaceAll('-', '').slice(0, 12)}` : 'salesforce';
  return openConnectionStores({
    ...(destination === 'postgres' ? { databaseUrl: inject('databaseUrl') } : { dataDir: 'memory://' }),
    schemas: new Map(connections.map((name) => [name, defaultConnectionSchema(prefix, name)])),
    legacySchema: prefix,
  });
}

/** A worker's resolved configuration for `connections` on a destination of its own (schemas under `prefix`). */
export function testWorkerConfig(destination: Destination, connections: ConnectionConfig[], prefix: string): ResolvedConfig {
  return {
    file: undefined,
    connections: new Map(connections.map((connection) => [connection.name, connection])),
    syncs: {},
    // Unused: tests create their workers on the run's Temporal themselves.
    temporal: { address: '127.0.0.1:7233', namespace: 'default', taskQueue: uniqueTaskQueue(prefix) },
    alerts: { webhookUrl: undefined },
    metrics: { port: undefined, host: '127.0.0.1' },
    destination: {
      databaseUrl: destination === 'postgres' ? inject('databaseUrl') : undefined,
      databaseUrlEnv: 'DATABASE_URL',
      schema: prefix,
      schemas: new Map(connections.map((connection) => [connection.name, defaultConnectionSchema(prefix, connection.name)])),
      pgliteDir: 'memory://',
    },
  };
}

/** Every org record, deleted ones included, as the table should hold it, keyed by Id. */
export async function expectedRows(
  emulator: RunningEmulator, connection: ConnectionConfig, store: Store, object: string,
): Promise<Map<string, Record<string, unknown>>> {
  const client = createSalesforceClient(connection);
  try {
    const describe = await client.describe(object);
    const columns = new Set(await store.syncedFields(object));
    const fields = describe.fields.filter((field) => columns.has(field.name));
    const expected = new Map<string, Record<string, unknown>>();
    for await (const record of emulator.admin.records(object, { includeDeleted: true })) {
      const row: Record<string, unknown> = {};
      for (const field of fields) row[field.name] = fromRestValue(field, record[field.name]);
      expected.set(String(record.Id), row);
    }
    return expected;
  } finally {
    await client.close();
  }
}

/** The table's rows without bookkeeping columns, keyed by Id. */
export async function actualRows(store: Store, object: string): Promise<Map<string, Record<string, unknown>>> {
  const rows = await store.readRows(object);
  return new Map(rows.map((row) => {
    const { _sf_deleted_at: _deletedAt, ...fields } = row;
    return [String(row.Id), fields];
  }));
}

export interface SyncHarnessOptions {
  destination: Destination;
  emulator?: EmulatorOptions;
  connectionName?: string;
  /** Extra activity dependencies (budget, ledger, alerts, metrics). */
  activityDeps?: Omit<ActivityDeps, 'salesforce' | 'stores'>;
  /** What the activities see of the destination (a store that fails on cue); the harness keeps the real one. */
  activityStore?: (store: Store) => Store;
}

/** The stores as the activities see them: each connection's store passed through `wrap`, if given. */
function activityStores(stores: ConnectionStores, wrap: ((store: Store) => Store) | undefined): ConnectionStores {
  if (!wrap) return stores;
  return {
    driver: stores.driver,
    connections: stores.connections,
    schemaFor: (connection) => stores.schemaFor(connection),
    get: async (connection) => wrap(await stores.get(connection)),
    close: () => stores.close(),
  };
}

/** An emulator org, a destination, and a worker with the real activities on a real Temporal dev server. */
export async function startSyncHarness(options: SyncHarnessOptions) {
  const temporal = await connectTestTemporal();
  const emulator = await startEmulator(options.emulator ?? {});
  const connection = emulatorConnectionConfig(emulator, options.connectionName ?? 'test');
  const stores = await openTestStores(options.destination, [connection.name]);
  const store = await stores.get(connection.name);
  const salesforce = new SalesforceConnections([connection]);
  const taskQueue = uniqueTaskQueue('sync');
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;

  const harness = {
    temporal,
    emulator,
    connection,
    stores,
    /** The store of the harness's connection. */
    store,
    salesforce,
    taskQueue,
    async startWorker(): Promise<void> {
      worker = await createWorker({
        connection: temporal.nativeConnection,
        namespace: temporal.namespace,
        taskQueue,
        activities: createActivities({ salesforce, stores: activityStores(stores, options.activityStore), ...options.activityDeps }),
        workflowBundle: temporal.workflowBundle,
      });
      running = worker.run();
    },
    async stopWorker(): Promise<void> {
      worker?.shutdown();
      await running;
      worker = undefined;
    },
    startSync(input: Partial<SyncObjectInput> & { object: string }): Promise<WorkflowHandleWithFirstExecutionRunId<typeof syncObjectWorkflow>> {
      return temporal.client.workflow.start<typeof syncObjectWorkflow>('syncObjectWorkflow', {
        taskQueue,
        workflowId: `sync-${input.object}-${randomUUID()}`,
        args: [{ connection: connection.name, tuning: { consistencyLagSeconds: 0 }, ...input }],
      });
    },
    async sync(input: Partial<SyncObjectInput> & { object: string }) {
      const handle = await harness.startSync(input);
      return handle.result();
    },
    expectedRows: (object: string) => expectedRows(emulator, connection, store, object),
    actualRows: (object: string) => actualRows(store, object),
    async close(): Promise<void> {
      await harness.stopWorker();
      await salesforce.close();
      await stores.close();
      await emulator.close();
      await temporal.close();
    },
  };
  return harness;
}

export type SyncHarness = Awaited<ReturnType<typeof startSyncHarness>>;
