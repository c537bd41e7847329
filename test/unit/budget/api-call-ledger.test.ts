import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countsAgainstDailyLimit, recordApiCallsToLedger } from '../../../activities/budget/index.js';
import { ApiUsageTracker, type ApiCallEvent } from '../../../salesforce/index.js';
import { FakeBudgetStore } from './fake-budget-store.js';

const T0 = Date.parse('2025-03-01T12:00:10.000Z');
/** `status: null`: no response arrived. */
const call = (route = '/query', status: number | null = 200): ApiCallEvent =>
  ({ method: 'GET', route, durationMs: 1, bytes: 1, ...(status === null ? {} : { status }) });

describe('countsAgainstDailyLimit', () => {
  it.each([
    { route: '/query', status: 200, counted: true },
    { route: '/sobjects/{object}/describe', status: 404, counted: true },
    { route: '/limits', status: 403, counted: true },
    { route: '/services/oauth2/token', status: 200, counted: false },
    { route: '/services/data/', status: 200, counted: false },
    { route: '/query', status: null, counted: false },
  ])('$route with status $status counted: $counted', ({ route, status, counted }) => {
    expect(countsAgainstDailyLimit(call(route, status))).toBe(counted);
  });
});

describe('recordApiCallsToLedger', () => {
  let store: FakeBudgetStore;
  let usage: ApiUsageTracker;
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    store = new FakeBudgetStore();
    usage = new ApiUsageTracker();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the calls of a connection at most once per interval, one upsert per minute', async () => {
    const ledger = recordApiCallsToLedger({ store, caller: 'sfsync', flushEveryMs: 5_000 });
    ledger.attach('prod', usage);
    for (let i = 0; i < 7; i++) usage.recordCall(call());
    usage.recordCall(call('/services/oauth2/token'));
    expect(ledger.pending()).toBe(7);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(store.buckets).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.buckets).toEqual([{ connection: 'prod', caller: 'sfsync', minute: Math.floor(T0 / 60_000), calls: 7 }]);
    expect(ledger.pending()).toBe(0);
    await ledger.close();
  });

  it('keeps calls in the minute they were made in', async () => {
    const ledger = recordApiCallsToLedger({ store, caller: 'sfsync', flushEveryMs: 120_000 });
    ledger.attach('prod', usage);
    usage.recordCall(call());
    vi.setSystemTime(T0 + 60_000);
    usage.recordCall(call());
    usage.recordCall(call());
    await ledger.flush();
    expect(store.buckets.map((bucket) => bucket.calls)).toEqual([1, 2]);
    expect(await store.apiCallsInWindow({ connection: 'prod', caller: 'sfsync', since: new Date(T0 + 60_000) })).toBe(2);
    await ledger.close();
  });

  it('keeps counts buffered through a failed write and writes them with the next one', async () => {
    const logger = { warn: vi.fn() };
    const ledger = recordApiCallsToLedger({ store, caller: 'sfsync', flushEveryMs: 1_000, logger: logger as never });
    ledger.attach('prod', usage);
    ledger.attach('sandbox', usage);
    usage.recordCall(call());
    store.failWrites = new Error('database down');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(logger.warn).toHaveBeenCalledOnce();
    expect(ledger.pending()).toBe(2);
    store.failWrites = undefined;
    usage.recordCall(call());
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await store.apiCallsInWindow({ connection: 'prod', since: new Date(T0 - 60_000) })).toBe(2);
    expect(await store.apiCallsInWindow({ connection: 'sandbox', since: new Date(T0 - 60_000) })).toBe(2);
    await ledger.close();
  });

  it('loses nothing on close: writes the buffer and waits for a write under way', async () => {
    const ledger = recordApiCallsToLedger({ store, caller: 'sfsync', flushEveryMs: 60_000 });
    ledger.attach('prod', usage);
    usage.recordCall(call());
    const first = ledger.flush();
    usage.recordCall(call());
    await ledger.close();
    await first;
    usage.recordCall(call());
    expect(await store.apiCallsInWindow({ connection: 'prod', since: new Date(T0 - 60_000) })).toBe(2);
    expect(ledger.pending()).toBe(0);
    expect(usage.listenerCount('api-call')).toBe(0);
  });

  it('rejects close when the last write fails, with the counts still pending', async () => {
    const ledger = recordApiCallsToLedger({ store, caller: 'sfsync' });
    ledger.attach('prod', usage);
    usage.recordCall(call());
    store.failWrites = new Error('database down');
    await expect(ledger.close()).rejects.toThrow('database down');
    expect(ledger.pending()).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
