import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SalesforceConnections } from '../../../activities/salesforce-connections.js';
import {
  createBudgetAlerts, createCheckBudget, createSnapshotLimits, recordApiCallsToLedger, type ApiCallLedger,
} from '../../../activities/budget/index.js';
import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { TokenCache } from '../../../salesforce/index.js';
import type { Store } from '../../../store/index.js';
import { emulatorConfig } from '../salesforce/emulator-connections.js';
import { useStores } from '../store/harness.js';
import { capturedLogger } from './log-capture.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

const DAILY_LIMIT = 100;
const budget = { warnAt: 0.7, throttleAt: 0.75, recheckMinutes: 5 };
const COUNT_ACCOUNTS = 'SELECT COUNT() FROM Account';

describe('the API budget against the emulator', () => {
  const stores = useStores('pglite');
  let emulator: RunningEmulator;
  let salesforce: SalesforceConnections;
  let receiver: WebhookReceiver;
  let store: Store;
  let ledger: ApiCallLedger;

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'Account=10', limits: { dailyApiRequests: DAILY_LIMIT } });
    salesforce = new SalesforceConnections([emulatorConfig(emulator.credentials, 'jwt', { name: 'prod' })], { tokenCache: new TokenCache() });
    receiver = await startWebhookReceiver();
    store = await stores.newStore();
    ledger = recordApiCallsToLedger({ store, caller: 'sfsync', flushEveryMs: 60_000 });
    ledger.attach('prod', salesforce.get('prod').usage);
  });
  afterAll(async () => {
    await ledger.close();
    await salesforce.close();
    await receiver.close();
    await emulator.close();
  });

  it('throttles on usage by another integration, alerts at 70 % and 75 %, pauses on REQUEST_LIMIT_EXCEEDED and proceeds after the window resets', async () => {
    const client = salesforce.get('prod');
    const { logger } = capturedLogger();
    const alerts = createBudgetAlerts({ logger, webhookUrl: receiver.url });
    const deps = { salesforce, store, budgetFor: () => budget, alerts, now: Date.now };
    const checkBudget = createCheckBudget({ ...deps, caller: 'sfsync', ledger });
    const snapshotLimits = createSnapshotLimits(deps);

    // Nothing known yet: one /limits call, stored for the other workers.
    expect(await checkBudget({ connection: 'prod' })).toMatchObject({ action: 'proceed', usage: { org: { used: 1, max: DAILY_LIMIT, source: 'limits' } } });
    for (let i = 0; i < 9; i++) await client.count(COUNT_ACCOUNTS);
    await ledger.flush();
    // The ledger counts exactly what Salesforce counts: not the token or version-list calls.
    expect(await store.apiCallsInWindow({ connection: 'prod', caller: 'sfsync', since: new Date(Date.now() - 60_000) }))
      .toBe((await emulator.admin.apiUsage()).used);

    await emulator.admin.spendApiCalls(60);
    expect(await snapshotLimits({ connection: 'prod' })).toMatchObject({ used: 71, usedRatio: 0.71, crossed: [0.7] });
    expect(await checkBudget({ connection: 'prod' })).toMatchObject({ action: 'proceed', usage: { org: { used: 71, source: 'response' } } });

    await emulator.admin.spendApiCalls(4);
    await client.count(COUNT_ACCOUNTS);
    expect(await checkBudget({ connection: 'prod' })).toMatchObject({
      action: 'pause',
      reason: 'ORG_THRESHOLD',
      detail: 'org API usage 76 of 100 (76%) is at or above the throttle threshold of 75%',
      usage: { org: { used: 76, source: 'response' } },
    });
    expect(await snapshotLimits({ connection: 'prod' })).toMatchObject({ used: 77, crossed: [0.75] });
    expect(receiver.received.map((alert) => alert.body)).toEqual([
      expect.objectContaining({ kind: 'sfsync.api_budget', connection: 'prod', threshold: 0.7, used: 71, max: DAILY_LIMIT, org: expect.stringMatching(/^00D/) }),
      expect.objectContaining({ kind: 'sfsync.api_budget', connection: 'prod', threshold: 0.75, used: 77, max: DAILY_LIMIT }),
    ]);

    await emulator.admin.spendApiCalls(DAILY_LIMIT);
    await expect(client.count(COUNT_ACCOUNTS)).rejects.toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED' });
    expect(await checkBudget({ connection: 'prod', requestLimitExceeded: true })).toMatchObject({
      action: 'pause',
      reason: 'REQUEST_LIMIT_EXCEEDED',
      usage: { org: { used: 177, source: 'response' } },
    });

    // The rolling day moves past every call (advancing the emulator's clock a day would also expire the JWT's session).
    await emulator.admin.resetApiUsage();
    expect(await snapshotLimits({ connection: 'prod' })).toMatchObject({ used: 1, crossed: [], recovered: [0.7, 0.75] });
    expect(await checkBudget({ connection: 'prod' })).toMatchObject({ action: 'proceed', usage: { org: { used: 1 } } });
    expect(receiver.received).toHaveLength(2);
  });
});
