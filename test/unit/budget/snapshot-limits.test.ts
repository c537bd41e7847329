import { beforeEach, describe, expect, it } from 'vitest';
import { createSnapshotLimits, type BudgetAlert, type BudgetAlerts } from '../../../activities/budget/index.js';
import { FakeBudgetStore, limitsWith } from './fake-budget-store.js';
import { FakeLimitsClient, ORG } from './fake-client.js';

const T0 = Date.parse('2025-03-01T12:00:00.000Z');

describe('snapshotLimits', () => {
  let store: FakeBudgetStore;
  let client: FakeLimitsClient;
  let sent: Array<Omit<BudgetAlert, 'kind'>>;
  let now: number;
  const alerts: BudgetAlerts = {
    send: (alert) => {
      sent.push(alert);
      return Promise.resolve();
    },
  };
  const snapshotLimits = () =>
    createSnapshotLimits({ salesforce: { get: () => client }, store, budgetFor: () => ({ warnAt: 0.7, throttleAt: 0.75, recheckMinutes: 5 }), alerts, now: () => now });
  const usageReads = (used: number) =>
    client.answerLimits(() => {
      client.respond(used, 15_000, '/limits');
      return limitsWith(used, 15_000);
    });

  beforeEach(() => {
    store = new FakeBudgetStore();
    client = new FakeLimitsClient();
    sent = [];
    now = T0;
  });

  it('records the snapshot and summarises the daily API requests and Bulk 2.0 query limits', async () => {
    usageReads(3_000);
    const summary = await snapshotLimits()({ connection: 'prod' });
    expect(summary).toEqual({
      connection: 'prod',
      org: ORG,
      takenAt: '2025-03-01T12:00:00.000Z',
      used: 3_000,
      max: 15_000,
      usedRatio: 0.2,
      previousRatio: null,
      crossed: [],
      recovered: [],
      bulkQueryJobs: { used: 10, max: 10_000, ratio: 0.001 },
      bulkQueryStorageMB: { used: 0, max: 976_562, ratio: 0 },
    });
    expect(store.snapshots).toEqual([{ connection: 'prod', takenAt: '2025-03-01T12:00:00.000Z', limits: limitsWith(3_000, 15_000) }]);
    expect(sent).toEqual([]);
  });

  it('alerts once per threshold crossed since the previous stored snapshot, and re-arms below it', async () => {
    const run = snapshotLimits();
    const ratios: Array<{ crossed: number[]; recovered: number[] }> = [];
    for (const used of [10_000, 10_600, 11_000, 11_400, 11_500, 10_000, 11_300]) {
      usageReads(used);
      now += 5 * 60_000;
      const summary = await run({ connection: 'prod' });
      ratios.push({ crossed: summary.crossed, recovered: summary.recovered });
    }
    expect(ratios).toEqual([
      { crossed: [], recovered: [] },
      { crossed: [0.7], recovered: [] },
      { crossed: [], recovered: [] },
      { crossed: [0.75], recovered: [] },
      { crossed: [], recovered: [] },
      { crossed: [], recovered: [0.7, 0.75] },
      { crossed: [0.7, 0.75], recovered: [] },
    ]);
    expect(sent.map((alert) => [alert.threshold, alert.used])).toEqual([[0.7, 10_600], [0.75, 11_400], [0.7, 11_300], [0.75, 11_300]]);
    expect(sent[0]).toEqual({ connection: 'prod', org: ORG, threshold: 0.7, ratio: 10_600 / 15_000, used: 10_600, max: 15_000, at: '2025-03-01T12:10:00.000Z' });
  });

  it('alerts before recording, so a retry after a failed write alerts again rather than never', async () => {
    usageReads(12_000);
    store.failWrites = new Error('database down');
    await expect(snapshotLimits()({ connection: 'prod' })).rejects.toThrow('database down');
    store.failWrites = undefined;
    await snapshotLimits()({ connection: 'prod' });
    expect(sent.map((alert) => alert.threshold)).toEqual([0.7, 0.75, 0.7, 0.75]);
  });

  it('fails with LIMITS_WITHOUT_DAILY_API_REQUESTS when /limits lacks DailyApiRequests', async () => {
    client.answerLimits(() => ({ DataStorageMB: { max: 5, remaining: 5 } }));
    await expect(snapshotLimits()({ connection: 'prod' })).rejects.toMatchObject({ name: 'SyncFailure', type: 'LIMITS_WITHOUT_DAILY_API_REQUESTS' });
  });
});
