import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startEmulator } from '../../emulator/index.js';
import { openStore, type Store } from '../../store/index.js';
import type { syncObjectWorkflow } from '../../workflows/index.js';
import { actualRows, emulatorConnectionConfig, expectedRows } from '../support/sync-harness.js';
import { connectTestTemporal, uniqueTaskQueue } from '../support/temporal.js';
import { spawnWorker, type WorkerProcess } from '../support/worker-process.js';
import { workerProcessEnv } from '../support/worker-env.js';

const RECORDS = 3000;
const BATCH = 200;

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a worker process killed in the middle of a sync', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
  let store: Store;
  const workers: WorkerProcess[] = [];
  const schema = `crash_${randomUUID().replaceAll('-', '').slice(0, 10)}`;

  beforeAll(async () => {
    // Slow pages, so the kill lands between commits rather than after the last one.
    emulator = await startEmulator({ seed: `Account=${RECORDS}`, faults: [{ route: 're:^/services/data/v[0-9.]+/query', fault: { kind: 'latency', ms: 250 } }] });
    temporal = await connectTestTemporal();
    store = await openStore({ databaseUrl: inject('databaseUrl'), schema });
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await store?.close();
    await emulator?.close();
    await temporal?.close();
  });

  it('finishes after a restart with the table equal to the org and no committed page applied twice', async () => {
    const connection = emulatorConnectionConfig(emulator, 'crash');
    const taskQueue = uniqueTaskQueue('crash');
    const env = workerProcessEnv({ connection, taskQueue, schema });
    workers.push(spawnWorker(env, { built: inject('builtWorkerPath') }));
    const handle = await temporal.client.workflow.start<typeof syncObjectWorkflow>('syncObjectWorkflow', {
      taskQueue,
      workflowId: `crash-${taskQueue}`,
      args: [{ connection: 'crash', object: 'Account', tuning: { batchSize: BATCH, heartbeatTimeoutSeconds: 5, consistencyLagSeconds: 0 } }],
    });

    await waitFor(async () => ((await store.readSyncState('crash', 'Account'))?.pagesCommitted ?? 0) >= 3, 90_000);
    workers[0]!.child.kill('SIGKILL');
    await workers[0]!.exited;
    const committedAtKill = (await store.readSyncState('crash', 'Account'))!.pagesCommitted;
    expect(committedAtKill).toBeLessThan(RECORDS / BATCH);

    workers.push(spawnWorker(env, { built: inject('builtWorkerPath') }));
    const summary = await handle.result();

    const state = await store.readSyncState('crash', 'Account');
    // Every page committed exactly once: a re-applied page would add to the count.
    expect(state?.pagesCommitted).toBe(RECORDS / BATCH);
    expect(summary.upserted).toBeLessThanOrEqual(RECORDS);
    expect(await actualRows(store, 'Account')).toEqual(await expectedRows(emulator, connection, store, 'Account'));

    const history = await handle.fetchHistory();
    const retried = (history.events ?? []).some((event) => (event.activityTaskStartedEventAttributes?.attempt ?? 1) > 1);
    expect(retried).toBe(true);
  });
});
