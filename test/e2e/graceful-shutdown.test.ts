import { describe, expect, inject, it } from 'vitest';
import type { syncObjectWorkflow } from '../../workflows/index.js';
import { actualRows, expectedRows } from '../support/sync-harness.js';
import { waitFor } from '../support/wait-for.js';
import { useWorkerProcesses } from '../support/worker-process-fixture.js';

const RECORDS = 3000;
const BATCH = 200;
const PAGES = RECORDS / BATCH;
const GRACE_SECONDS = 20;

describe('a worker process stopped with SIGTERM in the middle of a sync', () => {
  // Slow pages, so SIGTERM lands while the sync still has pages to read.
  const fixture = useWorkerProcesses('graceful', { seed: `Account=${RECORDS}`, faults: [{ route: 're:^/services/data/v[0-9.]+/query', fault: { kind: 'latency', ms: 250 } }] });

  it('exits 0 within the grace time, and the next worker finishes the sync with every page applied once', async () => {
    const { emulator, temporal, store, connection, taskQueue } = fixture;
    const env = { ...fixture.env(), SFSYNC_SHUTDOWN_GRACE: `${GRACE_SECONDS} seconds`, SFSYNC_WORKFLOW_BUNDLE: inject('workflowBundlePath') };
    const first = fixture.spawn(env);
    const handle = await temporal.client.workflow.start<typeof syncObjectWorkflow>('syncObjectWorkflow', {
      taskQueue,
      workflowId: `graceful-${taskQueue}`,
      // Two pages per activity: the in-flight one can finish inside the grace time, the rest is left to the next worker.
      args: [{ connection: 'graceful', object: 'Account', tuning: { batchSize: BATCH, maxPagesPerActivity: 2, consistencyLagSeconds: 0 } }],
    });

    await waitFor('three committed pages', async () => ((await store.readSyncState('graceful', 'Account'))?.pagesCommitted ?? 0) >= 3, { timeoutMs: 90_000 });
    const signalled = Date.now();
    first.child.kill('SIGTERM');
    const exit = await Promise.race([first.exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), GRACE_SECONDS * 1000))]);
    expect(exit, first.output()).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(GRACE_SECONDS * 1000);
    const committedAtExit = (await store.readSyncState('graceful', 'Account'))!.pagesCommitted;
    expect(committedAtExit).toBeLessThan(PAGES);
    // Activities read two pages each: an even count means the in-flight one finished before the process left.
    expect(committedAtExit % 2).toBe(0);
    expect((await handle.describe()).status.name).toBe('RUNNING');

    const second = fixture.spawn(env);
    const summary = await handle.result();

    // Every page committed exactly once: a re-applied page would add to the count.
    const state = await store.readSyncState('graceful', 'Account');
    expect(state?.pagesCommitted).toBe(PAGES);
    expect(summary).toMatchObject({ pages: PAGES, upserted: RECORDS, deleted: 0 });
    expect(await actualRows(store, 'Account')).toEqual(await expectedRows(emulator, connection, store, 'Account'));

    // Handed over, not cut off: no activity needed a second attempt, and both workers ran page activities.
    const events = (await handle.fetchHistory()).events ?? [];
    const starts = events.flatMap((event) => (event.activityTaskStartedEventAttributes ? [event.activityTaskStartedEventAttributes] : []));
    expect(starts.every((start) => (start.attempt ?? 1) === 1)).toBe(true);
    const identities = new Set(starts.map((start) => start.identity?.split('@')[0]));
    expect(identities).toEqual(new Set([String(first.child.pid), String(second.child.pid)]));
  });
});
