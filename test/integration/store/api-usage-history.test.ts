import { describe, expect, it } from 'vitest';
import { DRIVERS, useStores } from './harness.js';

describe.each(DRIVERS)('API usage history on %s', (kind) => {
  const { driver, newStore } = useStores(kind);

  const limits = (remaining: number) => ({
    DailyApiRequests: { max: 15_000, remaining },
    DailyBulkV2QueryJobs: { max: 10_000, remaining: 9_990 },
  });

  it('returns the latest snapshot of a connection, or null before the first', async () => {
    const store = await newStore();
    expect(await store.latestLimitsSnapshot('prod')).toBeNull();

    await store.recordLimitsSnapshot({ connection: 'prod', takenAt: '2024-01-01T10:00:00.000Z', limits: limits(14_000) });
    await store.recordLimitsSnapshot({ connection: 'prod', takenAt: '2024-01-01T12:05:00.250+0200', limits: limits(13_500) });
    await store.recordLimitsSnapshot({ connection: 'sandbox', takenAt: '2024-01-01T11:00:00.000Z', limits: limits(1) });

    expect(await store.latestLimitsSnapshot('prod')).toEqual({ takenAt: '2024-01-01T10:05:00.250Z', limits: limits(13_500) });
  });

  it('lists the snapshots taken since an instant, oldest first', async () => {
    const store = await newStore();
    for (const [minute, remaining] of [[0, 14_000], [5, 13_000], [10, 12_000]] as const) {
      await store.recordLimitsSnapshot({ connection: 'prod', takenAt: new Date(Date.UTC(2024, 0, 1, 10, minute)), limits: limits(remaining) });
    }

    expect(await store.limitsHistory('prod', '2024-01-01T10:05:00.000Z')).toEqual([
      { takenAt: '2024-01-01T10:05:00.000Z', limits: limits(13_000) },
      { takenAt: '2024-01-01T10:10:00.000Z', limits: limits(12_000) },
    ]);
    expect(await store.limitsHistory('sandbox', '2024-01-01T00:00:00.000Z')).toEqual([]);
  });

  it('records the same snapshot again without a second copy', async () => {
    const store = await newStore();
    const snapshot = { connection: 'prod', takenAt: '2024-01-01T10:00:00.000Z', limits: limits(14_000) };

    await store.recordLimitsSnapshot(snapshot);
    await store.recordLimitsSnapshot(snapshot);

    const { rows: [count] } = await driver().query<{ n: number }>(`SELECT count(*)::int AS n FROM "${store.schema}"._api_usage_history`);
    expect(count?.n).toBe(2);
    expect(await store.limitsHistory('prod', '2024-01-01T00:00:00.000Z')).toEqual([{ takenAt: snapshot.takenAt, limits: limits(14_000) }]);
  });

  it('keeps a remaining count below zero, as a paid org over its allocation reports', async () => {
    const store = await newStore();

    await store.recordLimitsSnapshot({ connection: 'prod', takenAt: '2024-01-01T10:00:00.000Z', limits: limits(-250) });

    expect((await store.latestLimitsSnapshot('prod'))?.limits.DailyApiRequests).toEqual({ max: 15_000, remaining: -250 });
  });

  it('prunes the snapshots taken before the cutoff', async () => {
    const store = await newStore();
    await store.recordLimitsSnapshot({ connection: 'prod', takenAt: '2024-01-01T10:00:00.000Z', limits: limits(3) });
    await store.recordLimitsSnapshot({ connection: 'prod', takenAt: '2024-01-02T10:00:00.000Z', limits: limits(2) });

    expect(await store.pruneLimitsHistory('2024-01-02T10:00:00.000Z')).toBe(2);
    expect(await store.limitsHistory('prod', '2024-01-01T00:00:00.000Z')).toEqual([{ takenAt: '2024-01-02T10:00:00.000Z', limits: limits(2) }]);
  });

  it.each([
    ['a negative max', { DailyApiRequests: { max: -1, remaining: 0 } }],
    ['a fractional remaining count', { DailyApiRequests: { max: 10, remaining: 1.5 } }],
    ['text values, as the v29 resource gave them', { DailyApiRequests: { max: '15000', remaining: '14998' } }],
    ['an empty limit name', { '': { max: 1, remaining: 1 } }],
  ])('refuses a snapshot with %s', async (_case, badLimits) => {
    const store = await newStore();

    await expect(store.recordLimitsSnapshot({ connection: 'prod', takenAt: '2024-01-01T10:00:00.000Z', limits: badLimits as never }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.recordLimitsSnapshot({ connection: 'prod', takenAt: 'noon', limits: limits(1) }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await store.latestLimitsSnapshot('prod')).toBeNull();
  });
});
