import { afterEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../common/sync-progress.js';
import { budgetSchema } from '../../config/sync-config.js';
import { startSyncHarness, type SyncHarness } from '../support/sync-harness.js';

async function waitForPause(handle: { query<T>(name: string): Promise<T> }, timeoutMs = 60_000): Promise<SyncProgress> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await handle.query<SyncProgress>('progress').catch(() => undefined);
    if (progress?.phase === 'paused') return progress;
    if (Date.now() > deadline) throw new Error(`no pause within ${timeoutMs} ms (last phase ${progress?.phase})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the API budget governor in a sync', () => {
  let harness: SyncHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('pauses at the throttle line with a clear reason, loses nothing, and finishes once the usage window resets', async () => {
    harness = await startSyncHarness({
      destination: 'pglite',
      emulator: { seed: 'Account=4000', limits: { dailyApiRequests: 20 } },
      // Re-check every 1.2 s instead of every 5 minutes.
      activityDeps: { budgetFor: () => budgetSchema.parse({ recheckMinutes: 0.02 }) },
    });
    await harness.startWorker();
    const handle = await harness.startSync({ object: 'Account', tuning: { batchSize: 200, maxPagesPerActivity: 100, consistencyLagSeconds: 0 } });

    const paused = await waitForPause(handle);
    expect(paused.pause?.reason).toBe('ORG_THRESHOLD');
    expect(paused.pause?.detail).toMatch(/usage \d+ of 20/);
    const usage = await harness.emulator.admin.apiUsage();
    // Throttled at 75 % of 20: before the cap, never after.
    expect(usage.used).toBeGreaterThanOrEqual(15);
    expect(usage.used).toBeLessThan(20);
    const description = await handle.describe();
    expect(description.typedSearchAttributes.getAll().find((pair) => pair.key.name === 'SfPaused')?.value).toBe(true);
    const committed = await harness.store.readSyncState('test', 'Account');
    expect(committed?.totalUpserted ?? 0).toBeLessThan(4000);

    await harness.emulator.admin.resetApiUsage();
    await harness.emulator.admin.setDailyApiLimit(1000);
    const summary = await handle.result();
    expect(summary.upserted).toBe(4000);
    expect(summary.pausedMs).toBeGreaterThan(0);
    expect(await harness.actualRows('Account')).toEqual(await harness.expectedRows('Account'));
  });

  it('pauses our sync when another integration spends the org past the threshold', async () => {
    harness = await startSyncHarness({
      destination: 'pglite',
      emulator: { seed: 'Account=600', limits: { dailyApiRequests: 100 } },
      activityDeps: { budgetFor: () => budgetSchema.parse({ recheckMinutes: 0.02 }) },
    });
    await harness.startWorker();
    await harness.emulator.admin.spendApiCalls(80);
    const handle = await harness.startSync({ object: 'Account', tuning: { batchSize: 200, consistencyLagSeconds: 0 } });
    const paused = await waitForPause(handle);
    expect(paused.pause?.reason).toBe('ORG_THRESHOLD');
    expect(paused.upserted).toBe(0);
    await harness.emulator.admin.resetApiUsage();
    expect((await handle.result()).upserted).toBe(600);
  });

  it('treats REQUEST_LIMIT_EXCEEDED in the middle of a sync as a pause, not a failure', async () => {
    harness = await startSyncHarness({
      destination: 'pglite',
      emulator: {
        seed: 'Account=1000',
        // The 3rd query call is refused as if the daily cap were spent.
        faults: [{ route: 're:^/services/data/v[0-9.]+/query', sequence: [null, null, 'request-limit-exceeded'] }],
      },
      activityDeps: { budgetFor: () => budgetSchema.parse({ recheckMinutes: 0.02 }) },
    });
    await harness.startWorker();
    const summary = await harness.sync({ object: 'Account', tuning: { batchSize: 200, consistencyLagSeconds: 0 } });
    expect(summary.upserted).toBe(1000);
    expect(summary.pausedMs).toBeGreaterThan(0);
    expect(await harness.actualRows('Account')).toEqual(await harness.expectedRows('Account'));
  });

  it('resumes at once when an operator overrides the budget', async () => {
    harness = await startSyncHarness({
      destination: 'pglite',
      emulator: { seed: 'Account=600', limits: { dailyApiRequests: 100 } },
      activityDeps: { budgetFor: () => budgetSchema.parse({ recheckMinutes: 60 }) },
    });
    await harness.startWorker();
    await harness.emulator.admin.spendApiCalls(80);
    const handle = await harness.startSync({ object: 'Account', tuning: { batchSize: 200, consistencyLagSeconds: 0 } });
    await waitForPause(handle);
    await handle.signal('overrideBudget', { by: 'test', reason: 'month-end close' });
    expect((await handle.result()).upserted).toBe(600);
  });
});
