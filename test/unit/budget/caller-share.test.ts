import { describe, expect, it } from 'vitest';
import { callerShareFreesAt, ROLLING_DAY_MS } from '../../../activities/budget/index.js';
import { FakeBudgetStore } from './fake-budget-store.js';

const NOW = Date.parse('2025-03-01T12:00:30.000Z');
const HOUR = 3_600_000;
const query = { connection: 'prod', caller: 'sfsync', share: 100, now: NOW };

describe('callerShareFreesAt', () => {
  it('is undefined while the caller is under its share', async () => {
    const store = new FakeBudgetStore();
    await store.spend('prod', 'sfsync', 99, NOW - HOUR);
    expect(await callerShareFreesAt(store, query)).toBeUndefined();
  });

  it('is the moment the minute that brings the count under the share leaves the rolling day', async () => {
    const store = new FakeBudgetStore();
    await store.spend('prod', 'sfsync', 30, NOW - 20 * HOUR); // 2025-02-28T16:00:30Z
    await store.spend('prod', 'sfsync', 50, NOW - 10 * HOUR); // 2025-03-01T02:00:30Z
    await store.spend('prod', 'sfsync', 40, NOW - HOUR);
    // 120 calls: dropping the oldest 30 leaves 90 < 100, once the window starts after the 16:00 minute.
    expect(new Date((await callerShareFreesAt(store, query))!).toISOString()).toBe('2025-03-01T16:01:00.000Z');
    expect(store.windowQueries).toBeLessThanOrEqual(12);
  });

  it('waits for as many minutes as it takes, not just the oldest one', async () => {
    const store = new FakeBudgetStore();
    await store.spend('prod', 'sfsync', 1, NOW - 23 * HOUR);
    await store.spend('prod', 'sfsync', 150, NOW - 2 * HOUR); // 10:00:30Z
    expect(new Date((await callerShareFreesAt(store, query))!).toISOString()).toBe('2025-03-02T10:01:00.000Z');
  });

  it('counts only this caller on this connection', async () => {
    const store = new FakeBudgetStore();
    await store.spend('prod', 'other-integration', 500, NOW - HOUR);
    await store.spend('sandbox', 'sfsync', 500, NOW - HOUR);
    await store.spend('prod', 'sfsync', 100, NOW - 3 * HOUR);
    expect(await callerShareFreesAt(store, query)).toBe(Math.floor((NOW - 3 * HOUR) / 60_000) * 60_000 + 60_000 + ROLLING_DAY_MS);
  });
});
