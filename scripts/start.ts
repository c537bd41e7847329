// `npm start`: the whole pipeline on embedded defaults, in one command.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import type { diagnoseWorkflow } from '../workflows/index.js';
import { DEFAULT_TASK_QUEUE } from '../common/task-queue.js';
import { createWorker } from '../worker/create-worker.js';
import { installRuntime } from '../worker/runtime.js';
import { startDevServer, type DevServer } from './lib/dev-server.js';
import { ensureTemporalCli } from './lib/temporal-cli.js';

const dataDir = resolve(process.env.SFSYNC_DATA_DIR ?? '.data');
mkdirSync(dataDir, { recursive: true });
installRuntime();

let server: DevServer | undefined;
let address = process.env.TEMPORAL_ADDRESS;
let uiBase = process.env.TEMPORAL_UI_URL;
if (!address) {
  server = await startDevServer({ cli: ensureTemporalCli(), dbFile: resolve(dataDir, 'temporal.sqlite'), port: 7233, uiPort: 8233 });
  address = server.address;
  uiBase = server.uiUrl;
}

const nativeConnection = await NativeConnection.connect({ address });
const connection = await Connection.connect({ address });
const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
const client = new Client({ connection, namespace });
const taskQueue = process.env.SFSYNC_TASK_QUEUE ?? DEFAULT_TASK_QUEUE;
try {
  const worker = await createWorker({ connection: nativeConnection, namespace, taskQueue, activities: createActivities() });
  const workflowId = `diagnose-${Date.now()}`;
  const handle = await client.workflow.start<typeof diagnoseWorkflow>('diagnoseWorkflow', { taskQueue, workflowId, args: [] });
  const result = await worker.runUntil(handle.result());
  console.log(`worker ${JSON.stringify(result)}`);
  if (uiBase) console.log(`Web UI: ${uiBase}/namespaces/${namespace}/workflows/${workflowId}/${handle.firstExecutionRunId}/history`);
} finally {
  await nativeConnection.close();
  await connection.close();
  await server?.stop();
}
