// Measures a full sync of one object end to end: records per second, Salesforce API calls, and the worker
// process's memory (idle, per quarter of the run, peak). Real pieces only: the Temporal dev server, the emulator,
// PostgreSQL, and the production worker (`npm run build`, `node dist/worker.mjs`) as its own process, so its
// memory is measured alone.
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
import { buildWorker } from '../scripts/lib/build-worker.js';
import type { syncObjectWorkflow } from '../workflows/index.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '50000' },
    object: { type: 'string', default: 'Account' },
    bulk: { type: 'boolean', default: false },
    // Caps the worker's V8 heap: shows whether memory is bounded (it then fits) or grows with the record count.
    'worker-heap-mb': { type: 'string' },
    // `npm run worker` (tsx, from source) instead of the production build.
    source: { type: 'boolean', default: false },
  },
});
const records = Number(values.records);
const object = values.object;

function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** The highest RSS sampled in each quarter of the run: flat memory shows as four close figures. */
function quarterPeaks(samples: readonly number[]): number[] {
  return [0, 1, 2, 3].map((q) => Math.max(...samples.slice(Math.floor((q * samples.length) / 4), Math.max(Math.floor(((q + 1) * samples.length) / 4), 1))));
}

const server = await startDevServer({ cli: ensureTemporalCli(), uiPort: false });
const postgres = await startPostgres();
const seedStarted = Date.now();
const emulator = await startEmulator({ seed: `${object}=${records}`, limits: { dailyApiRequests: 5_000_000 } });
console.error(`seeded ${records} ${object} records in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
const dir = mkdtempSync(join(tmpdir(), 'sfsync-bench-'));
// As in production: built ahead, workflow bundle included (webpack at worker start would dominate the peak RSS).
const built = await buildWorker();
const taskQueue = `bench-${Date.now()}`;
const worker = spawnWorker({
  TEMPORAL_ADDRESS: server.address,
  SFSYNC_TASK_QUEUE: taskQueue,
  SFSYNC_CONFIG: writeWorkerConfig(dir, emulatorConnectionConfig(emulator, 'bench')),
  DATABASE_URL: postgres.url,
  SFSYNC_WORKFLOW_BUNDLE: built.bundlePath,
  ...(values['worker-heap-mb'] ? { NODE_OPTIONS: `--max-old-space-size=${values['worker-heap-mb']}` } : {}),
}, values.source ? {} : { built: built.workerPath });
const connection = await Connection.connect({ address: server.address });
const samples: number[] = [];
try {
  const client = new Client({ connection });
  // The worker has started and polls: its memory before any work.
  await client.workflow.execute('diagnoseWorkflow', { taskQueue, workflowId: `bench-warmup-${Date.now()}`, args: [] });
  const idleRssMb = memoryMb(worker.child.pid ?? 0, 'VmRSS');
  const sampler = setInterval(() => samples.push(memoryMb(worker.child.pid ?? 0, 'VmRSS')), 500);
  const started = Date.now();
  const summary = await client.workflow.execute<typeof syncObjectWorkflow>('syncObjectWorkflow', {
    taskQueue,
    workflowId: `bench-${object}-${Date.now()}`,
    args: [{ connection: 'bench', object, mode: 'full', bulkThreshold: values.bulk ? 0 : Number.MAX_SAFE_INTEGER, tuning: { consistencyLagSeconds: 0 } }],
  });
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  const result = {
    object,
    records: summary.upserted + summary.deleted,
    route: summary.route,
    seconds: Number(seconds.toFixed(1)),
    recordsPerSecond: Math.round((summary.upserted + summary.deleted) / seconds),
    apiCalls: summary.apiCalls,
    pages: summary.pages,
    worker: values.source ? 'source (tsx)' : 'built',
    workerIdleRssMb: idleRssMb,
    workerRssQuarterPeaksMb: quarterPeaks(samples),
    workerPeakRssMb: memoryMb(worker.child.pid ?? 0, 'VmHWM'),
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
