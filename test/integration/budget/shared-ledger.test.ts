import { describe, expect, it } from 'vitest';
import {
  callerShareFreesAt, createCheckBudget, createSnapshotLimits, recordApiCallsToLedger, type BudgetAlert,
} from '../../../activities/budget/index.js';
import { ApiUsageTracker, type Limits } from '../../../salesforce/index.js';
import { DRIVERS, useStores } from '../store/harness.js';

const T0 = Date.parse('2025-03-01T12:00:20.000Z');
const MINUTE = 60_000;
const budget = { warnAt: 0.7, throttleAt: 0.75, recheckMinutes: 5, callerShare: 50 };
const apiCall = { method: 'GET', route: '/query', status: 200, durationMs: 1, bytes: 1 };
const limitsAt = (used: number): Limits => ({ DailyApiRequests: { max: 15_000, remaining: 15_000 - used } });

/** One worker process: its own client usage tracker, ledger buffer and budget check, on its own store connection. */
function worker(store: Parameters<typeof recordApiCallsToLedger>[0]['store'] & Parameters<typeof createCheckBudget>[0]['store'], now: () => number) {
  const usage = new ApiUsageTracker();
  const client = { usage, limits: () => Promise.resolve(limitsAt(100)) };
  const ledger = recordApiCallsToLedger({ store, caller: 'sfsync', flushEveryMs: 60_000, now });
  ledger.attach('prod', usage);
  const checkBudget = createCheckBudget({ salesforce: { get: () => client }, store, budgetFor: () => budget, caller: 'sfsync', now, ledger });
  return { usage, ledger, checkBudget, spend: (calls: number) => { for (let i = 0; i < calls; i++) usage.recordCall(apiCall); } };
}

describe.each(DRIVERS)('the shared API budget on %s', (kind) => {
  const stores = useStores(kind);

  it('counts the calls of two worker processes in one rolling window and pauses both at the caller share', async () => {
    const store = await stores.newStore();
    let now = T0;
    const a = worker(store, () => now);
    const b = worker(await stores.peerStore(store), () => now);

    a.spend(30);
    await a.ledger.flush(); // A's write interval elapses; B's own calls are flushed by its check
    now += 10 * MINUTE;
    b.spend(19);
    expect(await b.checkBudget({ connection: 'prod' })).toMatchObject({ action: 'proceed', usage: { callerCalls: 49, callerShare: 50 } });

    b.spend(1);
    await b.ledger.flush();
    const check = await a.checkBudget({ connection: 'prod' });
    // A's 30 calls in the 12:00 minute leave the rolling day at 12:01 tomorrow: 20 < 50 remain.
    expect(check).toMatchObject({ action: 'pause', reason: 'CALLER_SHARE', resumeAt: '2025-03-02T12:01:00.000Z', usage: { callerCalls: 50 } });
    await a.ledger.close();
    await b.ledger.close();
    expect(await store.apiCallsInWindow({ connection: 'prod', caller: 'sfsync', since: new Date(T0 - MINUTE) })).toBe(50);
  });

  it('finds when the share frees up with the database summing the minutes', async () => {
    const store = await stores.newStore();
    for (const [hoursAgo, calls] of [[23.5, 10], [12, 25], [1, 20]] as const) {
      await store.recordApiCalls({ connection: 'prod', caller: 'sfsync', calls, at: new Date(T0 - hoursAgo * 60 * MINUTE) });
    }
    await store.recordApiCalls({ connection: 'prod', caller: 'someone-else', calls: 1_000, at: new Date(T0) });
    const freesAt = await callerShareFreesAt(store, { connection: 'prod', caller: 'sfsync', share: 40, now: T0 });
    // 55 calls; dropping the 10 of 2025-02-28T12:30Z leaves 45, dropping the 25 of 00:00Z leaves 20 < 40.
    expect(new Date(freesAt!).toISOString()).toBe('2025-03-02T00:01:00.000Z');
  });

  it('alerts a crossing once for the fleet: a second worker compares with the snapshot the first one stored', async () => {
    const store = await stores.newStore();
    const peer = await stores.peerStore(store);
    const sent: Array<Omit<BudgetAlert, 'kind'>> = [];
    let used = 10_000;
    let now = T0;
    const snapshotter = (s: typeof store) => createSnapshotLimits({
      salesforce: { get: () => ({ usage: new ApiUsageTracker(), limits: () => Promise.resolve(limitsAt(used)) }) },
      store: s,
      budgetFor: () => budget,
      alerts: { send: (alert) => Promise.resolve(void sent.push(alert)) },
      now: () => now,
    });
    await snapshotter(store)({ connection: 'prod' });
    used = 10_800;
    now += 5 * MINUTE;
    expect(await snapshotter(peer)({ connection: 'prod' })).toMatchObject({ previousRatio: 10_000 / 15_000, crossed: [0.7] });
    used = 10_900;
    now += 5 * MINUTE;
    expect(await snapshotter(store)({ connection: 'prod' })).toMatchObject({ crossed: [] });
    expect(sent.map((alert) => alert.threshold)).toEqual([0.7]);
  });
});
