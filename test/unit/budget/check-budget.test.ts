import { beforeEach, describe, expect, it } from 'vitest';
import { createCheckBudget, type CheckBudgetDeps } from '../../../activities/budget/index.js';
import { toSalesforceError } from '../../../salesforce/index.js';
import { FakeBudgetStore, limitsWith } from './fake-budget-store.js';
import { FakeLimitsClient } from './fake-client.js';

const T0 = Date.parse('2025-03-01T12:00:00.000Z');
const MINUTE = 60_000;
const budget = { warnAt: 0.7, throttleAt: 0.75, recheckMinutes: 5 };

describe('checkBudget', () => {
  let store: FakeBudgetStore;
  let client: FakeLimitsClient;
  let now: number;
  const check = (overrides: Partial<CheckBudgetDeps> = {}) =>
    createCheckBudget({
      salesforce: { get: () => client },
      store,
      budgetFor: () => budget,
      caller: 'sfsync',
      now: () => now,
      ...overrides,
    });

  beforeEach(() => {
    store = new FakeBudgetStore();
    client = new FakeLimitsClient();
    now = T0;
  });

  it('reads /limits once when it has nothing fresher, and stores the snapshot for other workers', async () => {
    client.answerLimits(() => {
      client.respond(900, 15_000, '/limits');
      return limitsWith(900, 15_000);
    });
    const result = await check()({ connection: 'prod' });
    expect(result).toEqual({
      action: 'proceed',
      usage: { org: { used: 900, max: 15_000, ratio: 0.06, source: 'limits', observedAt: '2025-03-01T12:00:00.000Z' }, callerCalls: 0, callerShare: null },
    });
    expect(client.limitsCalls).toBe(1);
    expect(store.snapshots).toHaveLength(1);
  });

  it('uses the usage header of a recent response instead of spending a call', async () => {
    const checkBudget = check();
    client.answerLimits(() => limitsWith(100, 15_000));
    await checkBudget({ connection: 'prod' });
    now += MINUTE;
    client.respond(11_300, 15_000);
    now += MINUTE;
    const result = await checkBudget({ connection: 'prod' });
    expect(client.limitsCalls).toBe(1);
    expect(result).toMatchObject({ action: 'pause', reason: 'ORG_THRESHOLD', resumeAt: '2025-03-01T12:07:00.000Z' });
    expect(result.usage.org).toEqual({ used: 11_300, max: 15_000, ratio: 11_300 / 15_000, source: 'response', observedAt: '2025-03-01T12:01:00.000Z' });
  });

  it('ignores a usage header seen before it started following the client, whose age is unknown', async () => {
    client.respond(14_000, 15_000);
    store.snapshots.push({ connection: 'prod', takenAt: new Date(T0 - MINUTE).toISOString(), limits: limitsWith(200, 15_000) });
    const result = await check()({ connection: 'prod' });
    expect(result).toMatchObject({ action: 'proceed', usage: { org: { used: 200, source: 'snapshot' } } });
    expect(client.limitsCalls).toBe(0);
  });

  it('falls back to a stored snapshot when the last response is too old', async () => {
    const checkBudget = check();
    client.answerLimits(() => limitsWith(100, 15_000));
    await checkBudget({ connection: 'prod' });
    client.respond(500, 15_000);
    now += 3 * MINUTE;
    store.snapshots.push({ connection: 'prod', takenAt: new Date(now - MINUTE).toISOString(), limits: limitsWith(11_500, 15_000) });
    const result = await checkBudget({ connection: 'prod' });
    expect(result).toMatchObject({ action: 'pause', reason: 'ORG_THRESHOLD', usage: { org: { used: 11_500, source: 'snapshot' } } });
    expect(client.limitsCalls).toBe(1);
  });

  it('reads /limits again when the stored snapshot is too old', async () => {
    store.snapshots.push({ connection: 'prod', takenAt: new Date(T0 - 11 * MINUTE).toISOString(), limits: limitsWith(100, 15_000) });
    client.answerLimits(() => limitsWith(12_000, 15_000));
    const result = await check()({ connection: 'prod' });
    expect(result).toMatchObject({ action: 'pause', reason: 'ORG_THRESHOLD', usage: { org: { used: 12_000, source: 'limits' } } });
  });

  it('pauses instead of failing when /limits itself is refused with REQUEST_LIMIT_EXCEEDED', async () => {
    const checkBudget = check();
    client.answerLimits(() => {
      client.respond(15_000, 15_000, '/limits');
      throw toSalesforceError({ code: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' });
    });
    const result = await checkBudget({ connection: 'prod' });
    expect(result).toMatchObject({
      action: 'pause',
      reason: 'REQUEST_LIMIT_EXCEEDED',
      resumeAt: '2025-03-01T12:05:00.000Z',
      usage: { org: { used: 15_000, max: 15_000, source: 'response' } },
    });
  });

  it('pauses after the sync itself was refused with REQUEST_LIMIT_EXCEEDED, even when usage looks fine', async () => {
    const checkBudget = check();
    client.answerLimits(() => limitsWith(100, 15_000));
    await checkBudget({ connection: 'prod' });
    client.respond(2_000, 15_000);
    const result = await checkBudget({ connection: 'prod', requestLimitExceeded: true });
    expect(result).toMatchObject({ action: 'pause', reason: 'REQUEST_LIMIT_EXCEEDED', detail: expect.stringContaining('while org API usage is 2,000 of 15,000 (13.3%)') });
  });

  it('passes any other /limits failure on', async () => {
    client.answerLimits(() => {
      throw toSalesforceError({ code: 'INVALID_ARGUMENT', message: 'boom' });
    });
    await expect(check()({ connection: 'prod' })).rejects.toThrow('boom');
  });

  it('pauses on the caller share until its oldest calls leave the rolling day, counting every worker', async () => {
    client.answerLimits(() => limitsWith(1_000, 15_000));
    await store.spend('prod', 'sfsync', 300, T0 - 23 * 60 * MINUTE); // another worker, 13:00Z yesterday
    await store.spend('prod', 'sfsync', 200, T0 - 30 * MINUTE);
    await store.spend('prod', 'another-integration', 5_000, T0 - 30 * MINUTE);
    const result = await check({ budgetFor: () => ({ ...budget, callerShare: 500 }) })({ connection: 'prod' });
    expect(result).toMatchObject({
      action: 'pause',
      reason: 'CALLER_SHARE',
      resumeAt: '2025-03-01T13:01:00.000Z',
      usage: { callerCalls: 500, callerShare: 500 },
    });
  });

  it("flushes this process's buffered calls before counting them", async () => {
    client.answerLimits(() => limitsWith(1_000, 15_000));
    const ledger = { flush: () => store.spend('prod', 'sfsync', 10, now) };
    const result = await check({ ledger, budgetFor: () => ({ ...budget, callerShare: 10 }) })({ connection: 'prod' });
    expect(result).toMatchObject({ action: 'pause', reason: 'CALLER_SHARE', usage: { callerCalls: 10 } });
  });
});
