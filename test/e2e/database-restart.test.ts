import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startPostgres, type RunningPostgres } from '../../scripts/postgres.js';
import type { syncObjectWorkflow } from '../../workflows/index.js';
import { actualRows, expectedRows } from '../support/sync-harness.js';
import { waitFor } from '../support/wait-for.js';
import type { WorkerProcess } from '../support/worker-process.js';
import { useWorkerProcesses } from '../support/worker-process-fixture.js';

const RESTARTS = 3;

describe('worker processes whose PostgreSQL restarts during a REST and a Bulk sync', () => {
  // A cluster of its own: the run's shared one must not restart under other tests.
  let postgres: RunningPostgres | undefined;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => postgres?.stop());
  // Slow query and result pages, so both syncs are still running through every restart.
  const fixture = useWorkerProcesses('pgrestart', {
    seed: 'Account=6000,Contact=8000',
    faults: [
      { route: 're:^/services/data/v[0-9.]+/query', fault: { kind: 'latency', ms: 300 } },
      { route: 're:/jobs/query/[^/]+/results', fault: { kind: 'latency', ms: 700 } },
    ],
  }, { databaseUrl: () => postgres!.url });

  it(`keeps both workers up through ${RESTARTS} immediate restarts and makes both tables equal to the org`, async () => {
    const { emulator, temporal, store, connection, taskQueue } = fixture;
    const env = fixture.env();
    const workers = [fixture.spawn(env, { built: inject('builtWorkerPath') }), fixture.spawn(env, { built: inject('builtWorkerPath') })];
    const tuning = { heartbeatTimeoutSeconds: 5, consistencyLagSeconds: 0 };
    const rest = await temporal.client.workflow.start<typeof syncObjectWorkflow>('syncObjectWorkflow', {
      taskQueue,
      workflowId: `pgrestart-rest-${taskQueue}`,
      args: [{ connection: 'pgrestart', object: 'Account', bulkThreshold: 1_000_000_000, tuning: { ...tuning, batchSize: 200 } }],
    });
    const bulk = await temporal.client.workflow.start<typeof syncObjectWorkflow>('syncObjectWorkflow', {
      taskQueue,
      workflowId: `pgrestart-bulk-${taskQueue}`,
      args: [{ connection: 'pgrestart', object: 'Contact', bulkThreshold: 0, tuning: { ...tuning, bulkPageRecords: 1_000 } }],
    });
    const committed = async (object: string) => ((await store.readSyncState('pgrestart', object))?.pagesCommitted ?? 0) >= 1;
    await waitFor('a committed page of each sync', async () => (await committed('Account')) && committed('Contact'), { timeoutMs: 60_000 });

    for (let restart = 0; restart < RESTARTS; restart += 1) {
      await untilWorkerInTransaction(postgres!.url);
      await postgres!.restart();
      await sleep(2_000);
      expect(workers.filter(gone).map((worker) => worker.output())).toEqual([]);
    }

    const [restSummary, bulkSummary] = await Promise.all([rest.result(), bulk.result()]);
    expect(restSummary.route).toBe('rest');
    expect(bulkSummary.route).toBe('bulk');
    expect(workers.filter(gone).map((worker) => worker.output())).toEqual([]);
    // Which transaction a restart cuts (a page commit, or the worker's own ledger flush) is timing; that a cut call
    // fails retryably is proven in test/integration/store/database-restart.test.ts.
    expect(await actualRows(store, 'Account')).toEqual(await expectedRows(emulator, connection, store, 'Account'));
    expect(await actualRows(store, 'Contact')).toEqual(await expectedRows(emulator, connection, store, 'Contact'));
  });
});

function gone(worker: WorkerProcess): boolean {
  return worker.child.exitCode !== null || worker.child.signalCode !== null;
}

/** Waits up to 5 s for a worker connection to be inside a transaction, so that the restart cuts one mid-work. */
async function untilWorkerInTransaction(databaseUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl, application_name: 'test-admin' });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const { rowCount } = await admin.query(
        "SELECT 1 FROM pg_stat_activity WHERE application_name = 'sfsync' AND xact_start IS NOT NULL AND pid <> pg_backend_pid()");
      if ((rowCount ?? 0) > 0) return;
      await sleep(10);
    }
  } finally {
    await admin.end();
  }
}
