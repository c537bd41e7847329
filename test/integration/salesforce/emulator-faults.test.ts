import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../emulator/index.js';
import type { Clock, SalesforceClient } from '../../../salesforce/index.js';
import { createSalesforceClient, systemClock, TokenCache } from '../../../salesforce/index.js';
import { emulatorConfig, emulatorEnv } from './emulator-connections.js';

const ACCOUNTS = 1000;
/** The older cursor lifetime: 15 minutes idle (docs/salesforce-api.md §4.2); shorter than the 2 h token lifetime. */
const CURSOR_TTL_MS = 15 * 60_000;

// Cursors bound to the session that opened them, as Airbyte reports with refresh token rotation (docs/salesforce-api.md §4.2).
let emu: Awaited<ReturnType<typeof startEmulator>>;
const clients: SalesforceClient[] = [];

beforeAll(async () => {
  emu = await startEmulator({ seed: `Account=${ACCOUNTS}`, cursors: { boundToSession: true, ttlMs: CURSOR_TTL_MS } });
});

afterEach(async () => {
  await emu.admin.clearFaults();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await emu.close();
});

/** Emulator time minus real time; JWT assertions must carry the emulator's idea of "now". */
let skewMs = 0;
const emulatorClock: Clock = { now: () => Date.now() + skewMs, sleep: (ms, signal) => systemClock.sleep(ms, signal) };

async function advanceEmulatorClock(ms: number): Promise<void> {
  skewMs = (await emu.admin.advanceClock(ms)) - Date.now();
}

function client(): SalesforceClient {
  const created = createSalesforceClient(emulatorConfig(emu.credentials, 'jwt'), {
    env: emulatorEnv(emu.credentials),
    tokenCache: new TokenCache(),
    clock: emulatorClock,
  });
  clients.push(created);
  return created;
}

async function drain(records: AsyncIterable<unknown>, onRecord: (index: number) => Promise<void> = () => Promise.resolve()): Promise<number> {
  let count = 0;
  for await (const _record of records) await onRecord((count += 1));
  return count;
}

describe('the client under injected faults', () => {
  it('retries a 503 HTML page from the edge in the middle of a query and reads every record', async () => {
    const sf = client();
    await emu.admin.injectFaults([{ route: '/services/data/*/query/*', method: 'GET', sequence: [{ kind: 'edge-html', status: 503 }, { kind: 'edge-html', status: 502 }] }]);
    await expect(drain(sf.query('SELECT Id FROM Account', { batchSize: 200 }))).resolves.toBe(ACCOUNTS);
  });

  it('reports a reset during a POST as a retryable NETWORK error and does not send it again', async () => {
    const sf = client();
    await sf.connect();
    const before = await sf.count("SELECT COUNT() FROM Account WHERE Name = 'Reset once'");
    await emu.admin.injectFaults([{ route: '/services/data/*/sobjects/Account', method: 'POST', fault: { kind: 'connection-reset' }, times: 1 }]);
    await expect(sf.create('Account', { Name: 'Reset once' })).rejects.toMatchObject({ code: 'NETWORK', retryable: true });
    // The write happened before the reset: this is why only idempotent requests are retried in-process.
    await expect(sf.count("SELECT COUNT() FROM Account WHERE Name = 'Reset once'")).resolves.toBe(before + 1);
  });

  it('refreshes once when a session dies early and the request then succeeds', async () => {
    const sf = client();
    await sf.connect();
    await emu.admin.injectFaults([{ route: '/services/data/*/limits', fault: { kind: 'invalid-session' }, times: 1 }]);
    await expect(sf.limits()).resolves.toHaveProperty('DailyApiRequests');
  });

  it('reports row locks per record inside a collections response', async () => {
    const sf = client();
    await emu.admin.injectFaults([{ route: '/services/data/*/composite/sobjects', method: 'POST', fault: { kind: 'unable-to-lock-row' }, times: 1 }]);
    const results = await sf.collections.create('Account', [{ Name: 'L1' }, { Name: 'L2' }]);
    expect(results).toEqual([
      expect.objectContaining({ success: false, errors: [expect.objectContaining({ statusCode: 'UNABLE_TO_LOCK_ROW' })] }),
      expect.objectContaining({ success: false, errors: [expect.objectContaining({ statusCode: 'UNABLE_TO_LOCK_ROW' })] }),
    ]);
  });

  it('hands REQUEST_LIMIT_EXCEEDED to the caller without retrying it', async () => {
    const sf = client();
    await sf.connect();
    await emu.admin.resetCallCounts();
    await emu.admin.injectFaults([{ route: '/services/data/*/limits', fault: { kind: 'request-limit-exceeded' } }]);
    await expect(sf.limits()).rejects.toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED', status: 403, retryable: true });
    const counts = await emu.admin.callCounts();
    expect(Object.entries(counts).filter(([route]) => route.includes('limits')).map(([, n]) => n)).toEqual([1]);
  });

  it('surfaces an expired cursor as INVALID_QUERY_LOCATOR', async () => {
    const sf = client();
    const tokens: unknown[] = [];
    sf.usage.on('api-call', (call) => call.route === '/services/oauth2/token' && tokens.push(call));
    await expect(
      drain(sf.query('SELECT Id FROM Account', { batchSize: 200 }), async (index) => {
        if (index === 200) await advanceEmulatorClock(CURSOR_TTL_MS + 60_000);
      }),
    ).rejects.toMatchObject({ code: 'INVALID_QUERY_LOCATOR', retryable: false });
    expect(tokens).toHaveLength(1); // the session is still valid: the cursor itself expired
  });

  it('surfaces a cursor tied to an expired session as INVALID_QUERY_LOCATOR after the token refresh', async () => {
    const sf = client();
    const tokens: unknown[] = [];
    sf.usage.on('api-call', (call) => call.route === '/services/oauth2/token' && tokens.push(call));
    await expect(
      drain(sf.query('SELECT Id FROM Account', { batchSize: 200 }), async (index) => {
        if (index === 200) await emu.admin.expireTokens();
      }),
    ).rejects.toMatchObject({ code: 'INVALID_QUERY_LOCATOR' });
    expect(tokens).toHaveLength(2);
  });
});
