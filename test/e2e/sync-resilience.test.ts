import { afterEach, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness } from '../support/sync-harness.js';

// Every query and query-more request: /query, /queryAll and /query/<locator>.
const QUERY_ROUTES = 're:^/services/data/v[0-9.]+/query';

describe('syncObjectWorkflow under a hostile org', () => {
  let harness: SyncHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('converges to an equal table with 30 % of query calls failing with 503s and connection resets', async () => {
    harness = await startSyncHarness({
      destination: 'postgres',
      emulator: {
        seed: 'Account=2000',
        faults: [
          { route: QUERY_ROUTES, fault: 'server-unavailable', probability: 0.15, seed: 7 },
          { route: QUERY_ROUTES, fault: 'connection-reset', probability: 0.15, seed: 11 },
        ],
      },
    });
    await harness.startWorker();
    const summary = await harness.sync({ object: 'Account', tuning: { batchSize: 200, maxPagesPerActivity: 3, consistencyLagSeconds: 0 } });
    expect(summary.upserted).toBe(2000);
    expect(await harness.actualRows('Account')).toEqual(await harness.expectedRows('Account'));
    const calls = await harness.emulator.admin.callCounts();
    const queryCalls = Object.entries(calls).filter(([route]) => route.includes('/query')).reduce((sum, [, n]) => sum + n, 0);
    // 10 pages of 200 need 10 successful calls; the faults must really have fired for this test to mean anything.
    expect(queryCalls).toBeGreaterThan(12);
  });

  it('refreshes an access token that expires in the middle of a sync and carries on', async () => {
    harness = await startSyncHarness({
      destination: 'pglite',
      emulator: {
        seed: 'Account=2400',
        // The session dies on the 4th query call, between pages of one open cursor: the token stops working.
        faults: [{ route: QUERY_ROUTES, sequence: [null, null, null, 'invalid-session'] }],
      },
    });
    await harness.startWorker();
    const summary = await harness.sync({ object: 'Account', tuning: { batchSize: 200, consistencyLagSeconds: 0 } });
    expect(summary.upserted).toBe(2400);
    expect(await harness.actualRows('Account')).toEqual(await harness.expectedRows('Account'));
    const calls = await harness.emulator.admin.callCounts();
    const tokenCalls = Object.entries(calls).filter(([route]) => route.includes('/oauth2/token')).reduce((sum, [, n]) => sum + n, 0);
    expect(tokenCalls).toBeGreaterThan(1);
  });
});
