import { describe, expect, it } from 'vitest';
import type { Store } from '../../../store/index.js';
import { DRIVERS, useStores } from './harness.js';

describe.each(DRIVERS)('API call ledger on %s', (kind) => {
  const { driver, newStore, peerStore } = useStores(kind);

  const buckets = async (store: Store) => (await driver().query(
    `SELECT connection, caller, to_char(minute AT TIME ZONE 'UTC', 'HH24:MI') AS minute, calls::int
       FROM "${store.schema}"._api_call_ledger ORDER BY connection, caller, minute`)).rows;

  it('adds calls made in the same minute to one bucket', async () => {
    const store = await newStore();

    await store.recordApiCalls({ connection: 'prod', caller: 'sync', calls: 3, at: '2024-01-01T10:00:05.000Z' });
    await store.recordApiCalls({ connection: 'prod', caller: 'sync', calls: 4, at: '2024-01-01T10:00:59.999Z' });
    await store.recordApiCalls({ connection: 'prod', caller: 'sync', calls: 5, at: '2024-01-01T10:01:00.000Z' });

    expect(await buckets(store)).toEqual([
      { connection: 'prod', caller: 'sync', minute: '10:00', calls: 7 },
      { connection: 'prod', caller: 'sync', minute: '10:01', calls: 5 },
    ]);
  });

  it('sums the whole minutes of a window, including the minute holding its start', async () => {
    const store = await newStore();
    await store.recordApiCalls({ connection: 'prod', caller: 'sync', calls: 2, at: '2024-01-01T09:59:59.000Z' });
    await store.recordApiCalls({ connection: 'prod', caller: 'sync', calls: 3, at: '2024-01-01T10:00:05.000Z' });
    await store.recordApiCalls({ connection: 'prod', caller: 'sync', calls: 5, at: '2024-01-01T10:01:00.000Z' });
    const since = (at: string) => store.apiCallsInWindow({ connection: 'prod', since: at });

    expect(await since('2024-01-01T09:00:00.000Z')).toBe(10);
    expect(await since('2024-01-01T10:00:30.000Z')).toBe(8);
    expect(await since('2024-01-01T10:01:00.000Z')).toBe(5);
    expect(await since('2024-01-01T10:02:00.000Z')).toBe(0);
  });

  it('counts one caller or every caller, never another connection', async () => {
    const store = await newStore();
    const at = '2024-01-01T10:00:00.000Z';
    await store.recordApiCalls({ connection: 'prod', caller: 'sync:Account', calls: 3, at });
    await store.recordApiCalls({ connection: 'prod', caller: 'governor', calls: 1, at });
    await store.recordApiCalls({ connection: 'sandbox', caller: 'sync:Account', calls: 50, at });

    expect(await store.apiCallsInWindow({ connection: 'prod', since: at })).toBe(4);
    expect(await store.apiCallsInWindow({ connection: 'prod', caller: 'sync:Account', since: at })).toBe(3);
    expect(await store.apiCallsInWindow({ connection: 'prod', caller: 'nobody', since: at })).toBe(0);
    expect(await store.apiCallsInWindow({ connection: 'sandbox', since: at })).toBe(50);
  });

  it('takes instants as Dates or as ISO text with any offset', async () => {
    const store = await newStore();

    await store.recordApiCalls({ connection: 'prod', caller: 'sync', calls: 2, at: new Date('2024-01-01T10:00:10.000Z') });
    await store.recordApiCalls({ connection: 'prod', caller: 'sync', calls: 3, at: '2024-01-01T12:00:50+0200' });

    expect(await buckets(store)).toEqual([{ connection: 'prod', caller: 'sync', minute: '10:00', calls: 5 }]);
    expect(await store.apiCallsInWindow({ connection: 'prod', since: new Date('2024-01-01T10:00:00.000Z') })).toBe(5);
  });

  it('stamps calls with the database clock when no time is given', async () => {
    const store = await newStore();
    const { rows: [clock] } = await driver().query<{ now: string }>(`SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS now`);
    const dbNow = Date.parse(clock!.now);

    await store.recordApiCalls({ connection: 'prod', caller: 'sync', calls: 6 });

    expect(await store.apiCallsInWindow({ connection: 'prod', since: new Date(dbNow - 60_000) })).toBe(6);
    expect(await store.apiCallsInWindow({ connection: 'prod', since: new Date(dbNow + 120_000) })).toBe(0);
  });

  it('loses no count when worker processes increment the same minute at once', async () => {
    const store = await newStore();
    const other = await peerStore(store);
    const at = '2024-01-01T10:00:30.000Z';
    const increments = Array.from({ length: 120 }, (_, i) => ({ store: i % 2 === 0 ? store : other, calls: (i % 7) + 1 }));

    await Promise.all(increments.map(({ store: worker, calls }) => worker.recordApiCalls({ connection: 'prod', caller: 'sync', calls, at })));

    const expected = increments.reduce((sum, { calls }) => sum + calls, 0);
    expect(await buckets(store)).toEqual([{ connection: 'prod', caller: 'sync', minute: '10:00', calls: expected }]);
    expect(await other.apiCallsInWindow({ connection: 'prod', since: at })).toBe(expected);
  });

  it('prunes the minutes wholly before the cutoff, keeping the window since the cutoff intact', async () => {
    const store = await newStore();
    for (const [at, calls] of [['09:58:10', 1], ['09:59:30', 2], ['10:00:20', 4], ['10:01:00', 8]] as const) {
      await store.recordApiCalls({ connection: 'prod', caller: 'sync', calls, at: `2024-01-01T${at}.000Z` });
    }
    const cutoff = '2024-01-01T10:00:40.000Z';
    const before = await store.apiCallsInWindow({ connection: 'prod', since: cutoff });

    expect(await store.pruneApiCallLedger(cutoff)).toBe(2);
    expect(await store.pruneApiCallLedger(cutoff)).toBe(0);
    expect(await store.apiCallsInWindow({ connection: 'prod', since: '2024-01-01T00:00:00.000Z' })).toBe(12);
    expect(await store.apiCallsInWindow({ connection: 'prod', since: cutoff })).toBe(before);
  });

  it('writes nothing for zero calls', async () => {
    const store = await newStore();

    await store.recordApiCalls({ connection: 'prod', caller: 'sync', calls: 0, at: '2024-01-01T10:00:00.000Z' });

    expect(await buckets(store)).toEqual([]);
  });

  it.each([
    ['negative calls', { connection: 'prod', caller: 'sync', calls: -1 }],
    ['fractional calls', { connection: 'prod', caller: 'sync', calls: 1.5 }],
    ['an empty caller', { connection: 'prod', caller: '', calls: 1 }],
    ['an empty connection', { connection: '', caller: 'sync', calls: 1 }],
    ['a time that is not a datetime', { connection: 'prod', caller: 'sync', calls: 1, at: 'yesterday' }],
    ['an invalid Date', { connection: 'prod', caller: 'sync', calls: 1, at: new Date(Number.NaN) }],
  ])('refuses a record with %s', async (_case, record) => {
    const store = await newStore();

    await expect(store.recordApiCalls(record)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.apiCallsInWindow({ connection: 'prod', since: 'soon' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.pruneApiCallLedger('soon')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await buckets(store)).toEqual([]);
  });
});
