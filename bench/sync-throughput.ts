// Measures a full sync of one object end to end: records per second, Salesforce API calls, and the worker
// process's peak RSS. Real pieces only: the Temporal dev server, the emulator, PostgreSQL, and `worker/main.ts`
// as its own process (so its memory is measured alone).
//   npx tsx bench/sync-throughput.ts --records 50000              (REST: under the Bulk threshold)
//   npx tsx bench/sync-throughput.ts --records 1000000 --bulk     (Bulk API 2.0)
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { startEmulator } from '../emulator/index.js';
import { startDevServer } from '../scripts/lib/dev-server.js';
import { ensureTemporalCli } from '../scripts/lib/temporal-cli.js';
import { startPostgres } from '../scripts/postgres.js';
import { spawnWorker, writeWorkerConfig } from '../test/support/worker-process.js';
import { emulatorConnectionConfig } from '../test/support/sync-harness.js';
import { buildWorkflowBundle } from '../worker/workflow-bundle.js';
import type { syncObjectWorkflow } from '../workflows/index.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '50000' },
    object: { type: 'string', default: 'Account' },
    bulk: { type: 'boolean', default: false },
    // Caps the worker's V8 heap: shows whether memory is bounded (it then fits) or grows with the record count.
    'worker-heap-mb': { type: 'string' },
  },
});
const records = Number(values.records);
const object = values.object;

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

const server = await startDevServer({ cli: ensureTemporalCli(), uiPort: false });
const postgres = await startPostgres();
const seedStarted = Date.now();
const emulator = await startEmulator({ seed: `${object}=${records}`, limits: { dailyApiRequests: 5_000_000 } });
console.error(`seeded ${records} ${object} records in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
const dir = mkdtempSync(join(tmpdir(), 'sfsync-bench-'));
// Prebuilt, as in production: webpack's bundling at worker start would otherwise dominate the peak RSS.
const bundlePath = join(dir, 'workflow-bundle.js');
writeFileSync(bundlePath, (await buildWorkflowBundle()).code);
const taskQueue = `bench-${Date.now()}`;
const worker = spawnWorker({
  TEMPORAL_ADDRESS: server.address,
  SFSYNC_TASK_QUEUE: taskQueue,
  SFSYNC_CONFIG: writeWorkerConfig(dir, emulatorConnectionConfig(emulator, 'bench')),
  DATABASE_URL: postgres.url,
  SFSYNC_WORKFLOW_BUNDLE: bundlePath,
  ...(values['worker-heap-mb'] ? { NODE_OPTIONS: `--max-old-space-size=${values['worker-heap-mb']}` } : {}),
});
const connection = await Connection.connect({ address: server.address });
try {
  const client = new Client({ connection });
  const started = Date.now();
  const summary = await client.workflow.execute<typeof syncObjectWorkflow>('syncObjectWorkflow', {
    taskQueue,
    workflowId: `bench-${object}-${Date.now()}`,
    args: [{ connection: 'bench', object, mode: 'full', bulkThreshold: values.bulk ? 0 : Number.MAX_SAFE_INTEGER, tuning: { consistencyLagSeconds: 0 } }],
  });
  const seconds = (Date.now() - started) / 1000;
  const result = {
    object,
    records: summary.upserted + summary.deleted,
    route: summary.route,
    seconds: Number(seconds.toFixed(1)),
    recordsPerSecond: Math.round((summary.upserted + summary.deleted) / seconds),
    apiCalls: summary.apiCalls,
    pages: summary.pages,
    workerPeakRssMb: peakRssMb(worker.child.pid ?? 0),
    workerHeapCapMb: values['worker-heap-mb'] ? Number(values['worker-heap-mb']) : null,
  };
  console.log(JSON.stringify(result));
  writeFileSync(join(dir, 'result.json'), JSON.stringify(result));
} finally {
  worker.child.kill('SIGTERM');
  await worker.exited;
  await connection.close();
  await emulator.close();
  await postgres.stop();
  await server.stop();
}
