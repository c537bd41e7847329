import { describe, expect, inject, it } from 'vitest';
import type { syncObjectWorkflow } from '../../workflows/index.js';
import { actualRows, expectedRows } from '../support/sync-harness.js';
import { waitFor } from '../support/wait-for.js';
import { useWorkerProcesses } from '../support/worker-process-fixture.js';

const RECORDS = 3000;
const BATCH = 200;

describe('a worker process killed in the middle of a sync', () => {
  // Slow pages, so the kill lands between commits rather than after the last one.
  const fixture = useWorkerProcesses('crash', { seed: `Account=${RECORDS}`, faults: [{ route: 're:^/services/data/v[0-9.]+/query', fault: { kind: 'latency', ms: 250 } }] });

  it('finishes after a restart with the table equal to the org and no committed page applied twice', async () => {
    const { emulator, temporal, store, connection, taskQueue } = fixture;
    const env = fixture.env();
    const first = fixture.spawn(env, { built: inject('builtWorkerPath') });
    const handle = await temporal.client.workflow.start<typeof syncObjectWorkflow>('syncObjectWorkflow', {
      taskQueue,
      workflowId: `crash-${taskQueue}`,
      args: [{ connection: 'crash', object: 'Account', tuning: { batchSize: BATCH, heartbeatTimeoutSeconds: 5, consistencyLagSeconds: 0 } }],
    });

    await waitFor('three committed pages', async () => ((await store.readSyncState('crash', 'Account'))?.pagesCommitted ?? 0) >= 3, { timeoutMs: 90_000 });
    first.child.kill('SIGKILL');
    await first.exited;
    const committedAtKill = (await store.readSyncState('crash', 'Account'))!.pagesCommitted;
    expect(committedAtKill).toBeLessThan(RECORDS / BATCH);

    fixture.spawn(env, { built: inject('builtWorkerPath') });
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
