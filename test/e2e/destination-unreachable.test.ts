import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../common/sync-progress.js';
import type { Store } from '../../store/index.js';
import { startSyncHarness, type SyncHarness } from '../support/sync-harness.js';

/** The destination as a worker sees it while its database refuses connections: every call fails as pg's would. */
function refusingWhile(down: () => boolean) {
  return (store: Store): Store => new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (down()) return Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111 }));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe('a sync started while the destination database is down', () => {
  let harness: SyncHarness;
  let down = true;
  beforeAll(async () => {
    harness = await startSyncHarness({ destination: 'pglite', emulator: { seed: 'Account=300' }, activityStore: refusingWhile(() => down) });
    await harness.startWorker();
  });
  afterAll(async () => harness?.close());

  it('says in its progress that the destination is unreachable and since when, then carries on by itself', async () => {
    const startedAt = Date.now();
    const handle = await harness.startSync({ object: 'Account' });
    let progress: SyncProgress | undefined;
    await expect.poll(async () => (progress = await handle.query<SyncProgress>('progress')).blocked ?? null, { timeout: 30_000, interval: 250 })
      .toMatchObject({ reason: 'DESTINATION_UNREACHABLE', detail: expect.stringContaining('ECONNREFUSED') });
    expect(progress?.phase).toBe('planning');
    const since = Date.parse(progress!.blocked!.since);
    expect(since).toBeGreaterThanOrEqual(startedAt - 1_000);
    expect(since).toBeLessThanOrEqual(Date.now());

    down = false;
    const summary = await handle.result();
    expect(summary.upserted).toBe(300);
    expect((await handle.query<SyncProgress>('progress')).blocked).toBeNull();
    expect(await harness.actualRows('Account')).toEqual(await harness.expectedRows('Account'));
  });
});
