import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerMetrics, type WorkerMetrics } from '../../worker/metrics/index.js';
import { sampleValue } from '../unit/metrics/prometheus-text.js';
import { startSyncHarness, type SyncHarness } from '../support/sync-harness.js';

const TEN_MINUTES_MS = 10 * 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a worker whose clock runs 10 minutes ahead of Salesforce', () => {
  let harness: SyncHarness;
  let metrics: WorkerMetrics;
  beforeAll(async () => {
    // The emulator keeps real time (its clock stamps records and sends the Date header); the worker's is 10 minutes fast.
    const now = () => Date.now() + TEN_MINUTES_MS;
    metrics = createWorkerMetrics({ store: { listSyncStates: () => Promise.resolve([]), latestLimitsSnapshot: () => Promise.resolve(null) }, processMetrics: false });
    harness = await startSyncHarness({ destination: 'pglite', emulator: { seed: 'Account=300' }, activityDeps: { now, metrics } });
    await harness.startWorker();
  });
  afterAll(async () => harness?.close());

  it("ends the window at Salesforce's time minus the lag, and skips no record changed after the window was planned", async () => {
    const lagSeconds = 1;
    // Bulk: a window read by one job moves the watermark to the window's end, so an end in the future would skip.
    const first = await harness.sync({ object: 'Account', bulkThreshold: 0, tuning: { consistencyLagSeconds: lagSeconds } });
    expect(first.route).toBe('bulk');
    const serverEnd = Date.now() - lagSeconds * 1000;
    // Salesforce's clock read from the Date header (to the second, rounded down), never the worker's.
    expect(Date.parse(first.windowEnd)).toBeLessThanOrEqual(serverEnd);
    expect(Date.parse(first.windowEnd)).toBeGreaterThan(serverEnd - 30_000);
    const skew = sampleValue(await metrics.registry.metrics(), 'sfsync_clock_skew_seconds', { connection: harness.connection.name });
    expect(skew).toBeGreaterThan(TEN_MINUTES_MS / 1000 - 5);
    expect(skew).toBeLessThan(TEN_MINUTES_MS / 1000 + 5);

    // Changed after the first window was planned: stamped by Salesforce before the worker's "now".
    const changed = await harness.emulator.admin.mutate({ object: 'Account', update: 25 });
    await sleep((lagSeconds + 2) * 1000);
    const second = await harness.sync({ object: 'Account', tuning: { consistencyLagSeconds: lagSeconds } });
    expect(second.upserted).toBeGreaterThanOrEqual(changed.updated.length);
    expect(await harness.actualRows('Account')).toEqual(await harness.expectedRows('Account'));
  });
});
