import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FaultRule } from '../../emulator/index.js';
import { startPostgres, type RunningPostgres } from '../../scripts/postgres.js';
import type { syncObjectWorkflow } from '../../workflows/index.js';
import { actualRows, expectedRows } from '../support/sync-harness.js';
import { waitFor } from '../support/wait-for.js';
import type { WorkerProcess } from '../support/worker-process.js';
import { useWorkerProcesses } from '../support/worker-process-fixture.js';

const CONNECTION = 'chaos';
const REST_OBJECT = 'Account';
const BULK_OBJECT = 'Contact';
const REST_RECORDS = 6000;
const BATCH = 200;

// The data routes a pull sync reads: REST query pages, Bulk API 2.0 job status and result pages. GET only: a job
// creation cut by a reset leaves an orphan job behind, which is a test of its own.
const DATA_ROUTES = 're:^/services/data/v[0-9.]+/(query|jobs/query)';

/**
 * About 30 % of data calls fail, from fixed seeds so a failure can be replayed: Salesforce's own 503, Edge's HTML 502
 * and 504 pages, bodies cut by a connection reset, and sessions killed before their time.
 */
const DATA_FAULTS: FaultRule[] = [
  { route: DATA_ROUTES, method: 'GET', fault: { kind: 'server-unavailable' }, probability: 0.08, seed: 1 },
  { route: DATA_ROUTES, method: 'GET', fault: { kind: 'edge-html', status: 502 }, probability: 0.05, seed: 2 },
  { route: DATA_ROUTES, method: 'GET', fault: { kind: 'edge-html', status: 504 }, probability: 0.05, seed: 3 },
  { route: DATA_ROUTES, method: 'GET', fault: { kind: 'connection-reset' }, probability: 0.08, seed: 4 },
  { route: DATA_ROUTES, method: 'GET', fault: { kind: 'invalid-session' }, probability: 0.04, seed: 5 },
  // Slow enough that the worker kill and the database restarts land while both syncs are reading.
  { route: DATA_ROUTES, method: 'GET', fault: { kind: 'latency', ms: 150 } },
];

const gone = (worker: WorkerProcess) => worker.child.exitCode !== null || worker.child.signalCode !== null;

describe('chaos: faults on every layer at once', () => {
  // A cluster of its own: this test restarts it, which the run's shared one must never do under other tests.
  let postgres: RunningPostgres | undefined;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => postgres?.stop());
  const fixture = useWorkerProcesses(CONNECTION, {
    seed: `${REST_OBJECT}=${REST_RECORDS},${BULK_OBJECT}=8000`,
    // Tokens die every 8 seconds: every worker logs in again several times during the run.
    tokenTtlSeconds: 8,
    faults: DATA_FAULTS,
  }, { databaseUrl: () => postgres!.url });

  const startSync = (object: string, bulkThreshold: number) =>
    fixture.temporal.client.workflow.start<typeof syncObjectWorkflow>('syncObjectWorkflow', {
      taskQueue: fixture.taskQueue,
      workflowId: `chaos-${object}-${Date.now()}`,
      args: [{
        connection: CONNECTION,
        object,
        bulkThreshold,
        tuning: { batchSize: BATCH, maxPagesPerActivity: 3, bulkPageRecords: 1_000, heartbeatTimeoutSeconds: 5, consistencyLagSeconds: 0 },
      }],
    });

  it('ends with the tables equal to the org, field by field, without a full re-sync or a worker crash', async () => {
    const { emulator, store } = fixture;
    const env = fixture.env();
    const survivor = fixture.spawn(env, { built: inject('builtWorkerPath') });
    const victim = fixture.spawn(env, { built: inject('builtWorkerPath') });
    // The first Bulk job's result is cut short: the sync must abandon it and read its window again by itself.
    await emulator.admin.addBulkJobFaults([{ jobType: 'query', object: BULK_OBJECT, times: 1, fault: { kind: 'truncate', missingRows: 137 } }]);

    // The org keeps changing while it is read: edits, creates and deletes on both objects.
    let changing = true;
    const changes = (async () => {
      while (changing) {
        for (const object of [REST_OBJECT, BULK_OBJECT]) await emulator.admin.mutate({ object, update: 4, create: 1, delete: 1 });
        await sleep(400);
      }
    })();

    const rest = await startSync(REST_OBJECT, 1_000_000_000);
    const bulk = await startSync(BULK_OBJECT, 0);
    const committedPages = async (object: string) => (await store.readSyncState(CONNECTION, object).catch(() => null))?.pagesCommitted ?? 0;
    await waitFor('committed REST pages', async () => (await committedPages(REST_OBJECT)) >= 2, { timeoutMs: 60_000 });

    const pagesAtKill = await committedPages(REST_OBJECT);
    victim.child.kill('SIGKILL');
    await postgres!.restart();
    const replacement = fixture.spawn(env, { built: inject('builtWorkerPath') });
    await sleep(3_000);
    const runningAtLastRestart = await Promise.all([rest, bulk].map(async (handle) => (await handle.describe()).status.name));
    await postgres!.restart();

    const [restSummary, bulkSummary] = await Promise.all([rest.result(), bulk.result()]);
    changing = false;
    await changes;
    expect(restSummary).toMatchObject({ mode: 'incremental', route: 'rest' });
    expect(bulkSummary).toMatchObject({ mode: 'incremental' });
    expect(bulkSummary.abandonedBulkJobs.map((job) => job.reason)).toContain('BULK_RESULT_COUNT_MISMATCH');

    // One more incremental run of each reads what changed while the first ones ran, still under the faults.
    const catchUp = await Promise.all([(await startSync(REST_OBJECT, 1_000_000_000)).result(), (await startSync(BULK_OBJECT, 1_000_000_000)).result()]);
    for (const summary of catchUp) expect(summary.mode).toBe('incremental');
    // The kill and the restarts landed mid-read, and activities failed and ran again rather than failing the syncs.
    expect(pagesAtKill).toBeLessThan(REST_RECORDS / BATCH);
    expect(runningAtLastRestart).toEqual(['RUNNING', 'RUNNING']);
    const attempts = await Promise.all([rest, bulk].map(async (handle) =>
      ((await handle.fetchHistory()).events ?? []).map((event) => event.activityTaskStartedEventAttributes?.attempt ?? 1)));
    expect(Math.max(...attempts.flat())).toBeGreaterThan(1);

    for (const object of [REST_OBJECT, BULK_OBJECT]) {
      expect(await actualRows(store, object)).toEqual(await expectedRows(emulator, fixture.connection, store, object));
    }
    // The faults really fired: sessions died and were renewed, and data calls failed and were retried.
    const calls = await emulator.admin.callCounts();
    const sum = (match: (route: string) => boolean) => Object.entries(calls).filter(([route]) => match(route)).reduce((total, [, n]) => total + n, 0);
    expect(sum((route) => route.includes('/oauth2/token'))).toBeGreaterThan(3);
    // Only the worker this test killed is gone: none died of a fault.
    expect([survivor, replacement].filter(gone).map((worker) => worker.output())).toEqual([]);
    for (const worker of [survivor, replacement]) expect(worker.output()).not.toMatch(/Unhandled 'error' event|uncaughtException/);
  });
});
